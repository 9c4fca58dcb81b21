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
 * Interventional TreeSHAP against Shapley values of the interventional game (the mean over background rows
 * of {@code f(x_S, b_rest)}) computed by enumerating every coalition, on random small models of every
 * ensemble kind, with backgrounds of a few rows and of more than 64 (several words of the walk's row sets);
 * additivity against the background's mean prediction on a trained model through the Arrow-column API; and
 * identical results on one and two threads.
 */
class InterventionalTreeShapTest {
  @Test
  void valuesEqualEnumeratedInterventionalShapleyValues() {
    int checked = 0;
    try (Parallel parallel = new Parallel(2)) {
      for (long seed = 1; seed <= 25; seed++) {
        SplittableRandom random = new SplittableRandom(seed);
        int f = 2 + random.nextInt(7);
        Model[] models = {
            RandomModels.model(random, f, 4, 1, 4, Model.Ensemble.SUM),
            RandomModels.model(random, f, 3, 1, 4, Model.Ensemble.AVERAGE),
            RandomModels.model(random, f, 2, 3, 4, Model.Ensemble.SUM)};
        for (Model model : models) {
          // Every fifth seed a background of more than one 64-row word of the walk's row sets.
          int bgRows = seed % 5 == 0 ? 60 + random.nextInt(80) : 1 + random.nextInt(6);
          double[] background = RandomModels.rows(random, f, bgRows);
          int rows = 3;
          double[] x = RandomModels.rows(random, f, rows);
          InterventionalTreeShap explainer = InterventionalTreeShap.of(model, background, bgRows);
          ShapValues shap = explainer.explain(x, rows, parallel);
          for (int r = 0; r < rows; r++) {
            for (int k = 0; k < model.numOutputs(); k++) {
              int at = r * f;
              int out = k;
              double[] v = BruteForce.table(f,
                  mask -> BruteForce.interventionalValue(model, out, x, at, background, bgRows, mask));
              double[] phi = BruteForce.shapley(f, v);
              for (int i = 0; i < f; i++) {
                assertEquals(phi[i], shap.value(r, k, i), 1e-9, "seed " + seed + " row " + r + " feature " + i);
              }
              assertEquals(v[0], shap.expectedValue(k), 1e-9, "expected value, seed " + seed);
              assertEquals(v[v.length - 1], shap.rawPrediction(r, k), 1e-9, "sum, seed " + seed);
              checked++;
            }
          }
        }
      }
    }
    assertTrue(checked > 200, "checked " + checked);
  }

  @Test
  void aTrainedModelAddsUpAgainstItsBackgroundOnAnyThreadCount() {
    try (BufferAllocator allocator = new RootAllocator(); TrainedModels data = new TrainedModels(allocator);
        Parallel one = new Parallel(1); Parallel two = new Parallel(2)) {
      TrainedModels.Data train = data.data(2000, 3);
      Model model = TrainedModels.train(train, train.classes(), "objective", "multiclass", "num_class", "3",
          "num_iterations", "10", "num_leaves", "15");
      TrainedModels.Data background = data.data(40, 4);
      TrainedModels.Data test = data.data(150, 5);
      InterventionalTreeShap explainer = InterventionalTreeShap.of(model, background.columns());
      assertEquals(40, explainer.backgroundRows());
      double[] bgRaw = new double[40 * 3];
      model.predictor().predictRaw(background.columns(), bgRaw);
      for (int k = 0; k < 3; k++) {
        double mean = 0;
        for (int b = 0; b < 40; b++) {
          mean += bgRaw[b * 3 + k] / 40;
        }
        assertEquals(mean, explainer.expectedValue(k), 1e-9);
      }
      ShapValues shap = explainer.explain(test.columns(), one);
      double[] raw = new double[150 * 3];
      model.predictor().predictRaw(test.columns(), raw);
      for (int r = 0; r < 150; r++) {
        for (int k = 0; k < 3; k++) {
          assertEquals(raw[r * 3 + k], shap.rawPrediction(r, k), 1e-6 * Math.max(1, Math.abs(raw[r * 3 + k])));
        }
      }
      assertArrayEquals(shap.raw(), explainer.explain(test.columns(), two).raw());
    }
  }
}
