package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.io.ModelFile;
import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training killed with SIGKILL once it has written a checkpoint, then run again with the same command,
 * resumes the checkpoint and writes the same model file, byte for byte, as a run that was never interrupted
 * (bagging every other iteration, feature sampling and a validation file included).
 */
class TrainKillResumeTest {
  private static final int ITERATIONS = 150;
  @TempDir
  Path dir;

  /** The one command of every run here: the checkpoint is also the input model, so a rerun resumes it. */
  private List<String> command(Path train, Path valid, Path checkpoint, Path model) {
    return List.of("train", "--data", train.toString(), "--valid", valid.toString(), "--label", SyntheticData.LABEL,
        "-p", "objective=binary", "-p", "num_iterations=" + ITERATIONS, "-p", "learning_rate=0.03", "-p",
        "bagging_fraction=0.8", "-p", "bagging_freq=2", "-p", "feature_fraction=0.7", "--threads", "1",
        "--log-every", "0", "--checkpoint", checkpoint.toString(), "--checkpoint-every", "5",
        "-p", "input_model=" + checkpoint, "--model", model.toString());
  }

  @Test
  void aRunKilledAfterACheckpointResumesToTheUninterruptedModelsBytes() throws Exception {
    Path train = dir.resolve("train.csv");
    Path valid = dir.resolve("valid.csv");
    SyntheticData.writeCsv(train, 1000, 7);
    SyntheticData.writeCsv(valid, 200, 8);
    Path checkpoint = dir.resolve("ckpt.json");
    Path model = dir.resolve("model.json");

    Process child = child(command(train, valid, checkpoint, model));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(checkpoint) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(Files.exists(checkpoint), "the child wrote a checkpoint: "
          + Files.readString(dir.resolve("stderr.txt")));
    } finally {
      child.destroyForcibly();
    }
    child.waitFor(30, TimeUnit.SECONDS);
    assertEquals(137, child.exitValue(), "SIGKILL ended the child");
    assertFalse(Files.exists(model), "the killed run wrote no model");
    int reached = ModelFile.read(checkpoint).numIterations();
    assertTrue(reached > 0 && reached < ITERATIONS && reached % 5 == 0, "checkpoint at iteration " + reached);

    CliRunner resumed = CliRunner.run(command(train, valid, checkpoint, model).toArray(new String[0]));
    assertEquals(0, resumed.exitCode, resumed.err);
    assertTrue(resumed.out.startsWith("Resuming checkpoint " + checkpoint + " at iteration "), resumed.out);

    Path uninterrupted = dir.resolve("uninterrupted.json");
    List<String> plain = new ArrayList<>(command(train, valid, checkpoint, uninterrupted));
    plain.subList(plain.indexOf("--checkpoint"), plain.indexOf("--model")).clear();
    CliRunner full = CliRunner.run(plain.toArray(new String[0]));
    assertEquals(0, full.exitCode, full.err);
    assertArrayEquals(Files.readAllBytes(uninterrupted), Files.readAllBytes(model));
  }

  /** {@code boreal} in a child JVM; stdout and stderr go to files in the test folder. */
  private Process child(List<String> args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
  }
}
