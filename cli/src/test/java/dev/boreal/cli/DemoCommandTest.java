package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void demoDescribesTrainsEvaluatesAndPredicts() throws IOException {
    CliRunner r = CliRunner.run("demo", "--rows", "3000", "--out", dir.toString());
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("3,000 rows") && r.out.contains("channel"), "describe ran: " + r.out);
    assertTrue(r.out.contains("$ boreal train") && r.out.contains("auc"), "train ran: " + r.out);
    assertTrue(Files.exists(dir.resolve("model.json")));
    assertEquals(601, Files.readAllLines(dir.resolve("predictions.csv")).size());
    assertTrue(r.out.contains("--algorithm rf") && r.out.contains("oob auc at iteration 100")
        && Files.exists(dir.resolve("forest.json")), "the forest was trained: " + r.out);
    assertTrue(r.out.contains("$ boreal compare") && Files.readString(dir.resolve("compare.md")).contains("| mlp |"),
        "compare ran: " + r.out);
    assertTrue(Files.readString(dir.resolve("report.html")).contains("<svg")
        && r.out.contains("Explanation report: " + dir.resolve("report.html").toUri()), "explain ran: " + r.out);
  }

  @Test
  void tooFewRowsIsAUsageError() {
    CliRunner r = CliRunner.run("demo", "--rows", "5", "--out", dir.toString());
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("--rows"), r.err);
  }
}
