package dev.boreal.engine.objective;

import dev.boreal.InputException;
import dev.boreal.UsageException;

/**
 * Binary log loss on labels 0/1 with LightGBM's sigmoid slope σ and class weights: with t = ±1, the
 * gradient is {@code -tσ / (1 + exp(tσs))} and the hessian {@code |g|(σ - |g|)}, both times the class weight
 * (is_unbalance or scale_pos_weight) and the sample weight.
 */
final class BinaryObjective extends PointwiseObjective {
  /** LightGBM's clamp keeping the start probability away from 0 and 1. */
  private static final double EPSILON = 1e-15;

  private final double sigmoid;
  private final double negWeight;
  private final double posWeight;

  BinaryObjective(double[] labels, double[] weights, ObjectiveSettings s) {
    super("binary", labels, weights, s.boostFromAverage());
    if (s.isUnbalance() && s.scalePosWeight() != 1.0) {
      throw new UsageException("is_unbalance and scale_pos_weight cannot both be set; choose one.");
    }
    this.sigmoid = s.sigmoid();
    long positives = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] != 0.0 && labels[i] != 1.0) {
        throw new InputException("binary labels must be 0 or 1 after encoding, but row " + i + " has "
            + labels[i] + ".");
      }
      positives += (long) labels[i];
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      throw new InputException("binary training needs both classes, but every label is "
          + (positives == 0 ? "0" : "1") + ".");
    }
    // LightGBM's is_unbalance: scale the smaller class up so both carry the same total count.
    double neg = 1.0;
    double pos = 1.0;
    if (s.isUnbalance()) {
      if (positives > negatives) {
        neg = (double) positives / negatives;
      } else {
        pos = (double) negatives / positives;
      }
    }
    this.negWeight = neg;
    this.posWeight = pos * s.scalePosWeight();
  }

  @Override
  void block(double[] s, double[] g, double[] h, int from, int to) {
    for (int i = from; i < to; i++) {
      boolean positive = labels[i] == 1.0;
      double t = positive ? 1.0 : -1.0;
      double w = (positive ? posWeight : negWeight) * weights[i];
      double response = -t * sigmoid / (1.0 + Math.exp(t * sigmoid * s[i]));
      double abs = Math.abs(response);
      g[i] = response * w;
      h[i] = abs * (sigmoid - abs) * w;
    }
  }

  /** log(p / (1 - p)) / σ for the weighted positive rate p (class weights not applied, as in LightGBM). */
  @Override
  public double[] initScores() {
    double p = weightedMeanLabel();
    p = Math.min(Math.max(p, EPSILON), 1.0 - EPSILON);
    return single(Math.log(p / (1.0 - p)) / sigmoid);
  }

  @Override
  public Link link() {
    return Link.sigmoid(sigmoid);
  }
}
