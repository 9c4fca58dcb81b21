package dev.boreal.engine.tree;

/**
 * Orders a categorical feature's bins by a key (LightGBM's sorted many-vs-many scan), shared by the boosting
 * split finder and the forest's node splitter so that both break ties the same way.
 */
public final class BinOrder {
  private BinOrder() {
  }

  /**
   * Sorts the first {@code n} bins by ascending key, ties by ascending bin, moving keys and bins together.
   * An insertion sort: the bins of one feature are few, and it allocates nothing.
   *
   * @param keys input and output: the key of each listed bin
   * @param bins input and output: the listed bins
   */
  public static void sortByKey(double[] keys, int[] bins, int n) {
    for (int i = 1; i < n; i++) {
      double key = keys[i];
      int bin = bins[i];
      int j = i - 1;
      while (j >= 0 && (keys[j] > key || (keys[j] == key && bins[j] > bin))) {
        keys[j + 1] = keys[j];
        bins[j + 1] = bins[j];
        j--;
      }
      keys[j + 1] = key;
      bins[j + 1] = bin;
    }
  }
}
