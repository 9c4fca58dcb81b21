package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table of 20 rows and 100,001 columns: every per-column step of reading, summarising, binning and
 * training setup must be linear in the columns. Looking columns up by name in Arrow's root, or a feature's
 * position in a list, once per column made describe run for minutes; both finish in a few seconds now.
 */
class WideTableTest {
  private static final int FEATURES = 100_000;
  private static final int ROWS = 20;
  /** Generous for a loaded 2-core machine: each command takes 3-5 s of CPU; the quadratic steps took minutes. */
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir static Path dir;
  private static Path wide;

  @BeforeAll
  static void writeWideCsv() throws IOException {
    wide = dir.resolve("wide.csv");
    SplittableRandom random = new SplittableRandom(14);
    try (BufferedWriter w = Files.newBufferedWriter(wide, StandardCharsets.UTF_8)) {
      w.write("y");
      for (int f = 1; f <= FEATURES; f++) {
        w.write(",c" + f);
      }
      w.newLine();
      for (int r = 0; r < ROWS; r++) {
        w.write(Integer.toString(r % 2));
        for (int f = 1; f <= FEATURES; f++) {
          w.write(',');
          w.write(Integer.toString(random.nextInt(10)));
        }
        w.newLine();
      }
    }
  }

  @Test
  void describeFinishesInSeconds() {
    CliRunner r = assertTimeoutPreemptively(BOUND,
        () -> CliRunner.run("describe", "--data", wide.toString(), "--label", "y", "--threads", "2"));
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.startsWith(wide + ": csv, 20 rows, 100001 columns (100000 features: 100000 numeric"),
        r.out.lines().findFirst().orElse(""));
    assertEquals(2 + 1 + FEATURES + 1, r.out.lines().count());
    assertTrue(r.out.lines().anyMatch(l -> l.startsWith("c100000 ") && l.contains(" feature ")), "last column");
  }

  @Test
  void trainFinishesInSeconds() throws IOException {
    Path model = dir.resolve("wide.json");
    CliRunner r = assertTimeoutPreemptively(BOUND, () -> CliRunner.run("train", "--data", wide.toString(),
        "--label", "y", "--model", model.toString(), "--rounds", "3", "--threads", "2",
        "-p", "min_data_in_leaf=2", "-p", "min_sum_hessian_in_leaf=0"));
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("20 rows x 100000 features"), r.out);
    assertTrue(Files.size(model) > 0);
  }
}
