package dev.boreal.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.params.Params;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quantized training on Spark: integer histograms added over partitions give the same model file for 1, 3 and 8
 * partitions, equal to single-machine quantized GradientBoosting's on the same rows (in the same order) and bins.
 */
class QuantizedSparkTest {
  private static final int ROWS = 1200;

  @Test
  void binaryModelFileIsTheSameForOneThreeAndEightPartitionsAndOneMachine() {
    double[][] x = SparkTestData.features(ROWS, 21);
    double[] y = SparkTestData.labels(x, "binary", 21);
    BorealClassifier spark = new BorealClassifier().setNumIterations(4).setNumLeaves(8).setLearningRate(0.3)
        .setMinDataInLeaf(10).setNumThreads(1).setUseQuantizedGrad(true).setNumGradQuantBins(4);
    assertSameEverywhere(x, y, partitions -> spark.fit(SparkTestData.orderedFrame(x, y, partitions)).borealModel(),
        Params.of(Map.of("objective", "binary", "num_iterations", "4", "num_leaves", "8", "learning_rate", "0.3",
            "min_data_in_leaf", "10", "num_threads", "1", "use_quantized_grad", "true", "num_grad_quant_bins", "4")),
        new String[] {"0", "1"});
  }

  @Test
  void multiclassWithRenewedLeavesIsTheSameForOneThreeAndEightPartitionsAndOneMachine() {
    double[][] x = SparkTestData.features(ROWS, 23);
    double[] y = SparkTestData.labels(x, "multiclass", 23);
    BorealClassifier spark = new BorealClassifier().setNumIterations(2).setNumLeaves(6).setLearningRate(0.3)
        .setMinDataInLeaf(10).setNumThreads(1).setUseQuantizedGrad(true).setQuantTrainRenewLeaf(true);
    assertSameEverywhere(x, y, partitions -> spark.fit(SparkTestData.orderedFrame(x, y, partitions)).borealModel(),
        Params.of(Map.of("objective", "multiclass", "num_class", "3", "num_iterations", "2", "num_leaves", "6",
            "learning_rate", "0.3", "min_data_in_leaf", "10", "num_threads", "1", "use_quantized_grad", "true",
            "quant_train_renew_leaf", "true")),
        new String[] {"0", "1", "2"});
  }

  /** Trains on Spark with the rows cut into the given number of partitions. */
  interface Fit {
    Model on(int partitions);
  }

  /**
   * Asserts that the model file is the same for 1, 3 and 8 partitions and equal to single-machine training's with
   * {@code localParams} on the same rows and bins; returns the model.
   */
  static Model assertSameEverywhere(double[][] x, double[] y, Fit fit, Params localParams, String[] classes) {
    Model one = fit.on(1);
    assertTrue(one.trees().get(0).numNodes() >= 3, "the first tree splits");
    String file = file(one);
    assertEquals(file, file(fit.on(3)));
    assertEquals(file, file(fit.on(8)));
    Model local = GradientBoosting.train(BorealClassifierTest.trainingData(one, x, y, null), List.of(),
        localParams, classes, TrainingListener.NONE);
    assertEquals(file(local), file);
    return one;
  }

  static String file(Model model) {
    return new String(ModelBytes.of(model), StandardCharsets.UTF_8);
  }
}
