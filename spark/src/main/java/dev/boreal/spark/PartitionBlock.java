package dev.boreal.spark;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.objective.Objective;
import dev.boreal.engine.objective.ObjectiveSettings;
import dev.boreal.engine.objective.Objectives;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.Histogram;
import dev.boreal.histogram.HistogramBuilder;
import dev.boreal.histogram.PackedHistogram;
import dev.boreal.histogram.QuantizedGradients;
import dev.boreal.histogram.QuantizedHistogramBuilder;
import java.util.Arrays;
import java.util.List;

/**
 * One partition's rows as training keeps them on its executor: bins (made once), labels, weights, the raw scores
 * of the trees so far, the gradients of the current iteration, and the rows of each leaf of the tree being grown
 * ({@link LeafRanges}). With bagging, only the tree's bag is in its leaves: its root sums, histograms and leaf sums
 * are the bag's, as on one machine, while every row's gradients are rounded with scales over all rows (one
 * machine quantizes all its rows) and every row's score gets the finished tree's value.
 *
 * <p>It lives in Spark's block cache, and every job brings the state it expects ({@link TrainingStep}). State is
 * rebuilt from the step whenever it is behind, was lost with the cache, or was left half-written by a failed
 * task ({@link #dirty}), so a retried task computes exactly what the first attempt would have. One partition's
 * block is used by one task at a time.
 */
final class PartitionBlock {
  private final BinnedData data;
  private final double[] labels;
  private final double[] weights;
  private final int rows;
  private final long firstRow;
  private Objective objective;
  private Parallel parallel;
  private HistogramBuilder builder;
  private Histogram histogram;
  private QuantizedHistogramBuilder levelBuilder;
  private QuantizedGradients levels;
  private PackedHistogram levelHistogram;
  private Histogram levelShape;
  private int roundedTree = -1;

  private double[] scores;
  private int treesApplied;
  private double[] grad;
  private double[] hess;
  private int gradientIteration = -1;

  private final LeafRanges leaves;
  private int currentTree = -1;
  private double[] gk;
  private double[] hk;
  private boolean dirty;

  /**
   * Tests only (null otherwise): run inside every task as it finishes bringing a block up to date, while the block
   * is still marked half-written, so a test can fail a task there and check that Spark's retry gives the same model.
   */
  static volatile Runnable faultInjection;

  /**
   * @param firstRow the index in the whole training set of this partition's first row (partitions hold
   *     consecutive rows in order): it keys each row's stochastic rounding
   */
  PartitionBlock(BinnedData data, double[] labels, double[] weights, long firstRow) {
    this.data = data;
    this.firstRow = firstRow;
    this.labels = labels;
    this.weights = weights;
    this.rows = data.rows();
    this.leaves = new LeafRanges(data);
  }

  /** Bins a partition's primitive columns with the driver's mappers. */
  static PartitionBlock bin(List<BinMapper> mappers, RowColumns columns, long firstRow) {
    return new PartitionBlock(BinnedData.applyValues(mappers, columns.features(), columns.rows()), columns.labels(),
        columns.weights(), firstRow);
  }

  int rows() {
    return rows;
  }

  /**
   * Brings the block to the step: scores of every finished tree, this iteration's gradients, and the current
   * tree's leaves after its splits so far.
   */
  void sync(TrainingStep step) {
    if (rows == 0) {
      return;
    }
    if (dirty) {
      scores = null;
      currentTree = -1;
      gradientIteration = -1;
      dirty = false;
    }
    dirty = true;
    List<TreeSteps> finished = step.finishedTrees();
    int k = step.outputs();
    if (scores == null) {
      scores = new double[k * rows];
      for (int c = 0; c < k; c++) {
        Arrays.fill(scores, c * rows, (c + 1) * rows, step.baseScores()[c]);
      }
      treesApplied = 0;
    }
    // Only earlier iterations' trees: this iteration's gradients come from the scores before it.
    int before = Math.min(finished.size(), step.iteration() * k);
    while (treesApplied < before) {
      // The tree last grown here has its leaves already, but for the splits no job has made yet; another is
      // routed from the root with every row, whatever its bag was.
      if (currentTree != treesApplied) {
        startTree(treesApplied, null);
      }
      leaves.addTreeValues(finished.get(treesApplied), scores, (treesApplied % k) * rows);
      currentTree = -1;
      treesApplied++;
    }
    if (gradientIteration != step.iteration()) {
      gradients(step);
    }
    int treeKey = step.iteration() * k + step.output();
    if (currentTree != treeKey) {
      startTree(treeKey, step.bag());
      System.arraycopy(grad, step.output() * rows, gk, 0, rows);
      System.arraycopy(hess, step.output() * rows, hk, 0, rows);
    }
    leaves.applySplits(step.tree());
    TrainingStep.Rounding rounding = step.rounding();
    if (rounding != null && roundedTree != treeKey) {
      round(rounding);
      roundedTree = treeKey;
    }
    Runnable fault = faultInjection;
    if (fault != null) {
      fault.run();
    }
    dirty = false;
  }

  /** The root's gradient sum, hessian sum and row count (of the tree's bag), added into {@code sums}. */
  void addRootSums(double[] sums) {
    int[] bag = leaves.rows();
    int count = leaves.count();
    double g = 0;
    double h = 0;
    for (int i = 0; i < count; i++) {
      g += gk[bag[i]];
      h += hk[bag[i]];
    }
    sums[0] += g;
    sums[1] += h;
    sums[2] += count;
  }

  /**
   * Adds this partition's histogram of {@code leaf} over {@code features} into {@code sums}, a histogram's data
   * starting at {@code from}.
   */
  void addHistogram(int leaf, int[] features, double[] sums, int from) {
    if (rows == 0) {
      return;
    }
    addHistogram(leaves.rows(), leaves.leafStart(leaf), leaves.leafEnd(leaf), features, sums, from);
  }

  /**
   * For each split {@code proposed} holds (a leaf of the current tree and how to split it; its new-leaf number
   * is not used), adds into {@code sums} what the driver needs should it make that split: the number of rows
   * going left, the left child's histogram, then the right child's; split {@code s}'s part starts at
   * {@code s * stride}, each histogram {@code (stride - 1) / 2} long. The leaf's rows are routed in a scratch
   * copy, in the order the split would give them, so the block's leaves stay as they are and a histogram is the
   * one a made split would give.
   */
  void addProposedChildren(TreeSteps proposed, int[] features, double[] sums, int stride) {
    routeProposed(proposed, (s, start, mid, end) -> {
      int at = s * stride;
      sums[at] += mid - start;
      addHistogram(leaves.routed(), start, mid, features, sums, at + 1);
      addHistogram(leaves.routed(), mid, end, features, sums, at + 1 + (stride - 1) / 2);
    });
  }

  /** {@link #addProposedChildren} with integer histograms of the rounded gradients ({@link #addLevelHistogram}). */
  void addProposedLevelChildren(TreeSteps proposed, int[] features, long[] sums, int stride) {
    routeProposed(proposed, (s, start, mid, end) -> {
      int at = s * stride;
      sums[at] += mid - start;
      addLevelHistogram(leaves.routed(), start, mid, features, sums, at + 1);
      addLevelHistogram(leaves.routed(), mid, end, features, sums, at + 1 + (stride - 1) / 2);
    });
  }

  /** Receives a routed split: rows {@code routed[start, mid)} go left, {@code routed[mid, end)} right. */
  private interface Routed {
    void children(int split, int start, int mid, int end);
  }

  private void routeProposed(TreeSteps proposed, Routed to) {
    if (rows == 0) {
      return;
    }
    for (int s = 0; s < proposed.count(); s++) {
      int leaf = proposed.leaf(s);
      int mid = leaves.route(leaf, proposed.feature(s), proposed.thresholdBin(s), proposed.defaultLeft(s),
          proposed.leftBins(s));
      to.children(s, leaves.leafStart(leaf), mid, leaves.leafEnd(leaf));
    }
  }

  private void addHistogram(int[] index, int start, int end, int[] features, double[] sums, int from) {
    if (builder == null) {
      builder = new HistogramBuilder(data, parallel().team(), HistogramBuilder.Layout.COLUMN_WISE);
      histogram = new Histogram(data);
    }
    builder.build(index, start, end, gk, hk, features, histogram);
    double[] local = histogram.data();
    for (int i = 0; i < local.length; i++) {
      sums[from + i] += local[i];
    }
  }

  /**
   * Widens this partition's largest |gradient|, largest |hessian| and smallest |hessian| into {@code acc}: over
   * every row, in the bag or not, as one machine takes its quantization scales from all its rows.
   */
  void addExtremes(double[] acc) {
    for (int r = 0; r < rows; r++) {
      acc[0] = Math.max(acc[0], Math.abs(gk[r]));
      acc[1] = Math.max(acc[1], Math.abs(hk[r]));
      acc[2] = Math.min(acc[2], Math.abs(hk[r]));
    }
  }

  /**
   * The root's sums of gradient levels and hessian levels and its row count (of the tree's bag), added into
   * {@code sums}.
   */
  void addLevelSums(long[] sums) {
    if (rows == 0) {
      return;
    }
    int[] packed = levels.packed();
    int[] bag = leaves.rows();
    int count = leaves.count();
    long g = 0;
    long h = 0;
    for (int i = 0; i < count; i++) {
      g += QuantizedGradients.gradientOf(packed[bag[i]]);
      h += QuantizedGradients.hessianOf(packed[bag[i]]);
    }
    sums[0] += g;
    sums[1] += h;
    sums[2] += count;
  }

  /**
   * Adds this partition's integer histogram of {@code leaf} over {@code features} into {@code sums}, laid out
   * as a float histogram's data (gradient level sum, hessian level sum per bin) starting at {@code from}.
   */
  void addLevelHistogram(int leaf, int[] features, long[] sums, int from) {
    if (rows == 0) {
      return;
    }
    addLevelHistogram(leaves.rows(), leaves.leafStart(leaf), leaves.leafEnd(leaf), features, sums, from);
  }

  private void addLevelHistogram(int[] index, int start, int end, int[] features, long[] sums, int from) {
    if (levelBuilder == null) {
      levelBuilder = new QuantizedHistogramBuilder(data, parallel().team(), HistogramBuilder.Layout.COLUMN_WISE);
      levelShape = new Histogram(data);
      levelHistogram = new PackedHistogram(levelShape);
    }
    levelBuilder.build(index, start, end, levels, features, levelHistogram);
    for (int f : features) {
      int at = from + levelShape.offset(f);
      for (int b = 0, bins = levelShape.numBins(f); b < bins; b++) {
        sums[at + 2 * b] += levelHistogram.gradientSum(f, b);
        sums[at + 2 * b + 1] += levelHistogram.hessianSum(f, b);
      }
    }
  }

  /**
   * Each leaf's float gradients and hessians in row order: {@code [2l]} the gradients of leaf {@code l}'s rows
   * (in the tree's bag), {@code [2l+1]} their hessians.
   */
  double[][] leafGradients(int leafCount) {
    double[][] out = new double[2 * leafCount][];
    int[] perm = leaves.rows();
    for (int l = 0; l < leafCount; l++) {
      int n = leaves.leafRows(l);
      int start = n == 0 ? 0 : leaves.leafStart(l);
      out[2 * l] = new double[n];
      out[2 * l + 1] = new double[n];
      for (int i = 0; i < n; i++) {
        out[2 * l][i] = gk[perm[start + i]];
        out[2 * l + 1][i] = hk[perm[start + i]];
      }
    }
    return out;
  }

  private void round(TrainingStep.Rounding rounding) {
    if (levels == null) {
      levels = new QuantizedGradients(rows, rounding.bins(), rounding.stochastic());
    }
    double[] e = rounding.extremes();
    levels.quantize(gk, hk, rounding.seed(), parallel().team(), firstRow, e[0], e[1], e[2]);
  }

  private void gradients(TrainingStep step) {
    if (objective == null) {
      objective = Objectives.create(step.objective(), step.objectiveSettings(), labels, weights, null);
      grad = new double[step.outputs() * rows];
      hess = new double[step.outputs() * rows];
      gk = new double[rows];
      hk = new double[rows];
    }
    objective.gradients(scores, grad, hess, parallel());
    gradientIteration = step.iteration();
    currentTree = -1;
  }

  private Parallel parallel() {
    if (parallel == null) {
      parallel = new Parallel(1);
    }
    return parallel;
  }

  /** Starts the tree {@code treeKey} on the rows of {@code bag} ({@code null}: every row). */
  private void startTree(int treeKey, RowBag bag) {
    leaves.start(bag, firstRow);
    currentTree = treeKey;
    roundedTree = -1;
  }
}
