package dev.boreal.monitor.calibration;

import java.util.Map;

/**
 * Beta calibration (Kull, Silva Filho and Flach, 2017), the three-parameter map of the model's probability
 * {@code s = sigmoid(slope * margin)}: {@code logit(p) = a ln(s) - b ln(1 - s) + c}, a logistic regression on
 * the features {@code ln s} and {@code -ln(1 - s)} with a, b at least 0. As the authors' {@code betacal}
 * package does, a fit whose a (or b) comes out negative is refitted without that feature. The features are
 * computed from the margin ({@code ln s = -softplus(-z)}), so confident rows stay finite.
 */
final class BetaCalibration extends BinaryCalibrator {
  static final String METHOD = "beta";

  private final double slope;
  private final double a;
  private final double b;
  private final double c;

  BetaCalibration(double slope, double a, double b, double c) {
    this.slope = slope;
    this.a = a;
    this.b = b;
    this.c = c;
  }

  /** Fits a, b and c on margins and 0/1 labels, for a model whose probability is sigmoid(slope * margin). */
  static BetaCalibration fit(double slope, double[] margins, boolean[] positive) {
    int n = margins.length;
    double[] logS = new double[n];
    double[] minusLog1mS = new double[n];
    double[] ones = new double[n];
    double[] targets = new double[n];
    for (int i = 0; i < n; i++) {
      double z = slope * margins[i];
      logS[i] = -LogisticFit.softplus(-z);
      minusLog1mS[i] = LogisticFit.softplus(z);
      ones[i] = 1;
      targets[i] = positive[i] ? 1 : 0;
    }
    double[] full = LogisticFit.fit(new double[][] {logS, minusLog1mS, ones}, targets, new double[] {1, 1, 0});
    if (full[0] < 0) {
      double[] bc = LogisticFit.fit(new double[][] {minusLog1mS, ones}, targets, new double[] {1, 0});
      return new BetaCalibration(slope, 0, Math.max(bc[0], 0), bc[1]);
    }
    if (full[1] < 0) {
      double[] ac = LogisticFit.fit(new double[][] {logS, ones}, targets, new double[] {1, 0});
      return new BetaCalibration(slope, Math.max(ac[0], 0), 0, ac[1]);
    }
    return new BetaCalibration(slope, full[0], full[1], full[2]);
  }

  /** Reads back {@link #arrays()}; a and b must not be negative, the slope must be positive. */
  static BetaCalibration restore(Map<String, double[]> arrays) {
    double slope = scalar(arrays, "slope");
    double a = scalar(arrays, "a");
    double b = scalar(arrays, "b");
    if (!(slope > 0) || a < 0 || b < 0) {
      throw new IllegalArgumentException("parameters a and b must not be negative and slope must be positive, "
          + "but they are " + a + ", " + b + " and " + slope);
    }
    return new BetaCalibration(slope, a, b, scalar(arrays, "c"));
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public double probability(double margin) {
    double z = slope * margin;
    return LogisticFit.sigmoid(-a * LogisticFit.softplus(-z) + b * LogisticFit.softplus(z) + c);
  }

  @Override
  Map<String, double[]> arrays() {
    return Map.of("slope", new double[] {slope}, "a", new double[] {a}, "b", new double[] {b},
        "c", new double[] {c});
  }
}
