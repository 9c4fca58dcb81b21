package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranking with LightGBM's {@code .query} files: a validation file takes the group file beside it. */
class TrainGroupFileTest {
  @TempDir Path dir;

  /** Writes {@code groups} queries of 5 to 12 rows (LibSVM, relevance 0–3 rising with feature 1) and its .query. */
  private Path rankingFile(String name, int groups, long seed) throws IOException {
    Random random = new Random(seed);
    List<String> rows = new ArrayList<>();
    List<String> sizes = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      int size = 5 + random.nextInt(8);
      sizes.add(Integer.toString(size));
      for (int i = 0; i < size; i++) {
        double x = random.nextDouble();
        int relevance = (int) Math.min(3, Math.floor(4 * x + 0.3 * random.nextGaussian()));
        rows.add(Math.max(0, relevance) + " 1:" + x + " 2:" + random.nextDouble());
      }
    }
    Path file = dir.resolve(name);
    Files.write(file, rows);
    Files.write(dir.resolve(name + ".query"), sizes);
    return file;
  }

  @Test
  void aValidationFileTakesTheQueryFileBesideIt() throws IOException {
    Path train = rankingFile("rank.train", 60, 1);
    Path valid = rankingFile("rank.test", 15, 2);
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--format", "libsvm", "--group-file",
        train + ".query", "--valid", valid.toString(), "--objective", "lambdarank", "--rounds", "20",
        "-p", "metric=ndcg@5", "--model", dir.resolve("m.json").toString());
    assertEquals(0, t.exitCode, t.err);
    String line = t.out.lines().filter(l -> l.contains("rank.test ndcg@5 at iteration 20")).findFirst()
        .orElseThrow(() -> new AssertionError(t.out));
    double ndcg = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    assertTrue(ndcg > 0.9 && ndcg <= 1.0, "relevance follows feature 1 closely, so NDCG@5 is high: " + line);
  }

  @Test
  void aValidationFileWithoutAQueryFileIsRefusedInOneSentence() throws IOException {
    Path train = rankingFile("rank.train", 30, 1);
    Path valid = rankingFile("other.test", 10, 2);
    Files.delete(dir.resolve("other.test.query"));
    Path model = dir.resolve("m.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--format", "libsvm", "--group-file",
        train + ".query", "--valid", valid.toString(), "--objective", "lambdarank", "--rounds", "5",
        "--model", model.toString());
    assertEquals(1, t.exitCode, t.err);
    assertEquals("boreal: " + valid + ": a validation file needs its own query groups when --group-file gives the "
        + "training file's; expected them in " + valid + ".query (one group size per line, LightGBM's "
        + "convention), which does not exist.\n", t.err);
    assertFalse(Files.exists(model), "no model is written");
  }
}
