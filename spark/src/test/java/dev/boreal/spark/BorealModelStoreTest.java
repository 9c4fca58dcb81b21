package dev.boreal.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.engine.model.Model;
import dev.boreal.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ML persistence: save and load give the same model, and the saved model file is an ordinary Boreal one. */
class BorealModelStoreTest {
  @TempDir
  Path dir;

  @Test
  void regressorSavesLoadsAndItsModelFileReadsInTheIoModule() throws Exception {
    double[][] x = SparkTestData.features(1500, 5);
    double[] y = SparkTestData.labels(x, "regression", 5);
    Dataset<Row> data = SparkTestData.frame(x, y, 2);
    BorealRegressionModel model = new BorealRegressor().setNumIterations(6).setNumLeaves(6).setNumThreads(1)
        .setPredictionCol("yhat").fit(data);
    String path = dir.resolve("regressor").toString();
    model.write().save(path);
    BorealRegressionModel loaded = BorealRegressionModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertEquals("yhat", loaded.getPredictionCol());
    double[] expected = BorealClassifierTest.raw(model.borealModel(), x);
    assertArrayEquals(expected, BorealClassifierTest.raw(loaded.borealModel(), x), 0.0);
    Path file = Path.of(ModelStore.modelFile(path));
    assertEquals(true, Files.isRegularFile(file));
    Model read = ModelFile.read(file);
    assertEquals("regression", read.objective());
    assertArrayEquals(expected, BorealClassifierTest.raw(read, x), 0.0);
    // The Spark prediction is the model's: identity link for regression.
    double first = loaded.transform(SparkTestData.frame(x, y, 1)).select("features", "yhat").collectAsList().stream()
        .mapToDouble(r -> r.getDouble(1)).sum();
    double sum = 0;
    for (double v : expected) {
      sum += v;
    }
    assertEquals(sum, first, 1e-9 * x.length);
  }

  @Test
  void aPipelineWithTheClassifierSavesAndLoads() throws Exception {
    double[][] x = SparkTestData.features(1200, 9);
    double[] y = SparkTestData.labels(x, "binary", 9);
    Dataset<Row> data = SparkTestData.frame(x, y, 2);
    PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {
        new BorealClassifier().setNumIterations(4).setNumLeaves(4).setNumThreads(1)}).fit(data);
    String path = dir.resolve("pipeline").toString();
    pipeline.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    Model before = ((BorealClassificationModel) pipeline.stages()[0]).borealModel();
    Model after = ((BorealClassificationModel) loaded.stages()[0]).borealModel();
    assertArrayEquals(BorealClassifierTest.raw(before, x), BorealClassifierTest.raw(after, x), 0.0);
  }
}
