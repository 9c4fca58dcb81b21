package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.api.Boreal;
import dev.boreal.api.Trainer;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boreal bench suite} end to end on {@link TinySuite} (every library in its child JVM, 5 rounds and 5
 * trees, one thread), checked against figures computed here independently: Boreal's metrics from a model trained
 * in this JVM with the same parameters (on two threads: the model does not depend on them) and scored by
 * brute-force AUC, accuracy and RMSE; the gaps and the summary from the formulas applied to the values the JSON
 * reports.
 */
class SuiteSmokeTest {
  private static final int ROUNDS = 5;
  private static final int NET_EPOCHS = 3;

  @TempDir
  static Path dir;

  private static String table;
  private static JsonNode report;

  @BeforeAll
  static void runSuite() throws Exception {
    Path suite = TinySuite.write(dir);
    Path json = dir.resolve("suite.json");
    StringWriter text = new StringWriter();
    StringWriter errors = new StringWriter();
    // One thread: on a loaded machine the peers' OpenMP threads can wait seconds for each other even on tiny data.
    int code = Suite.run(new PrintWriter(text), new PrintWriter(errors), "--suite", suite.toString(), "--rounds",
        "" + ROUNDS, "--trees", "" + ROUNDS, "--threads", "1", "--json", json.toString());
    table = text.toString();
    System.out.println(table);
    assertEquals(0, code, errors.toString());
    report = new ObjectMapper().readTree(json.toFile());
  }

  @Test
  void theForestRunsAloneWithoutBoostingPeers() throws Exception {
    Path suite = TinySuite.write(Files.createDirectories(dir.resolve("forest-only")));
    StringWriter text = new StringWriter();
    StringWriter errors = new StringWriter();
    int code = Suite.run(new PrintWriter(text), new PrintWriter(errors), "--suite", suite.toString(), "--sets", "bin", "--algorithms", "rf", "--peers", "none", "--trees",
        "" + ROUNDS, "--threads", "1");
    assertEquals(0, code, errors.toString());
    String row = text.toString().lines().filter(l -> l.startsWith("bin ")).findFirst().orElseThrow();
    double auc = Double.parseDouble(row.trim().split("\\s+")[3]);
    assertTrue(auc > 0.75, "forest AUC in " + row);
  }

  /**
   * The three nets on the binary set (a text column, missing values) for a few epochs beside Boreal's boosting:
   * each net's metric equals a net trained here with the suite's settings and scored by brute force, and each
   * net's gap is to the best of every tree model of the set, live or reference.
   */
  @Test
  void theNetsRunBesideTheTreesAndAreMeasuredAgainstTheBestTree() throws Exception {
    Path suite = TinySuite.write(Files.createDirectories(dir.resolve("nets")));
    Path json = suite.resolve("nets.json");
    StringWriter text = new StringWriter();
    StringWriter errors = new StringWriter();
    int code = Suite.run(new PrintWriter(text), new PrintWriter(errors), "--suite", suite.toString(), "--sets", "bin",
        "--algorithms", "gbdt,mlp,mlp-plr,ft-transformer", "--peers", "none", "--rounds", "" + ROUNDS,
        "--threads", "1", "--net-param", "max_epochs=" + NET_EPOCHS, "--json", json.toString());
    assertEquals(0, code, errors.toString());
    JsonNode bin = new ObjectMapper().readTree(json.toFile()).get("sets").get(0);
    JsonNode results = bin.get("results");
    JsonNode reference = bin.get("reference");
    double bestTree = best(true, results.get("boreal").get("value").asDouble(), reference.get("sk-hgb").asDouble(),
        reference.get("xgb-1.7").asDouble(), reference.get("sk-rf").asDouble());
    for (String net : List.of("mlp", "mlp-plr", "ft-transformer")) {
      Trainer.Builder<MlpModel> builder = net.equals("ft-transformer") ? Boreal.ftTransformer()
          .param("preset", "small") : Boreal.mlp();
      if (net.equals("mlp-plr")) {
        builder.param("numeric_embedding", "plr");
      }
      builder.objective("binary").param("max_epochs", "" + NET_EPOCHS).threads(2).seed(1);
      double expected = testMetric(builder.build(), suite.resolve("bin.train.csv"), suite.resolve("bin.test.csv"),
          "binary");
      double reported = results.get(net).get("value").asDouble();
      assertEquals(expected, reported, 1e-12, net);
      assertEquals(gap(reported, bestTree, true), bin.get(net + "_gap").asDouble(), 1e-15, net);
      assertEquals(bestTree, bin.get(net + "_best").get("value").asDouble(), net);
      assertTrue(text.toString().contains(net + " gap"), text.toString());
    }
  }

  @Test
  void everyLibraryScoresEverySet() {
    JsonNode sets = report.get("sets");
    assertEquals(TinySuite.SETS.size(), sets.size());
    for (JsonNode set : sets) {
      for (String library : List.of("boreal", "lightgbm", "xgboost", "boreal-rf")) {
        JsonNode run = set.get("results").get(library);
        assertTrue(run.get("value").isNumber(), set.get("name") + " " + library + ": " + run);
        assertTrue(run.get("train_s").asDouble() > 0, set.get("name") + " " + library + ": " + run);
        assertFalse(run.has("error"), run.toString());
      }
    }
    // The binary set's signal is strong and partly in its text column, which every library must use to get here.
    for (String library : List.of("boreal", "lightgbm", "xgboost", "boreal-rf")) {
      double auc = set("bin").get("results").get(library).get("value").asDouble();
      assertTrue(auc > 0.75, library + " AUC " + auc);
    }
    for (String header : List.of("sk-hgb", "xgb-1.7", "sk-rf", "gbdt gap", "rf gap", "boreal-rf s")) {
      assertTrue(table.contains(header), header + " in\n" + table);
    }
  }

  @Test
  void borealMetricsEqualIndependentRecomputation() throws Exception {
    for (String name : TinySuite.SETS) {
      JsonNode set = set(name);
      String task = set.get("task").asText();
      for (boolean forest : new boolean[] {false, true}) {
        Trainer.Builder<Model> builder = forest ? Boreal.randomForest() : Boreal.gradientBoosting()
            .learningRate(0.1).numLeaves(31);
        builder.objective(task).numIterations(ROUNDS).threads(2).seed(1);
        if (task.equals("multiclass")) {
          builder.numClass(3);
        }
        double expected = testMetric(builder.build(), dir.resolve(name + ".train.csv"),
            dir.resolve(name + ".test.csv"), task);
        double reported = set.get("results").get(forest ? "boreal-rf" : "boreal").get("value").asDouble();
        assertEquals(expected, reported, 1e-12, name + (forest ? " forest" : " boosting"));
      }
    }
  }

  @Test
  void gapsFollowTheFormulaOnTheReportedValues() {
    for (JsonNode set : report.get("sets")) {
      boolean higher = !set.get("metric").asText().equals("rmse");
      JsonNode results = set.get("results");
      JsonNode reference = set.get("reference");
      double bestBoosting = best(higher, results.get("lightgbm").get("value").asDouble(),
          results.get("xgboost").get("value").asDouble(), reference.get("sk-hgb").asDouble(),
          reference.get("xgb-1.7").asDouble());
      assertEquals(gap(results.get("boreal").get("value").asDouble(), bestBoosting, higher),
          set.get("gbdt_gap").asDouble(), 1e-15, set.get("name").asText());
      assertEquals(bestBoosting, set.get("gbdt_best").get("value").asDouble());
      double forestGap = gap(results.get("boreal-rf").get("value").asDouble(), reference.get("sk-rf").asDouble(),
          higher);
      assertEquals(forestGap, set.get("rf_gap").asDouble(), 1e-15, set.get("name").asText());
      assertTrue(table.contains(SuiteReport.percent(set.get("gbdt_gap").asDouble())), table);
    }
  }

  @Test
  void summaryCountsMedianWinsAndWorst() {
    for (String algorithm : List.of("gbdt", "rf")) {
      List<Double> gaps = new ArrayList<>();
      for (JsonNode set : report.get("sets")) {
        gaps.add(set.get(algorithm + "_gap").asDouble());
      }
      double[] sorted = gaps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      JsonNode summary = report.get("summary").get(algorithm);
      assertEquals(3, summary.get("sets").asInt());
      assertEquals(sorted[1], summary.get("median_gap").asDouble(), 0.0, algorithm);
      assertEquals(gaps.stream().filter(g -> g <= 0).count(), summary.get("wins").asLong(), algorithm);
      assertEquals(sorted[2], summary.get("worst_gap").asDouble(), 0.0, algorithm);
      String worstSet = TinySuite.SETS.get(gaps.indexOf(sorted[2]));
      assertEquals(worstSet, summary.get("worst_set").asText());
      assertTrue(table.contains(String.format("%s: median gap %s, wins %d of 3", algorithm.equals("rf") ? "rf  "
          : algorithm, SuiteReport.percent(sorted[1]), summary.get("wins").asInt())), table);
    }
  }

  private static JsonNode set(String name) {
    for (JsonNode set : report.get("sets")) {
      if (set.get("name").asText().equals(name)) {
        return set;
      }
    }
    throw new AssertionError("no set " + name);
  }

  /**
   * Trains here and scores the test file: brute-force AUC, accuracy (a tie is an error) or RMSE, on a tree
   * model's predictions or a net's raw outputs (AUC and accuracy depend only on their order).
   */
  private static double testMetric(Trainer<? extends TrainedModel> trainer, Path train, Path test, String task) {
    ReadOptions options = ReadOptions.defaults().withLabel("label");
    try (Table trainTable = Boreal.read(train, options); Table testTable = Boreal.read(test, options)) {
      TrainedModel model = trainer.fit(trainTable);
      int n = testTable.rowCount();
      int k = model.numOutputs();
      double[] p = new double[n * k];
      if (model instanceof Model trees) {
        trees.predictor().predict(testTable.features(), p);
      } else {
        model.predictRaw(testTable.features(), p);
      }
      double[] y = testTable.numericColumn("label");
      return switch (task) {
        case "binary" -> bruteForceAuc(p, y);
        case "multiclass" -> accuracy(p, y, k);
        default -> rmse(p, y);
      };
    }
  }

  private static double bruteForceAuc(double[] p, double[] y) {
    double sum = 0;
    long pairs = 0;
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y.length; j++) {
        if (y[i] == 1 && y[j] == 0) {
          sum += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
          pairs++;
        }
      }
    }
    return sum / pairs;
  }

  private static double accuracy(double[] p, double[] y, int k) {
    int right = 0;
    for (int r = 0; r < y.length; r++) {
      int label = (int) y[r];
      double[] row = Arrays.copyOfRange(p, r * k, r * k + k);
      boolean strictlyBest = true;
      for (int c = 0; c < k; c++) {
        strictlyBest &= c == label || row[c] < row[label];
      }
      right += strictlyBest ? 1 : 0;
    }
    return right / (double) y.length;
  }

  private static double rmse(double[] p, double[] y) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += (p[i] - y[i]) * (p[i] - y[i]);
    }
    return Math.sqrt(sum / y.length);
  }

  private static double best(boolean higher, double... values) {
    return Arrays.stream(values).reduce(higher ? Math::max : Math::min).orElseThrow();
  }

  private static double gap(double boreal, double best, boolean higher) {
    return higher ? (best - boreal) / best : (boreal - best) / best;
  }
}
