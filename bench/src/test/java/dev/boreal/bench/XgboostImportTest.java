package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.bench.ImportData.Task;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.Tree;
import dev.boreal.explain.TreeShap;
import dev.boreal.histogram.BinMapper;
import dev.boreal.io.ModelFormats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * XGBoost models trained by xgboost4j, saved as JSON and read by {@link ModelFormats}, score every row as
 * XGBoost scores it: on the training rows, on rows whose values sit exactly on and just above each
 * split's double threshold, where XGBoost's float32 cast decides the side, and on rows with categories the
 * trees never name; and Boreal's TreeSHAP on the imported model equals xgboost4j's {@code predictContrib}.
 *
 * <p>XGBoost adds its trees in float32, Boreal in double, so margins are compared within
 * {@link #TOLERANCE} relative to {@code max(1, |margin|)}: a float32 sum of a few dozen trees carries
 * rounding of that order, far below the smallest leaf value, so a row routed to another leaf would fail.
 */
class XgboostImportTest {
  /** Agreement asked of margins and predictions, relative to max(1, |value|). */
  static final double TOLERANCE = 1e-6;
  /** Agreement asked of SHAP values (XGBoost computes them in float32), relative to max(1, |value|). */
  static final double SHAP_TOLERANCE = 1e-5;

  @TempDir
  Path dir;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Task.BINARY, "binary:logistic", 1, null),
        Arguments.of(Task.BINARY, "binary:logistic", 16, null),
        Arguments.of(Task.BINARY, "binary:logitraw", 1, null),
        Arguments.of(Task.BINARY, "reg:logistic", 4, null),
        Arguments.of(Task.MULTICLASS, "multi:softprob", 1, null),
        Arguments.of(Task.MULTICLASS, "multi:softmax", 16, null),
        Arguments.of(Task.REGRESSION, "reg:squarederror", 1, null),
        Arguments.of(Task.POSITIVE, "count:poisson", 1, null),
        Arguments.of(Task.POSITIVE, "reg:tweedie", 1, null),
        Arguments.of(Task.POSITIVE, "reg:gamma", 1, null),
        Arguments.of(Task.BINARY, "binary:logistic", 0, "lightgbm-binary/binary.train"),
        Arguments.of(Task.REGRESSION, "reg:squarederror", 0, "lightgbm-regression/regression.train"),
        Arguments.of(Task.POSITIVE, "count:poisson", 0, "lightgbm-regression/regression.train"),
        Arguments.of(Task.MULTICLASS, "multi:softprob", 0, "lightgbm-multiclass/multiclass.train"),
        Arguments.of(Task.BINARY, "binary:logistic", 0, "xgboost-agaricus/agaricus.txt.train"));
  }

  @ParameterizedTest(name = "{1} on {3}, max_cat_to_onehot {2}")
  @MethodSource("cases")
  void importedModelScoresLikeXgboost(Task task, String objective, int maxCatToOnehot, String peerFile)
      throws Exception {
    ImportData data = peerFile == null ? ImportData.synthetic(task, 3000, 17)
        : ImportData.peer(peerFile.substring(0, peerFile.indexOf('/')), peerFile.substring(peerFile.indexOf('/') + 1),
            task, 3000);
    int numClass = task != Task.MULTICLASS ? 0 : peerFile == null ? ImportData.CLASSES : 5;
    Booster booster = train(data, params(objective, numClass, data, maxCatToOnehot), 20);
    try {
      Model model = imported(booster);
      assertAgrees(booster, model, withBoundaryRows(model, data), data.columns(), objective,
          objective + " on " + data.name());
    } finally {
      booster.dispose();
    }
  }

  /**
   * A binary model on a categorical feature whose training codes are 0, 5, ..., 40, scored on codes its
   * trees never name: codes inside that range which training never had (12, 23), codes above every named
   * one (45, 200), a negative one, and NaN. The trees' categorical nodes send missing values left at some
   * nodes and right at others; XGBoost sends every unnamed category left and NaN to the default side, and so
   * must Boreal, in its scores and its SHAP values.
   */
  @ParameterizedTest(name = "unnamed categories, max_cat_to_onehot {0}")
  @MethodSource("unnamedCategoryCases")
  void unnamedCategoriesScoreLikeXgboost(int maxCatToOnehot, boolean inRangeCodesUnnamed) throws Exception {
    ImportData data = ImportData.synthetic(Task.BINARY, 3000, 17).withCategoriesRecoded("times 5", c -> 5 * c);
    int column = data.categorical()[0];
    double[] inRange = {12, 23};
    Booster booster = train(data, params("binary:logistic", 0, data, maxCatToOnehot), 20);
    try {
      Model model = imported(booster);
      List<String> named = List.of(model.mapper(column).categories());
      if (inRangeCodesUnnamed) {
        for (double code : inRange) {
          assertFalse(named.contains(Integer.toString((int) code)), "no split names " + code + ": " + named);
        }
      }
      boolean[] missingSides = new boolean[2];
      for (Tree tree : model.trees()) {
        for (int node = 0; node < tree.numNodes(); node++) {
          if (tree.isCategorical(node)) {
            missingSides[tree.defaultLeft(node) ? 0 : 1] = true;
          }
        }
      }
      assertTrue(missingSides[0] && missingSides[1], "categorical nodes send missing values left and right");
      double[] rows = data.withValues(withBoundaryRows(model, data), column,
          new double[] {inRange[0], inRange[1], 5 * ImportData.CATEGORIES, 200, -1, Double.NaN}, 200);
      assertAgrees(booster, model, rows, data.columns(), "binary:logistic",
          "unnamed categories on " + data.name() + ", max_cat_to_onehot " + maxCatToOnehot);
    } finally {
      booster.dispose();
    }
  }

  /**
   * One-hot splits (41 codes, fewer than max_cat_to_onehot) name one category each, so codes training never
   * had stay unnamed; partition splits list such codes too, so there only codes above the range are unknown.
   */
  static Stream<Arguments> unnamedCategoryCases() {
    return Stream.of(Arguments.of(64, true), Arguments.of(1, false));
  }

  /** The parameters every model here is trained with; {@code numClass} 0 for a single output. */
  static Map<String, Object> params(String objective, int numClass, ImportData data, int maxCatToOnehot) {
    Map<String, Object> params = new HashMap<>();
    params.put("objective", objective);
    params.put("tree_method", "hist");
    params.put("max_depth", 5);
    params.put("eta", 0.3);
    params.put("nthread", 2);
    params.put("seed", 3);
    params.put("verbosity", 0);
    if (numClass > 0) {
      params.put("num_class", numClass);
    }
    if (data.categorical().length > 0) {
      params.put("max_cat_to_onehot", maxCatToOnehot);
    }
    return params;
  }

  /** The booster's model saved as XGBoost JSON and imported. */
  private Model imported(Booster booster) throws Exception {
    Path file = dir.resolve("model.json");
    Files.write(file, booster.toByteArray("json"));
    return ModelFormats.load(file);
  }

  /**
   * Asserts that Boreal's margins, predictions and TreeSHAP values of {@code rows} agree with XGBoost's, and
   * prints the largest differences.
   */
  private static void assertAgrees(Booster booster, Model model, double[] rows, int columns, String objective,
      String what) throws Exception {
    int n = rows.length / columns;
    Comparison c = compare(booster, model, rows, n, columns, objective);
    double shap = shapDifference(booster, model, rows, n, columns);
    System.out.printf(Locale.ROOT, "[xgboost import] %s: %d rows, max margin difference %.3g, max prediction "
        + "difference %.3g, max SHAP difference %.3g%n", what, n, c.margin, c.prediction, shap);
    assertTrue(shap <= SHAP_TOLERANCE, what + ": SHAP values differ by " + shap);
    assertTrue(c.margin <= TOLERANCE, what + ": margins differ by " + c.margin);
    assertTrue(c.prediction <= TOLERANCE, what + ": predictions differ by " + c.prediction);
  }

  static Booster train(ImportData data, Map<String, Object> params, int rounds) throws Exception {
    DMatrix train = matrix(data.floats(), data.rows(), data);
    train.setLabel(data.label());
    try {
      return XGBoost.train(train, params, rounds, Map.of(), null, null);
    } finally {
      train.dispose();
    }
  }

  static DMatrix matrix(float[] values, int rows, ImportData data) throws Exception {
    DMatrix m = new DMatrix(values, rows, data.columns(), Float.NaN);
    if (data.categorical().length > 0) {
      String[] types = new String[data.columns()];
      Arrays.fill(types, "q");
      for (int c : data.categorical()) {
        types[c] = "c";
      }
      m.setFeatureTypes(types);
    }
    return m;
  }

  /**
   * The data's rows, then for each numeric split of the first trees two copies of a row with the split's
   * feature set to the double threshold Boreal uses and to the next double up: one goes left in both
   * libraries and one right, or a conversion error shows.
   */
  static double[] withBoundaryRows(Model model, ImportData data) {
    int f = data.columns();
    int extra = 0;
    double[] boundary = new double[4000 * f];
    for (Tree tree : model.trees()) {
      for (int node = 0; node < tree.numNodes() && extra + 2 <= 4000; node++) {
        if (tree.isCategorical(node)) {
          continue;
        }
        for (int side = 0; side < 2; side++) {
          int row = (extra * 7919) % data.rows();
          System.arraycopy(data.x(), row * f, boundary, extra * f, f);
          double t = tree.threshold(node);
          boundary[extra * f + tree.feature(node)] = side == 0 ? t : Math.nextUp(t);
          extra++;
        }
      }
    }
    double[] all = Arrays.copyOf(data.x(), data.x().length + extra * f);
    System.arraycopy(boundary, 0, all, data.x().length, extra * f);
    return all;
  }

  /** Largest differences between XGBoost and Boreal on margins and on predictions. */
  record Comparison(double margin, double prediction) {}

  static Comparison compare(Booster booster, Model model, double[] rows, int n, int columns, String objective)
      throws Exception {
    DMatrix m = matrix(rows, n, columns, model);
    try {
      float[][] margins = booster.predict(m, true);
      float[][] predictions = booster.predict(m);
      int k = model.numOutputs();
      Predictor predictor = model.predictor();
      double[] raw = new double[n * k];
      double[] predicted = new double[n * k];
      predictor.predictRaw(rows, n, raw);
      predictor.predict(rows, n, predicted);
      double marginDiff = 0;
      double predictionDiff = 0;
      for (int r = 0; r < n; r++) {
        int best = 0;
        for (int j = 0; j < k; j++) {
          marginDiff = Math.max(marginDiff, relative(raw[r * k + j], margins[r][j]));
          if (!objective.equals("multi:softmax")) {
            predictionDiff = Math.max(predictionDiff, relative(predicted[r * k + j], predictions[r][j]));
          }
          best = predicted[r * k + j] > predicted[r * k + best] ? j : best;
        }
        if (objective.equals("multi:softmax")) {
          assertEquals(predictions[r][0], best, "row " + r + ": XGBoost's class and Boreal's most likely class");
        }
      }
      return new Comparison(marginDiff, predictionDiff);
    } finally {
      m.dispose();
    }
  }

  /**
   * Largest difference between xgboost4j's {@code predictContrib} and Boreal's TreeSHAP; both lay a row out
   * as one block of features-plus-bias per output.
   */
  static double shapDifference(Booster booster, Model model, double[] rows, int n, int columns) throws Exception {
    DMatrix m = matrix(rows, n, columns, model);
    try (Parallel parallel = new Parallel(2)) {
      float[][] contributions = booster.predictContrib(m, 0);
      double[] boreal = TreeShap.of(model).explain(rows, n, parallel).raw();
      int width = boreal.length / n;
      double max = 0;
      for (int r = 0; r < n; r++) {
        for (int i = 0; i < width; i++) {
          max = Math.max(max, relative(boreal[r * width + i], contributions[r][i]));
        }
      }
      return max;
    } finally {
      m.dispose();
    }
  }

  /** The rows as XGBoost reads them: floats, with the model's categorical features marked. */
  static DMatrix matrix(double[] rows, int n, int columns, Model model) throws Exception {
    float[] asFloats = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      asFloats[i] = (float) rows[i];
    }
    DMatrix m = new DMatrix(asFloats, n, columns, Float.NaN);
    if (model.mappers().stream().anyMatch(BinMapper::isCategorical)) {
      String[] types = new String[columns];
      for (int c = 0; c < columns; c++) {
        types[c] = model.mapper(c).isCategorical() ? "c" : "q";
      }
      m.setFeatureTypes(types);
    }
    return m;
  }

  static double relative(double boreal, double xgboost) {
    return Math.abs(boreal - xgboost) / Math.max(1.0, Math.abs(xgboost));
  }
}
