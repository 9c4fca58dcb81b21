package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boreal train} says why training ended, and never writes a model whose scores are not finite. */
class TrainStopTest {
  @TempDir Path dir;

  @Test
  void aCompletedRunSaysTheModelKeepsEveryIteration() throws IOException {
    Path train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 2000, 1);
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", "label", "--objective", "binary",
        "--rounds", "7", "--model", dir.resolve("m.json").toString());
    assertEquals(0, t.exitCode, t.err);
    assertTrue(t.out.contains("Trained all 7 iterations; the model keeps every iteration.\n"), t.out);
    assertTrue(t.out.contains("Wrote 7 trees (7 iterations) to "), t.out);
  }

  @Test
  void aRunThatRunsOutOfSplitsSaysWhyAndWhen() throws IOException {
    // Separable classes: once every row is predicted with confidence, no leaf keeps a hessian sum of 1.
    Path train = dir.resolve("separable.csv");
    List<String> lines = new ArrayList<>(List.of("label,x"));
    for (int i = 0; i < 400; i++) {
      lines.add((i < 200 ? 1 : 0) + "," + i);
    }
    Files.write(train, lines);
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", "label", "--objective", "binary",
        "--rounds", "300", "--model", dir.resolve("m.json").toString());
    assertEquals(0, t.exitCode, t.err);
    assertTrue(t.out.contains("Training stopped at iteration 49 of 300: no tree found a split that passes "
        + "min_data_in_leaf, min_sum_hessian_in_leaf and min_gain_to_split (the data is fitted as well as these "
        + "limits allow); the model keeps the 48 iterations before it.\n"), t.out);
    assertTrue(t.out.contains("Wrote 48 trees (48 iterations) to "), t.out);
  }

  @Test
  void scoresThatStopBeingFiniteFailWithExitOneAndNoModel() throws IOException {
    Path train = dir.resolve("huge.csv");
    List<String> lines = new ArrayList<>(List.of("label,x"));
    for (int i = 0; i < 100; i++) {
      lines.add((i % 2 == 0 ? "1.7e308" : "-1.7e300") + "," + i);
    }
    Files.write(train, lines);
    Path model = dir.resolve("m.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", "label", "--objective",
        "regression", "--rounds", "10", "--model", model.toString());
    assertEquals(1, t.exitCode, t.out);
    assertTrue(t.errIsOneLine(), t.err);
    assertTrue(t.err.startsWith("boreal: Training diverged at iteration 1: "), t.err);
    assertTrue(t.err.contains("No model was written"), t.err);
    assertFalse(Files.exists(model), "no model file");
  }
}
