package dev.boreal.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One tree as its partitions replay it: the splits in the order the learner made them (each names the leaf it
 * split and the new right leaf, in {@link dev.boreal.engine.tree.GrownTree}'s numbering), then, once grown, the
 * value each leaf adds to the scores. Small and serializable: every Spark job carries the tree so far, so a
 * partition whose cached state was lost or half-written rebuilds it from here. A job's proposed splits
 * ({@link TrainingStep#proposed()}) are a list of this kind too, each naming a leaf of the tree so far, with
 * no new leaf.
 */
final class TreeSteps implements Serializable {
  private static final long serialVersionUID = 1L;

  private int count;
  private int[] leaf = new int[8];
  private int[] newLeaf = new int[8];
  private int[] feature = new int[8];
  private int[] thresholdBin = new int[8];
  private boolean[] defaultLeft = new boolean[8];
  private long[][] leftBins = new long[8][];
  private double[] leafValues;

  /** Records a split; see {@link dev.boreal.engine.tree.TreeRows#split}. */
  void add(int splitLeaf, int rightLeaf, int splitFeature, int threshold, boolean missingLeft, long[] bins) {
    if (count == leaf.length) {
      int grown = 2 * count;
      leaf = Arrays.copyOf(leaf, grown);
      newLeaf = Arrays.copyOf(newLeaf, grown);
      feature = Arrays.copyOf(feature, grown);
      thresholdBin = Arrays.copyOf(thresholdBin, grown);
      defaultLeft = Arrays.copyOf(defaultLeft, grown);
      leftBins = Arrays.copyOf(leftBins, grown);
    }
    leaf[count] = splitLeaf;
    newLeaf[count] = rightLeaf;
    feature[count] = splitFeature;
    thresholdBin[count] = threshold;
    defaultLeft[count] = missingLeft;
    leftBins[count] = bins == null ? null : bins.clone();
    count++;
  }

  /** Ends the tree: {@code values[l]} (learning rate applied) is what leaf {@code l} adds to its rows' scores. */
  void finish(double[] values) {
    leafValues = values.clone();
  }

  /** A copy of the splits so far, for a job to carry while this one keeps growing. */
  TreeSteps snapshot() {
    TreeSteps copy = new TreeSteps();
    for (int s = 0; s < count; s++) {
      copy.add(leaf[s], newLeaf[s], feature[s], thresholdBin[s], defaultLeft[s], leftBins[s]);
    }
    copy.leafValues = leafValues;
    return copy;
  }

  int count() {
    return count;
  }

  int leaf(int s) {
    return leaf[s];
  }

  int newLeaf(int s) {
    return newLeaf[s];
  }

  int feature(int s) {
    return feature[s];
  }

  int thresholdBin(int s) {
    return thresholdBin[s];
  }

  boolean defaultLeft(int s) {
    return defaultLeft[s];
  }

  long[] leftBins(int s) {
    return leftBins[s];
  }

  /** Leaves so far: the root plus one per split. */
  int leaves() {
    return count + 1;
  }

  double leafValue(int l) {
    return leafValues[l];
  }
}
