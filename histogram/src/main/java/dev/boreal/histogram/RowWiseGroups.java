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
   * @param slotOffsets where each slot's feature starts in a histogram's array (unused for slots whose sums go
   *     to a {@link Sink} of the caller's)
   * @param slotLengths how many doubles each slot's sums take
   */
  RowWiseGroups(int[] slotOffsets, int[] slotLengths, int threads) {
    this.width = slotOffsets.length;
    this.groups = Math.max(1, Math.min(threads, width));
    this.slotOffsets = slotOffsets;
    this.slotLengths = slotLengths;
    this.sums = new double[groups][];
    this.offsets = new int[groups][width];
    for (int g = 0; g < groups; g++) {
      int length = 0;
      for (int j = first(g); j < first(g + 1); j++) {
        offsets[g][j] = length;
        length += slotLengths[j];
      }
      sums[g] = new double[length];
    }
  }

  /** Number of groups: the threads, or the slots when there are fewer. */
  int groups() {
    return groups;
  }

  /** Runs group {@code g}'s share of a pass into its buffer and copies the sums into {@code hist}. */
  void run(int g, double[] hist, Pass pass) {
    double[] s = sum(g, pass);
    int[] at = offsets[g];
    for (int j = first(g); j < first(g + 1); j++) {
      System.arraycopy(s, at[j], hist, slotOffsets[j], slotLengths[j]);
    }
  }

  /** Where a group hands each finished slot's sums: slot {@code slot}'s start at {@code sums[at]}. */
  @FunctionalInterface
  interface Sink {
    void store(int slot, double[] sums, int at);
  }

  /** Runs group {@code g}'s share of a pass into its buffer, then hands each of its slots' sums to {@code sink}. */
  void run(int g, Pass pass, Sink sink) {
    double[] s = sum(g, pass);
    int[] at = offsets[g];
    for (int j = first(g); j < first(g + 1); j++) {
      sink.store(j, s, at[j]);
    }
  }

  /** Runs group {@code g}'s share of a pass into its cleared buffer and returns the buffer. */
  private double[] sum(int g, Pass pass) {
    double[] s = sums[g];
    Arrays.fill(s, 0.0);
    pass.add(s, offsets[g], first(g), first(g + 1));
    return s;
  }

  /** The first slot of group {@code g}; {@code first(groups())} is the number of slots. */
  int first(int g) {
    return g * width / groups;
  }
}
