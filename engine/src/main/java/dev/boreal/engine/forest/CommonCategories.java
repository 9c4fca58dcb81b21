package dev.boreal.engine.forest;

import dev.boreal.histogram.BinColumn;
import dev.boreal.histogram.BinnedData;
import java.util.Arrays;

/**
 * Which categories a forest may order for a many-vs-many split: those held by at least
 * {@code min_data_per_group} training rows. A fully grown tree that orders a category of a few rows by its own
 * mean label isolates those rows on noise (scikit-learn's forest, fed category codes, can only cut ranges of
 * codes); rarer categories therefore share the right side, as boosting's min_data_per_group keeps them out of
 * its splits.
 */
final class CommonCategories {
  /** Per categorical feature, one bit per common bin; null for numeric features, or for all when every bin is. */
  private final long[][] common;

  private CommonCategories(long[][] common) {
    this.common = common;
  }

  /**
   * Counts each categorical feature's training rows per bin; with {@code minRows} ≤ 1 every bin a node's rows
   * reach is common, so nothing is counted.
   */
  static CommonCategories of(BinnedData data, boolean[] categorical, int minRows) {
    if (minRows <= 1) {
      return new CommonCategories(null);
    }
    long[][] common = new long[categorical.length][];
    int[] counts = new int[0];
    for (int f = 0; f < categorical.length; f++) {
      if (!categorical[f]) {
        continue;
      }
      int bins = data.numBins(f);
      if (counts.length < bins) {
        counts = new int[bins];
      }
      Arrays.fill(counts, 0, bins, 0);
      BinColumn column = data.column(f);
      for (int row = 0, n = data.rows(); row < n; row++) {
        counts[column.bin(row)]++;
      }
      common[f] = new long[(bins + 63) >>> 6];
      for (int b = 0; b < bins; b++) {
        if (counts[b] >= minRows) {
          common[f][b >>> 6] |= 1L << b;
        }
      }
    }
    return new CommonCategories(common);
  }

  /** Whether bin {@code bin} of categorical feature {@code feature} may be ordered. */
  boolean contains(int feature, int bin) {
    return common == null || (common[feature][bin >>> 6] & (1L << bin)) != 0;
  }
}
