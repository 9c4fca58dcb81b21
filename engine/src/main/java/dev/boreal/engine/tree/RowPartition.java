package dev.boreal.engine.tree;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Routing;
import dev.boreal.histogram.BinColumn;

/**
 * Splits a leaf's range of the row permutation in place into left rows then right rows, each keeping
 * its ascending order (a stable partition), so every later pass over a leaf reads bins and gradients in
 * memory order. Large ranges are cut into fixed blocks partitioned in parallel and then concatenated in
 * block order, which gives the same permutation for any thread count.
 */
final class RowPartition {
  /** Positions per block; below {@link Parallel#MIN_SHARED_ROWS} positions the caller's thread does it all. */
  static final int BLOCK = 1 << 11;

  private final Parallel parallel;
  private final int[] leftBuffer;
  private final int[] rightBuffer;
  private final int[] leftCounts;
  private final int[] leftsBefore;
  private byte[] leftOfBin;

  RowPartition(int rows, Parallel parallel) {
    this.parallel = parallel;
    this.leftBuffer = new int[rows];
    this.rightBuffer = new int[rows];
    this.leftCounts = new int[Parallel.blockCount(rows, BLOCK) + 1];
    this.leftsBefore = new int[leftCounts.length];
    this.leftOfBin = new byte[256];
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
    tabulateSides(split, missingBin);
    parallel.forBlocks(n, BLOCK, n >= Parallel.MIN_SHARED_ROWS, (b, from, to) ->
        leftCounts[b] = splitBlock(rows, start + from, start + to, column));
    int lefts = 0;
    for (int b = 0; b < blocks; b++) {
      leftsBefore[b] = lefts;
      lefts += leftCounts[b];
    }
    int splitPoint = start + lefts;
    parallel.forBlocks(n, BLOCK, n >= Parallel.MIN_SHARED_ROWS, (b, from, to) -> {
      int leftBefore = leftsBefore[b];
      int blockLefts = leftCounts[b];
      int rightsBefore = from - leftBefore;
      System.arraycopy(leftBuffer, start + from, rows, start + leftBefore, blockLefts);
      System.arraycopy(rightBuffer, start + from, rows, splitPoint + rightsBefore, (to - from) - blockLefts);
    });
    return splitPoint;
  }

  /**
   * Writes the block's left rows to leftBuffer and right rows to rightBuffer from {@code from}; returns lefts.
   * Every row is written to both buffers and only one cursor moves, by the side its bin looks up: no branch
   * on the row's side, which the processor could not predict.
   */
  private int splitBlock(int[] rows, int from, int to, BinColumn column) {
    byte[] side = leftOfBin;
    int l = from;
    int r = from;
    for (int i = from; i < to; i++) {
      int row = rows[i];
      int goesLeft = side[column.bin(row)];
      leftBuffer[l] = row;
      rightBuffer[r] = row;
      l += goesLeft;
      r += 1 - goesLeft;
    }
    return l - from;
  }

  /** Fills {@link #leftOfBin} with 1 for each bin of the split's feature that goes left, 0 for the others. */
  private void tabulateSides(SplitCandidate split, int missingBin) {
    if (leftOfBin.length <= missingBin) {
      leftOfBin = new byte[missingBin + 1];
    }
    for (int bin = 0; bin <= missingBin; bin++) {
      boolean left = Routing.binGoesLeft(bin, split.thresholdBin, split.defaultLeft, missingBin, split.leftBins);
      leftOfBin[bin] = (byte) (left ? 1 : 0);
    }
  }
}
