package dev.boreal.histogram;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * One feature of a data set seen through its Arrow column: either numeric values read as doubles
 * (null reads as {@code NaN}) or categories read as dictionary codes (null reads as {@link #MISSING_CODE}).
 * A numeric feature may instead hold only its rows that are not zero ({@link #sparse}), as a sparse file's
 * reader keeps them: it reads exactly as the dense column of the same values would.
 *
 * <p>Reads are bulk ({@link #readValues}, {@link #readCodes}) so that kernels pay the dispatch on the
 * vector's type once per block, not once per row. Doubles, floats and codes are copied through views of the
 * vector's buffers: Arrow's checked getters test each index against the buffer and read its reference count,
 * about 10 ns a value, which was a tenth of training a small set. The column does not own its vector.
 */
public final class FeatureColumn {
  /** The code a categorical read returns for a null value. */
  public static final int MISSING_CODE = -1;

  /** The byte order of Arrow's buffers: its getters read them natively. */
  private static final ByteOrder ARROW_ORDER = ByteOrder.nativeOrder();

  private final String name;
  /** The Arrow column; null for a sparse column. */
  private final FieldVector vector;
  private final String[] categories;
  /** A sparse column's values; null for an Arrow column. */
  private final SparseValues sparse;

  private FeatureColumn(String name, FieldVector vector, String[] categories, SparseValues sparse) {
    this.name = name;
    this.vector = vector;
    this.categories = categories;
    this.sparse = sparse;
  }

  /**
   * A numeric feature over a floating-point, integer or boolean vector.
   *
   * @throws IllegalArgumentException if the vector holds neither numbers nor booleans
   */
  public static FeatureColumn numeric(String name, FieldVector vector) {
    if (!(vector instanceof Float8Vector || vector instanceof Float4Vector
        || vector instanceof BaseIntVector || vector instanceof BitVector)) {
      throw new IllegalArgumentException("column '" + name + "' is a " + vector.getMinorType()
          + " vector, not a numeric one");
    }
    return new FeatureColumn(name, vector, null, null);
  }

  /**
   * A numeric feature of {@code rows} rows that is 0.0 except at rows {@code at[i]}, where it is
   * {@code values[i]} (NaN for a missing value). The arrays are kept, not copied.
   *
   * @param at input: rows in strictly ascending order, each below {@code rows}
   * @param values input, same length as {@code at}
   * @throws IllegalArgumentException if the rows are not strictly ascending within {@code [0, rows)}, or the
   *     arrays differ in length
   */
  public static FeatureColumn sparse(String name, int rows, int[] at, double[] values) {
    return new FeatureColumn(name, null, null, new SparseValues(rows, at, values));
  }

  /** A sparse column's entries; null for an Arrow column. */
  SparseValues sparseValues() {
    return sparse;
  }

  /**
   * A sparse column's entries: the rows that are not zero, ascending, and their values, as two new arrays.
   *
   * @throws IllegalStateException if the column is not sparse
   */
  public Entries entries() {
    requireSparse();
    return new Entries(sparse.at().clone(), sparse.values().clone());
  }

  /**
   * The entries of a sparse column ({@link #entries}).
   *
   * @param rows the rows that hold an entry, ascending
   * @param values each one's value, NaN for a missing value
   */
  public record Entries(int[] rows, double[] values) {}

  /** Whether the column keeps only its rows that are not zero ({@link #sparse}). */
  public boolean isSparse() {
    return sparse != null;
  }

  /**
   * Rows {@code [from, from + n)} of a sparse column as a column of their own (its rows renumbered from 0).
   *
   * @throws IllegalStateException if the column is not sparse
   */
  public FeatureColumn sparseSlice(int from, int n) {
    requireSparse();
    return new FeatureColumn(name, null, null, sparse.slice(from, n));
  }

  private void requireSparse() {
    if (sparse == null) {
      throw new IllegalStateException("column '" + name + "' is not sparse");
    }
  }

  /**
   * A categorical feature: {@code codes} index into {@code categories} (the dictionary of the column).
   */
  public static FeatureColumn categorical(String name, IntVector codes, String[] categories) {
    return new FeatureColumn(name, codes, categories.clone(), null);
  }

  /** The column's name. */
  public String name() {
    return name;
  }

  /** Whether values are category codes rather than numbers. */
  public boolean isCategorical() {
    return categories != null;
  }

  /** Number of rows. */
  public int rowCount() {
    return sparse != null ? sparse.rows() : vector.getValueCount();
  }

  /** The category names, indexed by code; empty for a numeric column. */
  public String[] categories() {
    return categories == null ? new String[0] : categories.clone();
  }

  /** Number of categories; 0 for a numeric column. */
  public int categoryCount() {
    return categories == null ? 0 : categories.length;
  }

  /**
   * Reads numeric values of rows {@code [from, to)} into {@code out[0 .. to-from)}; null becomes NaN.
   *
   * @throws IllegalStateException if the column is categorical
   */
  public void readValues(int from, int to, double[] out) {
    if (categories != null) {
      throw new IllegalStateException("column '" + name + "' is categorical");
    }
    int n = to - from;
    if (n <= 0) {
      return;
    }
    if (sparse != null) {
      sparse.read(from, to, out);
    } else if (vector instanceof Float8Vector) {
      data(from, n, Double.BYTES).asDoubleBuffer().get(out, 0, n);
      ByteBuffer bits = validity(from, to);
      for (int r = from; r < to; r++) {
        out[r - from] = isValid(bits, from, r) ? out[r - from] : Double.NaN;
      }
    } else if (vector instanceof Float4Vector) {
      FloatBuffer values = data(from, n, Float.BYTES).asFloatBuffer();
      ByteBuffer bits = validity(from, to);
      for (int r = from; r < to; r++) {
        out[r - from] = isValid(bits, from, r) ? values.get(r - from) : Double.NaN;
      }
    } else if (vector instanceof BitVector v) {
      for (int r = from; r < to; r++) {
        out[r - from] = v.isNull(r) ? Double.NaN : v.get(r);
      }
    } else {
      BaseIntVector v = (BaseIntVector) vector;
      for (int r = from; r < to; r++) {
        out[r - from] = vector.isNull(r) ? Double.NaN : v.getValueAsLong(r);
      }
    }
  }

  /**
   * Reads category codes of rows {@code [from, to)} into {@code out[0 .. to-from)}; null becomes
   * {@link #MISSING_CODE}.
   *
   * @throws IllegalStateException if the column is numeric
   */
  public void readCodes(int from, int to, int[] out) {
    if (categories == null) {
      throw new IllegalStateException("column '" + name + "' is numeric");
    }
    int n = to - from;
    if (n <= 0) {
      return;
    }
    data(from, n, Integer.BYTES).asIntBuffer().get(out, 0, n);
    ByteBuffer bits = validity(from, to);
    for (int r = from; r < to; r++) {
      out[r - from] = isValid(bits, from, r) ? out[r - from] : MISSING_CODE;
    }
  }

  /** A view of the values of rows {@code [from, from + n)} in the vector's data buffer, {@code width} bytes each. */
  private ByteBuffer data(int from, int n, int width) {
    return vector.getDataBuffer().nioBuffer((long) from * width, n * width).order(ARROW_ORDER);
  }

  /** A view of the validity bytes that hold the bits of rows {@code [from, to)}, to read with {@link #isValid}. */
  private ByteBuffer validity(int from, int to) {
    int first = from >>> 3;
    return vector.getValidityBuffer().nioBuffer(first, ((to - 1) >>> 3) - first + 1);
  }

  /** Whether row r holds a value, from the validity view of a read that starts at row {@code from}. */
  private static boolean isValid(ByteBuffer bits, int from, int r) {
    return (bits.get((r >>> 3) - (from >>> 3)) >>> (r & 7) & 1) != 0;
  }
}
