package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.io.SyntheticData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code predict} runs to one {@code --out} at once end with a file equal to one run's complete output. */
class ConcurrentPredictRunsTest {
  @TempDir
  Path dir;

  @Test
  void twoRunsToOneOutEndWithOneCompleteOutput() throws Exception {
    Path train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 500, 1);
    Path data = dir.resolve("score.csv");
    SyntheticData.writeCsv(data, 5_000, 2);
    Path folder = Files.createDirectory(dir.resolve("out"));
    Path out = folder.resolve("pred.csv");
    String[] expected = new String[2];
    String[] models = new String[2];
    for (int m = 0; m < 2; m++) {
      models[m] = dir.resolve("model" + m + ".json").toString();
      assertEquals(0, CliRunner.run("train", "--data", train.toString(), "--label", SyntheticData.LABEL,
          "--objective", "binary", "--rounds", Integer.toString(5 + 10 * m), "--model", models[m]).exitCode);
      Path alone = dir.resolve("alone" + m + ".csv");
      assertEquals(0, CliRunner.run("predict", "--model", models[m], "--data", data.toString(), "--out",
          alone.toString()).exitCode);
      expected[m] = Files.readString(alone);
    }
    assertNotEquals(expected[0], expected[1], "the two runs write different outputs");

    Process[] runs = new Process[2];
    for (int m = 0; m < 2; m++) {
      runs[m] = ChildJvm.start(dir.resolve("run" + m + ".out"), dir.resolve("run" + m + ".err"),
          ChildJvm.command("predict", "--model", models[m], "--data", data.toString(), "--out", out.toString()));
    }
    for (int m = 0; m < 2; m++) {
      assertTrue(runs[m].waitFor(120, TimeUnit.SECONDS), "run " + m + " finished");
      assertEquals(0, runs[m].exitValue(), Files.readString(dir.resolve("run" + m + ".err")));
    }
    String result = Files.readString(out);
    assertTrue(result.equals(expected[0]) || result.equals(expected[1]),
        "the output is one run's whole output (" + result.length() + " characters)");
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(List.of(out), files.toList(), "no temporary file is left");
    }
  }
}
