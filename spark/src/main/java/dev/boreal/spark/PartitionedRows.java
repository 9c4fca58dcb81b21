package dev.boreal.spark;

import dev.boreal.engine.tree.TreeRows;
import dev.boreal.histogram.Histogram;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;

/**
 * The rows of one tree when they stay in Spark partitions: the {@link TreeRows} the driver's learner grows on.
 *
 * <p>Each split is one Spark job over the cached {@link PartitionBlock}s: every partition brings its block to the
 * tree so far (the new split included), counts the rows that went left and builds the histograms of both children
 * over its own rows; {@code treeAggregate} adds the parts up. The learner then asks for the smaller child's
 * histogram, which is already here, and subtracts for the larger as on one machine. The root's sums and histogram
 * are one job too. Building both children costs the parent's rows instead of the smaller child's, and halves the
 * number of jobs, whose latency dominates on small partitions.
 *
 * <p>The sums over partitions are added in the order Spark combines them, so different partitionings agree up
 * to rounding.
 */
final class PartitionedRows implements TreeRows {
  /** Depth of {@code treeAggregate}: partitions' parts meet in executors before the driver adds the rest. */
  private static final int AGGREGATE_DEPTH = 2;

  private final JavaRDD<PartitionBlock> blocks;
  private final TrainingStep.Factory steps;
  private final int[] features;
  private final int histogramLength;
  private final TreeSteps tree = new TreeSteps();
  private final Map<Integer, double[]> built = new HashMap<>();

  /**
   * @param features the features the tree may use, ascending; every histogram is built over them
   * @param histogramLength the length of a histogram's data over every feature
   */
  PartitionedRows(JavaRDD<PartitionBlock> blocks, TrainingStep.Factory steps, int[] features, int histogramLength) {
    this.blocks = blocks;
    this.steps = steps;
    this.features = features.clone();
    this.histogramLength = histogramLength;
  }

  /** The splits made so far; {@link TreeSteps#finish} ends them once the tree is grown. */
  TreeSteps tree() {
    return tree;
  }

  @Override
  public void rootSums(double[] sums) {
    TrainingStep step = steps.step(tree.snapshot());
    int[] used = features;
    int length = histogramLength;
    double[] total = blocks.treeAggregate(new double[3 + length], (acc, block) -> {
      block.sync(step);
      block.addRootSums(acc);
      block.addHistogram(0, used, acc, 3);
      return acc;
    }, PartitionedRows::add, AGGREGATE_DEPTH);
    System.arraycopy(total, 0, sums, 0, 3);
    keep(0, total, 3);
  }

  @Override
  public void build(int leaf, int[] treeFeatures, Histogram out) {
    double[] sums = built.remove(leaf);
    if (sums == null) {
      throw new IllegalStateException("leaf " + leaf + " was not split off in this tree");
    }
    System.arraycopy(sums, 0, out.data(), 0, sums.length);
  }

  @Override
  public long split(int leaf, int newLeaf, int feature, int thresholdBin, boolean defaultLeft, long[] leftBins) {
    tree.add(leaf, newLeaf, feature, thresholdBin, defaultLeft, leftBins);
    TrainingStep step = steps.step(tree.snapshot());
    int[] used = features;
    int length = histogramLength;
    double[] total = blocks.treeAggregate(new double[1 + 2 * length], (acc, block) -> {
      block.sync(step);
      acc[0] += block.leafRows(leaf);
      block.addHistogram(leaf, used, acc, 1);
      block.addHistogram(newLeaf, used, acc, 1 + length);
      return acc;
    }, PartitionedRows::add, AGGREGATE_DEPTH);
    built.remove(leaf);
    keep(leaf, total, 1);
    keep(newLeaf, total, 1 + length);
    return (long) total[0];
  }

  private void keep(int leaf, double[] total, int from) {
    double[] sums = new double[histogramLength];
    System.arraycopy(total, from, sums, 0, histogramLength);
    built.put(leaf, sums);
  }

  private static double[] add(double[] into, double[] more) {
    for (int i = 0; i < into.length; i++) {
      into[i] += more[i];
    }
    return into;
  }
}
