package dev.boreal.monitor.calibration;

import dev.boreal.engine.learn.FoldDealing;
import dev.boreal.engine.metric.CalibrationSummary;
import dev.boreal.engine.metric.ReliabilityBins;
import dev.boreal.engine.objective.Link;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code auto} calibration: every method and the identity (no calibration) are scored on the calibration
 * data by k-fold cross-validation ({@link FoldDealing}), by log loss and by ECE (the {@code ece} metric: 15
 * equal-width bins of the top class's probability), and the chosen one is refitted on all of it.
 *
 * <p>The rule: a candidate (the identity too) is admissible when its cross-validated log loss is not above the
 * identity's, so calibration never makes log loss worse on the data it was chosen on, and not above the best
 * candidate's by more than one standard error of their per-row differences (the "one standard error rule":
 * a difference within the noise of the calibration data is as likely to go either way on new data); among the
 * admissible, the lowest cross-validated ECE wins. Log loss alone picks among maps whose log losses differ by
 * noise and ignores that one of them is far better calibrated; ECE alone picks a map that buys a low ECE with
 * a worse log loss. The cap at the identity's log loss matters because the standard error is no bound when
 * the differences are heavy-tailed: an isotonic map that gives a few rows a probability near zero has a large
 * one, and a one-standard-error band around the identity let such a map in whose log loss was 4% worse on the
 * calibration data and 2.4% worse on LightGBM's multiclass example's test rows.
 *
 * <p>The folds are stratified when every class has a row in every fold. Otherwise (multiclass data that lacks
 * a class or holds one in fewer rows than folds, as a 20% split of a small set often does) they are dealt
 * unstratified and only the methods that fit without a row of every class compete: temperature scaling and
 * one-vs-rest Platt and beta, whose maps of classes without rows keep the model's probability
 * ({@link Calibrations#WITHOUT_EVERY_CLASS}).
 *
 * @param calibrator the chosen map refitted on all rows, or {@code null} when the identity won
 * @param method the chosen method's name, "identity" for none
 * @param logLoss candidate name → its cross-validated log loss (mean per row)
 * @param ece candidate name → its cross-validated ECE
 * @param admissible candidate name → whether its log loss met the rule
 */
public record AutoChoice(Calibrator calibrator, String method, Map<String, Double> logLoss, Map<String, Double> ece,
    Map<String, Boolean> admissible) {
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
   * @throws dev.boreal.UsageException if there are more folds than rows, or binary data holds a class in fewer
   *     rows than folds
   */
  public static AutoChoice choose(Link link, double[] margins, int outputs, int[] labels, String[] classes,
      int folds, long seed) {
    int rows = labels.length;
    double[] encoded = new double[rows];
    for (int i = 0; i < rows; i++) {
      encoded[i] = labels[i];
    }
    // Binary data keeps stratified folds (a class rarer than the folds is refused): both classes are there.
    boolean stratified = outputs == 1 || Calibrations.everyClassIn(labels, classes.length, folds);
    List<String> candidates = stratified ? Calibrations.METHODS.subList(1, Calibrations.METHODS.size())
        : Calibrations.WITHOUT_EVERY_CLASS;
    int[] foldOf = FoldDealing.deal(folds, seed, encoded, stratified ? classes : null, null, "calibration_folds");
    Map<String, double[]> perRow = new LinkedHashMap<>();
    Map<String, Double> eces = new LinkedHashMap<>();
    double[] identity = probabilities(link, margins, outputs, rows);
    perRow.put("identity", rowLosses(identity, outputs, labels));
    eces.put("identity", ece(identity, outputs, encoded));
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
      perRow.put(method, rowLosses(heldOut, outputs, labels));
      eces.put(method, ece(heldOut, outputs, encoded));
    }
    AutoChoice scores = select(perRow, eces);
    Calibrator chosen = scores.method().equals("identity") ? null
        : Calibrations.fit(scores.method(), link, margins, outputs, labels);
    return new AutoChoice(chosen, scores.method(), scores.logLoss(), eces, scores.admissible());
  }

  /**
   * The rule of {@link AutoChoice} on cross-validated scores: the lowest ECE among the candidates whose log
   * loss is not above the identity's nor above the best candidate's by more than one standard error; the first
   * on ties.
   *
   * @param rowLosses candidate name → its cross-validated log loss per row, the identity's under "identity"
   * @param ece candidate name → its cross-validated ECE
   * @return the choice without a fitted map
   */
  static AutoChoice select(Map<String, double[]> rowLosses, Map<String, Double> ece) {
    Map<String, Double> losses = new LinkedHashMap<>();
    String lowest = "identity";
    for (Map.Entry<String, double[]> e : rowLosses.entrySet()) {
      losses.put(e.getKey(), mean(e.getValue()));
      if (losses.get(e.getKey()) < losses.get(lowest)) {
        lowest = e.getKey();
      }
    }
    Map<String, Boolean> admissible = new LinkedHashMap<>();
    String chosen = lowest;
    for (String name : rowLosses.keySet()) {
      admissible.put(name, losses.get(name) <= losses.get("identity")
          && withinOneStandardError(rowLosses.get(lowest), rowLosses.get(name)));
      if (admissible.get(name) && ece.get(name) < ece.get(chosen)) {
        chosen = name;
      }
    }
    return new AutoChoice(null, chosen, losses, ece, admissible);
  }

  /**
   * Whether the mean of {@code after - before} per row (how much worse the log loss is) is at most one
   * standard error of those differences.
   */
  private static boolean withinOneStandardError(double[] before, double[] after) {
    int n = before.length;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += after[i] - before[i];
    }
    mean /= n;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = after[i] - before[i] - mean;
      squares += d * d;
    }
    double standardError = n > 1 ? Math.sqrt(squares / (n - 1) / n) : 0;
    return mean <= standardError;
  }

  /** The top-label ECE (15 equal-width bins) of row-major probabilities, as the {@code ece} metric gives it. */
  private static double ece(double[] rowMajor, int outputs, double[] labels) {
    int rows = labels.length;
    double[] outputMajor = new double[rowMajor.length];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < outputs; j++) {
        outputMajor[j * rows + r] = rowMajor[r * outputs + j];
      }
    }
    return CalibrationSummary.of(outputMajor, outputs, Link.IDENTITY, labels, null, ReliabilityBins.DEFAULT_BINS)
        .topLabel(ReliabilityBins.Strategy.EQUAL_WIDTH).ece();
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
