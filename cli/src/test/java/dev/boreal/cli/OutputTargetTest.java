package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output files are checked before any work: a missing folder, a folder or a device as the target is refused
 * in one sentence, exit 1, before training or scoring starts, and the target is left as it was.
 */
class OutputTargetTest {
  @TempDir
  static Path dir;
  static Path train;

  @BeforeAll
  static void data() throws IOException {
    train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 500, 3);
  }

  @Test
  void trainingToAMissingFolderFailsBeforeTraining() {
    Path model = dir.resolve("no-such-folder").resolve("model.json");
    CliRunner r = CliRunner.run("train", "--data", train.toString(), "--label", SyntheticData.LABEL, "--objective",
        "binary", "--rounds", "5", "--model", model.toString());
    assertEquals(1, r.exitCode, r.err);
    assertTrue(r.errIsOneLine() && r.err.contains("cannot write the model: folder " + model.getParent()
        + " does not exist"), r.err);
    assertEquals("", r.out, "nothing was trained");
  }

  @Test
  void aFolderIsNotReplacedByAModel() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("a-folder"));
    CliRunner r = CliRunner.run("train", "--data", train.toString(), "--label", SyntheticData.LABEL, "--objective",
        "binary", "--rounds", "5", "--model", folder.toString());
    assertEquals(1, r.exitCode, r.err);
    assertTrue(r.errIsOneLine() && r.err.contains("it is a folder, and Boreal replaces only regular files"), r.err);
    assertTrue(Files.isDirectory(folder));
    assertEquals("", r.out, "nothing was trained");
  }

  @Test
  void aDeviceIsNotReplacedByPredictions() throws IOException {
    Path model = dir.resolve("model.json");
    assertEquals(0, CliRunner.run("train", "--data", train.toString(), "--label", SyntheticData.LABEL,
        "--objective", "binary", "--rounds", "5", "--model", model.toString()).exitCode);
    Path devNull = Path.of("/dev/null");
    if (!Files.exists(devNull)) {
      return; // no /dev/null on this platform: nothing to protect
    }
    CliRunner r = CliRunner.run("predict", "--model", model.toString(), "--data", train.toString(), "--out",
        devNull.toString());
    assertEquals(1, r.exitCode, r.err);
    assertTrue(r.errIsOneLine() && r.err.contains("not a regular file (a device or a pipe)"), r.err);
    assertFalse(Files.isRegularFile(devNull), "/dev/null is still a device");
  }

  @Test
  void predictionsStreamToStandardOutputWithTheSummaryOnStandardError() throws IOException {
    Path model = dir.resolve("stream-model.json");
    assertEquals(0, CliRunner.run("train", "--data", train.toString(), "--label", SyntheticData.LABEL,
        "--objective", "binary", "--rounds", "5", "--model", model.toString()).exitCode);
    Path file = dir.resolve("stream-pred.csv");
    assertEquals(0, CliRunner.run("predict", "--model", model.toString(), "--data", train.toString(), "--out",
        file.toString()).exitCode);
    CliRunner r = CliRunner.run("predict", "--model", model.toString(), "--data", train.toString(), "--out", "-");
    assertEquals(0, r.exitCode, r.err);
    assertEquals(Files.readString(file), r.out, "standard output holds exactly the CSV file's bytes");
    assertEquals("Wrote 500 predictions to standard output", r.err.strip());
    assertFalse(Files.exists(Path.of("-")), "no file named -");
  }
}
