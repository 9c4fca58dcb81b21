package dev.boreal.io;

import dev.boreal.BorealException;
import dev.boreal.InputException;
import dev.boreal.histogram.WorkerTeam;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads Parquet and Arrow IPC (Feather v2) files through Arrow Dataset when boreal-io-dataset provides
 * {@link DatasetFormats}, and Arrow IPC files with Arrow's Java reader when it does not, concatenating every
 * record batch into one table of Boreal's column kinds.
 *
 * <p>Floating-point, integer, boolean and decimal columns become {@code Float8Vector}s (booleans as 0/1,
 * nulls stay null). Text columns ({@code Utf8}, {@code LargeUtf8}, and dictionary-encoded text) become
 * categorical columns; so do numeric columns named in {@link ReadOptions#categorical()}, each category
 * named by its number's text ({@code 3.0} reads as {@code "3"}). Categories are numbered in order of first
 * appearance, except that a dictionary-encoded column keeps its file's dictionary order. Any other
 * column type is refused with an error naming the column, because silently dropping a column would
 * change what a model learns.
 */
final class ArrowFileReader implements FormatReader {
  @Override
  public RawTable read(Path file, ReadOptions options, BufferAllocator allocator, WorkerTeam team) {
    boolean ipc = options.format() == DataFormat.ARROW;
    String what = ipc ? "an Arrow IPC file" : "a Parquet file";
    Optional<DatasetFormats> dataset = DatasetFormats.find();
    RawTable[] raw = new RawTable[1];
    try {
      if (ipc && dataset.isEmpty()) {
        try (FileChannel in = FileChannel.open(file);
            ArrowReader reader = new org.apache.arrow.vector.ipc.ArrowFileReader(in, allocator)) {
          raw[0] = convert(file, reader, options, allocator);
        }
      } else {
        DatasetFormats provider = dataset.orElseGet(() -> DatasetFormats.require("Parquet files"));
        provider.scan(file, options.format(), allocator,
            reader -> raw[0] = convert(file, reader, options, allocator));
      }
      return raw[0];
    } catch (BorealException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (raw[0] != null) {
        new Table.Releaser(raw[0]).close(); // the table was whole, but closing the scan failed
      }
      // Native errors carry multi-line C++ context; the person needs one sentence, the cause keeps the rest.
      String compressed = dataset.isEmpty() ? " or compressed (compressed ones need boreal-io-dataset)" : "";
      throw new InputException(file + ": is not " + what + " that can be read; it is corrupt or truncated"
          + compressed + ".", e);
    }
  }

  /** Concatenates every batch of {@code reader} into one table; on failure releases what it allocated. */
  private static RawTable convert(Path file, ArrowReader reader, ReadOptions options, BufferAllocator allocator)
      throws IOException {
    List<ArrowFileColumn> columns = new ArrayList<>();
    DictionaryProvider.MapDictionaryProvider dictionaries = new DictionaryProvider.MapDictionaryProvider();
    RawTable raw = null;
    try {
      VectorSchemaRoot batch = reader.getVectorSchemaRoot();
      List<Field> fields = batch.getSchema().getFields();
      for (int c = 0; c < fields.size(); c++) {
        Field f = fields.get(c);
        columns.add(new ArrowFileColumn(f.getName(), c, kindOf(file, f, c, options.categorical(), fields),
            allocator));
      }
      double[] scratch = new double[0];
      int rows = 0;
      while (reader.loadNextBatch()) {
        int n = batch.getRowCount();
        if (scratch.length < n) {
          scratch = new double[n];
        }
        for (int c = 0; c < columns.size(); c++) {
          columns.get(c).append(batch.getVector(c), reader, rows, n, scratch);
        }
        rows += n;
      }
      raw = assemble(columns, rows, dictionaries);
      return raw;
    } finally {
      if (raw == null) {
        for (ArrowFileColumn c : columns) {
          c.close();
        }
      }
    }
  }

  static RawTable assemble(List<ArrowFileColumn> columns, int rows,
      DictionaryProvider.MapDictionaryProvider dictionaries) {
    List<FieldVector> vectors = new ArrayList<>(columns.size());
    try {
      for (ArrowFileColumn c : columns) {
        vectors.add(c.finish(rows, dictionaries));
      }
    } catch (RuntimeException e) {
      new Table.Releaser(new RawTable(new VectorSchemaRoot(vectors), dictionaries, null)).close();
      throw e;
    }
    VectorSchemaRoot root = new VectorSchemaRoot(vectors);
    root.setRowCount(rows);
    return new RawTable(root, dictionaries, null);
  }

  /** How a file column is converted, decided once from its Arrow type. */
  enum Kind {
    /** Numbers or booleans kept as numbers. */
    NUMERIC,
    /** Numbers or booleans turned into categories by their text. */
    NUMBER_CATEGORIES,
    /** Text, plain or dictionary-encoded. */
    TEXT_CATEGORIES
  }

  static Kind kindOf(Path file, Field f, int position, Set<String> forced, List<Field> fields) {
    if (f.getDictionary() != null) {
      return Kind.TEXT_CATEGORIES;
    }
    ArrowType t = f.getType();
    switch (t.getTypeID()) {
      case FloatingPoint:
      case Int:
      case Bool:
      case Decimal:
        return isForced(f.getName(), position, forced, fields) ? Kind.NUMBER_CATEGORIES : Kind.NUMERIC;
      case Utf8:
      case LargeUtf8:
        return Kind.TEXT_CATEGORIES;
      default:
        throw new InputException(file + ": column '" + f.getName() + "' has type " + t
            + ", which cannot be read; expected numbers, booleans or text.");
    }
  }

  /** Named by name, or by 0-based position when no column has that name (as {@link Table} resolves roles). */
  private static boolean isForced(String name, int position, Set<String> forced, List<Field> fields) {
    if (forced.contains(name)) {
      return true;
    }
    String pos = Integer.toString(position);
    if (!forced.contains(pos)) {
      return false;
    }
    for (Field f : fields) {
      if (f.getName().equals(pos)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads a numeric or boolean vector's first {@code n} values into {@code out} (null as NaN),
   * dispatching on the vector type once per batch rather than once per row.
   */
  static void readDoubles(FieldVector src, int n, double[] out) {
    if (src instanceof Float8Vector v) {
      for (int r = 0; r < n; r++) {
        out[r] = v.isNull(r) ? Double.NaN : v.get(r);
      }
    } else if (src instanceof Float4Vector v) {
      for (int r = 0; r < n; r++) {
        out[r] = v.isNull(r) ? Double.NaN : v.get(r);
      }
    } else if (src instanceof Float2Vector v) {
      for (int r = 0; r < n; r++) {
        out[r] = v.isNull(r) ? Double.NaN : v.getValueAsDouble(r);
      }
    } else if (src instanceof BitVector v) {
      for (int r = 0; r < n; r++) {
        out[r] = v.isNull(r) ? Double.NaN : v.get(r);
      }
    } else if (src instanceof BaseIntVector v) {
      for (int r = 0; r < n; r++) {
        out[r] = src.isNull(r) ? Double.NaN : v.getValueAsLong(r);
      }
    } else if (src instanceof DecimalVector v) {
      readDecimals(v, n, out);
    } else if (src instanceof Decimal256Vector v) {
      for (int r = 0; r < n; r++) {
        out[r] = v.isNull(r) ? Double.NaN : v.getObject(r).doubleValue();
      }
    } else {
      throw new IllegalStateException("not a numeric vector: " + src.getMinorType());
    }
  }

  /** Decimal128 values whose unscaled value fits a long are read without a BigDecimal per row. */
  private static void readDecimals(DecimalVector v, int n, double[] out) {
    ArrowBuf data = v.getDataBuffer();
    double divisor = Math.pow(10, v.getScale());
    for (int r = 0; r < n; r++) {
      if (v.isNull(r)) {
        out[r] = Double.NaN;
        continue;
      }
      long offset = (long) r * DecimalVector.TYPE_WIDTH;
      long low = data.getLong(offset);
      long high = data.getLong(offset + Long.BYTES);
      out[r] = high == (low >> 63) ? low / divisor : v.getObject(r).doubleValue();
    }
  }

  /** Reads the bytes of text value {@code r} into {@code scratch} (grown as needed); -1 when null. */
  static int textBytes(FieldVector src, int r, byte[][] scratch) {
    if (src.isNull(r)) {
      return -1;
    }
    long start;
    long end;
    ArrowBuf data;
    if (src instanceof VarCharVector v) {
      start = v.getStartOffset(r);
      end = v.getEndOffset(r);
      data = v.getDataBuffer();
    } else {
      LargeVarCharVector v = (LargeVarCharVector) src;
      ArrowBuf offsets = v.getOffsetBuffer();
      start = offsets.getLong((long) r * LargeVarCharVector.OFFSET_WIDTH);
      end = offsets.getLong((long) (r + 1) * LargeVarCharVector.OFFSET_WIDTH);
      data = v.getDataBuffer();
    }
    int len = Math.toIntExact(end - start);
    if (scratch[0].length < len) {
      scratch[0] = new byte[Math.max(len, scratch[0].length * 2)];
    }
    data.getBytes(start, scratch[0], 0, len);
    return len;
  }
}
