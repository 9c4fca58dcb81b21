package dev.boreal.monitor.calibration;

import java.util.Arrays;
import java.util.Map;

/**
 * Isotonic calibration on the raw margin, as scikit-learn's {@code IsotonicRegression(out_of_bounds="clip")}:
 * the non-decreasing fit of the 0/1 labels at each distinct margin, thinned to the points where the fit
 * changes, read by linear interpolation between them and clipped to the end values outside their range.
 */
final class IsotonicCalibration extends BinaryCalibrator {
  static final String METHOD = "isotonic";

  /** Margins, strictly increasing. */
  private final double[] x;
  /** Probabilities at {@link #x}, non-decreasing. */
  private final double[] y;

  private IsotonicCalibration(double[] x, double[] y) {
    this.x = x;
    this.y = y;
  }

  /** Fits the map on margins and 0/1 labels. */
  static IsotonicCalibration fit(double[] margins, boolean[] positive) {
    Pava data = Pava.of(margins, positive);
    double[] fitted = data.fit();
    int u = data.size();
    double[] x = new double[u];
    double[] y = new double[u];
    int kept = 0;
    for (int k = 0; k < u; k++) {
      // scikit-learn keeps the ends and every point whose value differs from a neighbour's.
      boolean inner = k > 0 && k < u - 1 && fitted[k - 1] == fitted[k] && fitted[k] == fitted[k + 1];
      if (!inner) {
        x[kept] = data.scores[k];
        y[kept++] = fitted[k];
      }
    }
    return new IsotonicCalibration(Arrays.copyOf(x, kept), Arrays.copyOf(y, kept));
  }

  /** Reads back {@link #arrays()}, checking increasing margins, monotone probabilities and equal lengths. */
  static IsotonicCalibration restore(Map<String, double[]> arrays) {
    double[] x = array(arrays, "x", -1);
    double[] y = array(arrays, "y", x.length);
    if (x.length == 0) {
      throw new IllegalArgumentException("parameter x must hold at least one number");
    }
    checkIncreasing("x", x, true);
    checkIncreasing("y", y, false);
    checkProbabilities("y", y);
    return new IsotonicCalibration(x, y);
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public double probability(double margin) {
    int last = x.length - 1;
    if (!(margin > x[0])) {
      // Below the range, and NaN, read the lowest value.
      return y[0];
    }
    if (margin >= x[last]) {
      return y[last];
    }
    int at = Arrays.binarySearch(x, margin);
    if (at >= 0) {
      return y[at];
    }
    int hi = -at - 1;
    int lo = hi - 1;
    return y[lo] + (y[hi] - y[lo]) * (margin - x[lo]) / (x[hi] - x[lo]);
  }

  @Override
  Map<String, double[]> arrays() {
    return Map.of("x", x.clone(), "y", y.clone());
  }
}
