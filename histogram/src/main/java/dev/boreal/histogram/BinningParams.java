package dev.boreal.histogram;

import dev.boreal.UsageException;

/**
 * The validated parameters that decide how raw feature values become bins.
 *
 * <p>Names in the Javadoc are LightGBM's, so users can carry their settings across. An out-of-range
 * value fails at construction with a {@link UsageException} whose message names the parameter and its range.
 *
 * @param maxBin LightGBM {@code max_bin}: the most bins a feature may have, as LightGBM counts them;
 *     2..65535. A numeric feature gets at most {@code max_bin} value bins, and its missing bin is one
 *     of them when the sample has missing values (LightGBM's NaN bin) and one more when not, or when
 *     zeros are missing (LightGBM's missing bin is then its zero bin, which Boreal keeps, empty, among
 *     the value bins), so it has at most {@code max_bin + 1} bins; a categorical feature has at most
 *     {@code max_bin}, its "other/missing" bin included. Up to 256 bins are stored as one byte per row, more as two, so
 *     {@code max_bin} 255 keeps every feature in bytes.
 * @param binConstructSampleCnt LightGBM {@code bin_construct_sample_cnt}: how many rows are sampled
 *     (the same rows for every feature) to choose bin bounds and frequent categories; at least 1
 * @param minDataInBin LightGBM {@code min_data_in_bin}: the fewest sampled rows a quantile bin holds,
 *     where the data allow, and a category needs for a bin of its own (rarer ones share the
 *     "other/missing" bin), as LightGBM bins categories; at least 1
 * @param seed LightGBM {@code data_random_seed}: seeds the row sample, so the same data and seed
 *     give the same bins
 * @param threads LightGBM {@code num_threads}: how many threads bin features in
 *     parallel; at least 1. The result does not depend on it.
 * @param zeroAsMissing LightGBM {@code zero_as_missing}: numeric values within
 *     {@link BinMapper#ZERO_THRESHOLD} of zero are missing, binned with NaN and routed by each split's
 *     default side (categorical features are not affected)
 * @param useMissing LightGBM {@code use_missing}: when false, numeric values get no special handling of
 *     missing values: NaN is read as 0.0, binned and scored where 0.0 goes, and {@code zeroAsMissing} has no
 *     effect, as in LightGBM, whose missing type is then {@code None} whatever {@code zero_as_missing} says
 *     (categorical features are not affected: their missing values keep the "other/missing" bin)
 */
public record BinningParams(int maxBin, int binConstructSampleCnt, int minDataInBin, long seed,
    int threads, boolean zeroAsMissing, boolean useMissing) {

  /** LightGBM's default {@code max_bin}. */
  public static final int DEFAULT_MAX_BIN = 255;
  /** LightGBM's default {@code bin_construct_sample_cnt}. */
  public static final int DEFAULT_BIN_CONSTRUCT_SAMPLE_CNT = 200_000;
  /** LightGBM's default {@code min_data_in_bin}. */
  public static final int DEFAULT_MIN_DATA_IN_BIN = 3;
  /** The largest {@code max_bin}: with a missing bin added, bin codes still fit unsigned shorts. */
  public static final int MAX_MAX_BIN = 65_535;

  /** Validates every parameter. */
  public BinningParams {
    check("max_bin", maxBin, 2, MAX_MAX_BIN);
    check("bin_construct_sample_cnt", binConstructSampleCnt, 1, Integer.MAX_VALUE);
    check("min_data_in_bin", minDataInBin, 1, Integer.MAX_VALUE);
    check("threads", threads, 1, Integer.MAX_VALUE);
  }

  /** LightGBM's defaults, seed 0, one thread per available core, zeros as values and NaN as missing. */
  public static BinningParams defaults() {
    return new BinningParams(DEFAULT_MAX_BIN, DEFAULT_BIN_CONSTRUCT_SAMPLE_CNT, DEFAULT_MIN_DATA_IN_BIN, 0L, Runtime.getRuntime().availableProcessors(), false, true);
  }

  /** A copy with another {@code max_bin}. */
  public BinningParams withMaxBin(int value) {
    return new BinningParams(value, binConstructSampleCnt, minDataInBin, seed, threads,
        zeroAsMissing, useMissing);
  }

  /** A copy with another {@code bin_construct_sample_cnt}. */
  public BinningParams withBinConstructSampleCnt(int value) {
    return new BinningParams(maxBin, value, minDataInBin, seed, threads, zeroAsMissing,
        useMissing);
  }

  /** A copy with another {@code min_data_in_bin}. */
  public BinningParams withMinDataInBin(int value) {
    return new BinningParams(maxBin, binConstructSampleCnt, value, seed, threads, zeroAsMissing,
        useMissing);
  }


  /** A copy with another {@code data_random_seed}. */
  public BinningParams withSeed(long value) {
    return new BinningParams(maxBin, binConstructSampleCnt, minDataInBin, value, threads,
        zeroAsMissing, useMissing);
  }

  /** A copy with another thread count. */
  public BinningParams withThreads(int value) {
    return new BinningParams(maxBin, binConstructSampleCnt, minDataInBin, seed, value,
        zeroAsMissing, useMissing);
  }

  /** A copy with another {@code zero_as_missing}. */
  public BinningParams withZeroAsMissing(boolean value) {
    return new BinningParams(maxBin, binConstructSampleCnt, minDataInBin, seed, threads, value,
        useMissing);
  }

  /** A copy with another {@code use_missing}. */
  public BinningParams withUseMissing(boolean value) {
    return new BinningParams(maxBin, binConstructSampleCnt, minDataInBin, seed, threads,
        zeroAsMissing, value);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      String range = max == Integer.MAX_VALUE ? "at least " + min : "in the range " + min + ".." + max;
      throw new UsageException("Parameter " + name + " must be " + range + ", but was " + value + ".");
    }
  }
}
