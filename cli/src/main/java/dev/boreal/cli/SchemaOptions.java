package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.io.DataFormat;
import dev.boreal.io.ReadOptions;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command that reads data shares: format, delimiter, header, and column roles. */
final class SchemaOptions {
  @Option(names = "--label", paramLabel = "NAME|INDEX",
      description = "The label column, by name or 0-based position (LibSVM: always the first field).")
  String label;

  @Option(names = "--weight", paramLabel = "NAME|INDEX", description = "The sample-weight column.")
  String weight;

  @Option(names = "--group", paramLabel = "NAME|INDEX",
      description = "The group (query id) column for ranking; rows of a group are consecutive.")
  String group;

  @Option(names = "--group-file", paramLabel = "FILE",
      description = "A LightGBM .query file: one group size per line, in row order.")
  Path groupFile;

  @Option(names = "--ignore", split = ",", paramLabel = "COL",
      description = "Columns to leave out, by name or position (comma-separated).")
  List<String> ignore = List.of();

  @Option(names = "--categorical", split = ",", paramLabel = "COL",
      description = "Columns to read as categorical even when they hold numbers.")
  List<String> categorical = List.of();

  @Option(names = "--numeric", split = ",", paramLabel = "COL",
      description = "Columns to read as numbers even when some values are not: such values read as missing "
          + "(CSV and TSV).")
  List<String> numeric = List.of();

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "csv, tsv, libsvm, parquet or arrow (default: from the extension, else sniffed).")
  String format;

  @Option(names = "--delimiter", paramLabel = "CHAR",
      description = "Field delimiter for delimited text: a character, or tab (default: detected).")
  String delimiter;

  @Option(names = "--max-columns", paramLabel = "N",
      description = "The most columns a data file may make (default: CSV and TSV unlimited; LibSVM, which makes a "
          + "column for every feature index up to the largest, 4 times the distinct indices it uses or 65536).")
  int maxColumns;

  @Option(names = "--no-header", description = "Delimited text has no header line; columns are named "
      + "Column_0, Column_1, ... by position.")
  boolean noHeader;

  /**
   * The read options these flags describe, reading with {@code threads} threads.
   *
   * @throws UsageException if {@code threads} (the command's {@code --threads}) is below 1
   */
  ReadOptions toReadOptions(int threads) {
    if (threads < 1) {
      throw new UsageException("--threads must be at least 1, but " + threads + " was given.");
    }
    if (maxColumns < 0) {
      throw new UsageException("--max-columns must be a positive number of columns, but " + maxColumns + " was given.");
    }
    ReadOptions o = ReadOptions.defaults()
        .withThreads(threads)
        .withHeader(!noHeader)
        .withLabel(label)
        .withWeight(weight)
        .withGroup(group)
        .withGroupFile(groupFile)
        .withIgnore(new LinkedHashSet<>(ignore))
        .withCategorical(new LinkedHashSet<>(categorical))
        .withNumeric(new LinkedHashSet<>(numeric))
        .withMaxColumns(maxColumns);
    if (format != null) {
      o = o.withFormat(DataFormat.fromName(format));
    }
    if (delimiter != null) {
      o = o.withDelimiter(parseDelimiter(delimiter));
    }
    return o;
  }

  private static char parseDelimiter(String d) {
    switch (d) {
      case "\\t":
      case "tab":
      case "\t":
        return '\t';
      default:
        if (d.length() != 1 || d.charAt(0) == '"' || d.charAt(0) == '\n' || d.charAt(0) == '\r') {
          throw new UsageException("--delimiter must be one character other than a quote or a line break, or "
              + "'tab'; got '" + d + "'.");
        }
        return d.charAt(0);
    }
  }
}
