package dev.boreal.engine.objective;

/**
 * The identity-link regression losses: L2, L1, huber and quantile, with LightGBM's gradients (L1-type
 * losses use a unit hessian and renew leaf outputs from residual percentiles afterwards).
 */
final class RegressionObjectives {
  private RegressionObjectives() {}

  /** Squared error: loss ½(s - y)², gradient s - y, hessian 1. Starts from the weighted mean. */
  static final class L2 extends PointwiseObjective {
    L2(double[] labels, double[] weights, boolean boostFromAverage) {
      super("regression", labels, weights, boostFromAverage);
    }

    @Override
    void block(double[] s, double[] g, double[] h, int from, int to) {
      for (int i = from; i < to; i++) {
        g[i] = (s[i] - labels[i]) * weights[i];
        h[i] = weights[i];
      }
    }

    @Override
    public double[] initScores() {
      return single(weightedMeanLabel());
    }

    @Override
    public Link link() {
      return Link.IDENTITY;
    }
  }

  /** Absolute error: gradient sign(s - y), hessian 1; leaves renewed to the weighted residual median. */
  static final class L1 extends PointwiseObjective {
    L1(double[] labels, double[] weights, boolean boostFromAverage) {
      super("regression_l1", labels, weights, boostFromAverage);
    }

    @Override
    void block(double[] s, double[] g, double[] h, int from, int to) {
      for (int i = from; i < to; i++) {
        g[i] = Math.signum(s[i] - labels[i]) * weights[i];
        h[i] = weights[i];
      }
    }

    @Override
    public double[] initScores() {
      return single(labelPercentile(0.5));
    }

    @Override
    public Link link() {
      return Link.IDENTITY;
    }

    @Override
    public boolean renewsLeafOutput() {
      return true;
    }

    @Override
    public double renewLeafOutput(int[] rows, int from, int to, double[] scores, int output) {
      return residualPercentile(rows, from, to, scores, output, 0.5);
    }
  }

  /**
   * Huber with delta = alpha: gradient s - y inside the delta band, ±delta outside; the hessian is 1
   * everywhere as in LightGBM (not the loss's 0 outside the band), which keeps Newton steps bounded.
   */
  static final class Huber extends PointwiseObjective {
    private final double delta;

    Huber(double[] labels, double[] weights, boolean boostFromAverage, double delta) {
      super("huber", labels, weights, boostFromAverage);
      this.delta = delta;
    }

    @Override
    void block(double[] s, double[] g, double[] h, int from, int to) {
      for (int i = from; i < to; i++) {
        double diff = s[i] - labels[i];
        g[i] = (Math.abs(diff) <= delta ? diff : Math.signum(diff) * delta) * weights[i];
        h[i] = weights[i];
      }
    }

    /** LightGBM starts huber from the weighted mean, like L2. */
    @Override
    public double[] initScores() {
      return single(weightedMeanLabel());
    }

    @Override
    public Link link() {
      return Link.IDENTITY;
    }
  }

  /**
   * Pinball loss at level alpha: gradient 1 - alpha when s ≥ y, else -alpha; hessian 1; leaves renewed to
   * the weighted alpha-percentile of residuals.
   */
  static final class Quantile extends PointwiseObjective {
    private final double alpha;

    Quantile(double[] labels, double[] weights, boolean boostFromAverage, double alpha) {
      super("quantile", labels, weights, boostFromAverage);
      this.alpha = alpha;
    }

    @Override
    void block(double[] s, double[] g, double[] h, int from, int to) {
      for (int i = from; i < to; i++) {
        g[i] = (s[i] - labels[i] >= 0 ? 1.0 - alpha : -alpha) * weights[i];
        h[i] = weights[i];
      }
    }

    @Override
    public double[] initScores() {
      return single(labelPercentile(alpha));
    }

    @Override
    public Link link() {
      return Link.IDENTITY;
    }

    @Override
    public boolean renewsLeafOutput() {
      return true;
    }

    @Override
    public double renewLeafOutput(int[] rows, int from, int to, double[] scores, int output) {
      return residualPercentile(rows, from, to, scores, output, alpha);
    }
  }
}
