package dev.boreal.engine.objective;

import dev.boreal.InputException;
import dev.boreal.engine.Parallel;

/**
 * Shared frame of the single-output losses whose gradient at a row depends only on that row: holds labels
 * and weights, checks array lengths, and runs the subclass's block kernel over fixed row blocks.
 */
abstract class PointwiseObjective implements Objective {
  /**
   * Rows per parallel block; fixed so block boundaries never depend on the thread count. Small enough that a few
   * thousand rows are shared: the gradients of one block of 8,192 took a warm agaricus fit (6,513 rows) about a
   * sixth of its time on one thread while the other waited, and long enough to park.
   */
  static final int BLOCK = 1024;

  final String name;
  final double[] labels;
  /** The sample weights, or all ones when none were given (multiplying by 1.0 is exact). */
  final double[] weights;
  /** Whether real weights were given; selects LightGBM's weighted or unweighted percentile rule. */
  final boolean weighted;
  final boolean boostFromAverage;
  final int n;

  PointwiseObjective(String name, double[] labels, double[] weightsOrNull, boolean boostFromAverage) {
    this.name = name;
    this.labels = labels;
    this.n = labels.length;
    this.weighted = weightsOrNull != null;
    this.weights = checkedWeights(weightsOrNull, n);
    this.boostFromAverage = boostFromAverage;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(labels[i])) {
        throw new InputException("label at row " + i + " is " + labels[i] + "; labels must be finite numbers.");
      }
    }
  }

  /** Validates weights (finite, non-negative, one per row) and returns them, or ones when absent. */
  static double[] checkedWeights(double[] weightsOrNull, int n) {
    double[] w = weightsOrNull;
    if (w == null) {
      w = new double[n];
      java.util.Arrays.fill(w, 1.0);
      return w;
    }
    if (w.length != n) {
      throw new InputException("there are " + w.length + " weights for " + n + " rows.");
    }
    for (int i = 0; i < n; i++) {
      if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
        throw new InputException("weight at row " + i + " is " + w[i] + "; weights must be finite and non-negative.");
      }
    }
    return w;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public int numOutputs() {
    return 1;
  }

  @Override
  public final void gradients(double[] scores, double[] grad, double[] hess, Parallel parallel) {
    checkLengths(scores, grad, hess, n);
    parallel.forBlocks(n, BLOCK, (b, from, to) -> block(scores, grad, hess, from, to));
  }

  static void checkLengths(double[] scores, double[] grad, double[] hess, int len) {
    if (scores.length != len || grad.length != len || hess.length != len) {
      throw new IllegalArgumentException("scores, gradients and hessians must have length " + len + ", got "
          + scores.length + ", " + grad.length + ", " + hess.length);
    }
  }

  /** Writes weighted gradients and hessians of rows {@code [from, to)}. */
  abstract void block(double[] scores, double[] grad, double[] hess, int from, int to);

  /** The weighted mean of the labels, summed in row order (sequential, hence thread-count independent). */
  final double weightedMeanLabel() {
    double sumLabel = 0;
    double sumWeight = 0;
    for (int i = 0; i < n; i++) {
      sumLabel += labels[i] * weights[i];
      sumWeight += weights[i];
    }
    return sumLabel / sumWeight;
  }

  /** LightGBM's alpha-percentile of the labels: the weighted rule when weights were given. */
  final double labelPercentile(double alpha) {
    double[] values = labels.clone();
    return weighted
        ? Percentiles.weightedPercentile(values, weights, n, alpha, new int[n])
        : Percentiles.percentile(values, n, alpha);
  }

  /** LightGBM's alpha-percentile of the residuals label - score over rows {@code rows[from..to)}. */
  final double residualPercentile(int[] rows, int from, int to, double[] scores, int output, double alpha) {
    int cnt = to - from;
    if (cnt <= 0) {
      throw new IllegalArgumentException("a leaf needs at least one row");
    }
    double[] residuals = new double[cnt];
    int base = output * n;
    for (int j = 0; j < cnt; j++) {
      int r = rows[from + j];
      residuals[j] = labels[r] - scores[base + r];
    }
    if (!weighted) {
      return Percentiles.percentile(residuals, cnt, alpha);
    }
    double[] w = new double[cnt];
    for (int j = 0; j < cnt; j++) {
      w[j] = weights[rows[from + j]];
    }
    return Percentiles.weightedPercentile(residuals, w, cnt, alpha, new int[cnt]);
  }

  /** A single start score, or zero when boost_from_average is off. */
  final double[] single(double value) {
    return new double[] {boostFromAverage ? value : 0.0};
  }
}
