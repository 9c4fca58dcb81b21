package dev.boreal.engine.model;

/**
 * The one rule for which side of a split a value goes: every place that routes rows calls it, whether it
 * holds bins (training's partition, scoring binned validation rows, {@link Tree#leafOfBins}) or encoded
 * raw values (the predictor's flat trees and the explainers' trees).
 *
 * <p>The rule, the same in both spaces:
 * <ul>
 *   <li><b>numeric split</b>: a missing value goes to the default side; any other value goes left iff
 *       {@code value <= threshold}, which is {@code bin <= thresholdBin} because training chose the
 *       threshold as the upper bound of that bin. In raw space a missing value is NaN; in bin space it is
 *       the feature's missing bin (always its last). Zeros that a feature counts as missing
 *       ({@code zero_as_missing}) are already NaN or in the missing bin when they get here: the bin mapper
 *       and the predictor's row encoder make them so, not the split;</li>
 *   <li><b>categorical split</b>: a value's bin goes left iff its bit is set in the split's bitset, which
 *       has a bit for every bin of the feature, the missing and unknown bins included, so missing and
 *       unseen categories follow whatever side their bin was given.</li>
 * </ul>
 *
 * <p>All methods are small static ones that the JIT inlines into the callers' loops: no allocation, no
 * boxing and no virtual call per row. The numeric raw-value rule uses non-short-circuit operators, so it
 * compiles to compares and flag arithmetic rather than to branches on the data, which the processor
 * could not predict.
 */
public final class Routing {
  private Routing() {}

  /**
   * Whether a bin goes left at a split: a categorical one when {@code leftBins} is not null, else a
   * numeric one.
   *
   * @param bin the row's bin of the split's feature
   * @param thresholdBin numeric splits: the last bin that goes left
   * @param defaultLeft numeric splits: whether the missing bin goes left
   * @param missingBin the feature's missing bin
   * @param leftBins categorical splits: the bitset of bins that go left, covering every bin of the
   *     feature; {@code null} at a numeric split
   */
  public static boolean binGoesLeft(int bin, int thresholdBin, boolean defaultLeft, int missingBin,
      long[] leftBins) {
    if (leftBins != null) {
      return inSet(leftBins, 0, bin);
    }
    return bin == missingBin ? defaultLeft : bin <= thresholdBin;
  }

  /**
   * Whether an encoded raw value goes left at a split: a numeric one when {@code catOffset < 0}, else a
   * categorical one whose bitset starts at {@code catBits[catOffset]}.
   *
   * @param value the row's encoded value of the split's feature: a raw number (NaN when missing) at a
   *     numeric split, the category's bin stored in a double at a categorical one
   * @param threshold numeric splits: values up to it go left
   * @param defaultLeft numeric splits: whether NaN goes left
   * @param catBits the bitsets of categorical splits, each covering every bin of its feature
   * @param catOffset the first word of the split's bitset in {@code catBits}, or negative at a numeric split
   */
  public static boolean valueGoesLeft(double value, double threshold, boolean defaultLeft, long[] catBits,
      int catOffset) {
    if (catOffset < 0) {
      // NaN fails the comparison, so only missing values consult the default side.
      return value <= threshold | (value != value & defaultLeft);
    }
    return inSet(catBits, catOffset, (int) value);
  }

  /**
   * The numeric rule of {@link #valueGoesLeft} with the threshold held as a float beside the exact double:
   * the predictor's compact node records keep the float, and read the double only on a tie. Rounding to a
   * float is monotone, so a value whose float is below the float threshold is below the threshold, and one
   * whose float is above it is above; only a value that rounds to the float threshold needs the exact
   * comparison. The decision is therefore always {@code valueGoesLeft}'s, bit for bit.
   *
   * @param value the row's raw value (NaN when missing)
   * @param threshold the split's threshold rounded to a float ({@code (float) exact[node]})
   * @param defaultLeft whether NaN goes left
   * @param exact the exact thresholds, read at {@code node} only on a tie
   */
  public static boolean numericGoesLeft(double value, float threshold, boolean defaultLeft, double[] exact,
      int node) {
    float rounded = (float) value;
    if (rounded == threshold) {
      return value <= exact[node];
    }
    // NaN fails both comparisons, so only missing values consult the default side.
    return rounded < threshold | (value != value & defaultLeft);
  }

  /**
   * Whether bit {@code bin} is set in the bitset at {@code bits[offset ..]}: a categorical split's test.
   * The bitset must cover {@code bin}.
   */
  public static boolean inSet(long[] bits, int offset, int bin) {
    return (bits[offset + (bin >>> 6)] & (1L << bin)) != 0;
  }

  /**
   * The number of 64-bit words of a categorical split's bitset that has a bit for each of {@code numBins}
   * bins.
   */
  public static int words(int numBins) {
    return (numBins + 63) >>> 6;
  }
}
