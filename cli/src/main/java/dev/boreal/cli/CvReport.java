package dev.boreal.cli;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.boreal.engine.learn.Learners;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code boreal cv} prints and writes: a log line per iteration ({@code [10]  cv auc: 0.8123 ± 0.0102},
 * the mean over the folds ± their population standard deviation, as {@code lgb.cv} reports
 * {@code valid auc-mean} and {@code -stdv}), a summary at the best iteration with every fold's value, and
 * the whole run as JSON for {@code --json}.
 *
 * @param setup what was cross-validated: data, algorithm, parameters, folds
 * @param curve the finished curve
 */
record CvReport(Setup setup, CvCurve curve) {
  /**
   * The run's inputs, for the summary and the JSON.
   *
   * @param data the data file's name
   * @param rows rows of the data
   * @param features feature columns
   * @param algorithm gbdt, rf or mlp
   * @param objective the objective
   * @param params the run's parameters, canonical names to values
   * @param folds the folds
   * @param seed the seed that dealt them
   * @param heldOutRows rows each fold holds out
   * @param earlyStoppingRounds patience of early stopping on the mean (0: none)
   */
  record Setup(String data, int rows, int features, String algorithm, String objective, Map<String, String> params,
      Folds folds, long seed, int[] heldOutRows, int earlyStoppingRounds) {
    /** One sentence on what is cross-validated how, on {@code threads} threads. */
    String sentence(int threads) {
      return String.format(Locale.ROOT, "Cross-validating %s (%s) on %s (%,d rows x %d features): %d %s folds "
          + "(seed %d), each %s on its own training rows; %d threads%s.", algorithm, objective, data, rows, features,
          folds.k(), folds.kind().label(), seed, !isNet(algorithm) ? "binned"
          : algorithm.equals("mlp") ? "standardised" : "quantile-normalised", threads,
          earlyStoppingRounds == 0 ? "" : "; early stopping after " + earlyStoppingRounds + " " + unit(algorithm)
              + "s without a better mean");
    }
  }

  /** The text after {@code [iteration]}: each metric's mean ± standard deviation over the folds. */
  static String line(CvCurve curve, int it) {
    StringBuilder s = new StringBuilder();
    for (int m = 0; m < curve.metrics().size(); m++) {
      s.append(String.format(Locale.ROOT, "  cv %s: %.6g ± %.4g", curve.metrics().get(m), curve.mean(m, it),
          curve.std(m, it)));
    }
    return s.toString();
  }

  /** The best iteration, how it was chosen, each metric's mean ± std there, and each fold's values. */
  String summary() {
    int best = curve.bestIteration();
    String unit = unit(setup.algorithm());
    StringBuilder s = new StringBuilder();
    String why;
    if (setup.earlyStoppingRounds() == 0) {
      why = "the last; no early stopping";
    } else if (curve.stoppedEarly()) {
      why = String.format(Locale.ROOT, "early stopping: the mean did not improve for %d %ss after it",
          setup.earlyStoppingRounds(), unit);
    } else {
      why = "the first metric's best mean; early stopping did not stop training";
    }
    s.append(String.format(Locale.ROOT, "Best iteration: %d of %d %ss trained (%s).%n", best, curve.iterations(),
        unit, why));
    for (int m = 0; m < curve.metrics().size(); m++) {
      s.append(String.format(Locale.ROOT, "  cv %s: %.6g ± %.4g%n", curve.metrics().get(m), curve.mean(m, best),
          curve.std(m, best)));
    }
    List<String> header = new ArrayList<>();
    header.add("fold");
    header.add("held-out rows");
    header.addAll(curve.metrics());
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.max(header.get(c).length(), c < 2 ? 6 : 10);
    }
    appendRow(s, header, widths);
    for (int f = 0; f < curve.folds(); f++) {
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(f + 1));
      cells.add(String.format(Locale.ROOT, "%,d", setup.heldOutRows()[f]));
      for (int m = 0; m < curve.metrics().size(); m++) {
        cells.add(String.format(Locale.ROOT, "%.6g", curve.value(f, m, best)));
      }
      appendRow(s, cells, widths);
    }
    return s.toString();
  }

  /** "round", "tree" or "epoch": what one iteration of {@code algorithm} is. */
  static String unit(String algorithm) {
    return algorithm.equals("rf") ? "tree" : isNet(algorithm) ? "epoch" : "round";
  }

  /** Whether {@code algorithm} is a neural net (mlp, ft-transformer), which trains in epochs on raw columns. */
  static boolean isNet(String algorithm) {
    return !Learners.of(algorithm).readsBins();
  }

  private static void appendRow(StringBuilder s, List<String> cells, int[] widths) {
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(Math.max(0, widths[c] - cell.length()));
      s.append("  ").append(c == 0 ? cell + pad : pad + cell);
    }
    s.append(System.lineSeparator());
  }

  /**
   * Everything as JSON: the setup and parameters, the folds, each metric's mean, standard deviation and
   * per-fold values after every iteration ({@code curve.<metric>.folds[fold][iteration - 1]}), and the best
   * iteration with its figures.
   */
  String json() throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("data", setup.data());
    root.put("rows", setup.rows());
    root.put("features", setup.features());
    root.put("algorithm", setup.algorithm());
    root.put("objective", setup.objective());
    Map<String, Object> folds = new LinkedHashMap<>();
    folds.put("k", setup.folds().k());
    folds.put("kind", setup.folds().kind().label());
    folds.put("seed", setup.seed());
    folds.put("fitted_per_fold", isNet(setup.algorithm())
        ? (setup.algorithm().equals("mlp") ? "standardisation" : "quantile normalisation")
            + " and one-hot categories, learned from each fold's training rows alone"
        : "bins, learned from each fold's training rows alone");
    folds.put("held_out_rows", setup.heldOutRows());
    root.put("folds", folds);
    root.put("metrics", curve.metrics());
    root.put("std", "population standard deviation over the folds (np.std, as lgb.cv and xgb.cv)");
    root.put("iterations_asked", curve.total());
    root.put("iterations", curve.iterations());
    root.put("early_stopping_round", setup.earlyStoppingRounds());
    root.put("stopped_early", curve.stoppedEarly());
    root.put("best_iteration", curve.bestIteration());
    Map<String, Object> best = new LinkedHashMap<>();
    Map<String, Object> figures = new LinkedHashMap<>();
    for (int m = 0; m < curve.metrics().size(); m++) {
      int b = curve.bestIteration();
      double[] atBest = new double[curve.folds()];
      for (int f = 0; f < atBest.length; f++) {
        atBest[f] = curve.value(f, m, b);
      }
      best.put(curve.metrics().get(m), figure(curve.mean(m, b), curve.std(m, b), atBest));
      figures.put(curve.metrics().get(m), curveOf(m));
    }
    root.put("best", best);
    root.put("curve", figures);
    root.put("params", setup.params());
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
  }

  private Map<String, Object> curveOf(int m) {
    int n = curve.iterations();
    double[] mean = new double[n];
    double[] std = new double[n];
    double[][] perFold = new double[curve.folds()][n];
    for (int it = 1; it <= n; it++) {
      mean[it - 1] = curve.mean(m, it);
      std[it - 1] = curve.std(m, it);
      for (int f = 0; f < perFold.length; f++) {
        perFold[f][it - 1] = curve.value(f, m, it);
      }
    }
    return figure(mean, std, perFold);
  }

  private static Map<String, Object> figure(Object mean, Object std, Object folds) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mean", mean);
    out.put("std", std);
    out.put("folds", folds);
    return out;
  }
}
