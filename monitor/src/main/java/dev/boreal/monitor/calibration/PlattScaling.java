package dev.boreal.monitor.calibration;

import java.util.Map;

/**
 * Platt scaling on the raw margin: {@code p = 1 / (1 + exp(A * margin + B))}, fitted by maximum likelihood
 * against Platt's smoothed targets ({@code (N+ + 1) / (N+ + 2)} for positives, {@code 1 / (N- + 2)} for
 * negatives), as scikit-learn's {@code _sigmoid_calibration}, from its starting point {@code (0, log((N- + 1)
 * / (N+ + 1)))}.
 */
final class PlattScaling extends BinaryCalibrator {
  static final String METHOD = "platt";

  private final double a;
  private final double b;

  PlattScaling(double a, double b) {
    this.a = a;
    this.b = b;
  }

  /** Fits A and B on margins and 0/1 labels. */
  static PlattScaling fit(double[] margins, boolean[] positive) {
    int n = margins.length;
    double positives = 0;
    for (boolean p : positive) {
      positives += p ? 1 : 0;
    }
    double negatives = n - positives;
    double[] targets = new double[n];
    double[] ones = new double[n];
    double[] minus = new double[n];
    for (int i = 0; i < n; i++) {
      targets[i] = positive[i] ? (positives + 1) / (positives + 2) : 1 / (negatives + 2);
      ones[i] = -1;
      minus[i] = -margins[i];
    }
    // p = sigmoid(-(A m + B)): the regression's features are -m and -1.
    double[] ab = LogisticFit.fit(new double[][] {minus, ones}, targets,
        new double[] {0, Math.log((negatives + 1) / (positives + 1))});
    return new PlattScaling(ab[0], ab[1]);
  }

  /** Reads back {@link #arrays()}. */
  static PlattScaling restore(Map<String, double[]> arrays) {
    return new PlattScaling(scalar(arrays, "a"), scalar(arrays, "b"));
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public double probability(double margin) {
    return LogisticFit.sigmoid(-(a * margin + b));
  }

  @Override
  Map<String, double[]> arrays() {
    return Map.of("a", new double[] {a}, "b", new double[] {b});
  }
}
