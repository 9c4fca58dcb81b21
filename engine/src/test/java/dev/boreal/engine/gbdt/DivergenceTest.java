package dev.boreal.engine.gbdt;

import static dev.boreal.engine.gbdt.GradientBoostingTest.params;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.TrainingData;
import dev.boreal.engine.model.Model;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Boosting on rare classes with separable features stays stable: the shape of data on which LightGBM's
 * defaults let a leaf of near-zero hessian take a step of thousands and the validation loss explode.
 */
class DivergenceTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void multiclassWithRareClassesNeverDiverges(long seed) {
    RareClasses shape = new RareClasses(seed);
    TrainingData train = shape.train();
    TrainingData valid = shape.valid();
    Model m = GradientBoosting.train(train, List.of(valid), params("objective", "multiclass", "num_class", "7",
        "num_iterations", "300", "learning_rate", "0.1", "num_leaves", "31", "metric", "multi_logloss,multi_error",
        "num_threads", "2"), null, TrainingListener.NONE);
    assertTrue(m.numIterations() == 300, "trained " + m.numIterations() + " of 300 iterations");
    double[] loss = m.evalHistory().get("valid").get("multi_logloss");
    int best = 0;
    for (int i = 1; i < loss.length; i++) {
      best = loss[i] < loss[best] ? i : best;
    }
    for (int i = best; i < loss.length; i++) {
      assertTrue(loss[i] <= 2 * loss[best], "validation log loss " + loss[i] + " at iteration " + (i + 1)
          + " is more than twice its minimum " + loss[best] + " (iteration " + (best + 1) + ")");
    }
    double[] error = m.evalHistory().get("valid").get("multi_error");
    assertTrue(1 - error[error.length - 1] >= 0.99, "accuracy " + (1 - error[error.length - 1]));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1})
  void binaryWithRarePositivesNeverDiverges(long seed) {
    RareClasses shape = new RareClasses(seed);
    TrainingData train = RareClasses.binary(shape.train());
    TrainingData valid = RareClasses.binary(shape.valid());
    Model m = GradientBoosting.train(train, List.of(valid), params("objective", "binary", "num_iterations", "300",
        "metric", "binary_logloss", "num_threads", "2"), null, TrainingListener.NONE);
    double[] loss = m.evalHistory().get("valid").get("binary_logloss");
    int best = 0;
    for (int i = 1; i < loss.length; i++) {
      best = loss[i] < loss[best] ? i : best;
    }
    for (int i = best; i < loss.length; i++) {
      assertTrue(loss[i] <= 2 * loss[best], "validation log loss " + loss[i] + " at iteration " + (i + 1)
          + " is more than twice its minimum " + loss[best] + " (iteration " + (best + 1) + ")");
    }
  }

  /**
   * Every objective stays finite and ends below its first iteration's training loss on the same shape, with
   * labels that make the rare classes the extreme values (counts, positive amounts, relevance grades).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"regression, l2, false", "regression_l1, l1, false", "huber, huber, false",
      "quantile, quantile, false", "poisson, poisson, false", "gamma, gamma, false", "tweedie, tweedie, false",
      "binary, binary_logloss, false", "multiclass, multi_logloss, false", "lambdarank, ndcg@5, true",
      "rank_pairwise, ndcg@5, true"})
  void everyObjectiveStaysFiniteAndImprovesOnItsFirstIteration(String objective, String metric,
      boolean higherIsBetter) {
    RareClasses shape = new RareClasses(2);
    TrainingData data = shape.train();
    double[] counts = {0, 3, 2, 1, 0, 60, 40};
    double[] y = new double[data.rows()];
    for (int i = 0; i < y.length; i++) {
      int c = (int) data.labels()[i];
      y[i] = switch (objective) {
        case "multiclass" -> c;
        case "binary" -> c >= 5 ? 1 : 0;
        case "lambdarank", "rank_pairwise" -> Math.min(4, Math.floor(counts[c] / 10) + (c % 2));
        case "gamma" -> counts[c] + 0.5;
        default -> counts[c];
      };
    }
    int[] groups = null;
    if (higherIsBetter) {
      groups = new int[y.length / 20];
      java.util.Arrays.fill(groups, 20);
      groups[groups.length - 1] += y.length % 20;
    }
    TrainingData train = new TrainingData("train", data.data(), data.featureNames(), y, null, groups);
    Model m = GradientBoosting.train(train, List.of(train), params("objective", objective, "num_class",
        objective.equals("multiclass") ? "7" : "1", "num_iterations", "100", "metric", metric, "num_threads", "2"),
        null, TrainingListener.NONE);
    double[] loss = m.evalHistory().get("train").get(metric);
    for (int i = 0; i < loss.length; i++) {
      assertTrue(Double.isFinite(loss[i]), metric + " at iteration " + (i + 1) + " is " + loss[i]);
    }
    double first = loss[0];
    double last = loss[loss.length - 1];
    assertTrue(higherIsBetter ? last >= first : last <= first, metric + " went from " + first + " at the first "
        + "iteration to " + last + " at the last");
  }
}
