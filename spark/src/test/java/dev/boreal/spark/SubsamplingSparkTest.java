package dev.boreal.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.params.Params;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bagging (bagging_fraction 0.7, a new bag every iteration or every third) and feature subsampling
 * (feature_fraction 0.6 per iteration, feature_fraction_bynode 0.5 per node) on Spark: the driver draws with the
 * engine's own draws, so on the same rows in the same order a quantized model is single-machine training's byte
 * for byte for 1, 3 and 8 partitions, and a float model predicts as it does within 1e-9.
 */
class SubsamplingSparkTest {
  private static final int ROWS = 1200;
  /** round(0.7 * 1200): the rows every tree's root holds. */
  private static final long BAG = 840;
  /** round(0.6 * 5): the features an iteration's trees may use. */
  private static final int TREE_FEATURES = 3;

  private static BorealClassifier sampled(int baggingFreq) {
    return new BorealClassifier().setNumIterations(4).setNumLeaves(8).setLearningRate(0.3).setMinDataInLeaf(10)
        .setNumThreads(1).setBaggingFraction(0.7).setBaggingFreq(baggingFreq).setFeatureFraction(0.6)
        .setFeatureFractionBynode(0.5);
  }

  @Test
  void quantizedBinaryBaggedEveryIterationIsOneMachinesModelOnOneThreeAndEightPartitions() {
    double[][] x = SparkTestData.features(ROWS, 31);
    double[] y = SparkTestData.labels(x, "binary", 31);
    BorealClassifier spark = sampled(1).setUseQuantizedGrad(true);
    Model model = QuantizedSparkTest.assertSameEverywhere(x, y, partitions -> fit(spark, x, y, partitions),
        localParams(spark, 2), new String[] {"0", "1"});
    assertSampled(model, 1);
    // feature_fraction_bynode matters here: one machine without it grows other trees, so Spark's learner used it.
    Model everyNode = GradientBoosting.train(BorealClassifierTest.trainingData(model, x, y, null), List.of(),
        localParams(spark, 2).with("feature_fraction_bynode", "1.0"), new String[] {"0", "1"},
        TrainingListener.NONE);
    assertNotEquals(QuantizedSparkTest.file(model), QuantizedSparkTest.file(everyNode));
  }

  @Test
  void quantizedMulticlassBaggedEveryThirdIterationWithRenewedLeavesIsOneMachinesModel() {
    double[][] x = SparkTestData.features(ROWS, 33);
    double[] y = SparkTestData.labels(x, "multiclass", 33);
    // Iterations 0-2 share a bag, iteration 3 draws another; leaf outputs come from the bag's float gradients.
    BorealClassifier spark = sampled(3).setNumLeaves(6).setUseQuantizedGrad(true).setQuantTrainRenewLeaf(true);
    Model model = QuantizedSparkTest.assertSameEverywhere(x, y, partitions -> fit(spark, x, y, partitions),
        localParams(spark, 3), new String[] {"0", "1", "2"});
    assertSampled(model, 3);
  }

  @Test
  void floatBinaryPredictsLikeOneMachineOnOneThreeAndEightPartitions() {
    assertFloatLikeOneMachine("binary", 1, 35, new String[] {"0", "1"}, 1, 3, 8);
  }

  @Test
  void floatMulticlassBaggedEveryThirdIterationPredictsLikeOneMachineOnEightPartitions() {
    assertFloatLikeOneMachine("multiclass", 3, 37, new String[] {"0", "1", "2"}, 8);
  }

  private static void assertFloatLikeOneMachine(String kind, int baggingFreq, long seed, String[] classes,
      int... partitionings) {
    double[][] x = SparkTestData.features(ROWS, seed);
    double[] y = SparkTestData.labels(x, kind, seed);
    BorealClassifier spark = sampled(baggingFreq).setNumLeaves(6);
    Model local = null;
    double[] expected = null;
    for (int partitions : partitionings) {
      Model model = fit(spark, x, y, partitions);
      if (local == null) {
        assertSampled(model, classes.length == 2 ? 1 : classes.length);
        local = GradientBoosting.train(BorealClassifierTest.trainingData(model, x, y, null), List.of(),
            localParams(spark, classes.length), classes, TrainingListener.NONE);
        expected = BorealClassifierTest.raw(local, x);
      }
      assertArrayEquals(expected, BorealClassifierTest.raw(model, x), 1e-9, partitions + " partitions");
    }
  }

  /** The rows in their order over {@code partitions} partitions: the bag is keyed by a row's index. */
  private static Model fit(BorealClassifier spark, double[][] x, double[] y, int partitions) {
    return spark.fit(SparkTestData.orderedFrame(x, y, partitions)).borealModel();
  }

  /** The estimator's params for single-machine training, with the objective Spark derives from the labels. */
  private static Params localParams(BorealClassifier spark, int classes) {
    Params params = spark.borealParamSet().toParams(spark);
    return classes == 2 ? params.with("objective", "binary")
        : params.with("objective", "multiclass").with("num_class", Integer.toString(classes));
  }

  /** Every tree learnt from the bag's rows, and an iteration's trees split on its sampled features only. */
  private static void assertSampled(Model model, int outputs) {
    List<Tree> trees = model.trees();
    assertEquals(4 * outputs, trees.size());
    for (int it = 0; it < 4; it++) {
      BitSet used = new BitSet();
      for (int c = 0; c < outputs; c++) {
        Tree tree = trees.get(it * outputs + c);
        assertEquals(BAG, tree.nodeCount(0), "root rows of tree " + (it * outputs + c));
        for (int node = 0; node < tree.numNodes(); node++) {
          used.set(tree.feature(node));
        }
      }
      assertTrue(used.cardinality() <= TREE_FEATURES, "iteration " + it + " split on " + used);
    }
  }
}
