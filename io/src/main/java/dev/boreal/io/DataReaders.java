package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.histogram.WorkerTeam;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/** The one entry point that turns a data file into a {@link Table}, whatever its format. */
public final class DataReaders {
  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ARROW_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
  private static final int SNIFF_BYTES = 64 * 1024;
  /** LibSVM files carry their label in the first field, which the reader names this. */
  static final String LIBSVM_LABEL = "label";

  private DataReaders() {}

  /**
   * Reads {@code file} into a table with the roles {@code options} name.
   *
   * @throws dev.boreal.InputException when the file is missing, empty, or malformed (the message names
   *     the file, and the row and column where they apply)
   * @throws dev.boreal.UsageException when an option does not fit the file (an unknown column, say)
   */
  public static Table read(Path file, ReadOptions options, BufferAllocator allocator) {
    try (WorkerTeam team = new WorkerTeam(options.threads())) {
      return read(file, options, allocator, team);
    }
  }

  /**
   * Reads {@code file} on a run's thread team (the one its binning and training use); see
   * {@link #read(Path, ReadOptions, BufferAllocator)}.
   */
  public static Table read(Path file, ReadOptions options, BufferAllocator allocator, WorkerTeam team) {
    if (!Files.exists(file)) {
      throw new InputException(file + ": no such file.");
    }
    if (Files.isDirectory(file)) {
      throw new InputException(file + ": is a directory, not a data file.");
    }
    byte[] head = head(file);
    if (head.length == 0) {
      throw new InputException(file + ": the file is empty.");
    }
    DataFormat format = formatOf(file, options, head);
    checkMagic(file, format, head);
    ReadOptions effective = options.withFormat(format);
    if (format == DataFormat.LIBSVM && options.label() == null) {
      effective = effective.withLabel(LIBSVM_LABEL);
    }
    RawTable raw;
    try {
      raw = readerFor(format).read(file, effective, allocator, team);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read the file (" + e.getMessage() + ").", e);
    }
    try {
      return new Table(file, raw, effective);
    } catch (RuntimeException e) {
      new Table.Releaser(raw).close();
      throw e;
    }
  }

  /** The format to read {@code file} with: the option, else the extension, else a look at its first bytes. */
  static DataFormat formatOf(Path file, ReadOptions options, byte[] head) {
    if (options.format() != null) {
      return options.format();
    }
    DataFormat byName = DataFormat.fromExtension(file.getFileName().toString());
    return byName != null ? byName : sniff(head);
  }

  static DataFormat sniff(byte[] head) {
    if (startsWith(head, PARQUET_MAGIC)) {
      return DataFormat.PARQUET;
    }
    if (startsWith(head, ARROW_MAGIC)) {
      return DataFormat.ARROW;
    }
    String text = new String(head, StandardCharsets.UTF_8);
    String firstLine = firstDataLine(text, head.length == SNIFF_BYTES);
    if (looksLikeLibSvm(firstLine)) {
      return DataFormat.LIBSVM;
    }
    return firstLine.indexOf('\t') >= 0 ? DataFormat.TSV : DataFormat.CSV;
  }

  /**
   * The first line that is neither blank nor a {@code #} comment; when the head was cut short inside that
   * line, the cut-off last token is dropped so that a partial {@code idx:} does not decide the format.
   */
  private static String firstDataLine(String text, boolean truncated) {
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        String last = text.substring(start);
        int cut = Math.max(last.lastIndexOf(' '), last.lastIndexOf('\t'));
        return (truncated && cut > 0 ? last.substring(0, cut) : last).trim();
      }
      String line = text.substring(start, end).trim();
      if (!line.isEmpty() && line.charAt(0) != '#') {
        return line;
      }
      start = end + 1;
    }
    return "";
  }

  /**
   * Whether a line reads as {@code label [qid:q] idx:value ... [# comment]}. Scanned by hand: a regular
   * expression with nested repetition backtracks badly (and overflows the stack) on wide lines.
   */
  static boolean looksLikeLibSvm(String line) {
    int hash = line.indexOf('#');
    String[] tokens = (hash < 0 ? line : line.substring(0, hash)).trim().split("[ \t]+");
    if (tokens.length < 2 || tokens[0].indexOf(':') >= 0) {
      return false;
    }
    for (int i = 1; i < tokens.length; i++) {
      String t = tokens[i];
      if (i == 1 && t.startsWith("qid:") && t.length() > 4) {
        continue;
      }
      int colon = t.indexOf(':');
      if (colon <= 0 || colon == t.length() - 1) {
        return false;
      }
      for (int k = 0; k < colon; k++) {
        if (!Character.isDigit(t.charAt(k))) {
          return false;
        }
      }
    }
    return tokens.length > 2 || !tokens[1].startsWith("qid:");
  }

  private static void checkMagic(Path file, DataFormat format, byte[] head) {
    if (format == DataFormat.PARQUET && !startsWith(head, PARQUET_MAGIC)) {
      throw new InputException(file + ": is not a Parquet file (it does not start with the PAR1 marker).");
    }
    if (format == DataFormat.ARROW && !startsWith(head, ARROW_MAGIC)) {
      throw new InputException(file + ": is not an Arrow IPC file (it does not start with the ARROW1 marker).");
    }
  }

  private static FormatReader readerFor(DataFormat format) {
    switch (format) {
      case CSV:
      case TSV:
        return new CsvReader();
      case LIBSVM:
        return new LibSvmReader();
      default:
        return new ArrowFileReader();
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(SNIFF_BYTES);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file.", e);
    } catch (AccessDeniedException e) {
      throw new InputException(file + ": permission denied.", e);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read the file (" + e.getMessage() + ").", e);
    }
  }
}
