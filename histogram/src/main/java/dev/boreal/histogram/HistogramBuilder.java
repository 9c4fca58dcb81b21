package dev.boreal.histogram;

import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;

/**
 * Builds a leaf's histograms for many features at once, one feature per task on the training's pool.
 *
 * <p>Each feature's sums are accumulated by one task in row order, so the result is bit-identical for
 * any thread count. For a leaf other than the root the gradients are first gathered into leaf order
 * ("ordered gradients"), so every feature's pass reads them sequentially. One builder serves one
 * training: it owns the gather buffers, so it is not thread-safe.
 */
public final class HistogramBuilder {
  /** Below this many (row, feature) visits a leaf is built on the caller's thread: handing out tasks costs more. */
  static final long MIN_PARALLEL_WORK = 1L << 16;

  private final BinnedData data;
  private final ExecutorService pool;
  private final int threads;
  private final int[] usableFeatures;
  private final double[] orderedGradients;
  private final double[] orderedHessians;

  /**
   * A builder for {@code data} that runs on {@code pool} with up to {@code threads} tasks at a time.
   *
   * @param pool the training's fixed pool; may be null when {@code threads} is 1
   * @param threads how many tasks to run at once, at least 1 (the pool's size)
   */
  public HistogramBuilder(BinnedData data, ExecutorService pool, int threads) {
    if (threads < 1 || (pool == null && threads > 1)) {
      throw new IllegalArgumentException("threads must be at least 1, and a pool is needed for more than 1");
    }
    this.data = data;
    this.pool = pool;
    this.threads = threads;
    int usable = 0;
    for (int f = 0; f < data.features(); f++) {
      usable += data.mapper(f).isConstant() ? 0 : 1;
    }
    this.usableFeatures = new int[usable];
    for (int f = 0, i = 0; f < data.features(); f++) {
      if (!data.mapper(f).isConstant()) {
        usableFeatures[i++] = f;
      }
    }
    this.orderedGradients = new double[data.rows()];
    this.orderedHessians = new double[data.rows()];
  }

  /** The features that are not constant, ascending: those the learner can split on. */
  public int[] usableFeatures() {
    return usableFeatures.clone();
  }

  /**
   * Builds the histograms of every non-constant feature for the leaf holding rows {@code rows[from .. to)}.
   *
   * @param rows input: the row permutation; positions {@code from .. to-1} are the leaf's rows
   * @param gradients input, length {@code data.rows()}: gradient of each row, indexed by row
   * @param hessians input, same shape as {@code gradients}
   * @param out output, overwritten: sums for the built features, zero for all others
   */
  public void build(int[] rows, int from, int to, double[] gradients, double[] hessians, Histogram out) {
    build(rows, from, to, gradients, hessians, usableFeatures, out);
  }

  /**
   * Builds the histograms of {@code features} only (for example a {@code feature_fraction} sample)
   * for the leaf holding rows {@code rows[from .. to)}.
   *
   * @param features input: the feature indices to build
   * @see #build(int[], int, int, double[], double[], Histogram)
   */
  public void build(int[] rows, int from, int to, double[] gradients, double[] hessians, int[] features,
      Histogram out) {
    for (int i = from, j = 0; i < to; i++, j++) {
      int r = rows[i];
      orderedGradients[j] = gradients[r];
      orderedHessians[j] = hessians[r];
    }
    out.clear();
    double[] hist = out.data();
    run((long) (to - from) * features.length, features.length, k -> {
      int f = features[k];
      data.column(f).addOrdered(rows, from, to, orderedGradients, orderedHessians, hist, out.offset(f));
    });
  }

  /**
   * Builds the histograms of every non-constant feature over all rows (the root leaf), reading
   * gradients by row with no gather.
   *
   * @param gradients input, length {@code data.rows()}: gradient of each row
   * @param hessians input, same shape as {@code gradients}
   * @param out output, overwritten: sums for the built features, zero for all others
   */
  public void buildAll(double[] gradients, double[] hessians, Histogram out) {
    out.clear();
    double[] hist = out.data();
    int[] features = usableFeatures;
    run((long) data.rows() * features.length, features.length, k -> {
      int f = features[k];
      data.column(f).addAll(gradients, hessians, hist, out.offset(f));
    });
  }

  private void run(long work, int tasks, IntConsumer task) {
    int workers = work < MIN_PARALLEL_WORK ? 1 : threads;
    FeatureTasks.run(workers == 1 ? null : pool, workers, tasks, task);
  }
}
