package dev.boreal.cli;

import dev.boreal.engine.gbdt.EarlyStopping;
import java.util.ArrayList;
import java.util.List;

/**
 * The cross-validation curve: after every iteration (boosting round, forest tree count or MLP epoch), each
 * metric's value on every fold's held-out part, their mean, and their population standard deviation
 * ({@code np.std}, as {@code lgb.cv} and {@code xgb.cv} report {@code -stdv}); and the best iteration by
 * LightGBM's early-stopping rule applied to the means.
 *
 * <p><b>The rule</b> (LightGBM's {@code early_stopping} callback under {@code lgb.cv}). Each metric's mean
 * remembers its best iteration (strictly better than every earlier one); training stops at the first
 * iteration where a metric (only the first one with {@code first_metric_only}) has gone {@code rounds}
 * iterations without improving, and the best iteration is that metric's best. If training reaches its last
 * iteration without stopping, the best is the first metric's best (the callback's final-iteration check).
 * Without early stopping the best iteration is the last, as LightGBM's booster then predicts with every
 * iteration.
 *
 * <p>Folds are added one iteration at a time, in fold order, so the figures are the same whatever thread
 * computed them.
 */
final class CvCurve {
  private final List<String> metrics;
  private final int folds;
  private final int total;
  private final EarlyStopping stopping;
  /** Per iteration: values[fold][metric]. */
  private final List<double[][]> values = new ArrayList<>();
  private final List<double[]> means = new ArrayList<>();
  private final List<double[]> stds = new ArrayList<>();
  private int best = -1;
  private boolean stopped;

  /**
   * @param metrics metric names, in order (the first is the one {@code first_metric_only} watches)
   * @param higherIsBetter per metric
   * @param folds number of folds
   * @param total iterations asked for ({@code num_iterations}, or {@code max_epochs} for the mlp)
   * @param rounds early-stopping patience; 0 for none
   * @param firstMetricOnly whether only the first metric may stop training
   */
  CvCurve(List<String> metrics, boolean[] higherIsBetter, int folds, int total, int rounds,
      boolean firstMetricOnly) {
    this.metrics = List.copyOf(metrics);
    this.folds = folds;
    this.total = total;
    boolean[] counted = new boolean[metrics.size()];
    for (int m = 0; m < counted.length; m++) {
      counted[m] = !firstMetricOnly || m == 0;
    }
    this.stopping = rounds > 0 ? new EarlyStopping(rounds, higherIsBetter, counted,
        metrics.stream().map(m -> "cv " + m).toArray(String[]::new)) : null;
  }

  /**
   * Adds the next iteration.
   *
   * @param foldValues [fold][metric] on each fold's held-out part
   * @return whether training should stop (the best iteration is then known)
   */
  boolean add(double[][] foldValues) {
    if (isFinished()) {
      throw new IllegalStateException("the curve is finished");
    }
    int m = metrics.size();
    double[][] copy = new double[folds][];
    double[] mean = new double[m];
    double[] std = new double[m];
    for (int f = 0; f < folds; f++) {
      copy[f] = foldValues[f].clone();
    }
    for (int j = 0; j < m; j++) {
      double sum = 0;
      for (int f = 0; f < folds; f++) {
        sum += copy[f][j];
      }
      mean[j] = sum / folds;
      double squares = 0;
      for (int f = 0; f < folds; f++) {
        double d = copy[f][j] - mean[j];
        squares += d * d;
      }
      std[j] = Math.sqrt(squares / folds);
    }
    values.add(copy);
    means.add(mean);
    stds.add(std);
    decide(values.size() - 1, mean);
    return stopped;
  }

  /** Applies the rule to iteration {@code it}'s (0-based) means; sets the best iteration when it is known. */
  private void decide(int it, double[] mean) {
    boolean last = it == total - 1;
    boolean stop = stopping != null && stopping.update(it, mean, last);
    if (last) {
      best = stopping != null ? stopping.bestIteration() : total;
    } else if (stop) {
      best = stopping.bestIteration();
      stopped = true;
    }
  }

  /**
   * Ends a curve whose folds all stopped learning before the last iteration (no tree found a split): the
   * rule goes on as LightGBM's would over unchanged models, seeing the last means repeat until it stops or
   * reaches the last iteration; the curve itself keeps only the iterations trained.
   */
  void finishEarly() {
    if (isFinished() || values.isEmpty()) {
      return;
    }
    if (stopping == null) {
      best = values.size();
      return;
    }
    double[] last = means.get(means.size() - 1);
    for (int it = values.size(); !isFinished(); it++) {
      decide(it, last);
    }
  }

  /** Whether the best iteration is known: training stopped, reached its last iteration, or was finished. */
  boolean isFinished() {
    return best > 0;
  }

  /** The metric names. */
  List<String> metrics() {
    return metrics;
  }

  /** Number of folds. */
  int folds() {
    return folds;
  }

  /** Iterations recorded. */
  int iterations() {
    return values.size();
  }

  /** The best iteration (1-based), once {@link #isFinished}. */
  int bestIteration() {
    return best;
  }

  /** Whether early stopping ended training before the iterations asked for. */
  boolean stoppedEarly() {
    return stopped;
  }

  /** Iterations asked for. */
  int total() {
    return total;
  }

  /** Mean over the folds of metric {@code m} after iteration {@code it} (1-based). */
  double mean(int m, int it) {
    return means.get(it - 1)[m];
  }

  /** Population standard deviation over the folds of metric {@code m} after iteration {@code it} (1-based). */
  double std(int m, int it) {
    return stds.get(it - 1)[m];
  }

  /** Fold {@code fold}'s value of metric {@code m} after iteration {@code it} (1-based). */
  double value(int fold, int m, int it) {
    return values.get(it - 1)[fold][m];
  }
}
