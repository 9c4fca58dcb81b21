package dev.boreal.monitor.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A multiclass calibration by binary maps, one per class, then normalised to sum to one (scikit-learn's
 * one-vs-rest calibration; a row whose maps all give 0 gets the uniform distribution, as there). Class j's
 * map reads the model's one-vs-rest log-odds for j, {@code logit(softmax(z)_j) = z_j - log sum_{i != j}
 * exp(z_i)}, so each binary map sees a margin that means "j against the rest" whatever the row's shift.
 */
final class OneVsRest implements Calibrator {
  /** Log-odds beyond this are clipped, so that a row whose other classes underflow stays finite. */
  private static final double MAX_LOG_ODDS = 700;

  private final BinaryCalibrator[] perClass;

  OneVsRest(BinaryCalibrator[] perClass) {
    this.perClass = perClass.clone();
  }

  /**
   * The one-vs-rest log-odds of every class of every row, as {@link #probabilities} computes them.
   *
   * @param margins {@code rows * k} margins, row-major
   * @return {@code k} columns of {@code rows} log-odds
   */
  static double[][] logOdds(double[] margins, int rows, int k) {
    double[][] columns = new double[k][rows];
    for (int i = 0; i < rows; i++) {
      double max = max(margins, i * k, 1, k);
      double total = total(margins, i * k, 1, k, max);
      for (int j = 0; j < k; j++) {
        columns[j][i] = logOdds(margins[i * k + j], max, total);
      }
    }
    return columns;
  }

  private static double max(double[] raw, int offset, int stride, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, raw[offset + c * stride]);
    }
    return max;
  }

  /** sum_c exp(z_c - max). */
  private static double total(double[] raw, int offset, int stride, int k, double max) {
    double total = 0;
    for (int c = 0; c < k; c++) {
      total += Math.exp(raw[offset + c * stride] - max);
    }
    return total;
  }

  /** z - log sum_{c != j} exp(z_c), from the row's max and {@link #total}, clipped to stay finite. */
  private static double logOdds(double z, double max, double total) {
    double own = Math.exp(z - max);
    double others = Math.max(total - own, Double.MIN_NORMAL);
    return Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, z - max - Math.log(others)));
  }

  @Override
  public String method() {
    return perClass[0].method();
  }

  @Override
  public int outputs() {
    return perClass.length;
  }

  @Override
  public double probability(double margin) {
    throw new IllegalStateException("a one-vs-rest calibration needs a whole row; use probabilities");
  }

  @Override
  public void probabilities(double[] raw, int offset, int stride, double[] out) {
    int k = perClass.length;
    // The row's max and total are read before any output is written, so out may be raw.
    double max = max(raw, offset, stride, k);
    double total = total(raw, offset, stride, k, max);
    double sum = 0;
    for (int j = 0; j < k; j++) {
      int at = offset + j * stride;
      out[at] = perClass[j].probability(logOdds(raw[at], max, total));
      sum += out[at];
    }
    for (int j = 0; j < k; j++) {
      int at = offset + j * stride;
      out[at] = sum > 0 ? out[at] / sum : 1.0 / k;
    }
  }

  @Override
  public List<Map<String, double[]>> parameters() {
    List<Map<String, double[]>> maps = new ArrayList<>();
    for (BinaryCalibrator c : perClass) {
      maps.add(c.arrays());
    }
    return maps;
  }
}
