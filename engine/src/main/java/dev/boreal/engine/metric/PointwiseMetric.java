package dev.boreal.engine.metric;

import dev.boreal.engine.objective.Link;

/**
 * The single-output metrics that average a per-row loss of (prediction, label) with sample weights, as
 * LightGBM defines them, plus r2. Loss sums run over fixed blocks of rows combined in block order, so a parallel
 * evaluation can reproduce them bit for bit.
 */
final class PointwiseMetric implements Metric {
  /** LightGBM's clamp for log losses. */
  private static final double EPSILON = 1e-15;
  private static final int BLOCK = 8192;

  /** The per-row losses. */
  enum Kind { L2, RMSE, L1, HUBER, QUANTILE, POISSON, GAMMA, GAMMA_DEVIANCE, TWEEDIE, BINARY_LOGLOSS,
    BINARY_ERROR, R2 }

  private final Kind kind;
  private final String name;
  private final double param;

  /** @param param huber's delta, quantile's alpha or tweedie's ρ; ignored by the others */
  PointwiseMetric(Kind kind, String name, double param) {
    this.kind = kind;
    this.name = name;
    this.param = param;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean higherIsBetter() {
    return kind == Kind.R2;
  }

  @Override
  public double evaluate(double[] raw, int numOutputs, Link link, double[] labels, double[] weights, int[] groups) {
    if (numOutputs != 1) {
      throw new dev.boreal.UsageException("metric " + name + " needs a single-output model, but it has "
          + numOutputs + " outputs.");
    }
    int n = labels.length;
    if (kind == Kind.R2) {
      return r2(raw, link, labels, weights, n);
    }
    double sumLoss = 0;
    double sumWeight = 0;
    for (int from = 0; from < n; from += BLOCK) {
      double blockLoss = 0;
      double blockWeight = 0;
      for (int i = from, to = Math.min(n, from + BLOCK); i < to; i++) {
        double w = weights == null ? 1.0 : weights[i];
        blockLoss += loss(link.apply(raw[i]), labels[i]) * w;
        blockWeight += w;
      }
      sumLoss += blockLoss;
      sumWeight += blockWeight;
    }
    switch (kind) {
      case RMSE: return Math.sqrt(sumLoss / sumWeight);
      // LightGBM reports gamma deviance as twice the weighted sum, not an average.
      case GAMMA_DEVIANCE: return 2 * sumLoss;
      default: return sumLoss / sumWeight;
    }
  }

  /** LightGBM's per-row loss of prediction {@code p} against label {@code y}. */
  private double loss(double p, double y) {
    switch (kind) {
      case L2: case RMSE: return (p - y) * (p - y);
      case L1: return Math.abs(p - y);
      case HUBER: {
        double d = Math.abs(p - y);
        return d <= param ? 0.5 * d * d : param * (d - 0.5 * param);
      }
      case QUANTILE: {
        double d = y - p;
        return d < 0 ? (param - 1.0) * d : param * d;
      }
      case POISSON: {
        double s = Math.max(p, 1e-10);
        return s - y * Math.log(s);
      }
      case GAMMA:
        // Negative gamma log-likelihood with unit dispersion, dropping the terms constant in p.
        return y / p + safeLog(p);
      case GAMMA_DEVIANCE: {
        double t = y / (p + 1e-9);
        return t - safeLog(t) - 1;
      }
      case TWEEDIE: {
        double s = Math.max(p, 1e-10);
        double a = y * Math.exp((1 - param) * Math.log(s)) / (1 - param);
        double b = Math.exp((2 - param) * Math.log(s)) / (2 - param);
        return -a + b;
      }
      case BINARY_LOGLOSS:
        return y > 0 ? -Math.log(Math.max(p, EPSILON)) : -Math.log(Math.max(1 - p, EPSILON));
      case BINARY_ERROR:
        return (p <= 0.5) == (y > 0) ? 1.0 : 0.0;
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  private static double safeLog(double x) {
    return x > 0 ? Math.log(x) : Double.NEGATIVE_INFINITY;
  }

  /**
   * scikit-learn's weighted r2: 1 - Σw(y-p)² / Σw(y-ȳ)²; a constant label scores 1 when predicted exactly and
   * 0 otherwise.
   */
  private static double r2(double[] raw, Link link, double[] labels, double[] weights, int n) {
    double sumY = 0;
    double sumW = 0;
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1.0 : weights[i];
      sumY += w * labels[i];
      sumW += w;
    }
    double mean = sumY / sumW;
    double res = 0;
    double tot = 0;
    for (int i = 0; i < n; i++) {
      double w = weights == null ? 1.0 : weights[i];
      double e = labels[i] - link.apply(raw[i]);
      double d = labels[i] - mean;
      res += w * e * e;
      tot += w * d * d;
    }
    if (tot == 0) {
      return res == 0 ? 1.0 : 0.0;
    }
    return 1.0 - res / tot;
  }
}
