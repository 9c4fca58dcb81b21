package dev.boreal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.objective.ObjectiveSettings;
import dev.boreal.engine.params.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTrainerTest {
  static Params params(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return Params.of(m);
  }

  /** Points of the four quadrants, away from the axes; label 1 where x and y have the same sign. */
  private static double[][] xor(int n, long seed, double[] labels) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[2][n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < 2; f++) {
        double v = r.nextDouble(0.1, 1.0);
        x[f][i] = r.nextBoolean() ? v : -v;
      }
      labels[i] = x[0][i] * x[1][i] > 0 ? 1 : 0;
    }
    return x;
  }

  private static double errorRate(MlpModel model, double[][] x, double[] labels) {
    int n = labels.length;
    double[] rows = new double[n * 2];
    for (int i = 0; i < n; i++) {
      rows[2 * i] = x[0][i];
      rows[2 * i + 1] = x[1][i];
    }
    double[] raw = new double[n];
    model.predictRaw(rows, n, raw);
    int wrong = 0;
    for (int i = 0; i < n; i++) {
      wrong += (raw[i] > 0 ? 1 : 0) != labels[i] ? 1 : 0;
    }
    return (double) wrong / n;
  }

  @Test
  void learnsXorToNearZeroErrorWhereALinearModelCannot() {
    double[] y = new double[2000];
    double[][] x = xor(2000, 1, y);
    double[] testY = new double[1000];
    double[][] testX = xor(1000, 2, testY);
    try (Columns c = new Columns().numeric("x", x[0]).numeric("y", x[1])) {
      MlpModel mlp = MlpTrainer.train(c.data("xor", y), List.of(), params("objective", "binary",
          "hidden", "16,16", "learning_rate", "0.01", "num_threads", "2"), new String[] {"0", "1"},
          TrainingListener.NONE);
      MlpModel linear = MlpTrainer.train(c.data("xor", y), List.of(), params("objective", "binary",
          "hidden", "", "learning_rate", "0.01", "num_threads", "2"), new String[] {"0", "1"},
          TrainingListener.NONE);
      double mlpError = errorRate(mlp, testX, testY);
      double linearError = errorRate(linear, testX, testY);
      assertTrue(mlpError <= 0.01, "mlp test error " + mlpError);
      assertTrue(linearError > 0.3, "a linear model cannot separate xor: " + linearError);
    }
  }

  @Test
  void recoversTheLeastSquaresSolutionOfALinearProblem() {
    int n = 3000;
    SplittableRandom r = new SplittableRandom(5);
    double[][] x = new double[3][n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[0][i] = r.nextDouble(-2, 2);
      x[1][i] = r.nextDouble(0, 10);
      x[2][i] = r.nextDouble(-1, 1);
      y[i] = 4.0 + 3.0 * x[0][i] - 0.5 * x[1][i] + 2.0 * x[2][i] + 0.1 * r.nextDouble(-1, 1);
    }
    try (Columns c = new Columns().numeric("a", x[0]).numeric("b", x[1]).numeric("c", x[2])) {
      MlpModel model = MlpTrainer.train(c.data("linear", y), List.of(), params("objective", "regression",
          "hidden", "", "weight_decay", "0", "learning_rate", "0.01", "max_epochs", "400", "patience", "30",
          "num_threads", "1"), null, TrainingListener.NONE);
      double[] beta = LeastSquares.fit(x, y);
      // With no hidden layer the network is y = shift + scale * (b + sum_j w_j (x_j - mean_j) / sd_j).
      Preprocessing prep = model.preprocessing();
      Network net = (Network) model.network();
      double[] w = net.weights(0);
      double intercept = model.outputShift() + model.outputScale() * net.biases(0)[0];
      for (int j = 0; j < 3; j++) {
        double coefficient = model.outputScale() * w[j] / prep.scale(j);
        assertEquals(beta[j + 1], coefficient, 2e-3, "coefficient of feature " + j);
        intercept -= coefficient * prep.mean(j);
      }
      assertEquals(beta[0], intercept, 1e-2, "intercept");
      double[] probe = {1.5, 2.0, -0.5, -1.0, 9.0, 0.7};
      double[] raw = new double[2];
      model.predictRaw(probe, 2, raw);
      for (int i = 0; i < 2; i++) {
        double expected = beta[0] + beta[1] * probe[3 * i] + beta[2] * probe[3 * i + 1] + beta[3] * probe[3 * i + 2];
        assertEquals(expected, raw[i], 5e-3, "prediction of probe " + i);
      }
    }
  }

  @Test
  void oneAndTwoThreadsGiveBitIdenticalWeights() {
    int n = 3000;
    SplittableRandom r = new SplittableRandom(9);
    double[][] x = new double[4][n];
    int[] cat = new int[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < 4; f++) {
        x[f][i] = r.nextDouble() < 0.05 ? Double.NaN : r.nextDouble(-2, 2);
      }
      cat[i] = r.nextInt(4);
      y[i] = (Double.isNaN(x[0][i]) ? 0 : Math.sin(x[0][i])) + cat[i] * 0.3 > 0.3 ? 1 : 0;
    }
    // A batch that is not a multiple of the block, and one of more blocks than run at once, with dropout.
    for (String batch : new String[] {"200", "1100"}) {
      MlpModel[] models = new MlpModel[2];
      for (int t = 1; t <= 2; t++) {
        try (Columns c = new Columns().numeric("a", x[0]).numeric("b", x[1]).numeric("c", x[2]).numeric("d", x[3])
            .categorical("k", cat, new String[] {"p", "q", "r", "s"})) {
          models[t - 1] = MlpTrainer.train(c.data("d", y), List.of(), params("objective", "binary", "hidden",
              "32,16", "batch_size", batch, "dropout", "0.2", "max_epochs", "6", "min_data_per_group", "10",
              "num_threads", Integer.toString(t), "seed", "7"), new String[] {"0", "1"}, TrainingListener.NONE);
        }
      }
      assertIdentical(models[0], models[1]);
    }
  }

  private static void assertIdentical(MlpModel a, MlpModel b) {
    assertEquals(a.network(), b.network());
    assertArrayEquals(a.evalHistory().get("holdout").get("binary_logloss"),
        b.evalHistory().get("holdout").get("binary_logloss"), 0.0);
    assertEquals(4 + 4 + 4, a.preprocessing().inputs(), "4 numeric inputs, 4 missing indicators, 4 categories");
  }

  @Test
  void reachesTheScikitLearnAucOnLightGbmsBinaryExample() throws IOException {
    Path dir = Path.of(System.getProperty("boreal.shared.data", "../shared/data"), "lightgbm-binary");
    assumeTrue(Files.isDirectory(dir), "peer data " + dir + " is absent (see ../shared/data/README.md); skipping");
    List<Double> trainLabels = new ArrayList<>();
    List<Double> testLabels = new ArrayList<>();
    try (Columns train = Columns.readTsv(dir.resolve("binary.train"), trainLabels);
        Columns test = Columns.readTsv(dir.resolve("binary.test"), testLabels)) {
      MlpModel model = MlpTrainer.train(train.data("binary.train", unbox(trainLabels)), List.of(),
          params("objective", "binary", "hidden", "64,64", "num_threads", "2"), new String[] {"0", "1"},
          TrainingListener.NONE);
      double[] raw = new double[testLabels.size()];
      model.predictRaw(test.list, raw);
      double auc = Metrics.parse("auc", "binary", ObjectiveSettings.defaults(), null).get(0)
          .evaluate(raw, 1, model.link(), unbox(testLabels), null, null);
      assertTrue(auc >= 0.72, "test AUC " + auc + " after " + model.epochs() + " epochs");
    }
  }

  private static double[] unbox(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
