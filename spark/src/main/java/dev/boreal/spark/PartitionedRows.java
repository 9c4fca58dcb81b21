package dev.boreal.spark;

import dev.boreal.engine.tree.GradientQuantization;
import dev.boreal.engine.tree.TreeRows;
import dev.boreal.histogram.Histogram;
import dev.boreal.histogram.QuantizedGradients;
import dev.boreal.histogram.WorkerTeam;
import java.util.HashMap;
import java.util.List;
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
 * to rounding. Not so with quantized gradients: a first job per tree finds the largest gradient and hessian
 * magnitudes (exact whatever the order), every partition rounds its rows with the scales they give and with
 * draws keyed by the rows' indices in the whole data set, and histograms are integer sums added as longs
 * (exact), turned into floats on the driver as one machine does. The learner then builds the larger child
 * from its own exact sums rather than subtracting ({@link #buildsEveryLeaf()}), so the tree is one machine's,
 * bit for bit, for any number of partitions, provided the rows are in the same order.
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
  private final GradientQuantization quantization;
  private final long roundingSeed;
  private final WorkerTeam team;
  private TrainingStep.Rounding rounding;
  private double gradientScale;
  private double hessianScale;

  /**
   * @param features the features the tree may use, ascending; every histogram is built over them
   * @param histogramLength the length of a histogram's data over every feature
   * @param quantization how to quantize the tree's gradients, or {@code null} for float histograms
   * @param treeSeed the seed the tree grows with (its rounding draws derive from it)
   * @param team the driver's threads
   */
  PartitionedRows(JavaRDD<PartitionBlock> blocks, TrainingStep.Factory steps, int[] features, int histogramLength,
      GradientQuantization quantization, long treeSeed, WorkerTeam team) {
    this.blocks = blocks;
    this.steps = steps;
    this.features = features.clone();
    this.histogramLength = histogramLength;
    this.quantization = quantization;
    this.roundingSeed = GradientQuantization.roundingSeed(treeSeed);
    this.team = team;
  }

  /** The splits made so far; {@link TreeSteps#finish} ends them once the tree is grown. */
  TreeSteps tree() {
    return tree;
  }

  @Override
  public boolean buildsEveryLeaf() {
    return quantization != null;
  }

  @Override
  public void rootSums(double[] sums) {
    if (quantization != null) {
      quantizedRootSums(sums);
      return;
    }
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
    if (quantization != null) {
      return quantizedSplit(leaf, newLeaf);
    }
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

  /**
   * Each leaf's float gradient and hessian sums over the tree's splits so far, added row by row in the order of
   * the whole data set's rows, as a single machine's quant_train_renew_leaf adds them: the partitions send their
   * leaves' gradients (two doubles a row) and the driver adds them partition after partition.
   *
   * @param gradientSums output, one per leaf
   * @param hessianSums output, one per leaf
   */
  void leafSums(double[] gradientSums, double[] hessianSums) {
    TrainingStep step = steps.step(tree.snapshot());
    int leaves = tree.leaves();
    List<double[][]> parts = blocks.map(block -> {
      block.sync(step);
      return block.leafGradients(leaves);
    }).collect();
    for (int l = 0; l < leaves; l++) {
      double g = 0;
      double h = 0;
      for (double[][] part : parts) {
        for (double v : part[2 * l]) {
          g += v;
        }
        for (double v : part[2 * l + 1]) {
          h += v;
        }
      }
      gradientSums[l] = g;
      hessianSums[l] = h;
    }
  }

  private void quantizedRootSums(double[] sums) {
    TrainingStep first = steps.step(tree.snapshot());
    double[] extremes = blocks.treeAggregate(new double[] {0, 0, Double.POSITIVE_INFINITY}, (acc, block) -> {
      block.sync(first);
      block.addExtremes(acc);
      return acc;
    }, PartitionedRows::widen, AGGREGATE_DEPTH);
    rounding = new TrainingStep.Rounding(quantization.bins(), quantization.stochastic(), roundingSeed, extremes);
    QuantizedGradients scales = new QuantizedGradients(0, quantization.bins(), quantization.stochastic());
    scales.quantize(new double[0], new double[0], roundingSeed, team, 0, extremes[0], extremes[1], extremes[2]);
    gradientScale = scales.gradientScale();
    hessianScale = scales.hessianScale();
    TrainingStep step = steps.step(tree.snapshot()).rounded(rounding);
    int[] used = features;
    long[] total = blocks.treeAggregate(new long[3 + histogramLength], (acc, block) -> {
      block.sync(step);
      block.addLevelSums(acc);
      block.addLevelHistogram(0, used, acc, 3);
      return acc;
    }, PartitionedRows::add, AGGREGATE_DEPTH);
    sums[0] = total[0] * gradientScale;
    sums[1] = total[1] * hessianScale;
    sums[2] = total[2];
    keepLevels(0, total, 3);
  }

  private long quantizedSplit(int leaf, int newLeaf) {
    TrainingStep step = steps.step(tree.snapshot()).rounded(rounding);
    int[] used = features;
    int length = histogramLength;
    long[] total = blocks.treeAggregate(new long[1 + 2 * length], (acc, block) -> {
      block.sync(step);
      acc[0] += block.leafRows(leaf);
      block.addLevelHistogram(leaf, used, acc, 1);
      block.addLevelHistogram(newLeaf, used, acc, 1 + length);
      return acc;
    }, PartitionedRows::add, AGGREGATE_DEPTH);
    built.remove(leaf);
    keepLevels(leaf, total, 1);
    keepLevels(newLeaf, total, 1 + length);
    return total[0];
  }

  /** Keeps a leaf's histogram from its level sums: each times its scale, as one machine's integer cells. */
  private void keepLevels(int leaf, long[] total, int from) {
    double[] sums = new double[histogramLength];
    for (int i = 0; i < histogramLength; i += 2) {
      sums[i] = total[from + i] * gradientScale;
      sums[i + 1] = total[from + i + 1] * hessianScale;
    }
    built.put(leaf, sums);
  }

  private void keep(int leaf, double[] total, int from) {
    double[] sums = new double[histogramLength];
    System.arraycopy(total, from, sums, 0, histogramLength);
    built.put(leaf, sums);
  }

  private static long[] add(long[] into, long[] more) {
    for (int i = 0; i < into.length; i++) {
      into[i] += more[i];
    }
    return into;
  }

  /** Largest |gradient|, largest |hessian|, smallest |hessian| of two parts. */
  private static double[] widen(double[] into, double[] more) {
    into[0] = Math.max(into[0], more[0]);
    into[1] = Math.max(into[1], more[1]);
    into[2] = Math.min(into[2], more[2]);
    return into;
  }

  private static double[] add(double[] into, double[] more) {
    for (int i = 0; i < into.length; i++) {
      into[i] += more[i];
    }
    return into;
  }
}
