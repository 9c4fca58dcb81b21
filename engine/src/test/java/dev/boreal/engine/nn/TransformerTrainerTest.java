package dev.boreal.engine.nn;

import static dev.boreal.engine.nn.MlpTrainerTest.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import dev.boreal.engine.gbdt.TrainingListener;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The FT-Transformer and the MLP-PLR trained end to end on small synthetic tasks. */
class TransformerTrainerTest {
  private static final String[] BINARY = {"0", "1"};

  /** Two informative features whose signs' XOR is the label, three noise features, 5% of labels flipped. */
  private static double[][] xorWithNoise(int n, long seed, double[] labels) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[5][n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < 5; f++) {
        x[f][i] = r.nextDouble(-1, 1);
      }
      boolean same = x[0][i] * x[1][i] > 0;
      labels[i] = same ^ (r.nextDouble() < 0.05) ? 1 : 0;
    }
    return x;
  }

  private static Columns columns(double[][] x) {
    Columns c = new Columns();
    for (int f = 0; f < x.length; f++) {
      c.numeric("x" + f, x[f]);
    }
    return c;
  }

  /** Accuracy against the noiseless XOR label. */
  private static double accuracy(MlpModel model, double[][] x) {
    int n = x[0].length;
    int f = x.length;
    double[] rows = new double[n * f];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < f; j++) {
        rows[i * f + j] = x[j][i];
      }
    }
    double[] raw = new double[n];
    model.predictRaw(rows, n, raw);
    int right = 0;
    for (int i = 0; i < n; i++) {
      right += (raw[i] > 0) == (x[0][i] * x[1][i] > 0) ? 1 : 0;
    }
    return (double) right / n;
  }

  @Test
  void smallTransformerLearnsXorOfTwoFeaturesWhereLogisticRegressionCannot() {
    double[] y = new double[2000];
    double[][] x = xorWithNoise(2000, 1, y);
    double[][] test = xorWithNoise(1000, 2, new double[1000]);
    try (Columns c = columns(x)) {
      MlpModel transformer = MlpTrainer.train(c.data("xor", y), List.of(), params("objective", "binary",
          "boosting", "ft-transformer", "preset", "small", "d_token", "32", "learning_rate", "0.003",
          "max_epochs", "25",
          "num_threads", "2"), BINARY, TrainingListener.NONE);
      MlpModel logistic = MlpTrainer.train(c.data("xor", y), List.of(), params("objective", "binary",
          "hidden", "", "learning_rate", "0.01", "num_threads", "2"), BINARY, TrainingListener.NONE);
      assertEquals("ft-transformer", transformer.algorithm());
      double transformerAccuracy = accuracy(transformer, test);
      double logisticAccuracy = accuracy(logistic, test);
      assertTrue(transformerAccuracy >= 0.95, "transformer test accuracy " + transformerAccuracy);
      assertTrue(logisticAccuracy < 0.65, "logistic regression cannot learn xor: " + logisticAccuracy);
    }
  }

  @Test
  void oneAndTwoThreadsGiveBitIdenticalTransformersWithDropoutAndPlr() {
    double[] y = new double[700];
    double[][] x = xorWithNoise(700, 3, y);
    MlpModel[] models = new MlpModel[2];
    for (int t = 1; t <= 2; t++) {
      try (Columns c = columns(x)) {
        models[t - 1] = MlpTrainer.train(c.data("d", y), List.of(), params("objective", "binary", "boosting",
            "ft-transformer", "n_blocks", "2", "d_token", "8", "n_heads", "2", "numeric_embedding", "plr",
            "batch_size", "100", "max_epochs", "3", "num_threads", Integer.toString(t), "seed", "5"), BINARY,
            TrainingListener.NONE);
      }
    }
    assertEquals(models[0].network(), models[1].network());
  }

  @Test
  void mlpWithPeriodicEmbeddingsFitsAWigglyFunctionBetterThanWithout() {
    int n = 2000;
    SplittableRandom r = new SplittableRandom(4);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble(-1, 1);
      y[i] = Math.sin(8 * x[i]);
    }
    double[] error = new double[2];
    String[] embedding = {"none", "plr"};
    for (int k = 0; k < 2; k++) {
      try (Columns c = new Columns().numeric("x", x)) {
        MlpModel m = MlpTrainer.train(c.data("w", y), List.of(), params("objective", "regression", "hidden",
            "32", "numeric_embedding", embedding[k], "plr_sigma", "1", "learning_rate", "0.01", "max_epochs",
            "30", "num_threads", "2"), null, TrainingListener.NONE);
        double[] raw = new double[n];
        m.predictRaw(x, n, raw);
        for (int i = 0; i < n; i++) {
          error[k] += (raw[i] - y[i]) * (raw[i] - y[i]) / n;
        }
      }
    }
    assertTrue(error[1] < 0.05 && error[1] < error[0] / 2, "mse without plr " + error[0] + ", with " + error[1]);
  }

  @Test
  void headsThatDoNotDivideTheTokenWidthAreRefusedInOneSentence() {
    double[] y = new double[50];
    double[][] x = xorWithNoise(50, 3, y);
    try (Columns c = columns(x)) {
      UsageException e = assertThrows(UsageException.class, () -> MlpTrainer.train(c.data("d", y), List.of(),
          params("objective", "binary", "boosting", "ft-transformer", "d_token", "64", "n_heads", "5"), BINARY,
          TrainingListener.NONE));
      assertEquals("n_heads (5) must divide d_token (64) so that every attention head has the same width.",
          e.getMessage());
    }
  }
}
