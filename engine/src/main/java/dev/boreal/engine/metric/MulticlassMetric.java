package dev.boreal.engine.metric;

import dev.boreal.engine.objective.Link;

/**
 * LightGBM's multiclass metrics on class probabilities: multi_logloss = weighted mean of -log p(label)
 * (clamped at 1e-15), multi_error = weighted share of rows where another class scores at least as high as
 * the true one (a tie counts as an error, as in LightGBM with multi_error_top_k = 1).
 */
final class MulticlassMetric implements Metric {
  private static final double EPSILON = 1e-15;

  private final boolean logloss;

  MulticlassMetric(boolean logloss) {
    this.logloss = logloss;
  }

  @Override
  public String name() {
    return logloss ? "multi_logloss" : "multi_error";
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public double evaluate(double[] raw, int k, Link link, double[] labels, double[] weights, int[] groups) {
    int n = labels.length;
    double[] row = new double[k];
    double sumLoss = 0;
    double sumWeight = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        row[c] = raw[c * n + i];
      }
      link.transformRow(row, 0, k, row);
      int label = (int) labels[i];
      if (label < 0 || label >= k) {
        throw new dev.boreal.InputException("multiclass label at row " + i + " is " + labels[i]
            + "; expected a class index from 0 to " + (k - 1) + ".");
      }
      double w = weights == null ? 1.0 : weights[i];
      sumLoss += w * (logloss ? -Math.log(Math.max(row[label], EPSILON)) : error(row, label));
      sumWeight += w;
    }
    return sumLoss / sumWeight;
  }

  private static double error(double[] p, int label) {
    for (int c = 0; c < p.length; c++) {
      if (c != label && p[c] >= p[label]) {
        return 1.0;
      }
    }
    return 0.0;
  }
}
