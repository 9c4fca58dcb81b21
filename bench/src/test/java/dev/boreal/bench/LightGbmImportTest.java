package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.boreal.bench.ImportData.Task;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.Tree;
import dev.boreal.explain.TreeShap;
import dev.boreal.histogram.BinMapper;
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
 * and rows with unseen, negative and missing categories; models trained with {@code zero_as_missing} also on
 * rows with zeros, values in LightGBM's zero band and its edges. Both libraries compare doubles and add the
 * trees in double in the same order, so the agreement asked is tight. Boreal's TreeSHAP on the imported model
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
      Model model = imported(booster);
      assertAgrees(booster, model, data, testRows(model, data), objective + " on " + data.name());
    }
  }

  /**
   * {@code zero_as_missing=true} on data with many exact zeros, values in LightGBM's ±1e-35 zero band and
   * NaN: no model is refused, some of its splits send the zero band left and some right, and it scores and
   * explains like LightGBM the data's rows, rows on every threshold, and rows with each numeric feature set
   * to zeros, the band's edges and the values just outside it.
   */
  @ParameterizedTest(name = "zero_as_missing, {1}")
  @MethodSource("zeroAsMissingCases")
  void zeroAsMissingModelsScoreLikeLightGbm(Task task, String objective) throws Exception {
    ImportData data = ImportData.synthetic(task, 3000, 29).withZeros(0.25, 31);
    try (LGBMBooster booster = train(data, objective + " zero_as_missing=true", 20)) {
      Model model = imported(booster);
      boolean[] defaultSides = new boolean[2];
      for (Tree tree : model.trees()) {
        for (int node = 0; node < tree.numNodes(); node++) {
          if (model.mapper(tree.feature(node)).zeroIsMissing()) {
            defaultSides[tree.defaultLeft(node) ? 0 : 1] = true;
          }
        }
      }
      assertTrue(defaultSides[0] && defaultSides[1], "splits send the zero band left and right");
      double zero = BinMapper.ZERO_THRESHOLD;
      double[] edges = Arrays.copyOf(ImportData.ZERO_BAND, ImportData.ZERO_BAND.length + 5);
      System.arraycopy(new double[] {Math.nextUp(zero), Math.nextDown(-zero), 1e-30, -1e-30, Double.NaN}, 0, edges,
          ImportData.ZERO_BAND.length, 5);
      double[] rows = testRows(model, data);
      for (int c = 0; c < data.columns(); c++) {
        if (!model.mapper(c).isCategorical()) {
          assertTrue(model.mapper(c).zeroIsMissing(), "feature " + c + " treats zeros as missing");
          rows = data.withValues(rows, c, edges, 20);
        }
      }
      assertAgrees(booster, model, data, rows, objective + " zero_as_missing=true on " + data.name());
    }
  }

  static Stream<Arguments> zeroAsMissingCases() {
    return Stream.of(Arguments.of(Task.BINARY, "objective=binary"),
        Arguments.of(Task.REGRESSION, "objective=regression"));
  }

  /** The booster's model saved in LightGBM's text format and imported. */
  private Model imported(LGBMBooster booster) throws Exception {
    Path file = dir.resolve("model.txt");
    Files.writeString(file, booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT));
    return ModelFormats.load(file);
  }

  /**
   * Asserts that Boreal's raw scores, predictions and TreeSHAP values of {@code rows} agree with LightGBM's,
   * and prints the largest differences.
   */
  private static void assertAgrees(LGBMBooster booster, Model model, ImportData data, double[] rows, String what)
      throws Exception {
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
    System.out.printf(Locale.ROOT, "[lightgbm import] %s: %d rows, max raw difference %.3g, max prediction"
        + " difference %.3g, max SHAP difference %.3g%n", what, n, rawDiff, predictionDiff, shapDiff);
    assertTrue(shapDiff <= SHAP_TOLERANCE, what + ": SHAP values differ by " + shapDiff);
    assertTrue(rawDiff <= TOLERANCE, what + ": raw scores differ by " + rawDiff);
    assertTrue(predictionDiff <= TOLERANCE, what + ": predictions differ by " + predictionDiff);
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
    p.prepare(new DenseData(data.featureNames(), rows, new double[n], null, null, data.categorical()));
    return p;
  }

  /**
   * The data's rows; rows with each numeric split's feature set to the threshold and to the next double
   * up; and rows whose categorical values are unseen (9, 40), negative (-1), missing or 0.
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
    double[] all = Arrays.copyOf(data.x(), data.x().length + count * f);
    System.arraycopy(extra, 0, all, data.x().length, count * f);
    for (int c : data.categorical()) {
      all = data.withValues(all, c, new double[] {ImportData.CATEGORIES, 40, -1, Double.NaN, 0}, 100);
    }
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
