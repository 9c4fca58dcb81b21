package dev.boreal.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * SHAP values plus the expected value reproduce the predictor's raw score, within 1e-6 relative to
 * {@code max(1, |raw|)}, for hand-built boosted, forest and multiclass models and for models trained by
 * gradient boosting on data with a categorical feature and missing values, through both the row and the
 * Arrow-column APIs; and the expected value is the cover-weighted mean of the leaves.
 */
class AdditivityTest {
  private static void assertAdditive(ShapValues shap, double[] raw, String what) {
    int k = shap.outputs();
    for (int r = 0; r < shap.rows(); r++) {
      for (int j = 0; j < k; j++) {
        double expected = raw[r * k + j];
        assertEquals(expected, shap.rawPrediction(r, j), 1e-6 * Math.max(1, Math.abs(expected)),
            what + " row " + r + " output " + j);
      }
    }
  }

  @Test
  void handBuiltEnsemblesOfEveryKindAddUp() {
    SplittableRandom random = new SplittableRandom(11);
    Model[] models = {
        RandomModels.model(random, 8, 40, 1, 4, Model.Ensemble.SUM),
        RandomModels.model(random, 8, 25, 1, 4, Model.Ensemble.AVERAGE),
        RandomModels.model(random, 6, 20, 4, 4, Model.Ensemble.SUM)};
    try (Parallel parallel = new Parallel(2)) {
      for (Model model : models) {
        int rows = 300;
        double[] x = RandomModels.rows(random, model.numFeatures(), rows);
        double[] raw = new double[rows * model.numOutputs()];
        model.predictor().predictRaw(x, rows, raw);
        ShapValues shap = TreeShap.of(model).explain(x, rows, parallel);
        assertAdditive(shap, raw, model.ensemble() + " x" + model.numOutputs());
      }
    }
  }

  /**
   * LightGBM's expected value: base score plus each tree's leaves weighted by their training rows (for
   * trained trees, whose covers add up, this is what the cover ratios along the paths give).
   */
  private static double coverWeightedMean(Model m, int k) {
    double sum = 0;
    for (int i = 0; i < m.numIterations(); i++) {
      var t = m.tree(i, k);
      double total = 0;
      double weighted = 0;
      for (int l = 0; l < t.numLeaves(); l++) {
        total += t.leafCount(l);
        weighted += t.leafCount(l) * t.leafValue(l);
      }
      sum += weighted / total;
    }
    return m.baseScore(k) + (m.ensemble() == Model.Ensemble.SUM ? sum : sum / m.numIterations());
  }

  @Test
  void trainedModelsWithCategoriesAndMissingValuesAddUp() {
    try (BufferAllocator allocator = new RootAllocator(); TrainedModels data = new TrainedModels(allocator);
        Parallel parallel = new Parallel(2)) {
      TrainedModels.Data train = data.data(3000, 1);
      Model regression = TrainedModels.train(train, train.regression(), "objective", "regression",
          "num_iterations", "30", "num_leaves", "31", "min_data_in_leaf", "5", "bagging_fraction", "0.8",
          "bagging_freq", "1");
      Model multiclass = TrainedModels.train(train, train.classes(), "objective", "multiclass",
          "num_class", "3", "num_iterations", "15", "num_leaves", "15");
      double[] positive = train.classes().clone();
      for (int i = 0; i < positive.length; i++) {
        positive[i] = positive[i] == 2 ? 1 : 0;
      }
      Model binary = TrainedModels.train(train, positive, "objective", "binary", "num_iterations", "10",
          "num_leaves", "7");
      TrainedModels.Data test = data.data(700, 2);
      for (Model model : new Model[] {regression, multiclass, binary}) {
        double[] raw = new double[test.columns().get(0).rowCount() * model.numOutputs()];
        model.predictor().predictRaw(test.columns(), raw);
        TreeShap explainer = TreeShap.of(model);
        ShapValues shap = explainer.explain(test.columns(), parallel);
        assertEquals(700, shap.rows());
        assertAdditive(shap, raw, model.objective());
        for (int k = 0; k < model.numOutputs(); k++) {
          assertEquals(coverWeightedMean(model, k), shap.expectedValue(k), 1e-9);
        }
        // A categorical feature and the feature with missing values both matter in this data.
        double[] importance = Importance.meanAbsShap(shap);
        assertTrue(importance[4] > 0 && importance[2] > 0, java.util.Arrays.toString(importance));
      }
    }
  }

  @Test
  void aMulticlassForestExplainsEachClassOfItsOneTreePerIteration() {
    try (BufferAllocator allocator = new RootAllocator(); TrainedModels data = new TrainedModels(allocator);
        Parallel parallel = new Parallel(2)) {
      TrainedModels.Data train = data.data(2000, 4);
      Model forest = TrainedModels.trainForest(train, train.classes(), "objective", "multiclass", "num_class", "3",
          "num_iterations", "6", "min_data_in_leaf", "4");
      assertTrue(forest.multiOutputTrees(), "one tree per iteration with class-distribution leaves");
      TrainedModels.Data test = data.data(400, 5);
      double[] raw = new double[400 * 3];
      forest.predictor().predictRaw(test.columns(), raw);
      ShapValues shap = TreeShap.of(forest).explain(test.columns(), parallel);
      for (int r = 0; r < 400; r++) {
        double total = 0;
        for (int k = 0; k < 3; k++) {
          assertEquals(raw[r * 3 + k], shap.rawPrediction(r, k), 1e-9, "row " + r + " class " + k);
          total += raw[r * 3 + k];
        }
        assertEquals(1.0, total, 1e-12, "row " + r + ": the classes' probabilities add up to 1");
      }
      for (int k = 0; k < 3; k++) {
        assertEquals(coverWeightedMean(forest, k), shap.expectedValue(k), 1e-9, "class " + k);
      }
    }
  }

  @Test
  void aModelWithoutIterationsExplainsEverythingAsTheBaseScore() {
    SplittableRandom random = new SplittableRandom(3);
    Model model = RandomModels.model(random, 5, 4, 1, 3, Model.Ensemble.SUM);
    double[] x = RandomModels.rows(random, 5, 10);
    try (Parallel parallel = new Parallel(1)) {
      ShapValues shap = TreeShap.of(model, 0).explain(x, 10, parallel);
      for (int r = 0; r < 10; r++) {
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, model.baseScore(0)},
            java.util.Arrays.copyOfRange(shap.raw(), shap.offset(r, 0), shap.offset(r, 0) + 6));
      }
    }
  }
}
