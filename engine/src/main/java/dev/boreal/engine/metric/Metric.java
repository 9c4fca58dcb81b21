package dev.boreal.engine.metric;

import dev.boreal.engine.objective.Link;

/** One evaluation metric. Implementations are immutable and safe to share between threads. */
public interface Metric {

  /** The name as LightGBM prints it, e.g. {@code "auc"}, {@code "binary_logloss"}, {@code "ndcg@5"}. */
  String name();

  /** Whether a larger value is better (auc, ndcg, map, r2) rather than smaller (losses, errors). */
  boolean higherIsBetter();

  /**
   * The metric over n = {@code labels.length} rows.
   *
   * @param rawScores raw margins, output-major (index {@code k*n + i}), length numOutputs*n
   * @param numOutputs K
   * @param link turns raw margins into predictions (probabilities, means)
   * @param labels encoded labels (class indices for classifiers)
   * @param weightsOrNull sample weights, or null for all ones
   * @param groupSizesOrNull query group sizes; required by ranking metrics
   */
  double evaluate(double[] rawScores, int numOutputs, Link link, double[] labels, double[] weightsOrNull,
      int[] groupSizesOrNull);
}
