package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Writes result tables (predictions, SHAP values, out-of-bag scores) as CSV, TSV, Parquet or Arrow IPC,
 * chosen by the file's extension. A file appears whole or not at all ({@link OutputFile}); predictions can
 * also go to a stream as CSV ({@link #writeCsv}).
 */
public final class TableWriter {
  /** An ordered set of equally long columns, numeric or text. */
  public static final class Columns {
    private final List<String> names = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private int rows = -1;

    /** Adds a numeric column; NaN is written as a missing value. */
    public Columns add(String name, double[] column) {
      return put(name, column, column.length);
    }

    /** Adds an integer column (leaf indices, counts). */
    public Columns add(String name, int[] column) {
      return put(name, column, column.length);
    }

    /** Adds a text column; null is written as a missing value. */
    public Columns add(String name, String[] column) {
      return put(name, column, column.length);
    }

    private Columns put(String name, Object column, int length) {
      if (rows >= 0 && length != rows) {
        throw new IllegalArgumentException("column " + name + " has " + length + " rows, not " + rows);
      }
      rows = length;
      names.add(name);
      values.add(column);
      return this;
    }

    /** Number of rows (0 when there are no columns). */
    public int rows() {
      return Math.max(rows, 0);
    }
  }

  private TableWriter() {}

  /**
   * Writes {@code columns} to {@code file} through {@link OutputFile}; the format follows the extension:
   * {@code .parquet}, {@code .arrow}/{@code .feather}, {@code .tsv}, and CSV otherwise.
   *
   * @throws InputException when the file cannot be written (the message names it)
   * @throws UsageException for Parquet without the boreal-io-dataset artifact on the classpath
   */
  public static void write(Path file, Columns columns) {
    String name = file.toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet") || name.endsWith(".pq")) {
      DatasetFormats dataset = DatasetFormats.require("Parquet files");
      OutputFile.write(file, "the table", sink -> writeParquet(dataset, sink, columns));
    } else if (name.endsWith(".arrow") || name.endsWith(".feather") || name.endsWith(".ipc")) {
      OutputFile.write(file, "the table", sink -> writeArrow(sink.channel(), columns));
    } else {
      OutputFile.write(file, "the table", sink -> {
        try (Writer w = new OutputStreamWriter(sink.stream(), StandardCharsets.UTF_8)) {
          writeText(w, columns, name.endsWith(".tsv") ? '\t' : ',');
        }
      });
    }
  }

  /**
   * Writes {@code columns} as CSV with a header line to {@code out}, a stream such as standard output; the
   * caller flushes and closes it.
   *
   * @throws IOException when {@code out} fails
   */
  public static void writeCsv(Columns columns, Writer out) throws IOException {
    writeText(out, columns, ',');
  }

  private static void writeText(Writer out, Columns c, char delimiter) throws IOException {
    Writer w = new BufferedWriter(out, 1 << 16);
    StringBuilder line = new StringBuilder(256);
    for (int i = 0; i < c.names.size(); i++) {
      if (i > 0) {
        line.append(delimiter);
      }
      appendText(line, c.names.get(i), delimiter);
    }
    w.append(line).append('\n');
    for (int r = 0; r < c.rows(); r++) {
      line.setLength(0);
      for (int i = 0; i < c.values.size(); i++) {
        if (i > 0) {
          line.append(delimiter);
        }
        Object column = c.values.get(i);
        if (column instanceof double[] d) {
          if (!Double.isNaN(d[r])) {
            line.append(d[r]);
          }
        } else if (column instanceof int[] ints) {
          line.append(ints[r]);
        } else {
          String s = ((String[]) column)[r];
          if (s != null) {
            appendText(line, s, delimiter);
          }
        }
      }
      w.append(line).append('\n');
    }
    w.flush();
  }

  /** Quotes a field when it holds the delimiter, a quote or a line break (RFC 4180). */
  private static void appendText(StringBuilder out, String s, char delimiter) {
    boolean quote = s.indexOf(delimiter) >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0;
    if (!quote) {
      out.append(s);
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') {
        out.append('"');
      }
      out.append(ch);
    }
    out.append('"');
  }

  /** The columns as Arrow vectors (NaN and null as nulls), from {@code allocator}; the caller closes the root. */
  static VectorSchemaRoot toArrow(Columns c, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>();
    try {
      for (int i = 0; i < c.names.size(); i++) {
        Object column = c.values.get(i);
        if (column instanceof double[] d) {
          Float8Vector v = new Float8Vector(c.names.get(i), allocator);
          vectors.add(v);
          v.allocateNew(d.length);
          for (int r = 0; r < d.length; r++) {
            if (Double.isNaN(d[r])) {
              v.setNull(r);
            } else {
              v.set(r, d[r]);
            }
          }
          v.setValueCount(d.length);
        } else if (column instanceof int[] ints) {
          org.apache.arrow.vector.IntVector v = new org.apache.arrow.vector.IntVector(c.names.get(i), allocator);
          vectors.add(v);
          v.allocateNew(ints.length);
          for (int r = 0; r < ints.length; r++) {
            v.set(r, ints[r]);
          }
          v.setValueCount(ints.length);
        } else {
          String[] s = (String[]) column;
          VarCharVector v = new VarCharVector(c.names.get(i), allocator);
          vectors.add(v);
          v.allocateNew(s.length);
          for (int r = 0; r < s.length; r++) {
            if (s[r] == null) {
              v.setNull(r);
            } else {
              v.setSafe(r, s[r].getBytes(StandardCharsets.UTF_8));
            }
          }
          v.setValueCount(s.length);
        }
      }
      return new VectorSchemaRoot(vectors);
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
  }

  private static void writeArrow(WritableByteChannel out, Columns c) throws IOException {
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = toArrow(c, allocator);
        ArrowFileWriter writer = new ArrowFileWriter(root, null, out)) {
      writer.start();
      writer.writeBatch();
      writer.end();
    }
  }

  /**
   * Arrow Dataset (boreal-io-dataset) writes Parquet from an Arrow IPC file, so the table goes through one in
   * the output's scratch folder.
   */
  private static void writeParquet(DatasetFormats dataset, OutputFile.Sink sink, Columns c) throws IOException {
    Path ipc = sink.scratchFolder().resolve("table.arrow");
    try (FileChannel out = FileChannel.open(ipc, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      writeArrow(out, c);
    }
    dataset.writeParquet(ipc, sink.channel());
  }
}
