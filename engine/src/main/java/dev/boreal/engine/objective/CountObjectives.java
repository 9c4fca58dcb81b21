package dev.boreal.engine.objective;

import dev.boreal.InputException;

/**
 * The log-link losses for non-negative targets: poisson, gamma and tweedie. Scores are log-means, so each
 * starts from the log of the weighted mean label, and predictions are exp(score).
 */
final class CountObjectives {
  private CountObjectives() {}

  /** LightGBM's check: labels must be non-negative and not all zero. */
  static void checkNonNegative(String name, double[] labels) {
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new InputException(name + " needs non-negative labels, but row " + i + " has " + labels[i] + ".");
      }
      sum += labels[i];
    }
    if (sum == 0) {
      throw new InputException(name + " needs at least one positive label, but all labels are zero.");
    }
  }

  /** Shared start score and link of the log-link losses. */
  abstract static class LogLink extends PointwiseObjective {
    LogLink(String name, double[] labels, double[] weights, boolean boostFromAverage) {
      super(name, labels, weights, boostFromAverage);
      checkNonNegative(name, labels);
    }

    @Override
    public final double[] initScores() {
      return single(Math.log(weightedMeanLabel()));
    }

    @Override
    public final Link link() {
      return Link.EXP;
    }
  }

  /**
   * Poisson: loss exp(s) - y·s, gradient exp(s) - y, hessian exp(s + max_delta_step); the inflated hessian
   * is LightGBM's safeguard against huge steps when the mean is near zero.
   */
  static final class Poisson extends LogLink {
    private final double maxDeltaStep;

    Poisson(double[] labels, double[] weights, boolean boostFromAverage, double maxDeltaStep) {
      super("poisson", labels, weights, boostFromAverage);
      this.maxDeltaStep = maxDeltaStep;
    }

    @Override
    void block(double[] s, double[] g, double[] h, int from, int to) {
      for (int i = from; i < to; i++) {
        g[i] = (Math.exp(s[i]) - labels[i]) * weights[i];
        h[i] = Math.exp(s[i] + maxDeltaStep) * weights[i];
      }
    }
  }

  /** Gamma with log link: loss y·exp(-s) + s, gradient 1 - y·exp(-s), hessian y·exp(-s). */
  static final class Gamma extends LogLink {
    Gamma(double[] labels, double[] weights, boolean boostFromAverage) {
      super("gamma", labels, weights, boostFromAverage);
    }

    @Override
    void block(double[] s, double[] g, double[] h, int from, int to) {
      for (int i = from; i < to; i++) {
        double e = labels[i] * Math.exp(-s[i]);
        g[i] = (1.0 - e) * weights[i];
        h[i] = e * weights[i];
      }
    }
  }

  /**
   * Tweedie with variance power ρ: loss -y·exp((1-ρ)s)/(1-ρ) + exp((2-ρ)s)/(2-ρ), with its exact first
   * and second derivatives.
   */
  static final class Tweedie extends LogLink {
    private final double rho;

    Tweedie(double[] labels, double[] weights, boolean boostFromAverage, double rho) {
      super("tweedie", labels, weights, boostFromAverage);
      this.rho = rho;
    }

    @Override
    void block(double[] s, double[] g, double[] h, int from, int to) {
      for (int i = from; i < to; i++) {
        double a = Math.exp((1.0 - rho) * s[i]);
        double b = Math.exp((2.0 - rho) * s[i]);
        g[i] = (-labels[i] * a + b) * weights[i];
        h[i] = (-labels[i] * (1.0 - rho) * a + (2.0 - rho) * b) * weights[i];
      }
    }
  }
}
