package dev.boreal.histogram;

import dev.boreal.InputException;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;

/**
 * How one feature's raw values become bin codes; immutable and safe to share between threads.
 *
 * <p><b>Numeric</b> features have value bins {@code 0 .. numBins()-2}, each with an upper bound; the bounds
 * strictly increase and the last is {@code +Infinity}. A value {@code v} falls in the first bin whose
 * bound is {@code >= v}, so {@code upperBound(b-1) < v <= upperBound(b)}. {@code NaN} (and null) always
 * go to the last bin, {@link #missingBin()}, which every numeric mapper keeps whether or not training
 * saw missing values: one layout for every feature, and a model can route missing values at prediction
 * time even when training had none.
 *
 * <p><b>Categorical</b> features have one bin per frequent category, most frequent first, and a last
 * bin shared by rare categories, categories never seen in training, and missing values (LightGBM sends
 * all of these to the same side of a split). Bins keep their category names, so a model maps a raw
 * string with {@link #binOfCategory(String)} whatever dictionary codes the scored data uses.
 *
 * <p>A feature is <em>constant</em> when every sampled row fell in one bin; the learner skips it.
 * A model file stores {@link #upperBounds()} or {@link #categories()} and {@link #isConstant()}, and
 * rebuilds the mapper with {@link #ofNumeric} or {@link #ofCategorical}.
 */
public final class BinMapper {
  /** Most bins any mapper may have: codes are stored as unsigned shorts. */
  static final int MAX_BINS = 65_536;

  private final double[] upperBounds;
  private final String[] categories;
  private final Object2IntOpenHashMap<String> binByCategory;
  private final boolean constant;

  private BinMapper(double[] upperBounds, String[] categories, boolean constant) {
    this.upperBounds = upperBounds;
    this.categories = categories;
    this.constant = constant;
    if (categories == null) {
      binByCategory = null;
    } else {
      binByCategory = new Object2IntOpenHashMap<>(categories.length);
      binByCategory.defaultReturnValue(categories.length);
      for (int b = 0; b < categories.length; b++) {
        binByCategory.put(categories[b], b);
      }
    }
  }

  /**
   * Rebuilds a numeric mapper from its stored value-bin upper bounds.
   *
   * @param upperBounds one bound per value bin, strictly increasing, the last {@code +Infinity}
   * @param constant whether the learner should skip the feature
   * @throws InputException if the bounds break those rules
   */
  public static BinMapper ofNumeric(double[] upperBounds, boolean constant) {
    int n = upperBounds.length;
    if (n == 0 || n + 1 > MAX_BINS || upperBounds[n - 1] != Double.POSITIVE_INFINITY) {
      throw new InputException("Numeric bin bounds must hold 1 to " + (MAX_BINS - 1)
          + " values ending with +Infinity, but " + n + " were given ending with "
          + (n == 0 ? "nothing" : upperBounds[n - 1]) + ".");
    }
    for (int b = 1; b < n; b++) {
      if (!(upperBounds[b - 1] < upperBounds[b])) {
        throw new InputException("Numeric bin bounds must strictly increase, but bound " + b + " ("
            + upperBounds[b] + ") follows " + upperBounds[b - 1] + ".");
      }
    }
    return new BinMapper(upperBounds.clone(), null, constant);
  }

  /**
   * Rebuilds a categorical mapper from the category names of its frequent bins, in bin order.
   *
   * @param categoriesByBin the name of the category in each bin but the last ("other/missing") one
   * @param constant whether the learner should skip the feature
   * @throws InputException if a name is null or repeated, or there are too many
   */
  public static BinMapper ofCategorical(String[] categoriesByBin, boolean constant) {
    if (categoriesByBin.length + 1 > MAX_BINS) {
      throw new InputException("A categorical feature may have at most " + (MAX_BINS - 1)
          + " category bins, but " + categoriesByBin.length + " were given.");
    }
    BinMapper mapper = new BinMapper(null, categoriesByBin.clone(), constant);
    if (mapper.binByCategory.size() != categoriesByBin.length || mapper.binByCategory.containsKey(null)) {
      throw new InputException("Category bin names must be distinct and not null, but "
          + Arrays.toString(categoriesByBin) + " were given.");
    }
    return mapper;
  }

  /** Whether this maps category names rather than numbers. */
  public boolean isCategorical() {
    return categories != null;
  }

  /** Whether every sampled training row fell in one bin, so the feature cannot split. */
  public boolean isConstant() {
    return constant;
  }

  /** Number of bins, the missing (or "other/missing") bin included. */
  public int numBins() {
    return categories == null ? upperBounds.length + 1 : categories.length + 1;
  }

  /** The bin of missing values: always the last, {@code numBins() - 1}. */
  public int missingBin() {
    return numBins() - 1;
  }

  /**
   * The largest value in numeric bin {@code bin}; {@code NaN} for the missing bin.
   *
   * @throws IllegalStateException if the feature is categorical
   */
  public double upperBound(int bin) {
    requireNumeric();
    return bin == upperBounds.length ? Double.NaN : upperBounds[bin];
  }

  /** A copy of the value bins' upper bounds (the missing bin has none); empty for a categorical feature. */
  public double[] upperBounds() {
    return categories == null ? upperBounds.clone() : new double[0];
  }

  /** A copy of the category names of the frequent bins, in bin order; empty for a numeric feature. */
  public String[] categories() {
    return categories == null ? new String[0] : categories.clone();
  }

  /**
   * The bin of a raw numeric value: the first bin whose upper bound is {@code >= value}, or the
   * missing bin for {@code NaN}.
   *
   * @throws IllegalStateException if the feature is categorical
   */
  public int binOf(double value) {
    requireNumeric();
    return value != value ? upperBounds.length : searchBound(upperBounds, value);
  }

  /**
   * The bin of a raw category name; rare, unseen and null names share the last bin.
   *
   * @throws IllegalStateException if the feature is numeric
   */
  public int binOfCategory(String category) {
    if (categories == null) {
      throw new IllegalStateException("binOfCategory called on a numeric feature");
    }
    return category == null ? categories.length : binByCategory.getInt(category);
  }

  /** The bounds themselves, not a copy, for the binning loop; null for a categorical feature. */
  double[] bounds() {
    return upperBounds;
  }

  /** Bin per dictionary code of a column whose dictionary is {@code dictionary}. */
  int[] binsOfCodes(String[] dictionary) {
    int[] bins = new int[dictionary.length];
    for (int code = 0; code < dictionary.length; code++) {
      bins[code] = binOfCategory(dictionary[code]);
    }
    return bins;
  }

  /**
   * First index whose bound is {@code >= value}; {@code value} is not NaN and the last bound is
   * +Infinity, so the answer exists. Written without a data-dependent branch, because a mispredicted
   * branch per step would dominate.
   */
  static int searchBound(double[] bounds, double value) {
    int base = 0;
    int len = bounds.length;
    while (len > 1) {
      int half = len >>> 1;
      base = bounds[base + half - 1] < value ? base + half : base;
      len -= half;
    }
    return base;
  }

  /**
   * Bins a block of values: {@code out[i]} is {@link #searchBound} of {@code values[i]}, or
   * {@code missingBin} for NaN. The step sizes of the search depend only on the number of bounds, so
   * four searches run in lockstep and their memory loads overlap instead of waiting on each other.
   *
   * @param values input, length ≥ {@code count}
   * @param out output, length ≥ {@code count}
   */
  static void searchBounds(double[] bounds, int missingBin, double[] values, int[] out, int count) {
    int i = 0;
    for (; i + 4 <= count; i += 4) {
      double v0 = values[i];
      double v1 = values[i + 1];
      double v2 = values[i + 2];
      double v3 = values[i + 3];
      int b0 = 0;
      int b1 = 0;
      int b2 = 0;
      int b3 = 0;
      for (int len = bounds.length; len > 1; ) {
        int half = len >>> 1;
        b0 = bounds[b0 + half - 1] < v0 ? b0 + half : b0;
        b1 = bounds[b1 + half - 1] < v1 ? b1 + half : b1;
        b2 = bounds[b2 + half - 1] < v2 ? b2 + half : b2;
        b3 = bounds[b3 + half - 1] < v3 ? b3 + half : b3;
        len -= half;
      }
      out[i] = v0 != v0 ? missingBin : b0;
      out[i + 1] = v1 != v1 ? missingBin : b1;
      out[i + 2] = v2 != v2 ? missingBin : b2;
      out[i + 3] = v3 != v3 ? missingBin : b3;
    }
    for (; i < count; i++) {
      double v = values[i];
      out[i] = v != v ? missingBin : searchBound(bounds, v);
    }
  }

  private void requireNumeric() {
    if (categories != null) {
      throw new IllegalStateException("numeric bin lookup on a categorical feature");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinMapper m && constant == m.constant
        && Arrays.equals(upperBounds, m.upperBounds) && Arrays.equals(categories, m.categories);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(upperBounds) + Arrays.hashCode(categories)) + Boolean.hashCode(constant);
  }

  @Override
  public String toString() {
    return categories == null
        ? "BinMapper[numeric, " + numBins() + " bins" + (constant ? ", constant]" : "]")
        : "BinMapper[categorical, " + numBins() + " bins" + (constant ? ", constant]" : "]");
  }
}
