package dev.boreal.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Path-dependent TreeSHAP and its interaction values against Shapley values computed by enumerating every
 * coalition of the path-dependent conditional expectation ({@link BruteForce}), on random small trees and
 * ensembles with numeric and categorical splits, missing values sent either way, repeated features on a
 * path and leaves of zero cover.
 */
class TreeShapBruteForceTest {
  private static final double TOLERANCE = 1e-9;

  /** Random models of every ensemble kind: boosted, forest, multiclass (both combinations). */
  private static Model[] models(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int features = 2 + random.nextInt(7);
    return new Model[] {
        RandomModels.model(random, features, 1, 1, 4, Model.Ensemble.SUM),
        RandomModels.model(random, features, 5, 1, 4, Model.Ensemble.SUM),
        RandomModels.model(random, features, 4, 1, 3, Model.Ensemble.AVERAGE),
        RandomModels.model(random, features, 3, 3, 4, Model.Ensemble.SUM),
        RandomModels.model(random, features, 2, 2, 4, Model.Ensemble.AVERAGE)};
  }

  @Test
  void shapValuesEqualEnumeratedShapleyValues() {
    int checked = 0;
    try (Parallel parallel = new Parallel(1)) {
      for (long seed = 1; seed <= 30; seed++) {
        for (Model model : models(seed)) {
          int f = model.numFeatures();
          int rows = 4;
          double[] x = RandomModels.rows(new SplittableRandom(seed * 31), f, rows);
          ShapValues shap = TreeShap.of(model).explain(x, rows, parallel);
          for (int r = 0; r < rows; r++) {
            for (int k = 0; k < model.numOutputs(); k++) {
              int at = r * f;
              int out = k;
              double[] v = BruteForce.table(f, mask -> BruteForce.pathValue(model, out, x, at, mask));
              double[] phi = BruteForce.shapley(f, v);
              for (int i = 0; i < f; i++) {
                assertEquals(phi[i], shap.value(r, k, i), TOLERANCE, "seed " + seed + " row " + r + " feature " + i);
              }
              assertEquals(v[0], shap.value(r, k, f), TOLERANCE, "expected value, seed " + seed);
              assertEquals(v[v.length - 1], shap.rawPrediction(r, k), TOLERANCE, "sum, seed " + seed);
              checked++;
            }
          }
        }
      }
    }
    assertTrue(checked > 500, "checked " + checked);
  }

  @Test
  void interactionValuesEqualEnumeratedInteractionIndices() {
    try (Parallel parallel = new Parallel(2)) {
      for (long seed = 100; seed < 115; seed++) {
        for (Model model : models(seed)) {
          int f = model.numFeatures();
          int rows = 3;
          double[] x = RandomModels.rows(new SplittableRandom(seed * 7), f, rows);
          TreeShap explainer = TreeShap.of(model);
          ShapInteractions inter = explainer.interactions(x, rows, parallel);
          ShapValues shap = explainer.explain(x, rows, parallel);
          for (int r = 0; r < rows; r++) {
            for (int k = 0; k < model.numOutputs(); k++) {
              int at = r * f;
              int out = k;
              double[] v = BruteForce.table(f, mask -> BruteForce.pathValue(model, out, x, at, mask));
              double[] phi = BruteForce.shapley(f, v);
              for (int i = 0; i < f; i++) {
                double offDiagonal = 0;
                for (int j = 0; j < f; j++) {
                  if (j != i) {
                    double expected = BruteForce.interaction(f, v, i, j);
                    offDiagonal += expected;
                    assertEquals(expected, inter.value(r, k, i, j), TOLERANCE, "seed " + seed + " (" + i + "," + j + ")");
                    assertEquals(inter.value(r, k, j, i), inter.value(r, k, i, j), 1e-15, "symmetric");
                  }
                }
                assertEquals(phi[i] - offDiagonal, inter.value(r, k, i, i), TOLERANCE, "main effect " + i);
                assertEquals(shap.value(r, k, i), inter.shapValue(r, k, i), 1e-12, "row sum " + i);
                assertEquals(0.0, inter.value(r, k, i, f), "bias column");
              }
              assertEquals(shap.expectedValue(k), inter.value(r, k, f, f), "bias");
            }
          }
        }
      }
    }
  }

  @Test
  void oneRowAndBatchAndThreadCountsAgreeBitForBit() {
    SplittableRandom random = new SplittableRandom(5);
    Model model = RandomModels.model(random, 8, 30, 3, 4, Model.Ensemble.SUM);
    int rows = 3 * TreeShap.BLOCK + 17;
    double[] x = RandomModels.rows(random, 8, rows);
    TreeShap explainer = TreeShap.of(model);
    ShapValues one;
    ShapValues two;
    try (Parallel p1 = new Parallel(1); Parallel p2 = new Parallel(2)) {
      one = explainer.explain(x, rows, p1);
      two = explainer.explain(x, rows, p2);
      assertArrayEquals(explainer.interactions(x, rows, p1).raw(), explainer.interactions(x, rows, p2).raw());
    }
    assertArrayEquals(one.raw(), two.raw());
    double[] row = new double[8];
    double[] out = new double[3 * 9];
    for (int r = 0; r < rows; r += 37) {
      System.arraycopy(x, r * 8, row, 0, 8);
      explainer.explainRow(row, out);
      for (int k = 0; k < 3; k++) {
        for (int i = 0; i <= 8; i++) {
          assertEquals(one.value(r, k, i), out[k * 9 + i], "row " + r);
        }
      }
    }
  }
}
