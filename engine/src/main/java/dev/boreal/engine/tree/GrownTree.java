package dev.boreal.engine.tree;

import dev.boreal.engine.model.Tree;
import dev.boreal.engine.model.TreeBuilder;
import dev.boreal.histogram.BinMapper;
import java.util.List;

/**
 * A tree as the learner grows it: the splits made so far, and for each leaf its range of the row
 * permutation, statistics and (unshrunk) output. The training tree is kept apart from the immutable
 * inference {@link Tree} it becomes, so objectives can renew leaf outputs (L1, quantile) before the
 * learning rate is applied.
 *
 * <p>Leaf numbering follows LightGBM: splitting leaf {@code l} keeps its left child as leaf {@code l}
 * and makes the right child leaf {@code numLeaves()}.
 */
public final class GrownTree {
  private final int[] rows;
  private int numLeaves;
  private int numNodes;

  private final int[] feature;
  private final int[] thresholdBin;
  private final boolean[] defaultLeft;
  private final long[][] leftBins;
  private final int[] left;
  private final int[] right;
  private final double[] gain;
  private final double[] nodeHessian;
  private final long[] nodeCount;

  private final int[] leafStart;
  private final int[] leafEnd;
  private final double[] leafOutput;
  private final double[] leafGradient;
  private final double[] leafHessian;
  private final long[] leafCount;
  private final int[] leafParent;

  GrownTree(int[] rows, int maxLeaves) {
    this.rows = rows;
    int nodes = Math.max(maxLeaves - 1, 1);
    feature = new int[nodes];
    thresholdBin = new int[nodes];
    defaultLeft = new boolean[nodes];
    leftBins = new long[nodes][];
    left = new int[nodes];
    right = new int[nodes];
    gain = new double[nodes];
    nodeHessian = new double[nodes];
    nodeCount = new long[nodes];
    leafStart = new int[maxLeaves];
    leafEnd = new int[maxLeaves];
    leafOutput = new double[maxLeaves];
    leafGradient = new double[maxLeaves];
    leafHessian = new double[maxLeaves];
    leafCount = new long[maxLeaves];
    leafParent = new int[maxLeaves];
  }

  /** Starts over with one leaf holding {@code rows[0 .. count)}. */
  void reset(int count, double g, double h, double output) {
    numLeaves = 1;
    numNodes = 0;
    leafStart[0] = 0;
    leafEnd[0] = count;
    leafGradient[0] = g;
    leafHessian[0] = h;
    leafCount[0] = count;
    leafOutput[0] = output;
    leafParent[0] = -1;
  }

  /** Records the split of {@code leaf} at position {@code mid} of its range; returns the new right leaf. */
  int split(int leaf, SplitCandidate s, int mid) {
    int node = numNodes++;
    int newLeaf = numLeaves++;
    int parent = leafParent[leaf];
    if (parent >= 0) {
      if (left[parent] == ~leaf) {
        left[parent] = node;
      } else {
        right[parent] = node;
      }
    }
    feature[node] = s.feature;
    thresholdBin[node] = s.isCategorical() ? -1 : s.thresholdBin;
    defaultLeft[node] = s.defaultLeft;
    leftBins[node] = s.leftBins == null ? null : s.leftBins.clone();
    left[node] = ~leaf;
    right[node] = ~newLeaf;
    gain[node] = s.gain;
    nodeHessian[node] = leafHessian[leaf];
    nodeCount[node] = leafCount[leaf];
    leafStart[newLeaf] = mid;
    leafEnd[newLeaf] = leafEnd[leaf];
    leafEnd[leaf] = mid;
    leafParent[leaf] = node;
    leafParent[newLeaf] = node;
    setLeaf(leaf, s.leftGradient, s.leftHessian, mid - leafStart[leaf], s.leftOutput);
    setLeaf(newLeaf, s.rightGradient, s.rightHessian, leafEnd[newLeaf] - mid, s.rightOutput);
    return newLeaf;
  }

  private void setLeaf(int leaf, double g, double h, long count, double output) {
    leafGradient[leaf] = g;
    leafHessian[leaf] = h;
    leafCount[leaf] = count;
    leafOutput[leaf] = output;
  }

  /** The row permutation the leaf ranges index into. */
  public int[] rows() {
    return rows;
  }

  /** Number of leaves so far. */
  public int numLeaves() {
    return numLeaves;
  }

  /** First position of leaf {@code l} in {@link #rows()}. */
  public int leafStart(int l) {
    return leafStart[l];
  }

  /** One past the last position of leaf {@code l} in {@link #rows()}. */
  public int leafEnd(int l) {
    return leafEnd[l];
  }

  /** The leaf's output before the learning rate. */
  public double leafOutput(int l) {
    return leafOutput[l];
  }

  /** Replaces a leaf's output (objectives that renew outputs from residuals). */
  public void setLeafOutput(int l, double value) {
    leafOutput[l] = value;
  }

  /** Gradient sum of leaf {@code l}. */
  double leafGradient(int l) {
    return leafGradient[l];
  }

  /** Hessian sum of leaf {@code l}. */
  double leafHessian(int l) {
    return leafHessian[l];
  }

  /**
   * The immutable tree, every leaf output multiplied by {@code shrinkage}; numeric thresholds become the
   * raw upper bounds of their bins so raw values route exactly as their bins did.
   */
  public Tree toTree(double shrinkage, List<BinMapper> mappers) {
    TreeBuilder b = new TreeBuilder(numNodes, numLeaves);
    for (int n = 0; n < numNodes; n++) {
      b.binned(n, feature[n], thresholdBin[n], defaultLeft[n], leftBins[n], mappers.get(feature[n]))
          .children(n, left[n], right[n]).nodeStats(n, gain[n], nodeHessian[n], nodeCount[n]);
    }
    for (int l = 0; l < numLeaves; l++) {
      b.leaf(l, leafOutput[l] * shrinkage, leafHessian[l], leafCount[l]);
    }
    return b.build("a grown tree");
  }
}
