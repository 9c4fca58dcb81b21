package dev.boreal.engine.model;

import dev.boreal.InputException;
import dev.boreal.histogram.BinMapper;

/**
 * Fills in a tree node by node and leaf by leaf, then checks the whole structure once ({@link #build}):
 * the one way every tree is made, whether boosting or a forest grew it, a Boreal model file holds it or
 * it is imported from XGBoost or LightGBM. Numbering is the tree's: internal nodes {@code 0 .. nodes-1}
 * with the root 0, a child {@code c >= 0} is internal node c and {@code c < 0} is leaf {@code ~c}.
 *
 * <p>Children are taken as {@code long} so that an index read from a file is checked as written rather
 * than after a cast to {@code int} has wrapped it into range.
 */
public final class TreeBuilder {
  final int[] feature;
  final double[] threshold;
  final int[] thresholdBin;
  final boolean[] defaultLeft;
  final long[][] leftBins;
  final long[] left;
  final long[] right;
  final double[] gain;
  final double[] nodeHessian;
  final long[] nodeCount;
  final double[] leafValue;
  final double[] leafHessian;
  final long[] leafCount;

  /**
   * An empty tree of {@code nodes} internal nodes and {@code leaves} leaves, statistics zero; a valid
   * tree has one leaf more than it has internal nodes, which {@link #build} checks.
   *
   * @throws IllegalArgumentException if {@code nodes} or {@code leaves} is negative
   */
  public TreeBuilder(int nodes, int leaves) {
    if (nodes < 0 || leaves < 0) {
      throw new IllegalArgumentException(nodes + " nodes and " + leaves + " leaves: counts cannot be negative");
    }
    feature = new int[nodes];
    threshold = new double[nodes];
    thresholdBin = new int[nodes];
    defaultLeft = new boolean[nodes];
    leftBins = new long[nodes][];
    left = new long[nodes];
    right = new long[nodes];
    gain = new double[nodes];
    nodeHessian = new double[nodes];
    nodeCount = new long[nodes];
    leafValue = new double[leaves];
    leafHessian = new double[leaves];
    leafCount = new long[leaves];
  }

  /** Number of internal nodes. */
  public int numNodes() {
    return feature.length;
  }

  /** Number of leaves. */
  public int numLeaves() {
    return leafValue.length;
  }

  /**
   * Makes {@code node} a numeric split: values up to {@code threshold} (bins up to {@code thresholdBin})
   * go left, missing values to the {@code defaultLeft} side.
   */
  public TreeBuilder numeric(int node, int feature, double threshold, int thresholdBin, boolean defaultLeft) {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.thresholdBin[node] = thresholdBin;
    this.defaultLeft[node] = defaultLeft;
    this.leftBins[node] = null;
    return this;
  }

  /**
   * Makes {@code node} a categorical split: the bins whose bits are set in {@code leftBins} (copied) go
   * left; {@code defaultLeft} records where the feature's missing bin goes, which its bit also says.
   */
  public TreeBuilder categorical(int node, int feature, long[] leftBins, boolean defaultLeft) {
    this.feature[node] = feature;
    this.threshold[node] = Double.NaN;
    this.thresholdBin[node] = -1;
    this.defaultLeft[node] = defaultLeft;
    this.leftBins[node] = leftBins.clone();
    return this;
  }

  /**
   * Makes {@code node} a split as training finds it, in bins: categorical when {@code leftBins} is not
   * null, else numeric with the upper bound of {@code thresholdBin} as its threshold, so raw values route
   * exactly as their bins did.
   *
   * @param mapper the bin mapper of {@code feature}
   */
  public TreeBuilder binned(int node, int feature, int thresholdBin, boolean defaultLeft, long[] leftBins,
      BinMapper mapper) {
    return leftBins != null ? categorical(node, feature, leftBins, defaultLeft)
        : numeric(node, feature, mapper.upperBound(thresholdBin), thresholdBin, defaultLeft);
  }

  /** Sets the children of {@code node}: an internal node if non-negative, else leaf {@code ~child}. */
  public TreeBuilder children(int node, long left, long right) {
    this.left[node] = left;
    this.right[node] = right;
    return this;
  }

  /** Sets what training recorded at {@code node}: the split's gain, hessian sum and row count. */
  public TreeBuilder nodeStats(int node, double gain, double hessian, long count) {
    this.gain[node] = gain;
    this.nodeHessian[node] = hessian;
    this.nodeCount[node] = count;
    return this;
  }

  /** Sets leaf {@code leaf}'s output (learning rate applied), hessian sum and row count. */
  public TreeBuilder leaf(int leaf, double value, double hessian, long count) {
    leafValue[leaf] = value;
    leafHessian[leaf] = hessian;
    leafCount[leaf] = count;
    return this;
  }

  /** The feature internal node {@code node} splits on, as set so far. */
  public int feature(int node) {
    return feature[node];
  }

  /** The threshold of internal node {@code node}, as set so far (NaN at a categorical split). */
  public double threshold(int node) {
    return threshold[node];
  }

  /** Where missing values go at internal node {@code node}, as set so far. */
  public boolean defaultLeft(int node) {
    return defaultLeft[node];
  }

  /**
   * Checks the structure as it stands, as {@link #build} does: for a caller that must know the tree is
   * sound before it uses its values.
   *
   * @param where how the message names the tree, e.g. {@code "model.txt: tree 3"}
   * @throws InputException naming the tree, the node or leaf and what is wrong, if a child is out of
   *     range, both children of a node are the same, the tree has no leaf, a node is reached twice (a cycle or a shared
   *     subtree) or not at all, a feature index is negative or a numeric threshold is NaN (leaf values
   *     are checked by the {@link Model} that holds the tree)
   */
  public void check(String where) {
    ModelCheck.tree(this, where);
  }

  /** The immutable tree, after {@link #check check(where)}, which may throw {@link InputException}. */
  public Tree build(String where) {
    check(where);
    return new Tree(this);
  }
}
