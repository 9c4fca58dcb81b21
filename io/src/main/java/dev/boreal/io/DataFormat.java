package dev.boreal.io;

import dev.boreal.UsageException;
import java.util.Locale;

/** The file formats Boreal reads, named as users write them in {@code --format}. */
public enum DataFormat {
  /** Comma-separated (or another detected delimiter) text, RFC 4180 quoting. */
  CSV,
  /** Tab-separated text. */
  TSV,
  /** LibSVM / SVMlight sparse text: {@code label [qid:q] idx:value ...}. */
  LIBSVM,
  /** Apache Parquet. */
  PARQUET,
  /** Arrow IPC file (Feather v2). */
  ARROW;

  /** The lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a {@code --format} value.
   *
   * @throws UsageException naming the accepted values when {@code name} is none of them
   */
  public static DataFormat fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "csv": return CSV;
      case "tsv": case "tab": return TSV;
      case "libsvm": case "svmlight": case "svm": return LIBSVM;
      case "parquet": case "pq": return PARQUET;
      case "arrow": case "feather": case "ipc": return ARROW;
      default:
        throw new UsageException("Unknown --format '" + name
            + "': expected one of csv, tsv, libsvm, parquet, arrow.");
    }
  }

  /** The format a file name's extension names, or {@code null} when the extension says nothing. */
  public static DataFormat fromExtension(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv") || n.endsWith(".csv.gz")) {
      return CSV;
    }
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return TSV;
    }
    if (n.endsWith(".libsvm") || n.endsWith(".svm") || n.endsWith(".svmlight")) {
      return LIBSVM;
    }
    if (n.endsWith(".parquet") || n.endsWith(".pq")) {
      return PARQUET;
    }
    if (n.endsWith(".arrow") || n.endsWith(".feather") || n.endsWith(".ipc")) {
      return ARROW;
    }
    return null;
  }
}
