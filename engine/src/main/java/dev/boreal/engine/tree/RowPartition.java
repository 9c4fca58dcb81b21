package dev.boreal.engine.tree;

import dev.boreal.engine.Parallel;
import dev.boreal.histogram.BinColumn;

/**
 * Splits a leaf's range of the row permutation in place into left rows then right rows, each keeping
 * its ascending order (a stable partition), so every later pass over a leaf reads bins and gradients in
 * memory order. Large ranges are cut into fixed blocks partitioned in parallel and then concatenated in
 * block order, which gives the same permutation for any thread count.
 */
final class RowPartition {
  /** Positions per block; below two blocks the caller's thread does it all. */
  static final int BLOCK = 1 << 15;

  private final Parallel parallel;
  private final int[] leftBuffer;
  private final int[] rightBuffer;
  private final int[] leftCounts;

  RowPartition(int rows, Parallel parallel) {
    this.parallel = parallel;
    this.leftBuffer = new int[rows];
    this.rightBuffer = new int[rows];
    this.leftCounts = new int[Parallel.blockCount(rows, BLOCK) + 1];
  }

  /**
   * Partitions {@code rows[start .. end)} by the split and returns the first position of the right side.
   *
   * @param column the bins of the split's feature
   * @param split a valid split: numeric threshold with missing default, or a categorical bitset
   * @param missingBin the feature's missing bin (routed by the default side at numeric splits)
   */
  int partition(int[] rows, int start, int end, BinColumn column, SplitCandidate split, int missingBin) {
    int n = end - start;
    int blocks = Parallel.blockCount(n, BLOCK);
    parallel.forBlocks(n, BLOCK, (b, from, to) ->
        leftCounts[b] = splitBlock(rows, start + from, start + to, column, split, missingBin));
    int mid = start;
    for (int b = 0; b < blocks; b++) {
      mid += leftCounts[b];
    }
    int splitPoint = mid;
    parallel.forBlocks(n, BLOCK, (b, from, to) -> {
      int leftBefore = 0;
      for (int i = 0; i < b; i++) {
        leftBefore += leftCounts[i];
      }
      int lefts = leftCounts[b];
      int rightsBefore = from - leftBefore;
      System.arraycopy(leftBuffer, start + from, rows, start + leftBefore, lefts);
      System.arraycopy(rightBuffer, start + from, rows, splitPoint + rightsBefore, (to - from) - lefts);
    });
    return splitPoint;
  }

  /** Writes the block's left rows to leftBuffer and right rows to rightBuffer from {@code from}; returns lefts. */
  private int splitBlock(int[] rows, int from, int to, BinColumn column, SplitCandidate split, int missingBin) {
    int l = from;
    int r = from;
    long[] bits = split.leftBins;
    if (bits != null) {
      for (int i = from; i < to; i++) {
        int row = rows[i];
        int bin = column.bin(row);
        if ((bits[bin >>> 6] & (1L << bin)) != 0) {
          leftBuffer[l++] = row;
        } else {
          rightBuffer[r++] = row;
        }
      }
    } else {
      int threshold = split.thresholdBin;
      boolean missingLeft = split.defaultLeft;
      for (int i = from; i < to; i++) {
        int row = rows[i];
        int bin = column.bin(row);
        if (bin == missingBin ? missingLeft : bin <= threshold) {
          leftBuffer[l++] = row;
        } else {
          rightBuffer[r++] = row;
        }
      }
    }
    return l - from;
  }
}
