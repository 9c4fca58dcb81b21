package dev.boreal.spark;

import dev.boreal.engine.tree.GradientQuantization;
import dev.boreal.engine.tree.TreeRows;
import dev.boreal.histogram.Histogram;
import dev.boreal.histogram.QuantizedGradients;
import dev.boreal.histogram.WorkerTeam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;

/**
 * The rows of one tree when they stay in Spark partitions: the {@link TreeRows} the driver's learner grows on.
 *
 * <p>Jobs are batches of splits. The learner tells every leaf it queues with its best split
 * ({@link #candidate}); when it then splits a leaf whose children are not known yet, one Spark job over the
 * cached {@link PartitionBlock}s brings every partition to the tree so far and, for that split and for the
 * split of every other queued leaf, routes the leaf's rows and builds both children's histograms over the
 * partition's rows; {@code treeAggregate} adds the parts up. The learner's later splits of those leaves take
 * their children from here without a job. A queued leaf's split does not depend on the splits made before it,
 * so the learner makes exactly the splits it would make one job at a time; only the leaves it never splits
 * cost histograms for nothing. Every leaf of a tree is split in the job after the one that built it, at the
 * latest, so a tree takes at most one job per level of depth, after the root's.
 *
 * <p>The learner asks for the smaller child's histogram and subtracts for the larger as on one machine. The sums
 * over partitions are added in the order Spark combines them, so different partitionings agree up to rounding.
 * Not so with quantized gradients: a first job per tree finds the largest gradient and hessian magnitudes (exact
 * whatever the order), every partition rounds its rows with the scales they give and with draws keyed by the
 * rows' indices in the whole data set, and histograms are integer sums added as longs (exact), turned into
 * floats on the driver as one machine does. The learner then builds the larger child from its own exact sums
 * rather than subtracting ({@link #buildsEveryLeaf()}), so the tree is one machine's, bit for bit, for any
 * number of partitions, provided the rows are in the same order.
 *
 * <p>With bagging, a partition's leaves hold only the tree's in-bag rows ({@link LeafRanges}), so the root sums,
 * histograms and row counts are the bag's, while the extremes are taken over every row, as one machine takes its
 * quantization scales from all its rows.
 */
final class PartitionedRows implements TreeRows {
  /** Depth of {@code treeAggregate}: partitions' parts meet in executors before the driver adds the rest. */
  private static final int AGGREGATE_DEPTH = 2;
  /**
   * The most a job's histograms may weigh, per partition's result: past it, the queued leaves with the lowest
   * gains wait for a later job.
   */
  private static final long BATCH_BYTES = 32L << 20;

  private final JavaRDD<PartitionBlock> blocks;
  private final TrainingStep.Factory steps;
  private final int[] features;
  private final int histogramLength;
  private final TreeSteps tree = new TreeSteps();
  private final Map<Integer, double[]> built = new HashMap<>();
  private final Map<Integer, Candidate> queued = new HashMap<>();
  private final Map<Integer, Children> ready = new HashMap<>();
  private final GradientQuantization quantization;
  private final long roundingSeed;
  private final WorkerTeam team;
  private TrainingStep.Rounding rounding;
  private double gradientScale;
  private double hessianScale;
  private int jobs;

  /** A queued leaf's split, as {@link #candidate} tells it. */
  private record Candidate(int leaf, double gain, int feature, int thresholdBin, boolean defaultLeft,
      long[] leftBins) {
  }

  /** What a split gives, built before the learner makes it: rows going left, both children's histograms. */
  private record Children(long leftRows, double[] left, double[] right) {
  }

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

  /** The Spark jobs this tree has run so far. */
  int jobs() {
    return jobs;
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
    jobs++;
    double[] total = blocks.treeAggregate(new double[0], (acc, block) -> {
      acc = sized(acc, 3 + length);
      block.sync(step);
      block.addRootSums(acc);
      block.addHistogram(0, used, acc, 3);
      return acc;
    }, PartitionedRows::add, AGGREGATE_DEPTH);
    System.arraycopy(total, 0, sums, 0, 3);
    built.put(0, Arrays.copyOfRange(total, 3, 3 + length));
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
  public void candidate(int leaf, double gain, int feature, int thresholdBin, boolean defaultLeft,
      long[] leftBins) {
    queued.put(leaf, new Candidate(leaf, gain, feature, thresholdBin, defaultLeft,
        leftBins == null ? null : leftBins.clone()));
  }

  @Override
  public long split(int leaf, int newLeaf, int feature, int thresholdBin, boolean defaultLeft, long[] leftBins) {
    queued.remove(leaf);
    Children children = ready.remove(leaf);
    if (children == null) {
      children = buildChildren(new Candidate(leaf, Double.POSITIVE_INFINITY, feature, thresholdBin, defaultLeft,
          leftBins));
    }
    tree.add(leaf, newLeaf, feature, thresholdBin, defaultLeft, leftBins);
    built.put(leaf, children.left());
    built.put(newLeaf, children.right());
    return children.leftRows();
  }

  /**
   * One job: the children of {@code first}'s split and of every queued leaf's whose children are not built yet,
   * as many as {@link #BATCH_BYTES} allows, highest gains first. Returns {@code first}'s and keeps the others'.
   */
  private Children buildChildren(Candidate first) {
    List<Candidate> batch = new ArrayList<>();
    batch.add(first);
    for (Candidate c : queued.values()) {
      if (!ready.containsKey(c.leaf())) {
        batch.add(c);
      }
    }
    batch.subList(1, batch.size()).sort(Comparator.comparingDouble(Candidate::gain).reversed()
        .thenComparingInt(Candidate::leaf));
    int stride = 1 + 2 * histogramLength;
    int fits = (int) Math.max(1, Math.min(batch.size(), BATCH_BYTES / (8L * stride)));
    TreeSteps proposed = new TreeSteps();
    for (Candidate c : batch.subList(0, fits)) {
      proposed.add(c.leaf(), -1, c.feature(), c.thresholdBin(), c.defaultLeft(), c.leftBins());
    }
    TrainingStep step = steps.step(tree.snapshot()).proposing(proposed);
    int[] used = features;
    int length = fits * stride;
    jobs++;
    Children[] children = new Children[fits];
    if (quantization == null) {
      double[] total = blocks.treeAggregate(new double[0], (acc, block) -> {
        acc = sized(acc, length);
        block.sync(step);
        block.addProposedChildren(step.proposed(), used, acc, stride);
        return acc;
      }, PartitionedRows::add, AGGREGATE_DEPTH);
      for (int s = 0; s < fits; s++) {
        int at = s * stride;
        children[s] = new Children((long) total[at], Arrays.copyOfRange(total, at + 1, at + 1 + histogramLength),
            Arrays.copyOfRange(total, at + 1 + histogramLength, at + stride));
      }
    } else {
      TrainingStep roundedStep = step.rounded(rounding);
      long[] total = blocks.treeAggregate(new long[0], (acc, block) -> {
        acc = sized(acc, length);
        block.sync(roundedStep);
        block.addProposedLevelChildren(roundedStep.proposed(), used, acc, stride);
        return acc;
      }, PartitionedRows::add, AGGREGATE_DEPTH);
      for (int s = 0; s < fits; s++) {
        int at = s * stride;
        children[s] = new Children(total[at], scaled(total, at + 1), scaled(total, at + 1 + histogramLength));
      }
    }
    for (int s = 1; s < fits; s++) {
      ready.put(batch.get(s).leaf(), children[s]);
    }
    return children[0];
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
    jobs++;
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
    jobs++;
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
    int length = histogramLength;
    jobs++;
    long[] total = blocks.treeAggregate(new long[0], (acc, block) -> {
      acc = sized(acc, 3 + length);
      block.sync(step);
      block.addLevelSums(acc);
      block.addLevelHistogram(0, used, acc, 3);
      return acc;
    }, PartitionedRows::add, AGGREGATE_DEPTH);
    sums[0] = total[0] * gradientScale;
    sums[1] = total[1] * hessianScale;
    sums[2] = total[2];
    built.put(0, scaled(total, 3));
  }

  /** A histogram from its level sums at {@code total[from ...]}: each times its scale, as one machine's cells. */
  private double[] scaled(long[] total, int from) {
    double[] sums = new double[histogramLength];
    for (int i = 0; i < histogramLength; i += 2) {
      sums[i] = total[from + i] * gradientScale;
      sums[i + 1] = total[from + i + 1] * hessianScale;
    }
    return sums;
  }

  /**
   * The accumulator a partition adds into: jobs start from an empty one, so that their tasks do not carry a
   * zero array as large as the result.
   */
  private static double[] sized(double[] acc, int length) {
    return acc.length == 0 ? new double[length] : acc;
  }

  private static long[] sized(long[] acc, int length) {
    return acc.length == 0 ? new long[length] : acc;
  }

  private static long[] add(long[] into, long[] more) {
    if (into.length == 0 || more.length == 0) {
      return into.length == 0 ? more : into;
    }
    for (int i = 0; i < more.length; i++) {
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
    if (into.length == 0 || more.length == 0) {
      return into.length == 0 ? more : into;
    }
    for (int i = 0; i < into.length; i++) {
      into[i] += more[i];
    }
    return into;
  }
}
