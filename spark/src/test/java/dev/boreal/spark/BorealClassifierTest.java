package dev.boreal.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinnedData;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Training and scoring on a local[2] session: Pipeline use, agreement with the engine, partition independence. */
class BorealClassifierTest {
  private static final int ROWS = 2000;

  private static BorealClassifier classifier() {
    return new BorealClassifier().setNumIterations(8).setNumLeaves(8).setLearningRate(0.3).setMinDataInLeaf(10)
        .setNumThreads(1);
  }

  @Test
  void pipelineFitsAndTransformsWithProbabilities() {
    double[][] x = SparkTestData.features(ROWS, 7);
    double[] y = SparkTestData.labels(x, "binary", 7);
    Dataset<Row> data = SparkTestData.frame(x, y, 3);
    PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {classifier()}).fit(data);
    List<Row> out = pipeline.transform(data).select("label", "prediction", "probability").collectAsList();
    int right = 0;
    for (Row row : out) {
      Vector p = (Vector) row.get(2);
      assertEquals(1.0, p.apply(0) + p.apply(1), 1e-12);
      assertEquals(p.apply(1) > 0.5 ? 1.0 : 0.0, row.getDouble(1));
      right += row.getDouble(0) == row.getDouble(1) ? 1 : 0;
    }
    // The labels are the signal plus noise of sd 0.5: a fitted model gets well over 80% of training rows right.
    assertTrue(right > 0.8 * ROWS, right + " of " + ROWS + " right");
    BorealClassificationModel model = (BorealClassificationModel) pipeline.stages()[0];
    // The NominalAttribute on the vector's last slot made that feature categorical.
    assertTrue(model.borealModel().mapper(4).isCategorical());
    assertEquals(List.of("x0", "x1", "x2", "x3", "colour"), model.borealModel().featureNames());
  }

  @Test
  void multiclassSparkScoresEqualTheBorealPredictorsAndOneMachine() {
    double[][] x = SparkTestData.features(ROWS, 11);
    double[] y = SparkTestData.labels(x, "multiclass", 11);
    BorealClassificationModel model = classifier().fit(SparkTestData.frame(x, y, 2));
    assertEquals(3, model.numClasses());
    Predictor predictor = model.borealModel().predictor();
    List<Row> out = model.setContributionsCol("shap").transform(SparkTestData.frame(x, y, 1))
        .select("features", "probability", "rawPrediction", "shap").collectAsList();
    double[] expected = new double[3];
    int width = SparkTestData.FEATURES + 1;
    for (Row row : out) {
      predictor.predict(((Vector) row.get(0)).toArray(), expected);
      assertArrayEquals(expected, ((Vector) row.get(1)).toArray(), 0.0);
      // TreeSHAP: per class, the contributions and the bias add up to the raw score.
      double[] shap = ((Vector) row.get(3)).toArray();
      assertEquals(3 * width, shap.length);
      for (int c = 0; c < 3; c++) {
        double sum = 0;
        for (int j = 0; j < width; j++) {
          sum += shap[c * width + j];
        }
        assertEquals(((Vector) row.get(2)).apply(c), sum, 1e-9);
      }
    }
    Params params = Params.of(Map.of("objective", "multiclass", "num_class", "3", "num_iterations", "8",
        "num_leaves", "8", "learning_rate", "0.3", "min_data_in_leaf", "10", "num_threads", "1"));
    Model local = GradientBoosting.train(trainingData(model.borealModel(), x, y, null), List.of(), params,
        new String[] {"0", "1", "2"}, TrainingListener.NONE);
    assertArrayEquals(raw(local, x), raw(model.borealModel(), x), 1e-9);
  }

  @Test
  void oneThreeAndEightPartitionsGiveTheSameModelAsOneMachine() {
    double[][] x = SparkTestData.features(ROWS, 3);
    double[] y = SparkTestData.labels(x, "binary", 3);
    Model one = classifier().fit(SparkTestData.frame(x, y, 1)).borealModel();
    Model three = classifier().fit(SparkTestData.frame(x, y, 3)).borealModel();
    Model eight = classifier().fit(SparkTestData.frame(x, y, 8)).borealModel();
    Model local = singleMachine(one, x, y);
    assertEquals(one.mappers(), local.mappers());
    double[] expected = raw(local, x);
    // Float histograms summed over partitions in another order differ in the last bits; quantized gradients
    // (integer sums) would make them identical.
    assertArrayEquals(expected, raw(one, x), 1e-9);
    assertArrayEquals(expected, raw(three, x), 1e-9);
    assertArrayEquals(expected, raw(eight, x), 1e-9);
  }

  @Test
  void weightedRegressionOnThreePartitionsEqualsOneMachine() {
    double[][] x = SparkTestData.features(1500, 13);
    double[] y = SparkTestData.labels(x, "regression", 13);
    double[] w = new double[x.length];
    for (int r = 0; r < w.length; r++) {
      w[r] = 0.5 + (r % 4);
    }
    Model spark = new BorealRegressor().setNumIterations(5).setNumLeaves(6).setMinDataInLeaf(10).setNumThreads(1)
        .setWeightCol("weight").fit(SparkTestData.frame(x, y, w, 3)).borealModel();
    Params params = Params.of(Map.of("objective", "regression", "num_iterations", "5", "num_leaves", "6",
        "min_data_in_leaf", "10", "num_threads", "1"));
    Model local = GradientBoosting.train(trainingData(spark, x, y, w), List.of(), params, null,
        TrainingListener.NONE);
    assertArrayEquals(raw(local, x), raw(spark, x), 1e-9);
  }

  @Test
  void pathSmoothingOnThreePartitionsEqualsOneMachine() {
    Model spark = threePartitionsWith(r -> r.setPathSmooth(8), "path_smooth", "8", 17);
    assertEquals("8.0", spark.params().get("path_smooth"), "the model records the smoothing it was trained with");
  }

  @Test
  void maxDeltaStepOnThreePartitionsEqualsOneMachine() {
    Model spark = threePartitionsWith(r -> r.setMaxDeltaStep(0.05), "max_delta_step", "0.05", 19);
    assertEquals("0.05", spark.params().get("max_delta_step"), "the model records the cap it was trained with");
    for (Tree tree : spark.trees()) {
      for (int leaf = 0; leaf < tree.numLeaves(); leaf++) {
        assertTrue(Math.abs(tree.leafValue(leaf)) <= 0.05 * 0.1 + 1e-15, "leaf " + tree.leafValue(leaf)
            + " is within the cap times the learning rate");
      }
    }
  }

  /**
   * A five-iteration regressor with one tree parameter set by {@code set} (LightGBM's {@code name} at
   * {@code value}), trained on three partitions of 1,500 rows: as {@link #threePartitionsWith(UnaryOperator, Map,
   * Map, long)} against one machine with {@code name} at 0.
   */
  private static Model threePartitionsWith(UnaryOperator<BorealRegressor> set, String name, String value,
      long seed) {
    return threePartitionsWith(set, Map.of(name, value), Map.of(name, "0"), seed);
  }

  /**
   * A five-iteration regressor with the parameters {@code set} sets (LightGBM's {@code given}), trained on three
   * partitions of 1,500 rows: asserts that it scores as one machine trained with {@code given} does (within 1e-9),
   * and that the parameters matter (some score moves by more than 1e-3 from one machine's model trained with
   * {@code given} overridden by {@code without}). Returns the Spark-trained model.
   */
  static Model threePartitionsWith(UnaryOperator<BorealRegressor> set, Map<String, String> given,
      Map<String, String> without, long seed) {
    double[][] x = SparkTestData.features(1500, seed);
    double[] y = SparkTestData.labels(x, "regression", seed);
    Model spark = set.apply(new BorealRegressor().setNumIterations(5).setNumLeaves(6).setMinDataInLeaf(10)
        .setNumThreads(1)).fit(SparkTestData.frame(x, y, 3)).borealModel();
    Params params = Params.of(Map.of("objective", "regression", "num_iterations", "5", "num_leaves", "6",
        "min_data_in_leaf", "10", "num_threads", "1"));
    for (Map.Entry<String, String> e : given.entrySet()) {
      params = params.with(e.getKey(), e.getValue());
    }
    Model local = GradientBoosting.train(trainingData(spark, x, y, null), List.of(), params, null,
        TrainingListener.NONE);
    assertArrayEquals(raw(local, x), raw(spark, x), 1e-9);
    Params other = params;
    for (Map.Entry<String, String> e : without.entrySet()) {
      other = other.with(e.getKey(), e.getValue());
    }
    double[] with = raw(spark, x);
    double[] unchanged = raw(GradientBoosting.train(trainingData(spark, x, y, null), List.of(), other, null,
        TrainingListener.NONE), x);
    double largest = 0;
    for (int r = 0; r < with.length; r++) {
      largest = Math.max(largest, Math.abs(with[r] - unchanged[r]));
    }
    assertTrue(largest > 1e-3, given + " changes the scores against " + without + " (largest difference "
        + largest + ")");
    return spark;
  }

  /** The same parameters and bins, trained by the engine's single-machine GradientBoosting. */
  private static Model singleMachine(Model spark, double[][] x, double[] y) {
    TrainingData data = trainingData(spark, x, y, null);
    Params params = Params.of(Map.of("objective", "binary", "num_iterations", "8", "num_leaves", "8",
        "learning_rate", "0.3", "min_data_in_leaf", "10", "num_threads", "1"));
    return GradientBoosting.train(data, List.of(), params, new String[] {"0", "1"}, TrainingListener.NONE);
  }

  /** The rows binned with the Spark model's bins. */
  static TrainingData trainingData(Model spark, double[][] x, double[] y, double[] weights) {
    double[][] columns = new double[SparkTestData.FEATURES][x.length];
    for (int r = 0; r < x.length; r++) {
      for (int f = 0; f < SparkTestData.FEATURES; f++) {
        columns[f][r] = x[r][f];
      }
    }
    return new TrainingData("training", BinnedData.applyValues(spark.mappers(), columns, x.length),
        spark.featureNames(), y, weights, null);
  }

  static double[] raw(Model model, double[][] x) {
    Predictor p = model.predictor();
    double[] out = new double[x.length * p.numOutputs()];
    double[] one = new double[p.numOutputs()];
    for (int r = 0; r < x.length; r++) {
      p.predictRaw(x[r], one);
      System.arraycopy(one, 0, out, r * one.length, one.length);
    }
    return out;
  }
}
