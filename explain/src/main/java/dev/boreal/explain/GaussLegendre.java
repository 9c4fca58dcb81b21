package dev.boreal.explain;

/**
 * Gauss–Legendre quadrature on {@code [0, 1]}: m nodes and weights that integrate every polynomial of
 * degree at most {@code 2m - 1} exactly. Linear TreeSHAP writes a Shapley value as such an integral
 * (the Beta-function form of the Shapley weights), so a handful of points gives the exact value.
 *
 * <p>Nodes are the roots of the Legendre polynomial {@code P_m}, found by Newton's method from the
 * classical cosine guesses; the three-term recurrence evaluates {@code P_m} and its derivative. The
 * nodes lie strictly inside the interval, which the callers rely on (they divide by {@code t} and
 * {@code 1 - t}).
 */
final class GaussLegendre {
  private GaussLegendre() {}

  /**
   * The rule with {@code m} points on {@code [0, 1]}.
   *
   * @return {@code {nodes, weights}}, nodes increasing, weights summing to 1
   */
  static double[][] onUnitInterval(int m) {
    if (m < 1) {
      throw new IllegalArgumentException("a quadrature needs at least one point, not " + m);
    }
    double[] nodes = new double[m];
    double[] weights = new double[m];
    for (int i = 0; i < (m + 1) / 2; i++) {
      double x = Math.cos(Math.PI * (i + 0.75) / (m + 0.5));
      double derivative = 0;
      for (int iteration = 0; iteration < 100; iteration++) {
        double p0 = 1;
        double p1 = x;
        for (int k = 2; k <= m; k++) {
          double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        // P_m = p1, P_{m-1} = p0; P'_m(x) = m (x P_m - P_{m-1}) / (x^2 - 1).
        derivative = m * (x * p1 - p0) / (x * x - 1);
        double step = p1 / derivative;
        x -= step;
        if (Math.abs(step) < 1e-16) {
          break;
        }
      }
      double w = 2 / ((1 - x * x) * derivative * derivative);
      // x runs from near +1 downwards; map [-1, 1] to [0, 1] and fill both symmetric ends.
      nodes[m - 1 - i] = (1 + x) / 2;
      nodes[i] = (1 - x) / 2;
      weights[m - 1 - i] = w / 2;
      weights[i] = w / 2;
    }
    return new double[][] {nodes, weights};
  }
}
