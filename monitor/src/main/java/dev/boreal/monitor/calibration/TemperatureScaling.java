package dev.boreal.monitor.calibration;

import java.util.List;
import java.util.Map;

/**
 * Temperature scaling: the model's own link applied to the margins divided by one temperature T, fitted by
 * maximum likelihood ({@code softmax(margins / T)} for multiclass, {@code sigmoid(slope * margin / T)} for
 * binary). It keeps the ranking of classes and rows. scikit-learn 1.2 has no temperature scaling; the
 * parity fixtures minimise the same loss with scipy. The loss is convex in the inverse temperature, which
 * Newton's method finds.
 */
final class TemperatureScaling implements Calibrator {
  static final String METHOD = "temperature";
  private static final int MAX_ITERATIONS = 100;

  private final int outputs;
  /** The binary link's sigmoid slope (1 for multiclass). */
  private final double slope;
  private final double temperature;

  private TemperatureScaling(int outputs, double slope, double temperature) {
    this.outputs = outputs;
    this.slope = slope;
    this.temperature = temperature;
  }

  /**
   * Fits T.
   *
   * @param outputs margins per row: 1 (binary, logits {@code (0, slope * margin)}) or the class count
   * @param margins {@code rows * outputs} margins, row-major
   * @param labels class index per row (0 or 1 for binary)
   */
  static TemperatureScaling fit(int outputs, double slope, double[] margins, int[] labels) {
    int rows = labels.length;
    int k = outputs == 1 ? 2 : outputs;
    double[] logits = new double[k];
    double[] p = new double[k];
    double beta = 1;
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double gradient = 0;
      double hessian = 0;
      for (int i = 0; i < rows; i++) {
        logitsOf(outputs, slope, margins, i, logits);
        softmax(logits, beta, p);
        double mean = 0;
        double square = 0;
        for (int j = 0; j < k; j++) {
          mean += p[j] * logits[j];
          square += p[j] * logits[j] * logits[j];
        }
        gradient += mean - logits[labels[i]];
        hessian += square - mean * mean;
      }
      if (!(hessian > 0)) {
        break;
      }
      double next = beta - gradient / hessian;
      // The inverse temperature stays positive: a step past zero goes half-way to it instead.
      next = next > 0 ? next : beta / 2;
      boolean done = Math.abs(next - beta) <= 1e-15 * Math.max(1, beta);
      beta = next;
      if (done) {
        break;
      }
    }
    return new TemperatureScaling(outputs, slope, 1 / beta);
  }

  private static void logitsOf(int outputs, double slope, double[] margins, int row, double[] logits) {
    if (outputs == 1) {
      logits[0] = 0;
      logits[1] = slope * margins[row];
    } else {
      System.arraycopy(margins, row * outputs, logits, 0, outputs);
    }
  }

  private static void softmax(double[] logits, double beta, double[] p) {
    double max = Double.NEGATIVE_INFINITY;
    for (double z : logits) {
      max = Math.max(max, beta * z);
    }
    double sum = 0;
    for (int j = 0; j < logits.length; j++) {
      p[j] = Math.exp(beta * logits[j] - max);
      sum += p[j];
    }
    for (int j = 0; j < logits.length; j++) {
      p[j] /= sum;
    }
  }

  /** Reads back {@link #parameters()}: a positive finite temperature and slope. */
  static TemperatureScaling restore(int outputs, Map<String, double[]> arrays) {
    double t = BinaryCalibrator.scalar(arrays, "temperature");
    double slope = BinaryCalibrator.scalar(arrays, "slope");
    if (!(t > 0) || !(slope > 0)) {
      throw new IllegalArgumentException("parameters temperature and slope must be positive, but they are " + t
          + " and " + slope);
    }
    return new TemperatureScaling(outputs, slope, t);
  }

  /** The fitted temperature. */
  double temperature() {
    return temperature;
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public int outputs() {
    return outputs;
  }

  @Override
  public double probability(double margin) {
    if (outputs != 1) {
      throw new IllegalStateException("a multiclass temperature needs a whole row; use probabilities");
    }
    return LogisticFit.sigmoid(slope * margin / temperature);
  }

  @Override
  public void probabilities(double[] raw, int offset, int stride, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < outputs; j++) {
      max = Math.max(max, raw[offset + j * stride]);
    }
    double sum = 0;
    for (int j = 0; j < outputs; j++) {
      int at = offset + j * stride;
      out[at] = Math.exp((raw[at] - max) / temperature);
      sum += out[at];
    }
    for (int j = 0; j < outputs; j++) {
      out[offset + j * stride] /= sum;
    }
  }

  @Override
  public List<Map<String, double[]>> parameters() {
    return List.of(Map.of("temperature", new double[] {temperature}, "slope", new double[] {slope}));
  }
}
