package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.learn.PreparedData;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.objective.Objectives;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.FeatureColumn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model scores raw rows exactly as training scored their bins: the predictor on the file's raw columns
 * equals the training-time scores, and so does a model read back from its file.
 */
class TrainingConsistencyTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"binary", "multiclass", "regression_l1"})
  void predictorOnRawRowsEqualsTrainingScores(String objective) throws IOException {
    Path file = dir.resolve("data.csv");
    SyntheticData.writeCsv(file, 4000, 3);
    Map<String, String> raw = new java.util.HashMap<>(Map.of("objective", objective, "num_iterations", "15",
        "bagging_fraction", "0.6", "bagging_freq", "1", "min_data_per_group", "20", "num_threads", "2"));
    ReadOptions read = ReadOptions.defaults().withLabel(SyntheticData.LABEL);
    if (objective.equals("multiclass")) {
      // The categorical channel is a fine 5-class label.
      raw.put("num_class", "5");
      read = ReadOptions.defaults().withLabel(SyntheticData.CHANNEL).withIgnore(java.util.Set.of(SyntheticData.LABEL));
    }
    Params p = Params.of(raw);
    try (BufferAllocator allocator = new RootAllocator(); Parallel team = new Parallel(2)) {
      PreparedData training;
      try (Datasets.Prepared prepared = Datasets.prepare(Learners.GBDT, file, List.of(), read, p, team, allocator)) {
        training = prepared.data();
      }
      var data = training.binned();
      GradientBoosting.Trained fit = GradientBoosting.fit(data, List.of(), p, training.classes(),
          Objectives.create(objective, Settings.objective(p), data.labels(), data.weights(), data.groupSizes()),
          TrainingListener.NONE);
      Model model = fit.model();
      Path modelFile = dir.resolve("model.json");
      ModelFile.write(model, modelFile);
      Model reread = ModelFile.read(modelFile);
      int n = data.rows();
      int k = model.numOutputs();
      try (Table table = DataReaders.read(file, read, allocator)) {
        List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
        double[] direct = new double[n * k];
        double[] fromFile = new double[n * k];
        model.predictor().predictRaw(columns, direct);
        reread.predictor().predictRaw(columns, fromFile);
        for (int i = 0; i < n; i++) {
          for (int c = 0; c < k; c++) {
            double trained = fit.trainingScores()[c * n + i];
            assertEquals(trained, direct[i * k + c], 1e-12, "row " + i + " output " + c);
            assertEquals(direct[i * k + c], fromFile[i * k + c], 0.0, "model file round trip");
          }
        }
      }
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }
}
