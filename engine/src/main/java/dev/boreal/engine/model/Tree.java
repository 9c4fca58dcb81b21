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
 * <p>Every tree is made by a {@link TreeBuilder}, which checks it; rows are routed by {@link Routing}. Node
 * statistics (gain, hessian sum, row count) and leaf statistics are kept for explanations and importance.
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

  /** The tree a checked builder describes; arrays are copied, so the builder may be reused. */
  Tree(TreeBuilder b) {
    int nodes = b.numNodes();
    this.feature = b.feature.clone();
    this.threshold = b.threshold.clone();
    this.thresholdBin = b.thresholdBin.clone();
    this.defaultLeft = b.defaultLeft.clone();
    this.leftCategoryBins = new long[nodes][];
    this.left = new int[nodes];
    this.right = new int[nodes];
    for (int n = 0; n < nodes; n++) {
      this.leftCategoryBins[n] = b.leftBins[n] == null ? null : b.leftBins[n].clone();
      // The builder's check put every child in range, so these casts are exact.
      this.left[n] = (int) b.left[n];
      this.right[n] = (int) b.right[n];
    }
    this.gain = b.gain.clone();
    this.nodeHessian = b.nodeHessian.clone();
    this.nodeCount = b.nodeCount.clone();
    this.leafValue = b.leafValue.clone();
    this.leafHessian = b.leafHessian.clone();
    this.leafCount = b.leafCount.clone();
  }

  /** A copy of {@code t} whose leaf values are {@code leafValue}. */
  private Tree(Tree t, double[] leafValue) {
    this.feature = t.feature;
    this.threshold = t.threshold;
    this.thresholdBin = t.thresholdBin;
    this.defaultLeft = t.defaultLeft;
    this.leftCategoryBins = t.leftCategoryBins;
    this.left = t.left;
    this.right = t.right;
    this.gain = t.gain;
    this.nodeHessian = t.nodeHessian;
    this.nodeCount = t.nodeCount;
    this.leafValue = leafValue;
    this.leafHessian = t.leafHessian;
    this.leafCount = t.leafCount;
  }

  /** A tree of one leaf that predicts {@code value} for every row. */
  public static Tree constant(double value, double hessian, long count) {
    return new TreeBuilder(0, 1).leaf(0, value, hessian, count).build("a constant tree");
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
    return NodeOrder.depth(left, right);
  }

  /**
   * The tree with this tree's splits and statistics and the given leaf values: one output of a tree whose
   * leaves hold a value per output (a multiclass forest's class shares). The node and statistics arrays are
   * shared, not copied, so {@link #sameShape} answers at once and the predictor walks such trees once.
   *
   * @param values one value per leaf (copied)
   * @throws IllegalArgumentException if there is not one value per leaf
   */
  public Tree withLeafValues(double[] values) {
    if (values.length != leafValue.length) {
      throw new IllegalArgumentException(values.length + " leaf values for a tree of " + leafValue.length
          + " leaves");
    }
    return new Tree(this, values.clone());
  }

  /**
   * Whether {@code other} has this tree's splits, children and statistics, so that only leaf values may
   * differ: the trees of one multi-output tree. Trees made by {@link #withLeafValues} share their arrays and
   * answer in constant time; others are compared array by array.
   */
  public boolean sameShape(Tree other) {
    if (sharesShape(other)) {
      return true;
    }
    return Arrays.equals(feature, other.feature) && Arrays.equals(threshold, other.threshold)
        && Arrays.equals(thresholdBin, other.thresholdBin) && Arrays.equals(defaultLeft, other.defaultLeft)
        && Arrays.deepEquals(leftCategoryBins, other.leftCategoryBins) && Arrays.equals(left, other.left)
        && Arrays.equals(right, other.right) && Arrays.equals(gain, other.gain)
        && Arrays.equals(nodeHessian, other.nodeHessian) && Arrays.equals(nodeCount, other.nodeCount)
        && Arrays.equals(leafHessian, other.leafHessian) && Arrays.equals(leafCount, other.leafCount);
  }

  /** Whether {@code other} holds the very node and statistics arrays of this tree (see {@link #withLeafValues}). */
  public boolean sharesShape(Tree other) {
    return feature == other.feature && gain == other.gain && leafHessian == other.leafHessian;
  }

  /** A copy of this tree whose leaf values are multiplied by {@code factor} (e.g. averaging a forest). */
  public Tree scaled(double factor) {
    double[] values = leafValue.clone();
    for (int i = 0; i < values.length; i++) {
      values[i] *= factor;
    }
    return new Tree(this, values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tree t && sameShape(t) && Arrays.equals(leafValue, t.leafValue);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(leafValue) + Arrays.hashCode(feature);
  }
}
