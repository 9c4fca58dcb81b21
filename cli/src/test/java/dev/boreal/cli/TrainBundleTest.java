package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boreal train -p enable_bundle=true} on data whose sparse features never conflict: the model file is the
 * one training without bundles writes, for several objectives, 1, 2 and 3 threads, float and quantized gradients.
 */
class TrainBundleTest {
  @TempDir
  static Path dir;
  static Path oneHot;

  /**
   * Three one-hot groups of 6, 4 and 5 columns (at most one set per row per group), a dense column, and labels
   * that are small whole numbers: every gradient sum of the L2 objective is then exact.
   */
  @BeforeAll
  static void data() throws IOException {
    oneHot = dir.resolve("onehot.csv");
    SplittableRandom random = new SplittableRandom(5);
    int[] groups = {6, 4, 5};
    try (Writer w = Files.newBufferedWriter(oneHot)) {
      StringBuilder header = new StringBuilder("y,cls");
      for (int g = 0; g < groups.length; g++) {
        for (int j = 0; j < groups[g]; j++) {
          header.append(",g").append(g).append('_').append(j);
        }
      }
      w.write(header.append(",dense\n").toString());
      for (int r = 0; r < 2000; r++) {
        StringBuilder row = new StringBuilder();
        int score = 0;
        for (int g = 0; g < groups.length; g++) {
          int pick = random.nextInt(groups[g] + 1);
          for (int j = 0; j < groups[g]; j++) {
            row.append(',').append(j == pick ? 1 : 0);
          }
          score += pick == groups[g] ? 0 : pick;
        }
        int dense = random.nextInt(50);
        score += dense % 3 + random.nextInt(2);
        w.write((score % 2) + "," + (score % 3) + row + "," + dense + "\n");
      }
    }
  }

  private static String train(Path data, String label, String ignore, Path model, String threads, boolean bundle,
      String... params) throws IOException {
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--label", label, "--ignore",
        ignore, "--threads", threads,
        "--log-every", "0", "--model", model.toString(), "-p", "num_iterations=15", "-p", "num_leaves=8",
        "-p", "min_data_in_leaf=5", "-p", "enable_bundle=" + bundle));
    for (String p : params) {
      args.add("-p");
      args.add(p);
    }
    CliRunner r = CliRunner.run(args.toArray(new String[0]));
    assertEquals(0, r.exitCode, r.err);
    return Files.readString(model).replaceFirst("\"num_threads\" : \"\\d\"", "\"num_threads\" : \"n\"");
  }

  @ParameterizedTest
  @CsvSource({
      "objective=regression, false",
      "objective=regression, true",
      "objective=binary, true",
      "objective=multiclass, true",
      "objective=binary, false",
      "objective=multiclass, false"})
  void bundlingLeavesTheModelFileUnchanged(String objective, boolean quantized) throws IOException {
    boolean multiclass = objective.endsWith("multiclass");
    String label = multiclass ? "cls" : "y";
    String ignore = multiclass ? "y" : "cls";
    String[] params = {objective, "use_quantized_grad=" + quantized, multiclass ? "num_class=3" : "seed=3"};
    String plain = train(oneHot, label, ignore, dir.resolve("plain.json"), "1", false, params);
    for (String threads : List.of("1", "2", "3")) {
      assertEquals(plain, train(oneHot, label, ignore, dir.resolve("bundled.json"), threads, true, params),
          objective + ", quantized " + quantized + ", " + threads + " threads");
    }
  }
}
