package dev.boreal.engine.forest;

import dev.boreal.histogram.BinColumn;
import dev.boreal.histogram.BinnedData;
import java.util.Arrays;

/**
 * Which categories a forest may order for a many-vs-many split: those held by at least
 * {@code min_data_per_group} training rows ({@link #FOREST_DEFAULT} unless given). A fully grown tree that orders
 * a category of a few rows by its own mean label isolates those rows on noise (scikit-learn's forest, fed
 * category codes, can only cut ranges of codes); rarer categories therefore share the right side, as boosting's
 * min_data_per_group keeps them out of its splits.
 */
final class CommonCategories {
  /**
   * The forest's min_data_per_group when not given. Binning already pools categories of fewer than
   * min_data_in_bin (3) rows into the "other" bin, so 5 keeps categories of 3 and 4 rows from being cut off
   * alone: in 5-fold CV that took sacramento's RMSE from 78,128 to 75,715 and boston's from 3.248 to 2.903
   * (scikit-learn's forest 75,992 and 3.098) and moved no other set by more than noise, where boosting's
   * row-scaled value (rows/100, at least 10) also withheld categories of tens of rows and cost 0.5-0.8% on
   * larger sets (Ames, income, caravan).
   */
  static final int FOREST_DEFAULT = 5;

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
