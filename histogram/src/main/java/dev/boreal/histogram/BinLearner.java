package dev.boreal.histogram;

import dev.boreal.InputException;
import java.util.Arrays;

/**
 * Chooses one feature's bins from its sampled values: the bin bounds of a numeric feature, or the
 * frequent categories of a categorical one. Stateless; {@link BinnedData#fit} calls it per feature.
 */
final class BinLearner {
  private BinLearner() {
  }

  /**
   * Learns a numeric mapper with LightGBM's bounds ({@link NumericBounds}): zero in a bin of its own,
   * then greedy near-equal-count bins on each side of it. As in LightGBM, bins come from row counts
   * (sample weights do not move them), values within a double's spacing of each other count as one,
   * and when the sample has missing values the missing bin takes one of the {@code max_bin} bins
   * (LightGBM's NaN bin); without, the value bins get all {@code max_bin} and the missing bin is extra.
   *
   * <p>With {@code zero_as_missing}, values within {@link BinMapper#ZERO_THRESHOLD} of zero are missing:
   * they count with NaN, not as values, so they neither keep the feature from being constant nor take a
   * value bin. The bounds are still LightGBM's for that setting, whose zero bin is its missing bin: all
   * {@code max_bin} value bins, the zero bin among them, left empty since its values bin as missing.
   *
   * <p>Without {@code use_missing}, NaN is zero ({@link BinMapper#nanIsZero}) and {@code zero_as_missing} has
   * no effect, as in LightGBM (missing type {@code None}): NaN rows count as zeros, nothing is missing, the
   * value bins get all {@code max_bin} and the missing bin stays empty.
   *
   * @param values input and scratch, length ≥ {@code n}: the sampled values, NaN for missing; reordered
   * @param n number of sampled values in {@code values}
   * @param zerosBeside sampled values of 0.0 not in {@code values} (a sparse column's rows without an entry)
   */
  static BinMapper numeric(double[] values, int n, int zerosBeside, BinningParams params) {
    // Keep the non-zero values; count missing and zero ones, as LightGBM's sample keeps only non-zeros.
    boolean nanIsZero = !params.useMissing();
    boolean zeroIsMissing = params.zeroAsMissing() && !nanIsZero;
    int k = 0;
    int zeros = zerosBeside;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (Math.abs(v) > BinMapper.ZERO_THRESHOLD) {
        values[k++] = v;
      } else if (v == v || nanIsZero) {
        zeros++;
      }
    }
    if (zeroIsMissing) {
      zeros = 0;
    }
    int missing = n + zerosBeside - k - zeros;
    // Radix sort: several times faster than comparison sorts on the large samples binning sees.
    Arrays.sort(values, 0, k);
    // Distinct values and their row counts, written in place over the sorted prefix. A value at most
    // one double above the previous one joins it and becomes its representative, as in LightGBM.
    int[] counts = new int[k];
    int distinct = 0;
    for (int i = 0; i < k; i++) {
      if (distinct == 0 || values[i] > Math.nextUp(values[distinct - 1])) {
        counts[distinct++] = 0;
      }
      values[distinct - 1] = values[i];
      counts[distinct - 1]++;
    }
    int maxValueBins = missing > 0 && !zeroIsMissing ? params.maxBin() - 1 : params.maxBin();
    double[] bounds = NumericBounds.find(values, counts, distinct, maxValueBins, params.minDataInBin());
    // Constant when every sampled row falls in one bin. Bins are ordered by value, so the lowest and
    // highest values (zero among them) sharing a bin means all values do.
    boolean constant;
    if (distinct == 0 && zeros == 0) {
      constant = true;
    } else {
      double lowest = distinct == 0 ? 0.0 : zeros > 0 ? Math.min(0.0, values[0]) : values[0];
      double highest = distinct == 0 ? 0.0 : zeros > 0 ? Math.max(0.0, values[distinct - 1]) : values[distinct - 1];
      constant = missing == 0 && BinMapper.searchBound(bounds, lowest) == BinMapper.searchBound(bounds, highest);
    }
    return BinMapper.ofNumeric(bounds, zeroIsMissing, nanIsZero, constant);
  }

  /**
   * Learns a categorical mapper, by LightGBM's rule: categories with at least {@code min_data_in_bin}
   * sampled rows get a bin each (at most {@code max_bin - 1}, most frequent first, ties by code); the rest
   * share the last bin with missing values. Counts are of rows, not weights, as LightGBM counts them.
   *
   * @param codes input, length ≥ {@code n}: sampled dictionary codes, {@link FeatureColumn#MISSING_CODE} for missing
   * @param sample the sample the codes came from, to name the row of a bad code
   */
  static BinMapper categorical(FeatureColumn column, int[] codes, int n, RowSample sample, BinningParams params) {
    String[] dictionary = column.categories();
    int[] counts = new int[dictionary.length];
    for (int i = 0; i < n; i++) {
      int code = codes[i];
      if (code == FeatureColumn.MISSING_CODE) {
        continue;
      }
      if (code < 0 || code >= dictionary.length) {
        throw new InputException("Column '" + column.name() + "' has category code " + code + " at row "
            + sample.row(i) + ", outside its dictionary of " + dictionary.length + " categories.");
      }
      counts[code]++;
    }
    // Sort (count descending, code ascending) as one long key, avoiding a boxed comparator.
    long[] keys = new long[dictionary.length];
    int frequent = 0;
    for (int code = 0; code < dictionary.length; code++) {
      if (counts[code] >= params.minDataInBin()) {
        keys[frequent++] = ((long) (Integer.MAX_VALUE - counts[code]) << 32) | code;
      }
    }
    Arrays.sort(keys, 0, frequent);
    int kept = Math.min(frequent, params.maxBin() - 1);
    String[] names = new String[kept];
    int keptRows = 0;
    for (int b = 0; b < kept; b++) {
      int code = (int) keys[b];
      names[b] = dictionary[code];
      keptRows += counts[code];
    }
    int occupiedBins = kept + (keptRows < n ? 1 : 0);
    return BinMapper.ofCategorical(names, occupiedBins <= 1);
  }
}
