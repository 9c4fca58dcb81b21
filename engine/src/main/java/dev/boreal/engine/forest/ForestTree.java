package dev.boreal.engine.forest;

import dev.boreal.engine.model.Routing;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.model.TreeBuilder;
import dev.boreal.histogram.BinMapper;
import java.util.Arrays;
import java.util.List;

/**
 * A forest tree as it is grown: its internal nodes and its leaves with their statistics, in growable
 * arrays that one thread reuses for every tree it grows (so memory grows with the number of trees only
 * through the immutable {@link Tree}s made from it).
 *
 * <p>It becomes one {@link Tree} per model output ({@link #toTrees}): a regression tree's leaves hold the
 * weighted mean label, a binary tree's the weighted share of class 1, and a K-class tree becomes one
 * multi-output tree: K {@link Tree}s sharing one set of splits and statistics
 * ({@link Tree#withLeafValues}), the k-th holding the share of class k in each leaf. That is how one tree with
 * class-distribution leaves fits the model's layout of {@code numOutputs} trees per iteration without
 * storing or walking it K times.
 */
final class ForestTree {
  /** Statistics per leaf: the criterion's channels, then the row count. */
  private final int stride;
  private int nodes;
  private int leaves;
  private int[] feature = new int[64];
  private int[] thresholdBin = new int[64];
  private boolean[] defaultLeft = new boolean[64];
  private long[][] leftBins = new long[64][];
  private int[] left = new int[64];
  private int[] right = new int[64];
  private double[] gain = new double[64];
  private double[] nodeWeight = new double[64];
  private long[] nodeCount = new long[64];
  private double[] leafStats;

  ForestTree(int stride) {
    this.stride = stride;
    this.leafStats = new double[64 * stride];
  }

  /** Starts a new, empty tree. */
  void reset() {
    nodes = 0;
    leaves = 0;
  }

  int numNodes() {
    return nodes;
  }

  int numLeaves() {
    return leaves;
  }

  /**
   * Adds an internal node and links it under {@code parent} (or makes it the root when {@code parent} is
   * -1); its children are linked by later calls.
   *
   * @param weight the node's total weight (its cover for explanations)
   * @param count the node's distinct rows
   * @return the node's index
   */
  int addNode(int parent, boolean isLeft, NodeSplit split, double decrease, double weight, long count,
      int bins) {
    if (nodes == feature.length) {
      growNodes();
    }
    int n = nodes++;
    feature[n] = split.feature;
    thresholdBin[n] = split.categorical ? -1 : split.thresholdBin;
    defaultLeft[n] = split.defaultLeft;
    leftBins[n] = split.categorical ? Arrays.copyOf(split.leftBins, Routing.words(bins)) : null;
    gain[n] = decrease;
    nodeWeight[n] = weight;
    nodeCount[n] = count;
    link(parent, isLeft, n);
    return n;
  }

  /** Adds a leaf with statistics {@code stats[0 .. stride)} under {@code parent} (-1: a tree of one leaf). */
  void addLeaf(int parent, boolean isLeft, double[] stats, int offset) {
    if ((leaves + 1) * stride > leafStats.length) {
      leafStats = Arrays.copyOf(leafStats, leafStats.length * 2);
    }
    int l = leaves++;
    System.arraycopy(stats, offset, leafStats, l * stride, stride);
    link(parent, isLeft, ~l);
  }

  private void link(int parent, boolean isLeft, int child) {
    if (parent < 0) {
      return;
    }
    if (isLeft) {
      left[parent] = child;
    } else {
      right[parent] = child;
    }
  }

  /**
   * The immutable trees of this forest tree, one per model output: {@code outputs} is 1 for regression
   * and binary (the share of class 1), K for K classes.
   *
   * @param criterion the criterion whose channels the leaf statistics hold
   * @param classes the number of classes (1 for regression)
   */
  Tree[] toTrees(Criterion criterion, int classes, List<BinMapper> mappers) {
    int c = stride - 1;
    TreeBuilder b = new TreeBuilder(nodes, leaves);
    for (int n = 0; n < nodes; n++) {
      b.binned(n, feature[n], thresholdBin[n], defaultLeft[n], leftBins[n], mappers.get(feature[n]))
          .children(n, left[n], right[n]).nodeStats(n, gain[n], nodeWeight[n], nodeCount[n]);
    }
    int outputs = classes == 2 ? 1 : classes;
    Tree[] trees = new Tree[outputs];
    double[] values = new double[leaves];
    for (int k = 0; k < outputs; k++) {
      // Regression: S / W; binary: class 1's share; K classes: class k's share.
      int channel = classes == 2 ? 1 : criterion == Criterion.SQUARED_ERROR ? 0 : k;
      for (int l = 0; l < leaves; l++) {
        double weight = criterion.weight(leafStats, l * stride, c);
        values[l] = leafStats[l * stride + channel] / weight;
        if (k == 0) {
          b.leaf(l, values[l], weight, (long) leafStats[l * stride + c]);
        }
      }
      // One tree, K outputs: the other classes' trees share the first one's splits and statistics.
      trees[k] = k == 0 ? b.build("a forest tree") : trees[0].withLeafValues(values);
    }
    return trees;
  }

  private void growNodes() {
    int size = feature.length * 2;
    feature = Arrays.copyOf(feature, size);
    thresholdBin = Arrays.copyOf(thresholdBin, size);
    defaultLeft = Arrays.copyOf(defaultLeft, size);
    leftBins = Arrays.copyOf(leftBins, size);
    left = Arrays.copyOf(left, size);
    right = Arrays.copyOf(right, size);
    gain = Arrays.copyOf(gain, size);
    nodeWeight = Arrays.copyOf(nodeWeight, size);
    nodeCount = Arrays.copyOf(nodeCount, size);
  }
}
