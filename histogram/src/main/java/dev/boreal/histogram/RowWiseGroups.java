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
 * Quantized passes ({@link #runPacked}) get buffers of packed cells the same way.
 */
final class RowWiseGroups {
  /** A row-wise pass adding slots {@code [slotFrom, slotTo)} into {@code sums} at {@code offsets}. */
  @FunctionalInterface
  interface Pass {
    void add(double[] sums, int[] offsets, int slotFrom, int slotTo);
  }

  /**
   * A quantized row-wise pass adding slots {@code [slotFrom, slotTo)} into packed cells at {@code cellOffsets}:
   * into {@code wide} when it is not null, else into {@code narrow}.
   */
  @FunctionalInterface
  interface PackedPass {
    void add(int[] narrow, long[] wide, int[] cellOffsets, int slotFrom, int slotTo);
  }

  private final int width;
  private final int groups;
  private final int[] slotOffsets;
  private final int[] slotLengths;
  private final double[][] sums;
  private final int[][] offsets;
  private final int[][] narrowCells;
  private final long[][] wideCells;
  private final int[][] cellOffsets;

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
    this.narrowCells = new int[groups][];
    this.wideCells = new long[groups][];
    this.cellOffsets = new int[groups][width];
    for (int g = 0; g < groups; g++) {
      int length = 0;
      for (int j = first(g); j < first(g + 1); j++) {
        offsets[g][j] = length;
        cellOffsets[g][j] = length / BinColumn.STRIDE;
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

  /**
   * Runs group {@code g}'s share of a quantized pass into its own cells, of {@code out}'s width, and copies the
   * sums into {@code out}, whose cell offsets are the float ones halved (one cell per bin).
   */
  void runPacked(int g, PackedHistogram out, PackedPass pass) {
    int first = first(g);
    int last = first(g + 1);
    int[] at = cellOffsets[g];
    int cells = sums[g].length / BinColumn.STRIDE;
    if (out.isWide()) {
      if (wideCells[g] == null) {
        wideCells[g] = new long[cells];
      }
      long[] own = wideCells[g];
      Arrays.fill(own, 0L);
      pass.add(null, own, at, first, last);
      for (int j = first; j < last; j++) {
        System.arraycopy(own, at[j], out.wideCells(), slotOffsets[j] / BinColumn.STRIDE,
            slotLengths[j] / BinColumn.STRIDE);
      }
    } else {
      if (narrowCells[g] == null) {
        narrowCells[g] = new int[cells];
      }
      int[] own = narrowCells[g];
      Arrays.fill(own, 0);
      pass.add(own, null, at, first, last);
      for (int j = first; j < last; j++) {
        System.arraycopy(own, at[j], out.narrowCells(), slotOffsets[j] / BinColumn.STRIDE,
            slotLengths[j] / BinColumn.STRIDE);
      }
    }
  }

  /** The first slot of group {@code g}; {@code first(groups())} is the number of slots. */
  int first(int g) {
    return g * width / groups;
  }
}
