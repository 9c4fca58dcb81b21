package dev.boreal.engine.objective;

import dev.boreal.UsageException;

/**
 * The map from raw margins to predictions: identity, sigmoid (with its slope), softmax over the K outputs
 * of a row, or exp. A classifier's link may also carry a calibration ({@link #calibrated}, an {@link OutputMap}),
 * which then replaces the sigmoid or softmax in every transform: this is the one seam through which predict,
 * eval, serve, compare and the Java API all give calibrated probabilities. Immutable; the transforms allocate
 * nothing and are safe from many threads.
 */
public final class Link {
  /** Raw margin is the prediction (regression, L1, huber, quantile, ranking). */
  public static final Link IDENTITY = new Link(Kind.IDENTITY, 1.0);
  /** Softmax across a row's K outputs (multiclass). */
  public static final Link SOFTMAX = new Link(Kind.SOFTMAX, 1.0);
  /** exp(raw), for log-link losses (poisson, gamma, tweedie). */
  public static final Link EXP = new Link(Kind.EXP, 1.0);

  private enum Kind { IDENTITY, SIGMOID, SOFTMAX, EXP }

  private final Kind kind;
  private final double param;
  /** The calibration applied instead of the sigmoid or softmax, or null. */
  private final OutputMap calibration;

  private Link(Kind kind, double param) {
    this(kind, param, null);
  }

  private Link(Kind kind, double param, OutputMap calibration) {
    this.kind = kind;
    this.param = param;
    this.calibration = calibration;
  }

  /**
   * This link with {@code map} giving the probabilities; its {@link #name()} and {@link #param()} stay those
   * of the uncalibrated link.
   *
   * @throws IllegalArgumentException if this link is not a sigmoid or softmax, or {@code map} reads several
   *     outputs under a sigmoid or one under a softmax
   */
  public Link calibrated(OutputMap map) {
    boolean fits = (kind == Kind.SIGMOID && map.outputs() == 1) || (kind == Kind.SOFTMAX && map.outputs() >= 2);
    if (!fits) {
      throw new IllegalArgumentException("a " + map.outputs() + "-output " + map.method() + " calibration does not "
          + "suit a " + name() + " link");
    }
    return new Link(kind, param, map);
  }

  /** The calibration this link applies, or {@code null} when it has none. */
  public OutputMap calibration() {
    return calibration;
  }

  /** This link without its calibration (itself when it has none). */
  public Link uncalibrated() {
    return calibration == null ? this : new Link(kind, param);
  }

  /** 1 / (1 + exp(-sigmoid * raw)), LightGBM's binary link. */
  public static Link sigmoid(double sigmoid) {
    if (!(sigmoid > 0) || Double.isInfinite(sigmoid)) {
      throw new UsageException("sigmoid must be a positive number, got " + sigmoid + ".");
    }
    return new Link(Kind.SIGMOID, sigmoid);
  }

  /** Reads back a link from its {@link #name()} and {@link #param()} as stored in a model file. */
  public static Link of(String name, double param) {
    switch (name) {
      case "identity": return IDENTITY;
      case "sigmoid": return sigmoid(param);
      case "softmax": return SOFTMAX;
      case "exp": return EXP;
      default:
        throw new UsageException("unknown link '" + name + "'; expected identity, sigmoid, softmax or exp.");
    }
  }

  /** The name for the model file: identity, sigmoid, softmax or exp. */
  public String name() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The sigmoid slope for the sigmoid link; 1 for the others. */
  public double param() {
    return param;
  }

  /**
   * Transforms n rows of k outputs, both arrays output-major (index {@code j*n + i}); {@code out} may be
   * {@code raw}.
   */
  public void transform(double[] raw, int n, int k, double[] out) {
    if (calibration != null && k > 1) {
      for (int i = 0; i < n; i++) {
        calibration.probabilities(raw, i, n, out);
      }
      return;
    }
    if (kind == Kind.SOFTMAX) {
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          max = Math.max(max, raw[j * n + i]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
          double e = Math.exp(raw[j * n + i] - max);
          out[j * n + i] = e;
          sum += e;
        }
        for (int j = 0; j < k; j++) {
          out[j * n + i] /= sum;
        }
      }
      return;
    }
    for (int i = 0, m = n * k; i < m; i++) {
      out[i] = apply(raw[i]);
    }
  }

  /**
   * Transforms one row whose k outputs are contiguous, {@code raw[offset .. offset+k)}, into
   * {@code out[offset .. offset+k)}; {@code out} may be {@code raw}.
   */
  public void transformRow(double[] raw, int offset, int k, double[] out) {
    if (calibration != null && k > 1) {
      calibration.probabilities(raw, offset, 1, out);
      return;
    }
    if (kind == Kind.SOFTMAX) {
      softmax(raw, offset, k, out);
      return;
    }
    for (int j = offset; j < offset + k; j++) {
      out[j] = apply(raw[j]);
    }
  }

  /** The prediction for one raw value of a single-output link (not softmax). */
  public double apply(double raw) {
    if (calibration != null && kind == Kind.SIGMOID) {
      return calibration.probability(raw);
    }
    switch (kind) {
      case IDENTITY: return raw;
      case SIGMOID: return 1.0 / (1.0 + Math.exp(-param * raw));
      case EXP: return Math.exp(raw);
      default: throw new IllegalStateException("softmax needs a whole row; use transformRow");
    }
  }

  /** Softmax of {@code raw[offset .. offset+k)} into {@code out[offset ..]}, shifted by the max for stability. */
  static void softmax(double[] raw, int offset, int k, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = offset; j < offset + k; j++) {
      max = Math.max(max, raw[j]);
    }
    double sum = 0;
    for (int j = offset; j < offset + k; j++) {
      double e = Math.exp(raw[j] - max);
      out[j] = e;
      sum += e;
    }
    for (int j = offset; j < offset + k; j++) {
      out[j] /= sum;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Link l && l.kind == kind && Double.compare(l.param, param) == 0
        && l.calibration == calibration;
  }

  @Override
  public int hashCode() {
    return (kind.hashCode() * 31 + Double.hashCode(param)) * 31 + System.identityHashCode(calibration);
  }

  @Override
  public String toString() {
    String base = kind == Kind.SIGMOID ? "sigmoid(" + param + ")" : name();
    return calibration == null ? base : base + " calibrated by " + calibration.method();
  }
}
