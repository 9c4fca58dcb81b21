package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.HistogramBuilder;
import dev.boreal.histogram.WorkerTeam;
import dev.boreal.io.DataReaders;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boreal train -p enable_bundle=true} on data whose sparse features never conflict: the model file is the
 * one training without bundles writes, for several objectives, 1, 2 and 3 threads, float and quantized gradients.
 */
class TrainBundleTest {
  private static final int PLAIN_AGARICUS_COLUMNS = 116;
  private static final int BUNDLED_AGARICUS_COLUMNS = 26;
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
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--label", label,
        "--threads", threads,
        "--log-every", "0", "--model", model.toString(), "-p", "num_iterations=15", "-p", "num_leaves=8",
        "-p", "min_data_in_leaf=5", "-p", "enable_bundle=" + bundle));
    if (!ignore.isEmpty()) {
      args.addAll(List.of("--ignore", ignore));
    }
    for (String p : params) {
      args.add("-p");
      args.add(p);
    }
    CliRunner r = CliRunner.run(args.toArray(new String[0]));
    assertEquals(0, r.exitCode, r.err);
    return Files.readString(model).replaceFirst("\"num_threads\" : \"\\d\"", "\"num_threads\" : \"n\"");
  }

  /** A numeric array of a model file: compared as numbers, the rest of the file as text. */
  private static final Pattern SUMS = Pattern.compile("\"(\\w+)\" : \\[([-+.0-9Ee,]+)\\]");

  private static void assertSameTrees(String expected, String actual, String what) {
    assertEquals(SUMS.matcher(expected).replaceAll("$1"), SUMS.matcher(actual).replaceAll("$1"), what);
    Matcher e = SUMS.matcher(expected);
    Matcher a = SUMS.matcher(actual);
    while (e.find() && a.find()) {
      String[] ev = e.group(2).split(",");
      String[] av = a.group(2).split(",");
      for (int i = 0; i < ev.length; i++) {
        double x = Double.parseDouble(ev[i]);
        assertEquals(x, Double.parseDouble(av[i]), 1e-9 * Math.max(1, Math.abs(x)), what + ", " + e.group(1));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"objective=regression", "objective=binary", "objective=multiclass"})
  void quantizedBundlingLeavesTheModelFileUnchanged(String objective) throws IOException {
    String[] labels = labels(objective);
    String[] params = {objective, "use_quantized_grad=true", extra(objective)};
    String plain = train(oneHot, labels[0], labels[1], dir.resolve("plain.json"), "1", false, params);
    for (String threads : List.of("1", "2", "3")) {
      assertEquals(plain, train(oneHot, labels[0], labels[1], dir.resolve("bundled.json"), threads, true, params),
          objective + ", " + threads + " threads");
    }
  }

  /**
   * Float gradients: the same trees (features, thresholds, row counts, every other field), with each number
   * (gains, leaf values, hessian sums, the calibration edges and SHAP summaries that follow from them) equal to
   * 1e-9 relative: a bundled feature's most frequent bin is a subtraction, which rounds differently.
   */
  @ParameterizedTest
  @CsvSource({"objective=regression", "objective=binary", "objective=multiclass"})
  void floatBundlingGrowsTheSameTrees(String objective) throws IOException {
    String[] labels = labels(objective);
    String[] params = {objective, extra(objective)};
    String plain = train(oneHot, labels[0], labels[1], dir.resolve("plain.json"), "1", false, params);
    for (String threads : List.of("1", "2", "3")) {
      assertSameTrees(plain, train(oneHot, labels[0], labels[1], dir.resolve("bundled.json"), threads, true, params),
          objective + ", " + threads + " threads");
    }
  }

  /** The label column and the column to ignore. */
  private static String[] labels(String objective) {
    return objective.endsWith("multiclass") ? new String[] {"cls", "y"} : new String[] {"y", "cls"};
  }

  private static String extra(String objective) {
    return objective.endsWith("multiclass") ? "num_class=3" : "seed=3";
  }

  /**
   * Agaricus, binary, 2 threads, quantized: byte-identical files. (With float gradients its trees differ, likely
   * where gains tie or sit near zero and the last bits decide.)
   */
  @Test
  void agaricusQuantizedModelIsUnchanged() throws IOException {
    Path file = DescribeCommandTest.sharedData("xgboost-agaricus/agaricus.txt.train");
    String plain = train(file, "label", "", dir.resolve("aq.json"), "2", false, "objective=binary",
        "use_quantized_grad=true");
    assertEquals(plain, train(file, "label", "", dir.resolve("bq.json"), "2", true, "objective=binary",
        "use_quantized_grad=true"));
  }

  @Test
  void agaricusReadsFewerHistogramColumns() {
    Path file = DescribeCommandTest.sharedData("xgboost-agaricus/agaricus.txt.train");
    try (BufferAllocator allocator = new RootAllocator();
        Table table = DataReaders.read(file, ReadOptions.defaults().withLabel("label"), allocator);
        WorkerTeam team = new WorkerTeam(1)) {
      BinnedData data = BinnedData.fit(table.features(), null, BinningParams.defaults().withThreads(1));
      int plain = new HistogramBuilder(data, team).histogramColumns();
      int bundled = new HistogramBuilder(data.withBundles(0), team).histogramColumns();
      assertEquals(PLAIN_AGARICUS_COLUMNS, plain);
      assertEquals(BUNDLED_AGARICUS_COLUMNS, bundled);
    }
  }
}
