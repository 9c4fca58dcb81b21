package dev.boreal.spark;

import dev.boreal.engine.tree.TreeRows;
import dev.boreal.histogram.Histogram;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;

/**
 * The rows of one tree when they stay in Spark partitions: the {@link TreeRows} the driver's learner grows on.
 * Each question is one Spark job over the cached {@link PartitionBlock}s; every partition first brings its block
 * to the tree so far, answers for its own rows, and {@code treeAggregate} adds the answers up. The sum over
 * partitions is added in the order Spark combines them, so different partitionings agree up to rounding.
 */
final class PartitionedRows implements TreeRows {
  /** Depth of {@code treeAggregate}: partitions' parts meet in executors before the driver adds the rest. */
  private static final int AGGREGATE_DEPTH = 2;

  private final JavaRDD<PartitionBlock> blocks;
  private final TrainingStep.Factory steps;
  private final TreeSteps tree = new TreeSteps();

  PartitionedRows(JavaRDD<PartitionBlock> blocks, TrainingStep.Factory steps) {
    this.blocks = blocks;
    this.steps = steps;
  }

  /** The splits made so far; {@link TreeSteps#finish} ends them once the tree is grown. */
  TreeSteps tree() {
    return tree;
  }

  @Override
  public void rootSums(double[] sums) {
    TrainingStep step = steps.step(tree.snapshot());
    double[] total = blocks.treeAggregate(new double[3], (acc, block) -> {
      block.sync(step);
      block.addRootSums(acc);
      return acc;
    }, PartitionedRows::add, AGGREGATE_DEPTH);
    System.arraycopy(total, 0, sums, 0, 3);
  }

  @Override
  public void build(int leaf, int[] features, Histogram out) {
    TrainingStep step = steps.step(tree.snapshot());
    int[] built = features.clone();
    double[] total = blocks.treeAggregate(new double[out.data().length], (acc, block) -> {
      block.sync(step);
      block.addHistogram(leaf, built, acc);
      return acc;
    }, PartitionedRows::add, AGGREGATE_DEPTH);
    System.arraycopy(total, 0, out.data(), 0, total.length);
  }

  @Override
  public long split(int leaf, int newLeaf, int feature, int thresholdBin, boolean defaultLeft, long[] leftBins) {
    tree.add(leaf, newLeaf, feature, thresholdBin, defaultLeft, leftBins);
    TrainingStep step = steps.step(tree.snapshot());
    long[] left = blocks.treeAggregate(new long[1], (acc, block) -> {
      block.sync(step);
      acc[0] += block.leafRows(leaf);
      return acc;
    }, (Function2<long[], long[], long[]>) (a, b) -> {
      a[0] += b[0];
      return a;
    }, AGGREGATE_DEPTH);
    return left[0];
  }

  private static double[] add(double[] into, double[] more) {
    for (int i = 0; i < into.length; i++) {
      into[i] += more[i];
    }
    return into;
  }
}
