package dev.boreal.engine.metric;

import dev.boreal.engine.objective.Link;
import dev.boreal.collect.IntSorts;

/**
 * Weighted area under the ROC curve, as LightGBM and scikit-learn compute it: rows sorted by score, each
 * positive–negative pair counts its weight product, and a tie in score counts half. Labels above 0 are
 * positive. With only one class present the AUC is 1, as in LightGBM.
 */
final class AucMetric implements Metric {

  @Override
  public String name() {
    return "auc";
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public double evaluate(double[] margins, int numOutputs, Link link, double[] labels, double[] weights, int[] groups) {
    if (numOutputs != 1) {
      throw new dev.boreal.UsageException("metric auc needs a single-output model, but it has " + numOutputs
          + " outputs.");
    }
    int n = labels.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // The link is monotone, so ranking raw margins ranks predictions; a calibration may tie or reorder them.
    double[] raw = link.calibration() == null ? margins : calibrated(margins, link);
    IntSorts.stableSort(order, 0, n, (a, b) -> Double.compare(raw[b], raw[a]));
    double area = 0;
    double positivesAbove = 0;
    double totalNegative = 0;
    for (int start = 0; start < n;) {
      double score = raw[order[start]];
      double pos = 0;
      double neg = 0;
      int end = start;
      for (; end < n && raw[order[end]] == score; end++) {
        int r = order[end];
        double w = weights == null ? 1.0 : weights[r];
        if (labels[r] > 0) {
          pos += w;
        } else {
          neg += w;
        }
      }
      // Negatives in this tie block lose to every positive above it and tie with positives inside it.
      area += neg * (positivesAbove + 0.5 * pos);
      positivesAbove += pos;
      totalNegative += neg;
      start = end;
    }
    if (positivesAbove <= 0 || totalNegative <= 0) {
      return 1.0;
    }
    return area / (positivesAbove * totalNegative);
  }

  private static double[] calibrated(double[] margins, Link link) {
    double[] p = new double[margins.length];
    link.transform(margins, margins.length, 1, p);
    return p;
  }
}
