package dev.boreal.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Global importance (gain, split count, mean |SHAP|) against direct sums over the trees and the values,
 * and the Gauss–Legendre rule the exact TreeSHAP rests on: exact up to degree {@code 2m - 1}, and at
 * degree 2m off by exactly the textbook error term (so the nodes and weights are the real ones).
 */
class ImportanceAndQuadratureTest {
  @Test
  void gainAndSplitCountSumOverTheDefaultIterations() {
    SplittableRandom random = new SplittableRandom(8);
    Model full = RandomModels.model(random, 6, 10, 2, 4, Model.Ensemble.SUM);
    // The same trees with the default (best) iteration set to 4: importance covers those four only.
    Model early = new Model("gbdt", "test", full.link(), full.featureNames(), full.mappers(), full.classes(),
        new double[] {full.baseScore(0), full.baseScore(1)}, full.trees(), Model.Ensemble.SUM, 4,
        full.params(), full.evalHistory());
    double[] gain = new double[6];
    long[] splits = new long[6];
    long[] allSplits = new long[6];
    for (int t = 0; t < full.trees().size(); t++) {
      Tree tree = full.trees().get(t);
      for (int n = 0; n < tree.numNodes(); n++) {
        allSplits[tree.feature(n)]++;
        if (t < 4 * 2) {
          gain[tree.feature(n)] += tree.gain(n);
          splits[tree.feature(n)]++;
        }
      }
    }
    assertArrayEquals(gain, Importance.gain(early), 1e-12);
    assertArrayEquals(splits, Importance.split(early));
    assertArrayEquals(allSplits, Importance.split(full));
    assertArrayEquals(splits, Importance.split(full, 4));
  }

  @Test
  void meanAbsoluteShapAveragesRowsAndAddsOutputs() {
    double[] values = {
        // row 0: output 0 (f0, f1, bias), output 1
        1.0, -2.0, 0.5, -3.0, 0.0, 0.1,
        // row 1
        -1.0, 4.0, 0.5, 1.0, 2.0, 0.1};
    ShapValues v = new ShapValues(2, 2, 2, values, new double[] {0.5, 0.1});
    assertArrayEquals(new double[] {1.0, 3.0}, Importance.meanAbsShap(v, 0), 1e-15);
    assertArrayEquals(new double[] {2.0, 1.0}, Importance.meanAbsShap(v, 1), 1e-15);
    assertArrayEquals(new double[] {3.0, 4.0}, Importance.meanAbsShap(v), 1e-15);
    assertArrayEquals(new int[] {1, 0, 2}, Importance.ranking(new double[] {2.0, 5.0, 2.0}));
  }

  @Test
  void meanAbsoluteShapOfATrainedModelRanksTheFeaturesItSplitsOn() {
    SplittableRandom random = new SplittableRandom(2);
    Model model = RandomModels.model(random, 5, 20, 1, 3, Model.Ensemble.SUM);
    double[] x = RandomModels.rows(random, 5, 200);
    try (Parallel parallel = new Parallel(2)) {
      double[] importance = Importance.meanAbsShap(TreeShap.of(model).explain(x, 200, parallel));
      long[] splits = Importance.split(model);
      for (int f = 0; f < 5; f++) {
        // A feature no tree splits on has no SHAP value on any row, and one split on somewhere has some.
        assertEquals(splits[f] == 0, importance[f] == 0.0, "feature " + f);
      }
    }
  }

  @Test
  void gaussLegendreIsExactUpToDegreeTwoMMinusOne() {
    for (int m = 1; m <= 24; m++) {
      double[][] rule = GaussLegendre.onUnitInterval(m);
      double weights = 0;
      for (int k = 0; k < m; k++) {
        assertTrue(rule[0][k] > 0 && rule[0][k] < 1, "nodes lie strictly inside (0, 1)");
        assertTrue(k == 0 || rule[0][k] > rule[0][k - 1], "nodes increase");
        weights += rule[1][k];
      }
      assertEquals(1.0, weights, 1e-14);
      for (int degree = 0; degree <= 2 * m; degree++) {
        double integral = 0;
        for (int k = 0; k < m; k++) {
          integral += rule[1][k] * Math.pow(rule[0][k], degree);
        }
        double exact = 1.0 / (degree + 1);
        if (degree <= 2 * m - 1) {
          assertEquals(exact, integral, 1e-13, "m " + m + " degree " + degree);
        } else if (m <= 8) {
          // At degree 2m the rule misses t^2m by exactly (m!)^4 / ((2m+1) ((2m)!)^2), the textbook error
          // term; above m = 8 that falls towards rounding noise, so only small rules are checked.
          double error = Math.pow(factorial(m), 4) / ((2 * m + 1) * Math.pow(factorial(2 * m), 2));
          assertEquals(error, exact - integral, 1e-6 * error + 1e-15, "m " + m + " error at degree 2m");
        }
      }
    }
  }

  private static double factorial(int n) {
    double f = 1;
    for (int i = 2; i <= n; i++) {
      f *= i;
    }
    return f;
  }
}
