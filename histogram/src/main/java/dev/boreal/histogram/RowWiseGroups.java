package dev.boreal.histogram;

import java.util.Arrays;

/**
 * The row-wise slots cut into one group per thread, each group summing into a buffer of its own.
 *
 * <p>Threads adding into one shared histogram collide on the cache line where one group's last feature
 * and the next group's first meet. With few bins per feature (one-hot data) nearly every row touches that
 * line, so it moves between the cores once per row, which made two threads slower than one. Each group's
 * sums go to its own buffer and are copied into the histogram at the end of the pass: every sum still
 * starts at zero and adds its rows in order, so the values are those of a pass straight into the histogram.
 */
final class RowWiseGroups {
  /** A row-wise pass adding slots {@code [slotFrom, slotTo)} into {@code sums} at {@code offsets}. */
  @FunctionalInterface
  interface Pass {
    void add(double[] sums, int[] offsets, int slotFrom, int slotTo);
  }

  private final int width;
  private final int groups;
  private final int[] slotOffsets;
  private final int[] slotLengths;
  private final double[][] sums;
  private final int[][] offsets;

  /**
   * Groups for {@code threads} threads.
   *
   * @param slotOffsets where each slot's feature starts in a histogram's array
   * @param slotLengths how many doubles each slot's feature takes there
   */
  RowWiseGroups(int[] slotOffsets, int[] slotLengths, int threads) {
    this.width = slotOffsets.length;
    this.groups = Math.max(1, Math.min(threads, width));
    this.slotOffsets = slotOffsets;
    this.slotLengths = slotLengths;
    this.sums = new double[groups][];
    this.offsets = new int[groups][width];
    for (int g = 0; g < groups; g++) {
      int first = first(g);
      int last = first(g + 1);
      int base = first < last ? slotOffsets[first] : 0;
      int end = first < last ? slotOffsets[last - 1] + slotLengths[last - 1] : base;
      sums[g] = new double[end - base];
      for (int j = first; j < last; j++) {
        offsets[g][j] = slotOffsets[j] - base;
      }
    }
  }

  /** Number of groups: the threads, or the slots when there are fewer. */
  int groups() {
    return groups;
  }

  /** Runs group {@code g}'s share of a pass into its buffer and copies the sums into {@code hist}. */
  void run(int g, double[] hist, Pass pass) {
    int first = first(g);
    int last = first(g + 1);
    double[] s = sums[g];
    int[] at = offsets[g];
    Arrays.fill(s, 0.0);
    pass.add(s, at, first, last);
    for (int j = first; j < last; j++) {
      System.arraycopy(s, at[j], hist, slotOffsets[j], slotLengths[j]);
    }
  }

  private int first(int g) {
    return g * width / groups;
  }
}
