package dev.boreal.engine.model;

import java.util.Arrays;

/**
 * One trained decision tree in flat struct-of-arrays form: immutable, and the shape every consumer reads
 * (the predictor, TreeSHAP, the model file).
 *
 * <p>A tree with {@code L} leaves has {@code L - 1} internal nodes numbered {@code 0 .. L-2}, the root
 * being 0 (a single-leaf tree has no internal node). {@link #left(int)} and {@link #right(int)} give a
 * child: a non-negative value is an internal node, a negative value {@code c} is leaf {@code ~c}.
 *
 * <p>Rows are routed by {@link Routing}, the same rule in bin space (training) and in raw space
 * (prediction): a numeric node sends missing values to its default side and others left iff
 * {@code value <= threshold}, that is {@code bin <= thresholdBin}; a categorical node sends left the bins in
 * {@link #leftCategoryBins(int)}.
 * Node statistics (gain, hessian sum, row count) and leaf statistics are kept for explanations and
 * importance.
 */
public final class Tree {
  private final int[] feature;
  private final double[] threshold;
  private final int[] thresholdBin;
  private final boolean[] defaultLeft;
  private final long[][] leftCategoryBins;
  private final int[] left;
  private final int[] right;
  private final double[] gain;
  private final double[] nodeHessian;
  private final long[] nodeCount;
  private final double[] leafValue;
  private final double[] leafHessian;
  private final long[] leafCount;

  /**
   * Builds a tree from its arrays (copied). Node arrays have one entry per internal node, leaf arrays one
   * per leaf; {@code leftCategoryBins[node]} is {@code null} for numeric nodes and a bitset over bins for
   * categorical ones.
   *
   * @throws IllegalArgumentException if the lengths disagree or a child index is out of range
   */
  public Tree(int[] feature, double[] threshold, int[] thresholdBin, boolean[] defaultLeft,
      long[][] leftCategoryBins, int[] left, int[] right, double[] gain, double[] nodeHessian,
      long[] nodeCount, double[] leafValue, double[] leafHessian, long[] leafCount) {
    int nodes = feature.length;
    int leaves = leafValue.length;
    if (leaves != nodes + 1 || threshold.length != nodes || thresholdBin.length != nodes
        || defaultLeft.length != nodes || leftCategoryBins.length != nodes || left.length != nodes
        || right.length != nodes || gain.length != nodes || nodeHessian.length != nodes
        || nodeCount.length != nodes || leafHessian.length != leaves || leafCount.length != leaves) {
      throw new IllegalArgumentException("a tree with " + leaves + " leaves needs " + (leaves - 1)
          + " entries in every node array and " + leaves + " in every leaf array");
    }
    for (int n = 0; n < nodes; n++) {
      checkChild(left[n], nodes, leaves);
      checkChild(right[n], nodes, leaves);
    }
    this.feature = feature.clone();
    this.threshold = threshold.clone();
    this.thresholdBin = thresholdBin.clone();
    this.defaultLeft = defaultLeft.clone();
    this.leftCategoryBins = new long[nodes][];
    for (int n = 0; n < nodes; n++) {
      this.leftCategoryBins[n] = leftCategoryBins[n] == null ? null : leftCategoryBins[n].clone();
    }
    this.left = left.clone();
    this.right = right.clone();
    this.gain = gain.clone();
    this.nodeHessian = nodeHessian.clone();
    this.nodeCount = nodeCount.clone();
    this.leafValue = leafValue.clone();
    this.leafHessian = leafHessian.clone();
    this.leafCount = leafCount.clone();
  }

  /** A tree of one leaf that predicts {@code value} for every row. */
  public static Tree constant(double value, double hessian, long count) {
    return new Tree(new int[0], new double[0], new int[0], new boolean[0], new long[0][], new int[0],
        new int[0], new double[0], new double[0], new long[0], new double[] {value},
        new double[] {hessian}, new long[] {count});
  }

  private static void checkChild(int child, int nodes, int leaves) {
    if (child >= nodes || (child < 0 && ~child >= leaves)) {
      throw new IllegalArgumentException("child " + child + " is out of range");
    }
  }

  /** Number of leaves (at least 1). */
  public int numLeaves() {
    return leafValue.length;
  }

  /** Number of internal nodes, {@code numLeaves() - 1}. */
  public int numNodes() {
    return feature.length;
  }

  /** The feature (index in the model's schema) internal node {@code node} splits on. */
  public int feature(int node) {
    return feature[node];
  }

  /** Numeric nodes: rows with {@code value <= threshold} go left. NaN for categorical nodes. */
  public double threshold(int node) {
    return threshold[node];
  }

  /** Numeric nodes: rows with {@code bin <= thresholdBin} go left; -1 for categorical nodes. */
  public int thresholdBin(int node) {
    return thresholdBin[node];
  }

  /** Where missing values go at a numeric node. */
  public boolean defaultLeft(int node) {
    return defaultLeft[node];
  }

  /** Whether the node splits a categorical feature. */
  public boolean isCategorical(int node) {
    return leftCategoryBins[node] != null;
  }

  /** A copy of the bitset of bins that go left at a categorical node; {@code null} at a numeric node. */
  public long[] leftCategoryBins(int node) {
    long[] bins = leftCategoryBins[node];
    return bins == null ? null : bins.clone();
  }

  /**
   * Whether a row whose bin of the node's feature is {@code bin} goes left at internal node {@code node},
   * by {@link Routing#binGoesLeft}.
   *
   * @param missingBin the missing bin of the node's feature
   */
  public boolean binGoesLeft(int node, int bin, int missingBin) {
    return Routing.binGoesLeft(bin, thresholdBin[node], defaultLeft[node], missingBin, leftCategoryBins[node]);
  }

  /** The left child: an internal node if non-negative, else leaf {@code ~child}. */
  public int left(int node) {
    return left[node];
  }

  /** The right child: an internal node if non-negative, else leaf {@code ~child}. */
  public int right(int node) {
    return right[node];
  }

  /** The loss reduction the split at {@code node} achieved in training. */
  public double gain(int node) {
    return gain[node];
  }

  /** Sum of hessians of the training rows that reached {@code node}. */
  public double nodeHessian(int node) {
    return nodeHessian[node];
  }

  /** Number of training rows that reached {@code node}. */
  public long nodeCount(int node) {
    return nodeCount[node];
  }

  /** The output of leaf {@code leaf}, learning rate already applied. */
  public double leafValue(int leaf) {
    return leafValue[leaf];
  }

  /** Sum of hessians of the training rows in leaf {@code leaf}. */
  public double leafHessian(int leaf) {
    return leafHessian[leaf];
  }

  /** Number of training rows in leaf {@code leaf}. */
  public long leafCount(int leaf) {
    return leafCount[leaf];
  }

  /**
   * The leaf a row of bin codes reaches; {@code bins[f]} is the bin of feature f. Used to check that the
   * predictor on raw rows agrees with training on binned rows, and by callers that hold bins.
   *
   * @param missingBins the missing bin of each feature (numeric features route it by default side)
   */
  public int leafOfBins(int[] bins, int[] missingBins) {
    if (feature.length == 0) {
      return 0;
    }
    int node = 0;
    while (node >= 0) {
      int f = feature[node];
      node = binGoesLeft(node, bins[f], missingBins[f]) ? left[node] : right[node];
    }
    return ~node;
  }

  /** The maximum number of internal nodes on a path from the root to a leaf. */
  public int depth() {
    if (feature.length == 0) {
      return 0;
    }
    int[] stack = new int[feature.length];
    int[] depthOf = new int[feature.length];
    int top = 0;
    int deepest = 0;
    stack[top++] = 0;
    depthOf[0] = 1;
    while (top > 0) {
      int node = stack[--top];
      deepest = Math.max(deepest, depthOf[node]);
      for (int child : new int[] {left[node], right[node]}) {
        if (child >= 0) {
          depthOf[child] = depthOf[node] + 1;
          stack[top++] = child;
        }
      }
    }
    return deepest;
  }

  /** A copy of this tree whose leaf values are multiplied by {@code factor} (e.g. averaging a forest). */
  public Tree scaled(double factor) {
    double[] values = leafValue.clone();
    for (int i = 0; i < values.length; i++) {
      values[i] *= factor;
    }
    return new Tree(feature, threshold, thresholdBin, defaultLeft, leftCategoryBins, left, right, gain,
        nodeHessian, nodeCount, values, leafHessian, leafCount);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Tree t)) {
      return false;
    }
    return Arrays.equals(feature, t.feature) && Arrays.equals(threshold, t.threshold)
        && Arrays.equals(thresholdBin, t.thresholdBin) && Arrays.equals(defaultLeft, t.defaultLeft)
        && Arrays.deepEquals(leftCategoryBins, t.leftCategoryBins) && Arrays.equals(left, t.left)
        && Arrays.equals(right, t.right) && Arrays.equals(gain, t.gain)
        && Arrays.equals(nodeHessian, t.nodeHessian) && Arrays.equals(nodeCount, t.nodeCount)
        && Arrays.equals(leafValue, t.leafValue) && Arrays.equals(leafHessian, t.leafHessian)
        && Arrays.equals(leafCount, t.leafCount);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(leafValue) + Arrays.hashCode(feature);
  }
}
