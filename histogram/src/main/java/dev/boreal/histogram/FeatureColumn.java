package dev.boreal.histogram;

import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * One feature of a data set seen through its Arrow column: either numeric values read as doubles
 * (null reads as {@code NaN}) or categories read as dictionary codes (null reads as {@link #MISSING_CODE}).
 *
 * <p>Reads are bulk ({@link #readValues}, {@link #readCodes}) so that kernels pay the dispatch on the
 * vector's type once per block, not once per row. The column does not own its vector.
 */
public final class FeatureColumn {
  /** The code a categorical read returns for a null value. */
  public static final int MISSING_CODE = -1;

  private final String name;
  private final FieldVector vector;
  private final String[] categories;

  private FeatureColumn(String name, FieldVector vector, String[] categories) {
    this.name = name;
    this.vector = vector;
    this.categories = categories;
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
    return new FeatureColumn(name, vector, null);
  }

  /**
   * A categorical feature: {@code codes} index into {@code categories} (the dictionary of the column).
   */
  public static FeatureColumn categorical(String name, IntVector codes, String[] categories) {
    return new FeatureColumn(name, codes, categories.clone());
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
    return vector.getValueCount();
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
    if (vector instanceof Float8Vector v) {
      for (int r = from; r < to; r++) {
        out[r - from] = v.isNull(r) ? Double.NaN : v.get(r);
      }
    } else if (vector instanceof Float4Vector v) {
      for (int r = from; r < to; r++) {
        out[r - from] = v.isNull(r) ? Double.NaN : v.get(r);
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
    IntVector v = (IntVector) vector;
    for (int r = from; r < to; r++) {
      out[r - from] = v.isNull(r) ? MISSING_CODE : v.get(r);
    }
  }
}
