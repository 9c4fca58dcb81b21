package dev.boreal.spark;

import dev.boreal.engine.model.Routing;
import dev.boreal.histogram.BinColumn;
import dev.boreal.histogram.BinnedData;
import java.util.Arrays;

/**
 * One partition's rows of the tree being grown, grouped by leaf: a permutation of the partition's rows whose
 * first {@link #count()} entries are the tree's rows (its bag, or every row), each leaf a range of them
 * partitioned in place as the tree splits, the rows out of the bag after them. Every range keeps its rows in
 * ascending order, as one machine's row partition does, so sums over a leaf add its rows in the same order.
 */
final class LeafRanges {
  private final BinnedData data;
  private final int rows;
  private final int[] perm;
  private final int[] scratch;
  private int[] leafStart = new int[2];
  private int[] leafEnd = new int[2];
  private int count;
  private int splitsApplied;

  LeafRanges(BinnedData data) {
    this.data = data;
    this.rows = data.rows();
    this.perm = new int[rows];
    this.scratch = new int[rows];
  }

  /**
   * Starts a tree with one leaf, the root, holding the rows in {@code bag}.
   *
   * @param bag the tree's rows in the whole training set; {@code null} for every row
   * @param firstRow the index in the whole training set of this partition's first row
   */
  void start(RowBag bag, long firstRow) {
    if (bag == null) {
      for (int r = 0; r < rows; r++) {
        perm[r] = r;
      }
      count = rows;
    } else {
      int in = 0;
      int out = rows;
      for (int r = 0; r < rows; r++) {
        if (bag.contains(firstRow + r)) {
          perm[in++] = r;
        } else {
          scratch[--out] = r;
        }
      }
      // The out-of-bag rows were written from the end backwards: put them after the bag in their order.
      for (int i = in, j = rows - 1; i < rows; i++, j--) {
        perm[i] = scratch[j];
      }
      count = in;
    }
    restart();
  }

  private void restart() {
    leafStart[0] = 0;
    leafEnd[0] = count;
    splitsApplied = 0;
  }

  /** The tree's rows: the in-bag ones, or every row. */
  int count() {
    return count;
  }

  /** The permutation: leaf {@code l}'s rows are {@code rows()[leafStart(l) .. leafEnd(l))}. */
  int[] rows() {
    return perm;
  }

  int leafStart(int leaf) {
    return leafStart[leaf];
  }

  int leafEnd(int leaf) {
    return leafEnd[leaf];
  }

  /** Rows in {@code leaf}; 0 for a leaf the tree does not have yet. */
  int leafRows(int leaf) {
    return leaf >= leafEnd.length ? 0 : leafEnd[leaf] - leafStart[leaf];
  }

  /** Makes the splits of {@code tree} this one has not made yet. */
  void applySplits(TreeSteps tree) {
    for (int s = splitsApplied; s < tree.count(); s++) {
      split(tree.leaf(s), tree.newLeaf(s), tree.feature(s), tree.thresholdBin(s), tree.defaultLeft(s),
          tree.leftBins(s));
    }
    splitsApplied = tree.count();
  }

  /**
   * Adds a finished tree's leaf values ({@link TreeSteps#leafValue}) to every row of the partition, at
   * {@code scores[offset + row]}: the tree's rows by the leaves they are in, then the rows out of its bag, routed
   * down its splits as one machine's {@code BinnedScorer} routes them. Those take the bag's place in the
   * permutation, so the ranges must be started again before the next tree.
   */
  void addTreeValues(TreeSteps tree, double[] scores, int offset) {
    applySplits(tree);
    addLeafValues(tree, scores, offset);
    if (count < rows) {
      System.arraycopy(perm, count, perm, 0, rows - count);
      count = rows - count;
      restart();
      applySplits(tree);
      addLeafValues(tree, scores, offset);
    }
  }

  private void addLeafValues(TreeSteps tree, double[] scores, int offset) {
    for (int l = 0; l < tree.leaves(); l++) {
      double v = tree.leafValue(l);
      for (int i = leafStart[l]; i < leafEnd[l]; i++) {
        scores[offset + perm[i]] += v;
      }
    }
  }

  private void split(int leaf, int newLeaf, int feature, int thresholdBin, boolean defaultLeft, long[] leftBins) {
    if (newLeaf >= leafStart.length) {
      leafStart = Arrays.copyOf(leafStart, 2 * newLeaf + 2);
      leafEnd = Arrays.copyOf(leafEnd, 2 * newLeaf + 2);
    }
    int start = leafStart[leaf];
    int end = leafEnd[leaf];
    int mid = route(leaf, feature, thresholdBin, defaultLeft, leftBins);
    System.arraycopy(scratch, start, perm, start, end - start);
    leafEnd[leaf] = mid;
    leafStart[newLeaf] = mid;
    leafEnd[newLeaf] = end;
  }

  /**
   * A stable partition of the leaf's rows into the same range of {@link #routed()}: left rows in their order,
   * then right rows in theirs. Returns where the right rows start; the leaf itself is left as it is.
   */
  int route(int leaf, int feature, int thresholdBin, boolean defaultLeft, long[] leftBins) {
    BinColumn column = data.column(feature);
    int missingBin = data.numBins(feature) - 1;
    int start = leafStart[leaf];
    int end = leafEnd[leaf];
    int left = start;
    int right = end;
    for (int i = start; i < end; i++) {
      int row = perm[i];
      if (Routing.binGoesLeft(column.bin(row), thresholdBin, defaultLeft, missingBin, leftBins)) {
        scratch[left++] = row;
      } else {
        scratch[--right] = row;
      }
    }
    // The right rows were written from the end backwards: put them back in their order.
    for (int i = left, j = end - 1; i < j; i++, j--) {
      int row = scratch[i];
      scratch[i] = scratch[j];
      scratch[j] = row;
    }
    return left;
  }

  /** Where {@link #route} writes the routed rows, at the leaf's positions. */
  int[] routed() {
    return scratch;
  }
}
