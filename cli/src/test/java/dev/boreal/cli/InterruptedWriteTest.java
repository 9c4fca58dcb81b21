package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped by SIGTERM while writing its output removes the temporary file, leaves the earlier file as it
 * was and says so in one line, as does a run stopped before it writes; a write the system refuses (here a file-size limit, as a full disk would) fails
 * the command the same way.
 */
class InterruptedWriteTest {
  @TempDir
  static Path dir;
  static Path train;
  static Path data;
  static Path model;

  /** A model of 300 small trees, so that {@code --leaf-index} makes a large output (about 12 MB). */
  @BeforeAll
  static void modelAndData() throws IOException {
    train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 500, 1);
    data = dir.resolve("score.csv");
    SyntheticData.writeCsv(data, 20_000, 2);
    model = dir.resolve("model.json");
    CliRunner r = CliRunner.run("train", "--data", train.toString(), "--label", SyntheticData.LABEL,
        "--objective", "binary", "--rounds", "300", "--num-leaves", "4", "--model", model.toString());
    assertEquals(0, r.exitCode, r.err);
  }

  @Test
  void sigtermMidWriteRemovesTheTemporaryFileAndKeepsTheOldTarget() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("sigterm"));
    Path out = Files.writeString(folder.resolve("pred.csv"), "old predictions\n");
    Path err = dir.resolve("sigterm.err");
    Process p = ChildJvm.start(dir.resolve("sigterm.out"), err, ChildJvm.command("predict", "--model",
        model.toString(), "--data", data.toString(), "--out", out.toString(), "--leaf-index"));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (temporaryFiles(folder).isEmpty()) {
        if (!p.isAlive()) {
          fail("predict ended (exit " + p.exitValue() + ") before it was seen writing: " + Files.readString(err));
        }
        if (System.nanoTime() > deadline) {
          fail("predict did not start writing within 120 s");
        }
        Thread.sleep(2);
      }
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "predict stopped");
    } finally {
      p.destroyForcibly();
    }
    assertNotEquals(0, p.exitValue());
    assertEquals("boreal: interrupted; removed the unfinished " + out + " (an earlier file there is kept as it "
        + "was).\n", Files.readString(err));
    assertEquals(List.of(), temporaryFiles(folder));
    assertEquals("old predictions\n", Files.readString(out));
  }

  @Test
  void sigtermBeforeAnyWriteSaysTheRunWasInterrupted() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("training"));
    Path out = dir.resolve("training.out");
    Path err = dir.resolve("training.err");
    Process p = ChildJvm.start(out, err, ChildJvm.command("train", "--data", data.toString(), "--label",
        SyntheticData.LABEL, "--objective", "binary", "--rounds", "1000", "--model",
        folder.resolve("model.json").toString()));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.readString(out).startsWith("Training binary")) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          fail("train did not start training: " + Files.readString(err));
        }
        Thread.sleep(2);
      }
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "train stopped");
    } finally {
      p.destroyForcibly();
    }
    assertNotEquals(0, p.exitValue());
    assertEquals("boreal: interrupted before the command finished; no output was left half-written.\n",
        Files.readString(err));
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(List.of(), files.toList(), "no model and no temporary file");
    }
  }

  @Test
  void aWriteTheSystemRefusesFailsTheCommandAndKeepsTheOldTarget() throws Exception {
    Path sh = Path.of("/bin/sh");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(sh), "no /bin/sh to set a file-size limit");
    Path folder = Files.createDirectory(dir.resolve("limit"));
    Path out = Files.writeString(folder.resolve("pred.csv"), "old predictions\n");
    Path err = dir.resolve("limit.err");
    // 200 blocks of 512 or 1024 bytes: less than the output (500 rows of 300 leaf indices). The JVM ignores
    // SIGXFSZ, so the write fails with EFBIG ("File too large"), as it would with ENOSPC on a full disk.
    String java = String.join(" ", ChildJvm.command("predict", "--model", model.toString(), "--data",
        train.toString(), "--out", out.toString(), "--leaf-index").stream().map(a -> "'" + a + "'").toList());
    Process p = ChildJvm.start(dir.resolve("limit.out"), err, List.of(sh.toString(), "-c",
        "ulimit -f 200 && exec " + java));
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "predict finished");
    assertEquals(1, p.exitValue(), Files.readString(err));
    assertEquals("boreal: " + out + ": cannot write the table: file too large (the file already there is kept as "
        + "it was).\n", Files.readString(err));
    assertEquals(List.of(), temporaryFiles(folder));
    assertEquals("old predictions\n", Files.readString(out));
  }

  private static List<Path> temporaryFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().startsWith(".pred.csv.")).toList();
    }
  }
}
