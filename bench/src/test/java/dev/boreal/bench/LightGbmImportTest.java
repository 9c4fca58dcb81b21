package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.boreal.bench.ImportData.Task;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.Tree;
import dev.boreal.explain.TreeShap;
import dev.boreal.io.ModelFormats;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LightGBM models trained by lightgbm4j, saved in the text format and read by {@link ModelFormats}, score
 * every row as LightGBM scores it: the training rows, rows with values on and just above every threshold,
 * and rows with unseen, negative and missing categories. Both libraries compare doubles and add the trees
 * in double in the same order, so the agreement asked is tight. Boreal's TreeSHAP on the imported model
 * equals LightGBM's {@code C_API_PREDICT_CONTRIB}.
 */
class LightGbmImportTest {
  /** Agreement asked of raw scores and predictions, relative to max(1, |value|). */
  static final double TOLERANCE = 1e-12;
  /** Agreement asked of SHAP values: both are exact, but sum the per-path terms in different orders. */
  static final double SHAP_TOLERANCE = 1e-9;

  @TempDir
  Path dir;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Task.BINARY, "objective=binary", null),
        Arguments.of(Task.BINARY, "objective=binary sigmoid=0.7 max_cat_to_onehot=16", null),
        Arguments.of(Task.BINARY, "objective=binary use_missing=false", null),
        Arguments.of(Task.BINARY, "objective=cross_entropy", null),
        Arguments.of(Task.MULTICLASS, "objective=multiclass num_class=3", null),
        Arguments.of(Task.MULTICLASS, "objective=multiclassova num_class=3", null),
        Arguments.of(Task.REGRESSION, "objective=regression", null),
        Arguments.of(Task.REGRESSION, "objective=huber", null),
        Arguments.of(Task.REGRESSION, "objective=regression boosting=rf bagging_freq=1 bagging_fraction=0.7", null),
        Arguments.of(Task.POSITIVE, "objective=poisson", null),
        Arguments.of(Task.POSITIVE, "objective=gamma", null),
        Arguments.of(Task.POSITIVE, "objective=tweedie", null),
        Arguments.of(Task.BINARY, "objective=binary", "lightgbm-binary/binary.train"),
        Arguments.of(Task.REGRESSION, "objective=regression", "lightgbm-regression/regression.train"),
        Arguments.of(Task.MULTICLASS, "objective=multiclass num_class=5", "lightgbm-multiclass/multiclass.train"),
        Arguments.of(Task.BINARY, "objective=binary", "xgboost-agaricus/agaricus.txt.train"));
  }

  @ParameterizedTest(name = "{1} on {2}")
  @MethodSource("cases")
  void importedModelScoresLikeLightGbm(Task task, String objective, String peerFile) throws Exception {
    ImportData data = data(task, peerFile);
    try (LGBMBooster booster = train(data, objective, 20)) {
      Path file = dir.resolve("model.txt");
      Files.writeString(file, booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT));
      Model model = ModelFormats.load(file);
      double[] rows = testRows(model, data);
      int n = rows.length / data.columns();
      int k = model.numOutputs();
      double[] raw = new double[n * k];
      double[] predicted = new double[n * k];
      double[] lightgbmRaw = new double[n * k];
      double[] lightgbmPredicted = new double[n * k];
      double[] lightgbmShap = new double[n * k * (data.columns() + 1)];
      try (LightGbmPredictor lightgbm = predictor(booster, data, rows, n)) {
        lightgbm.predict(n, PredictionType.C_API_PREDICT_RAW_SCORE, lightgbmRaw);
        lightgbm.predict(n, PredictionType.C_API_PREDICT_NORMAL, lightgbmPredicted);
        lightgbm.predict(n, PredictionType.C_API_PREDICT_CONTRIB, lightgbmShap);
      }
      if (model.ensemble() == Model.Ensemble.AVERAGE) {
        // LightGBM averages a forest's trees only in its converted output; raw scores and SHAP are sums.
        scale(lightgbmRaw, 1.0 / model.numIterations());
        scale(lightgbmShap, 1.0 / model.numIterations());
      }
      double[] shap;
      try (Parallel parallel = new Parallel(2)) {
        shap = TreeShap.of(model).explain(rows, n, parallel).raw();
      }
      Predictor predictor = model.predictor();
      predictor.predictRaw(rows, n, raw);
      predictor.predict(rows, n, predicted);
      double rawDiff = maxRelative(raw, lightgbmRaw);
      double predictionDiff = maxRelative(predicted, lightgbmPredicted);
      double shapDiff = maxRelative(shap, lightgbmShap);
      System.out.printf(Locale.ROOT, "[lightgbm import] %s on %s: %d rows, max raw difference %.3g, max prediction"
          + " difference %.3g, max SHAP difference %.3g%n", objective, data.name(), n, rawDiff, predictionDiff,
          shapDiff);
      assertTrue(shapDiff <= SHAP_TOLERANCE, objective + " on " + data.name() + ": SHAP values differ by "
          + shapDiff);
      assertTrue(rawDiff <= TOLERANCE, objective + " on " + data.name() + ": raw scores differ by " + rawDiff);
      assertTrue(predictionDiff <= TOLERANCE, objective + " on " + data.name() + ": predictions differ by "
          + predictionDiff);
    }
  }

  /**
   * {@code zero_as_missing=true}: a model whose every split Boreal can route is scored exactly; a model with
   * a split that sends the zero band across its threshold is refused with the sentence that says so.
   */
  @ParameterizedTest(name = "zero_as_missing, {0}")
  @MethodSource("zeroAsMissingCases")
  void zeroAsMissingIsScoredExactlyOrRefused(Task task, String objective) throws Exception {
    ImportData data = data(task, null);
    try (LGBMBooster booster = train(data, objective + " zero_as_missing=true", 10)) {
      Path file = dir.resolve("zero.txt");
      Files.writeString(file, booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT));
      Model model;
      try {
        model = ModelFormats.load(file);
      } catch (dev.boreal.InputException e) {
        assertTrue(e.getMessage().contains("treats zero as missing (zero_as_missing)"), e.getMessage());
        System.out.println("[lightgbm import] " + objective + " zero_as_missing=true refused: " + e.getMessage());
        return;
      }
      double[] rows = testRows(model, data);
      int n = rows.length / data.columns();
      double[] raw = new double[n];
      double[] lightgbmRaw = new double[n];
      try (LightGbmPredictor lightgbm = predictor(booster, data, rows, n)) {
        lightgbm.predict(n, PredictionType.C_API_PREDICT_RAW_SCORE, lightgbmRaw);
      }
      model.predictor().predictRaw(rows, n, raw);
      assertTrue(maxRelative(raw, lightgbmRaw) <= TOLERANCE, "raw scores differ by " + maxRelative(raw, lightgbmRaw));
    }
  }

  static Stream<Arguments> zeroAsMissingCases() {
    return Stream.of(Arguments.of(Task.BINARY, "objective=binary"),
        Arguments.of(Task.REGRESSION, "objective=regression"));
  }

  static ImportData data(Task task, String peerFile) {
    if (peerFile == null) {
      return ImportData.synthetic(task, 3000, 23);
    }
    int slash = peerFile.indexOf('/');
    return ImportData.peer(peerFile.substring(0, slash), peerFile.substring(slash + 1), task, 3000);
  }

  static LGBMBooster train(ImportData data, String objective, int rounds) throws Exception {
    String config = objective + " num_leaves=15 learning_rate=0.3 num_threads=2 verbose=-1 seed=5"
        + " min_data_per_group=5 cat_smooth=1"
        + (data.categorical().length > 0 ? " categorical_feature=" + data.categorical()[0] : "");
    try (LGBMDataset dataset = LGBMDataset.createFromMat(data.x(), data.rows(), data.columns(), true, config, null)) {
      dataset.setField("label", data.label());
      LGBMBooster booster = LGBMBooster.create(dataset, config);
      for (int i = 0; i < rounds; i++) {
        if (booster.updateOneIter()) {
          break;
        }
      }
      return booster;
    }
  }

  static LightGbmPredictor predictor(LGBMBooster booster, ImportData data, double[] rows, int n) throws Exception {
    LightGbmPredictor p = new LightGbmPredictor(booster, data.columns(), booster.getNumClasses(),
        "num_threads=2 verbose=-1");
    p.prepare(new DenseData(data.featureNames(), rows, new double[n], null, null));
    return p;
  }

  /**
   * The data's rows; rows with each numeric split's feature set to the threshold and to the next double
   * up; and rows whose categorical values are unseen (9, 40), negative (-1) or fractional-free extremes.
   */
  static double[] testRows(Model model, ImportData data) {
    int f = data.columns();
    double[] extra = new double[6000 * f];
    int count = 0;
    for (Tree tree : model.trees()) {
      for (int node = 0; node < tree.numNodes() && count + 2 <= 3000; node++) {
        if (!tree.isCategorical(node)) {
          for (int side = 0; side < 2; side++, count++) {
            System.arraycopy(data.x(), ((count * 7919) % data.rows()) * f, extra, count * f, f);
            extra[count * f + tree.feature(node)] = side == 0 ? tree.threshold(node) : Math.nextUp(tree.threshold(node));
          }
        }
      }
    }
    double[] odd = {ImportData.CATEGORIES, 40, -1, Double.NaN, 0};
    for (int c : data.categorical()) {
      for (int i = 0; i < 500; i++, count++) {
        System.arraycopy(data.x(), ((i * 31) % data.rows()) * f, extra, count * f, f);
        extra[count * f + c] = odd[i % odd.length];
      }
    }
    double[] all = Arrays.copyOf(data.x(), data.x().length + count * f);
    System.arraycopy(extra, 0, all, data.x().length, count * f);
    return all;
  }

  static void scale(double[] values, double factor) {
    for (int i = 0; i < values.length; i++) {
      values[i] *= factor;
    }
  }

  static double maxRelative(double[] boreal, double[] lightgbm) {
    double max = 0;
    for (int i = 0; i < boreal.length; i++) {
      max = Math.max(max, Math.abs(boreal[i] - lightgbm[i]) / Math.max(1.0, Math.abs(lightgbm[i])));
    }
    return max;
  }
}
