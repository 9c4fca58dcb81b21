package dev.boreal.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.boreal.UsageException;
import dev.boreal.engine.model.Model;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code input_model} through the Java API: a trainer continues a saved model on other data (so other bins),
 * taking the model's objective, and the continued model's first iterations score exactly as the saved model;
 * a forest refuses to continue.
 */
class TrainerContinuationTest {
  @TempDir
  static Path dir;
  static Path first;
  static Path second;
  static Path saved;
  static final ReadOptions OPTIONS = ReadOptions.defaults().withLabel(SyntheticData.LABEL).withThreads(2);

  @BeforeAll
  static void data() throws IOException {
    first = dir.resolve("first.csv");
    second = dir.resolve("second.csv");
    saved = dir.resolve("first.json");
    SyntheticData.writeCsv(first, 1500, 1);
    SyntheticData.writeCsv(second, 900, 2);
    try (Table t = Boreal.read(first, OPTIONS)) {
      Boreal.save(Boreal.gradientBoosting().objective("binary").numIterations(8).threads(2).build().fit(t), saved);
    }
  }

  @Test
  void aTrainerContinuesASavedModelWhoseTreesScoreAsBefore() {
    Model before = Boreal.load(saved);
    try (Table t = Boreal.read(second, OPTIONS)) {
      Model continued = Boreal.gradientBoosting().inputModel(saved).numIterations(4).threads(2).build().fit(t);
      assertEquals(12, continued.numIterations());
      assertEquals("binary", continued.objective(), "the model's objective when none is given");
      assertFalse(continued.params().containsKey("input_model"), "a model file does not record where it started");
      assertNotEquals(before.mappers(), continued.mappers(), "the new data was binned otherwise");
      double[] expected = new double[t.rowCount()];
      double[] actual = new double[t.rowCount()];
      before.predictor(8).predictRaw(t.features(), expected);
      continued.predictor(8).predictRaw(t.features(), actual);
      assertArrayEquals(expected, actual);
    }
  }

  @Test
  void aForestDoesNotContinueAModel() {
    try (Table t = Boreal.read(second, OPTIONS)) {
      Trainer<Model> forest = Boreal.randomForest().param("init_model", saved.toString()).build();
      assertEquals("input_model continues gradient boosting only (gbdt); rf trains from scratch.",
          assertThrows(UsageException.class, () -> forest.fit(t)).getMessage());
    }
  }
}
