package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small files that used to cost gigabytes: refused in one sentence that names the option to allow them. */
class InputBoundsTest {
  @TempDir Path dir;

  @Test
  void aLibSvmFileNamingIndexTenMillionIsRefusedBeforeAnyWork() throws IOException {
    Path file = dir.resolve("huge.svm");
    Files.writeString(file, "1 1:0.5 2:1\n0 1:1 10000000:2\n", StandardCharsets.UTF_8);
    Path model = dir.resolve("m.json");
    CliRunner r = CliRunner.run("train", "--data", file.toString(), "--model", model.toString());
    assertEquals(1, r.exitCode, r.err);
    assertTrue(r.errIsOneLine(), r.err);
    assertTrue(r.err.contains(file + ": line 2: feature index 10000000 makes 10000000 columns"), r.err);
    assertTrue(r.err.contains("give --max-columns 10000000"), r.err);
    assertFalse(Files.exists(model));
  }

  @Test
  void maxColumnsMustBePositive() throws IOException {
    Path file = dir.resolve("a.csv");
    Files.writeString(file, "a,b\n1,2\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("describe", "--data", file.toString(), "--max-columns", "-1");
    assertEquals(2, r.exitCode, r.err);
    assertTrue(r.errIsOneLine() && r.err.contains("--max-columns"), r.err);
  }
}
