package dev.boreal.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.params.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Test;

/** BorealRegressor's losses beyond L2: three partitions train what one machine trains; percentile losses refused. */
class RegressionLossSparkTest {

  /** Positive labels, log-linear in the test signal, so every count loss accepts them. */
  private static double[] positiveLabels(double[][] x, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] y = new double[x.length];
    for (int r = 0; r < x.length; r++) {
      y[r] = Math.exp(0.4 * SparkTestData.signal(x[r]) + 0.2 * random.nextGaussian());
    }
    return y;
  }

  @Test
  void huberAndCountLossesOnThreePartitionsEqualOneMachine() {
    double[][] x = SparkTestData.features(1200, 47);
    double[] y = positiveLabels(x, 47);
    String[][] losses = {{"huber", "alpha", "0.6"}, {"poisson"}, {"gamma"}, {"tweedie", "tweedie_variance_power",
        "1.3"}};
    for (String[] loss : losses) {
      BorealRegressor regressor = new BorealRegressor().setNumIterations(5).setNumLeaves(6).setMinDataInLeaf(10)
          .setNumThreads(1).setObjective(loss[0]);
      Map<String, String> given = new LinkedHashMap<>(Map.of("objective", loss[0], "num_iterations", "5",
          "num_leaves", "6", "min_data_in_leaf", "10", "num_threads", "1"));
      if (loss.length > 1) {
        given.put(loss[1], loss[2]);
        regressor = loss[0].equals("huber") ? regressor.setAlpha(0.6) : regressor.setTweedieVariancePower(1.3);
      }
      BorealRegressionModel fitted = regressor.fit(SparkTestData.frame(x, y, 3));
      Model spark = fitted.borealModel();
      Model local = GradientBoosting.train(BorealClassifierTest.trainingData(spark, x, y, null), List.of(),
          Params.of(given), null, TrainingListener.NONE);
      assertEquals(loss[0], spark.params().get("objective"));
      double[] raw = BorealClassifierTest.raw(spark, x);
      assertArrayEquals(BorealClassifierTest.raw(local, x), raw, 1e-9, loss[0]);
      double expected = loss[0].equals("huber") ? raw[0] : Math.exp(raw[0]);
      assertEquals(expected, fitted.predict(Vectors.dense(x[0])), 1e-12,
          loss[0] + "'s prediction goes through its link");
    }
  }

  @Test
  void lossesSparkCannotTrainAreRefusedInOneSentence() {
    double[][] x = SparkTestData.features(200, 53);
    double[] y = positiveLabels(x, 53);
    UsageException quantile = assertThrows(UsageException.class, () -> new BorealRegressor().setObjective("quantile")
        .setNumIterations(2).fit(SparkTestData.frame(x, y, 2)));
    assertEquals("objective 'quantile' sets each leaf to a percentile of its rows' residuals, which training on"
        + " Spark does not compute across partitions; BorealRegressor takes regression, huber, poisson, gamma,"
        + " tweedie.", quantile.getMessage());
    UsageException binary = assertThrows(UsageException.class, () -> new BorealRegressor().setObjective("binary")
        .setNumIterations(2).fit(SparkTestData.frame(x, y, 2)));
    assertTrue(binary.getMessage().startsWith("objective 'binary' is not a regression loss;"), binary.getMessage());
    UsageException unknown = assertThrows(UsageException.class, () -> new BorealRegressor().setObjective("cubic")
        .setNumIterations(2).fit(SparkTestData.frame(x, y, 2)));
    assertTrue(unknown.getMessage().contains("objective"), unknown.getMessage());
  }
}
