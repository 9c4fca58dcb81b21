package dev.boreal.histogram;

import dev.boreal.InputException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How one feature's raw values become bin codes; immutable and safe to share between threads.
 *
 * <p><b>Numeric</b> features have value bins {@code 0 .. numBins()-2}, each with an upper bound; the bounds
 * strictly increase and the last is {@code +Infinity}. A value {@code v} falls in the first bin whose
 * bound is {@code >= v}, so {@code upperBound(b-1) < v <= upperBound(b)}. {@code NaN} (and null) go to
 * the last bin, {@link #missingBin()}, which every numeric mapper keeps whether or not training
 * saw missing values: one layout for every feature, and a model can route missing values at prediction
 * time even when training had none. A feature whose <em>zeros are missing</em> ({@link #zeroIsMissing()},
 * LightGBM's {@code zero_as_missing}) sends every value of magnitude at most {@link #ZERO_THRESHOLD} to
 * the missing bin too; its zero bin stays among the value bins, empty. A feature whose <em>NaN is zero</em>
 * ({@link #nanIsZero()}, LightGBM's {@code use_missing=false}) has no missing values at all: NaN bins
 * where 0.0 does, and its missing bin stays empty. The two flags exclude each other, as LightGBM's missing
 * types {@code Zero} and {@code None} do.
 *
 * <p><b>Categorical</b> features have one bin per frequent category, most frequent first, and a last
 * bin shared by rare categories, categories never seen in training, and missing values (LightGBM sends
 * all of these to the same side of a split). A mapper may instead keep a separate <em>unknown</em> bin,
 * {@link #unknownBin()}, just before the missing bin, for models whose splits send unknown categories and
 * missing values different ways (XGBoost's); training never makes one. Bins keep their category names,
 * so a model maps a raw string with {@link #binOfCategory(String)} whatever dictionary codes the scored
 * data uses.
 *
 * <p>A feature is <em>constant</em> when every sampled row fell in one bin; the learner skips it.
 * A model file stores {@link #upperBounds()}, {@link #zeroIsMissing()} and {@link #nanIsZero()}, or
 * {@link #categories()} and {@link #hasUnknownBin()}, and {@link #isConstant()}, and rebuilds the mapper with
 * {@link #ofNumeric} or {@link #ofCategorical}.
 */
public final class BinMapper {
  /** Most bins any mapper may have: codes are stored as unsigned shorts. */
  static final int MAX_BINS = 65_536;
  /**
   * LightGBM's {@code kZeroThreshold}: values of magnitude at most this count as zero, both for the zero
   * bin of the bounds and for a feature whose zeros are missing. LightGBM declares it as the float literal
   * {@code 1e-35f}, so it is that float widened, not the double 1e-35.
   */
  public static final double ZERO_THRESHOLD = 1e-35f;

  private final double[] upperBounds;
  private final String[] categories;
  private final Map<String, Integer> binByCategory;
  private final boolean zeroIsMissing;
  private final boolean nanIsZero;
  private final boolean separateUnknownBin;
  private final boolean constant;
  /**
   * The largest magnitude of a missing numeric value: {@link #ZERO_THRESHOLD} when zeros are missing, -1
   * when only NaN is. NaN fails every comparison, so {@code !(Math.abs(v) > missingMagnitude)} is the whole
   * missing test, one comparison whatever the feature.
   */
  private final double missingMagnitude;
  /**
   * Where a numeric value that fails that test (reads as NaN) goes: the missing bin, or zero's bin when NaN
   * is zero. Choosing the bin once keeps binning at one comparison per value whatever the flags.
   */
  private final int nanBin;
  /** What a value that reads as NaN becomes for the trees: NaN, or 0.0 when NaN is zero. */
  private final double nanValue;

  private BinMapper(double[] upperBounds, String[] categories, boolean zeroIsMissing, boolean nanIsZero,
      boolean separateUnknownBin, boolean constant) {
    this.upperBounds = upperBounds;
    this.categories = categories;
    this.zeroIsMissing = zeroIsMissing;
    this.nanIsZero = nanIsZero;
    this.separateUnknownBin = separateUnknownBin;
    this.constant = constant;
    this.missingMagnitude = zeroIsMissing ? ZERO_THRESHOLD : -1.0;
    this.nanBin = upperBounds == null ? -1 : nanIsZero ? searchBound(upperBounds, 0.0) : upperBounds.length;
    this.nanValue = nanIsZero ? 0.0 : Double.NaN;
    if (categories == null) {
      binByCategory = null;
    } else {
      binByCategory = new HashMap<>(2 * categories.length);
      for (int b = 0; b < categories.length; b++) {
        binByCategory.put(categories[b], b);
      }
    }
  }

  /**
   * Rebuilds a numeric mapper whose zeros are values, from its stored value-bin upper bounds.
   *
   * @param upperBounds one bound per value bin, strictly increasing, the last {@code +Infinity}
   * @param constant whether the learner should skip the feature
   * @throws InputException if the bounds break those rules
   */
  public static BinMapper ofNumeric(double[] upperBounds, boolean constant) {
    return ofNumeric(upperBounds, false, constant);
  }

  /**
   * Rebuilds a numeric mapper whose NaN is missing, from its stored value-bin upper bounds.
   *
   * @param upperBounds one bound per value bin, strictly increasing, the last {@code +Infinity}
   * @param zeroIsMissing whether values of magnitude at most {@link #ZERO_THRESHOLD} are missing
   * @param constant whether the learner should skip the feature
   * @throws InputException if the bounds break those rules
   */
  public static BinMapper ofNumeric(double[] upperBounds, boolean zeroIsMissing, boolean constant) {
    return ofNumeric(upperBounds, zeroIsMissing, false, constant);
  }

  /**
   * Rebuilds a numeric mapper from its stored value-bin upper bounds.
   *
   * @param upperBounds one bound per value bin, strictly increasing, the last {@code +Infinity}
   * @param zeroIsMissing whether values of magnitude at most {@link #ZERO_THRESHOLD} are missing
   * @param nanIsZero whether NaN is read as 0.0 rather than missing; excludes {@code zeroIsMissing}
   * @param constant whether the learner should skip the feature
   * @throws InputException if the bounds break those rules, or both flags are set
   */
  public static BinMapper ofNumeric(double[] upperBounds, boolean zeroIsMissing, boolean nanIsZero,
      boolean constant) {
    if (zeroIsMissing && nanIsZero) {
      throw new InputException("A numeric feature's zeros cannot be missing when its NaN is read as zero (LightGBM's"
          + " zero_as_missing has no effect with use_missing=false).");
    }
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
    return new BinMapper(upperBounds.clone(), null, zeroIsMissing, nanIsZero, false, constant);
  }

  /**
   * Rebuilds a categorical mapper whose unknown categories share the missing bin, from the category names
   * of its frequent bins, in bin order.
   *
   * @param categoriesByBin the name of the category in each bin but the last ("other/missing") one
   * @param constant whether the learner should skip the feature
   * @throws InputException if a name is null or repeated, or there are too many
   */
  public static BinMapper ofCategorical(String[] categoriesByBin, boolean constant) {
    return ofCategorical(categoriesByBin, false, constant);
  }

  /**
   * Rebuilds a categorical mapper from the category names of its frequent bins, in bin order.
   *
   * @param categoriesByBin the name of the category in each of the first bins
   * @param unknownBin whether unknown categories get a bin of their own, between these and the missing
   *     bin, rather than sharing the missing bin
   * @param constant whether the learner should skip the feature
   * @throws InputException if a name is null or repeated, or there are too many
   */
  public static BinMapper ofCategorical(String[] categoriesByBin, boolean unknownBin, boolean constant) {
    int otherBins = unknownBin ? 2 : 1;
    if (categoriesByBin.length + otherBins > MAX_BINS) {
      throw new InputException("A categorical feature may have at most " + (MAX_BINS - otherBins)
          + " category bins, but " + categoriesByBin.length + " were given.");
    }
    BinMapper mapper = new BinMapper(null, categoriesByBin.clone(), false, false, unknownBin, constant);
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

  /** Whether numeric values of magnitude at most {@link #ZERO_THRESHOLD} are missing; false for categories. */
  public boolean zeroIsMissing() {
    return zeroIsMissing;
  }

  /**
   * Whether NaN is read as 0.0, binned and scored where 0.0 goes, so the feature has no missing values
   * (LightGBM's {@code use_missing=false}); false for categories.
   */
  public boolean nanIsZero() {
    return nanIsZero;
  }

  /** Whether unknown categories have a bin of their own rather than the missing bin; false for numbers. */
  public boolean hasUnknownBin() {
    return separateUnknownBin;
  }

  /** Number of bins, the missing (or "other/missing") bin and any unknown bin included. */
  public int numBins() {
    return categories == null ? upperBounds.length + 1 : categories.length + (separateUnknownBin ? 2 : 1);
  }

  /** The bin of missing values: always the last, {@code numBins() - 1}. */
  public int missingBin() {
    return numBins() - 1;
  }

  /**
   * The bin of categories the mapper does not name: the one just before the missing bin when the mapper
   * {@link #hasUnknownBin() has one}, else the missing bin itself.
   */
  public int unknownBin() {
    return separateUnknownBin ? categories.length : missingBin();
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
   * missing bin for {@code NaN} and, when zeros are missing, for values of magnitude at most
   * {@link #ZERO_THRESHOLD}; when NaN is zero, {@code NaN} takes the bin of 0.0.
   *
   * @throws IllegalStateException if the feature is categorical
   */
  public int binOf(double value) {
    requireNumeric();
    return Math.abs(value) > missingMagnitude ? searchBound(upperBounds, value) : nanBin;
  }

  /**
   * A raw numeric value as a model's trees compare it: {@code NaN} when the feature counts it missing
   * (NaN itself, or a value of magnitude at most {@link #ZERO_THRESHOLD} when zeros are missing), 0.0 for
   * {@code NaN} when NaN is zero, else the value unchanged. Trees send {@code NaN} to a split's default
   * side, as training sent the missing bin, and compare 0.0 as training binned it.
   */
  public double missingAsNaN(double value) {
    return Math.abs(value) > missingMagnitude ? value : nanValue;
  }

  /**
   * The bin of a raw category name: its own bin when the mapper names it; the missing bin for null and
   * the empty string; else (a rare or unseen category) {@link #unknownBin()}.
   *
   * @throws IllegalStateException if the feature is numeric
   */
  public int binOfCategory(String category) {
    if (categories == null) {
      throw new IllegalStateException("binOfCategory called on a numeric feature");
    }
    if (category == null) {
      return missingBin();
    }
    int bin = binByCategory.getOrDefault(category, -1);
    return bin >= 0 ? bin : category.isEmpty() ? missingBin() : unknownBin();
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
   * Bins a block of numeric values: {@code out[i]} is {@link #binOf} of {@code values[i]}. The step sizes
   * of the search depend only on the number of bounds, so four searches run in lockstep and their memory
   * loads overlap instead of waiting on each other; the search of a value that reads as NaN is done and
   * discarded.
   *
   * @param values input, length ≥ {@code count}
   * @param out output, length ≥ {@code count}
   * @throws IllegalStateException if the feature is categorical
   */
  public void binValues(double[] values, int[] out, int count) {
    requireNumeric();
    double[] bounds = upperBounds;
    int nanBin = this.nanBin;
    double missing = missingMagnitude;
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
      out[i] = Math.abs(v0) > missing ? b0 : nanBin;
      out[i + 1] = Math.abs(v1) > missing ? b1 : nanBin;
      out[i + 2] = Math.abs(v2) > missing ? b2 : nanBin;
      out[i + 3] = Math.abs(v3) > missing ? b3 : nanBin;
    }
    for (; i < count; i++) {
      double v = values[i];
      out[i] = Math.abs(v) > missing ? searchBound(bounds, v) : nanBin;
    }
  }

  private void requireNumeric() {
    if (categories != null) {
      throw new IllegalStateException("numeric bin lookup on a categorical feature");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinMapper m && constant == m.constant && zeroIsMissing == m.zeroIsMissing
        && nanIsZero == m.nanIsZero && separateUnknownBin == m.separateUnknownBin
        && Arrays.equals(upperBounds, m.upperBounds) && Arrays.equals(categories, m.categories);
  }

  @Override
  public int hashCode() {
    int flags = (constant ? 1 : 0) | (zeroIsMissing ? 2 : 0) | (separateUnknownBin ? 4 : 0) | (nanIsZero ? 8 : 0);
    return 31 * (31 * Arrays.hashCode(upperBounds) + Arrays.hashCode(categories)) + flags;
  }

  @Override
  public String toString() {
    return "BinMapper[" + (categories == null ? "numeric, " : "categorical, ") + numBins() + " bins"
        + (zeroIsMissing ? ", zero is missing" : "") + (nanIsZero ? ", NaN is zero" : "")
        + (separateUnknownBin ? ", unknown bin" : "")
        + (constant ? ", constant]" : "]");
  }
}
