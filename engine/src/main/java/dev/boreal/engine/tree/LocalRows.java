package dev.boreal.engine.tree;

import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.Histogram;

/**
 * The rows of a tree held on this machine: the tree's row permutation, each leaf a range of it that a split
 * partitions in place, histograms built from the leaf's rows. The {@link TreeLearner}'s default {@link TreeRows}.
 */
final class LocalRows implements TreeRows {
  private final BinnedData data;
  private final LeafHistograms histograms;
  private final RowPartition partition;
  private final GrownTree tree;
  private final SplitCandidate split = new SplitCandidate();
  private double[] gradients;
  private double[] hessians;
  private int count;
  private boolean allRows;

  LocalRows(BinnedData data, LeafHistograms histograms, RowPartition partition, GrownTree tree) {
    this.data = data;
    this.histograms = histograms;
    this.partition = partition;
    this.tree = tree;
  }

  /**
   * Starts a tree over the bag: fills the permutation with its rows.
   *
   * @param bag input: rows ascending in {@code bag[0 .. count)}, or {@code null} for rows {@code 0 .. count)}
   * @param gradients input, indexed by row
   * @param hessians input, indexed by row
   * @param treeSeed the tree's seed (stochastic rounding of quantized gradients)
   */
  void start(int[] bag, int count, double[] gradients, double[] hessians, long treeSeed) {
    int[] rows = tree.rows();
    for (int i = 0; i < count; i++) {
      rows[i] = bag == null ? i : bag[i];
    }
    this.gradients = gradients;
    this.hessians = hessians;
    this.count = count;
    this.allRows = bag == null && count == data.rows();
    histograms.prepare(rows, count, gradients, hessians, treeSeed);
  }

  @Override
  public void rootSums(double[] sums) {
    sums[0] = histograms.rootGradient();
    sums[1] = histograms.rootHessian();
    sums[2] = count;
  }

  @Override
  public void build(int leaf, int[] features, Histogram out) {
    if (leaf == 0 && tree.numLeaves() == 1 && allRows) {
      histograms.buildAll(gradients, hessians, out);
    } else {
      histograms.build(tree.rows(), tree.leafStart(leaf), tree.leafEnd(leaf), gradients, hessians, features, out);
    }
  }

  @Override
  public long split(int leaf, int newLeaf, int feature, int thresholdBin, boolean defaultLeft, long[] leftBins) {
    split.thresholdBin = thresholdBin;
    split.defaultLeft = defaultLeft;
    split.leftBins = leftBins;
    int start = tree.leafStart(leaf);
    int mid = partition.partition(tree.rows(), start, tree.leafEnd(leaf), data.column(feature), split,
        data.numBins(feature) - 1);
    return mid - start;
  }
}
