package dev.boreal.monitor.calibration;

import dev.boreal.engine.learn.FoldDealing;
import dev.boreal.engine.objective.Link;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code auto} calibration: every method and the identity (no calibration) are scored by k-fold
 * cross-validated log loss on the calibration data (stratified folds, {@link FoldDealing}), and the best is
 * refitted on all of it. The identity is a candidate, so the chosen map never has a higher cross-validated
 * log loss than the model had on the data it was chosen on. The best map must also win clearly: its mean
 * gain over the identity must exceed one standard error of the per-row gains, else the model stays
 * uncalibrated, since a gain within the noise of the calibration data is as likely to be a loss on new data.
 * Multiclass data that lacks a class ({@link Calibrations#checkClasses}) leaves temperature scaling and the
 * identity as the only candidates; their folds are then dealt unstratified, since temperature scaling needs no
 * class in any fold and a 20% split of a small set often holds a class in fewer rows than folds.
 *
 * @param calibrator the chosen map refitted on all rows, or {@code null} when the identity won
 * @param method the chosen method's name, "identity" for none
 * @param logLoss candidate name → its cross-validated log loss (mean per row)
 */
public record AutoChoice(Calibrator calibrator, String method, Map<String, Double> logLoss) {
  /** Probabilities are clipped to [1e-15, 1 - 1e-15] in the log loss, as scikit-learn's {@code log_loss}. */
  static final double EPSILON = 1e-15;

  /**
   * Chooses and fits.
   *
   * @param link the model's uncalibrated link
   * @param margins {@code rows * outputs} raw margins, row-major
   * @param labels class index per row
   * @param classes the model's class names (for fold messages)
   * @param folds number of folds, at least 2
   * @param seed the fold shuffle's seed
   * @throws dev.boreal.UsageException if the folds do not fit the data (more folds than rows, or, when every
   *     class has a row, a class with fewer rows than folds)
   */
  public static AutoChoice choose(Link link, double[] margins, int outputs, int[] labels, String[] classes,
      int folds, long seed) {
    int rows = labels.length;
    double[] encoded = new double[rows];
    for (int i = 0; i < rows; i++) {
      encoded[i] = labels[i];
    }
    boolean everyClass = Calibrations.everyClass(labels, classes.length);
    List<String> candidates = everyClass ? Calibrations.METHODS.subList(1, Calibrations.METHODS.size())
        : List.of(TemperatureScaling.METHOD);
    int[] foldOf = FoldDealing.deal(folds, seed, encoded, everyClass ? classes : null, null, "calibration_folds");
    Map<String, Double> losses = new LinkedHashMap<>();
    double[] identity = rowLosses(probabilities(link, margins, outputs, labels.length), outputs, labels);
    losses.put("identity", mean(identity));
    String best = null;
    double[] bestRows = null;
    for (String method : candidates) {
      double[] heldOut = new double[rows * outputs];
      for (int f = 0; f < folds; f++) {
        int[] train = rowsOf(foldOf, f, false);
        int[] test = rowsOf(foldOf, f, true);
        Calibrator c = Calibrations.fit(method, link, gather(margins, outputs, train),
            outputs, gather(labels, train));
        Link calibrated = link.calibrated(c);
        double[] testMargins = gather(margins, outputs, test);
        for (int r = 0; r < test.length; r++) {
          calibrated.transformRow(testMargins, r * outputs, outputs, testMargins);
          System.arraycopy(testMargins, r * outputs, heldOut, test[r] * outputs, outputs);
        }
      }
      double[] perRow = rowLosses(heldOut, outputs, labels);
      losses.put(method, mean(perRow));
      if (best == null || losses.get(method) < losses.get(best)) {
        best = method;
        bestRows = perRow;
      }
    }
    if (!clearGain(identity, bestRows)) {
      return new AutoChoice(null, "identity", losses);
    }
    return new AutoChoice(Calibrations.fit(best, link, margins, outputs, labels), best, losses);
  }

  /** Whether the mean of {@code before - after} per row exceeds its standard error. */
  private static boolean clearGain(double[] before, double[] after) {
    int n = before.length;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += before[i] - after[i];
    }
    mean /= n;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = before[i] - after[i] - mean;
      squares += d * d;
    }
    double standardError = n > 1 ? Math.sqrt(squares / (n - 1) / n) : Double.POSITIVE_INFINITY;
    return mean > standardError;
  }

  /** Mean log loss of the link's (possibly calibrated) probabilities of row-major margins. */
  public static double logLoss(Link link, double[] margins, int outputs, int[] labels) {
    return mean(rowLosses(probabilities(link, margins, outputs, labels.length), outputs, labels));
  }

  private static double[] probabilities(Link link, double[] margins, int outputs, int rows) {
    double[] p = margins.clone();
    for (int r = 0; r < rows; r++) {
      link.transformRow(p, r * outputs, outputs, p);
    }
    return p;
  }

  /** Each row's log loss of row-major probabilities (the positive class's alone for binary). */
  private static double[] rowLosses(double[] p, int outputs, int[] labels) {
    double[] loss = new double[labels.length];
    for (int r = 0; r < labels.length; r++) {
      double q = outputs == 1 ? (labels[r] == 1 ? p[r] : 1 - p[r]) : p[r * outputs + labels[r]];
      loss[r] = -Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, q)));
    }
    return loss;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static int[] rowsOf(int[] foldOf, int fold, boolean heldOut) {
    int n = 0;
    for (int f : foldOf) {
      n += (f == fold) == heldOut ? 1 : 0;
    }
    int[] rows = new int[n];
    for (int r = 0, i = 0; r < foldOf.length; r++) {
      if ((foldOf[r] == fold) == heldOut) {
        rows[i++] = r;
      }
    }
    return rows;
  }

  private static double[] gather(double[] margins, int outputs, int[] rows) {
    double[] out = new double[rows.length * outputs];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(margins, rows[i] * outputs, out, i * outputs, outputs);
    }
    return out;
  }

  private static int[] gather(int[] labels, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = labels[rows[i]];
    }
    return out;
  }
}
