package dev.boreal.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinnedData;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training facade: the builder checks parameters against the parameter table, and a model fitted
 * through it is the model the engine trains from the same files and parameters, bit for bit.
 */
class TrainerTest {
  @TempDir
  static Path dir;
  static Path train;
  static Path valid;
  static final ReadOptions OPTIONS = ReadOptions.defaults().withLabel(SyntheticData.LABEL).withThreads(2);

  @BeforeAll
  static void data() throws IOException {
    train = dir.resolve("train.csv");
    valid = dir.resolve("valid.csv");
    SyntheticData.writeCsv(train, 3000, 1);
    SyntheticData.writeCsv(valid, 800, 2);
  }

  @Test
  void gradientBoostingEqualsTheEngineOnTheSameParameters() {
    AtomicInteger heard = new AtomicInteger();
    Model model;
    try (Table t = Boreal.read(train, OPTIONS); Table v = Boreal.read(valid, OPTIONS)) {
      model = Boreal.gradientBoosting().objective("binary").numLeaves(15).learningRate(0.2).numIterations(20)
          .param("colsample_bytree", "0.8").threads(2).seed(7)
          .listener((i, total, evaluations) -> heard.incrementAndGet()).build().fit(t, v);
    }
    Params p = Params.of(Map.of("boosting", "gbdt", "objective", "binary", "num_leaves", "15", "learning_rate",
        "0.2", "num_iterations", "20", "feature_fraction", "0.8", "num_threads", "2", "seed", "7"));
    Model expected;
    // The engine's parts by hand: bins fitted on the training table and applied to the validation table,
    // labels 0/1 as read, then boosting; the facade must reach the same trees through the pipeline.
    try (Table t = Boreal.read(train, OPTIONS); Table v = Boreal.read(valid, OPTIONS)) {
      BinnedData bins = BinnedData.fit(t.features(), null, Settings.binning(p));
      TrainingData trainData = new TrainingData("train.csv", bins, t.featureNames(), t.numericColumn(t.labelName()),
          null, null);
      TrainingData validData = new TrainingData("valid.csv", BinnedData.apply(bins.mappers(), v.features(), 2),
          v.featureNames(), v.numericColumn(v.labelName()), null, null);
      expected = GradientBoosting.train(trainData, List.of(validData), p, new String[] {"0", "1"},
          TrainingListener.NONE);
    }
    assertEquals(expected.trees(), model.trees());
    assertEquals(20, heard.get());
    assertEquals(List.of("valid.csv"), List.copyOf(model.evalHistory().keySet()));
    assertArrayEquals(new String[] {"0", "1"}, model.classes());
  }

  @Test
  void zeroAsMissingReachesEveryNumericFeatureThroughTheBuilder() {
    try (Table t = Boreal.read(train, OPTIONS)) {
      Model zeroAsMissing = Boreal.gradientBoosting().objective("binary").numIterations(3).threads(2)
          .param("zero_as_missing", "true").build().fit(t);
      Model plain = Boreal.gradientBoosting().objective("binary").numIterations(3).threads(2).build().fit(t);
      assertTrue(zeroAsMissing.mappers().stream().anyMatch(m -> m.isCategorical()), "the data has a category");
      for (int f = 0; f < zeroAsMissing.numFeatures(); f++) {
        assertEquals(!zeroAsMissing.mapper(f).isCategorical(), zeroAsMissing.mapper(f).zeroIsMissing(), "feature " + f);
        assertFalse(plain.mapper(f).zeroIsMissing(), "feature " + f);
      }
    }
  }

  @Test
  void forestsAndNeuralNetsTrainThroughTheSameBuilder() {
    try (Table t = Boreal.read(train, OPTIONS)) {
      Model forest = Boreal.randomForest().objective("binary").numIterations(5).maxDepth(6).threads(2).build().fit(t);
      assertEquals("rf", forest.algorithm());
      assertEquals(Model.Ensemble.AVERAGE, forest.ensemble());
      MlpModel mlp = Boreal.mlp().objective("binary").param("hidden", "8").param("max_epochs", "2").threads(2)
          .build().fit(t);
      assertEquals("mlp", mlp.algorithm());
      assertEquals(SyntheticData.numericFeatureNames().length + 1, mlp.featureNames().size());
      MlpModel transformer = Boreal.ftTransformer().objective("binary").param("d_token", "4").param("n_heads", "2")
          .param("n_blocks", "1").param("max_epochs", "1").threads(2).build().fit(t);
      assertEquals("ft-transformer", transformer.algorithm());
    }
  }

  @Test
  void theBuilderRejectsBadParametersWithOneSentence() {
    UsageException e = assertThrows(UsageException.class,
        () -> Boreal.gradientBoosting().param("num_leavs", "3").build());
    assertTrue(e.getMessage().contains("num_leaves"), e.getMessage());
    e = assertThrows(UsageException.class, () -> Boreal.gradientBoosting().learningRate(-1).build());
    assertTrue(e.getMessage().contains("learning_rate"), e.getMessage());
  }

  @Test
  void aSavedModelLoadsFromAPathAndAStreamAndScoresTheSame() throws IOException {
    Model model;
    try (Table t = Boreal.read(train, OPTIONS)) {
      model = Boreal.gradientBoosting().objective("binary").numIterations(5).threads(2).build().fit(t);
    }
    Path file = dir.resolve("model.json");
    Boreal.save(model, file);
    Model fromPath = Boreal.load(file);
    Model fromStream;
    try (InputStream in = Files.newInputStream(file)) {
      fromStream = Boreal.load(in);
    }
    assertEquals(model.trees(), fromPath.trees());
    assertEquals(model.trees(), fromStream.trees());
  }

  @Test
  void aBoostingParameterMustNameTheBuildersAlgorithm() {
    UsageException e = assertThrows(UsageException.class,
        () -> Boreal.gradientBoosting().param("boosting", "mlp").build());
    assertEquals("boosting=mlp asks for another algorithm than this gbdt trainer; build it with Boreal.mlp() "
        + "instead.", e.getMessage());
    assertThrows(UsageException.class, () -> Boreal.mlp().param("boosting_type", "rf").build());
    assertEquals("mlp", Boreal.mlp().param("algorithm", "MLP").build().params().getString("boosting"));
    assertEquals("rf", Boreal.randomForest().build().params().getString("boosting"));
    assertEquals("boosting=ft-transformer asks for another algorithm than this mlp trainer; build it with "
        + "Boreal.ftTransformer() instead.", assertThrows(UsageException.class,
            () -> Boreal.mlp().param("boosting", "ft_transformer").build()).getMessage());
  }
}
