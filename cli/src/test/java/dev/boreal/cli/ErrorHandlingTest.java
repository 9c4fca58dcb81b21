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

class ErrorHandlingTest {
  @TempDir Path dir;

  @Test
  void helpExitsZero() {
    CliRunner r = CliRunner.run("--help");
    assertEquals(0, r.exitCode);
    assertTrue(r.out.contains("describe") && r.out.contains("demo"), r.out);
  }

  @Test
  void missingFileIsADataErrorInOneLine() {
    Path missing = dir.resolve("nope.csv");
    CliRunner r = CliRunner.run("describe", "--data", missing.toString());
    assertEquals(1, r.exitCode);
    assertTrue(r.errIsOneLine(), r.err);
    assertTrue(r.err.contains(missing.toString()) && r.err.contains("no such file"), r.err);
  }

  @Test
  void unknownFormatIsAUsageError() throws IOException {
    Path file = dir.resolve("a.csv");
    Files.writeString(file, "a,b\n1,2\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("describe", "--data", file.toString(), "--format", "xlsx");
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine(), r.err);
    assertTrue(r.err.contains("--format 'xlsx'"), r.err);
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRunner r = CliRunner.run("describe", "--data", "x.csv", "--frobnicate");
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine(), r.err);
    assertTrue(r.err.contains("--frobnicate"), r.err);
  }

  @Test
  void badDelimiterIsAUsageError() throws IOException {
    Path file = dir.resolve("a.csv");
    Files.writeString(file, "a,b\n1,2\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("describe", "--data", file.toString(), "--delimiter", "ab");
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("--delimiter"), r.err);
  }

  @Test
  void threadsBelowOneIsAUsageError() throws IOException {
    Path file = dir.resolve("a.csv");
    Files.writeString(file, "a,b\n1,2\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("describe", "--data", file.toString(), "--threads", "0");
    assertEquals(2, r.exitCode, r.err);
    assertTrue(r.errIsOneLine() && r.err.contains("--threads must be at least 1"), r.err);
    for (String command : new String[] {"drift", "profile", "importance", "explain"}) {
      CliRunner c = command.equals("explain")
          ? CliRunner.run(command, "--model", dir.resolve("absent.json").toString(), "--data", file.toString(),
              "--out", dir.resolve("shap.csv").toString(), "--threads", "0")
          : CliRunner.run(command, "--model", dir.resolve("absent.json").toString(), "--data", file.toString(),
              "--threads", "0");
      assertEquals(2, c.exitCode, command + ": " + c.err);
      assertEquals("boreal: --threads must be at least 1; got 0.\n", c.err, command);
    }
  }

  @Test
  void verboseAddsTheStackTrace() {
    CliRunner r = CliRunner.run("describe", "--verbose", "--data", dir.resolve("nope.csv").toString());
    assertEquals(1, r.exitCode);
    assertTrue(r.err.contains("\tat "), r.err);
  }

  /**
   * Running out of memory is one sentence naming the heap and how to raise it, exit 1, no stack trace: a
   * LibSVM file naming feature 10,000,000, read with --max-columns allowing its ten million columns, in a JVM of
   * 64 MB.
   */
  @Test
  void outOfMemoryIsOneSentenceWithTheFlagToRaiseIt() throws Exception {
    Path file = dir.resolve("huge.svm");
    Files.writeString(file, "1 1:0.5 10000000:1\n0 2:0.1 3:0.3\n1 1:0.2\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx64m", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "describe", "--data", file.toString(),
        "--max-columns", "10000000")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.waitFor(), output);
    assertEquals(1, output.strip().lines().count(), output);
    assertTrue(output.startsWith("boreal: out of memory (the Java heap may grow to ")
        && output.contains("BOREAL_JAVA_OPTS=-Xmx8g"), output);
  }

  @Test
  void outOfMemoryIsFoundAmongTheCauses() {
    assertTrue(Main.isOutOfMemory(new IllegalStateException(new RuntimeException(new OutOfMemoryError()))));
    assertFalse(Main.isOutOfMemory(new IllegalStateException(new RuntimeException("disk full"))));
  }
}
