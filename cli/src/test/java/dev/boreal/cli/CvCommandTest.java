package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boreal cv} on each task, checked against brute force: a fold's curve equals {@code boreal train} on
 * the fold's rows with {@code --valid} on its held-out rows, means and standard deviations are recomputed,
 * the best iteration follows LightGBM's rule written out on its own, and {@code --model} equals
 * {@code boreal train} on every row for the best iteration's count.
 */
class CvCommandTest {
  @TempDir Path dir;

  /** Runs cv with {@code --json} and returns the JSON; the run must succeed. */
  private JsonNode cv(Path json, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("cv", "--json", json.toString()));
    all.addAll(List.of(args));
    CliRunner r = CliRunner.run(all.toArray(new String[0]));
    assertEquals(0, r.exitCode, r.out + r.err);
    return CvTestData.json(json);
  }

  @Test
  void binaryBoostingMatchesTrainFoldByFoldAndStopsOnTheMean() throws IOException {
    CvTestData d = CvTestData.write(dir.resolve("binary.csv"), "binary", 450, 1);
    String[] params = {"--label", "y", "--objective", "binary", "--num-leaves", "7", "--learning-rate", "0.3",
        "-p", "min_data_in_leaf=5", "--seed", "3", "-p", "metric=binary_logloss,auc"};
    Path model = dir.resolve("cv-model.json");
    JsonNode json = cv(dir.resolve("cv.json"), concat(new String[] {"--data", d.file().toString(), "--folds", "3",
        "--rounds", "40", "-p", "early_stopping_round=4", "--model", model.toString()}, params));

    Folds folds = Folds.of(3, 3, d.labels(), CvTestData.classes(2), null);
    assertEquals("stratified", json.get("folds").get("kind").asText());
    assertHeldOutRows(json, folds);
    assertStratified(folds, d.labels(), 2);
    assertMeansAndStds(json, 3);
    int[] rule = CvTestData.lightGbmRule(means(json), new boolean[] {false, true}, 4, false, 40);
    assertEquals(rule[0], json.get("best_iteration").asInt());
    assertEquals(rule[1], json.get("iterations").asInt());
    assertTrue(json.get("stopped_early").asBoolean() && rule[1] < 40, "the mean stopped improving: " + json);

    Map<String, double[]> twin = d.twin(folds, 1, dir, concat(params, "--rounds", "40"));
    for (String metric : new String[] {"binary_logloss", "auc"}) {
      double[] cv = CvTestData.curve(json, metric, "folds", 1);
      assertArrayEquals(Arrays.copyOf(twin.get(metric), cv.length), cv, metric);
    }

    Path trained = dir.resolve("train-model.json");
    CliRunner r = CliRunner.run(concat(new String[] {"train", "--data", d.file().toString(), "--model",
        trained.toString(), "-p", "early_stopping_round=4"}, concat(params, "--rounds",
        json.get("best_iteration").asText())));
    assertEquals(0, r.exitCode, r.err);
    assertEquals(-1, Files.mismatch(model, trained), "--model is train --rounds best on every row");
  }

  @Test
  void multiclassForestMatchesTrainTreeByTree() throws IOException {
    CvTestData d = CvTestData.write(dir.resolve("multi.csv"), "multiclass", 330, 2);
    String[] params = {"--label", "y", "--objective", "multiclass", "--algorithm", "rf", "--rounds", "12", "-p",
        "max_depth=6", "-p", "metric=multi_logloss,multi_error"};
    Path model = dir.resolve("cv-model.json");
    JsonNode json = cv(dir.resolve("cv.json"), concat(new String[] {"--data", d.file().toString(), "--folds", "3",
        "--model", model.toString()}, params));

    Folds folds = Folds.of(3, 0, d.labels(), CvTestData.classes(3), null);
    assertHeldOutRows(json, folds);
    assertStratified(folds, d.labels(), 3);
    assertMeansAndStds(json, 3);
    assertEquals(12, json.get("iterations").asInt());
    assertEquals(12, json.get("best_iteration").asInt(), "without early stopping the best is the last");

    Map<String, double[]> twin = d.twin(folds, 0, dir, params);
    assertArrayEquals(twin.get("multi_logloss"), CvTestData.curve(json, "multi_logloss", "folds", 0));
    assertArrayEquals(twin.get("multi_error"), CvTestData.curve(json, "multi_error", "folds", 0));

    Path trained = dir.resolve("train-model.json");
    assertEquals(0, CliRunner.run(concat(new String[] {"train", "--data", d.file().toString(), "--model",
        trained.toString()}, params)).exitCode);
    assertEquals(-1, Files.mismatch(model, trained), "--model is train --rounds best on every row");
  }

  @Test
  void regressionMlpMatchesTrainEpochByEpoch() throws IOException {
    CvTestData d = CvTestData.write(dir.resolve("reg.csv"), "regression", 300, 3);
    String[] params = {"--label", "y", "--objective", "regression", "--algorithm", "mlp", "--hidden", "8", "-p",
        "batch_size=32", "-p", "learning_rate=0.01", "-p", "metric=l2,l1"};
    Path model = dir.resolve("cv-model.json");
    JsonNode json = cv(dir.resolve("cv.json"), concat(new String[] {"--data", d.file().toString(), "--folds", "3",
        "-p", "max_epochs=30", "-p", "patience=3", "--model", model.toString()}, params));

    assertEquals("shuffled", json.get("folds").get("kind").asText());
    assertHeldOutRows(json, Folds.of(3, 0, d.labels(), null, null));
    assertMeansAndStds(json, 3);
    // The mlp's patience is its early stopping on the mean.
    int[] rule = CvTestData.lightGbmRule(means(json), new boolean[] {false, false}, 3, false, 30);
    assertEquals(rule[0], json.get("best_iteration").asInt());
    assertEquals(rule[1], json.get("iterations").asInt());

    // A fold trains with its own early stopping off: train with patience = max_epochs is its twin.
    Map<String, double[]> twin = d.twin(Folds.of(3, 0, d.labels(), null, null), 2, dir,
        concat(params, "-p", "max_epochs=30", "-p", "patience=30"));
    double[] cv = CvTestData.curve(json, "l2", "folds", 2);
    assertArrayEquals(Arrays.copyOf(twin.get("l2"), cv.length), cv);

    String best = json.get("best_iteration").asText();
    Path trained = dir.resolve("train-model.json");
    assertEquals(0, CliRunner.run(concat(new String[] {"train", "--data", d.file().toString(), "--model",
        trained.toString(), "-p", "max_epochs=" + best, "-p", "patience=" + best}, params)).exitCode);
    assertEquals(-1, Files.mismatch(model, trained), "--model trains every row for the best epoch count");
  }

  @Test
  void lambdarankKeepsQueryGroupsWholeAndStopsOnTheFirstMetric() throws IOException {
    CvTestData d = CvTestData.write(dir.resolve("rank.csv"), "lambdarank", 520, 4);
    String[] params = {"--label", "y", "--group", "qid", "--objective", "lambdarank", "--rounds", "25",
        "--num-leaves", "5", "-p", "min_data_in_leaf=5", "-p", "eval_at=3,5"};
    JsonNode json = cv(dir.resolve("cv.json"), concat(new String[] {"--data", d.file().toString(), "--folds", "4",
        "-p", "early_stopping_round=3", "-p", "first_metric_only=true", "--seed", "9"}, params));

    Folds folds = Folds.of(4, 9, d.labels(), null, d.groups());
    assertEquals("grouped", json.get("folds").get("kind").asText());
    assertHeldOutRows(json, folds);
    int row = 0;
    for (int size : d.groups()) {
      int[] fold = new int[size];
      for (int i = 0; i < size; i++) {
        fold[i] = foldOf(folds, row + i);
      }
      for (int f : fold) {
        assertEquals(fold[0], f, "a query group is never split");
      }
      row += size;
    }
    assertMeansAndStds(json, 4);
    int[] rule = CvTestData.lightGbmRule(means(json), new boolean[] {true, true}, 3, true, 25);
    assertEquals(rule[0], json.get("best_iteration").asInt());
    assertEquals(rule[1], json.get("iterations").asInt());

    Map<String, double[]> twin = d.twin(folds, 3, dir, concat(params, "--seed", "9"));
    for (String metric : new String[] {"ndcg@3", "ndcg@5"}) {
      double[] cv = CvTestData.curve(json, metric, "folds", 3);
      assertArrayEquals(Arrays.copyOf(twin.get(metric), cv.length), cv, metric);
    }
  }

  @Test
  void theFiguresAreTheSameForOneAndTwoThreads() throws IOException {
    CvTestData d = CvTestData.write(dir.resolve("binary.csv"), "binary", 400, 5);
    String[][] runs = {
        {"--rounds", "15", "-p", "bagging_fraction=0.7", "-p", "bagging_freq=1", "-p", "feature_fraction=0.8"},
        {"--algorithm", "rf", "--rounds", "8", "-p", "max_depth=5"},
        {"--algorithm", "mlp", "--hidden", "6", "-p", "max_epochs=6", "-p", "batch_size=40", "-p", "dropout=0.2"}};
    for (String[] run : runs) {
      JsonNode[] json = new JsonNode[2];
      for (int t = 1; t <= 2; t++) {
        json[t - 1] = cv(dir.resolve("threads" + t + ".json"), concat(new String[] {"--data", d.file().toString(),
            "--label", "y", "--objective", "binary", "--folds", "3", "--seed", "4", "--threads", Integer.toString(t),
            "--metric", "auc,binary_logloss"}, run));
      }
      for (String field : new String[] {"curve", "best", "best_iteration", "iterations", "folds"}) {
        assertEquals(json[0].get(field), json[1].get(field), run[1] + " " + field);
      }
    }
  }

  @Test
  void printsTheCurveTheBestIterationAndEveryFoldOnLightGbmsBinaryExample() {
    Path data = DescribeCommandTest.sharedData("lightgbm-binary").resolve("binary.train");
    CliRunner r = CliRunner.run("cv", "--data", data.toString(), "--no-header", "--label", "0", "--objective",
        "binary", "--folds", "3", "--rounds", "30", "--threads", "2", "--metric", "auc", "--log-every", "10");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("3 stratified folds (seed 0)"), r.out);
    assertTrue(r.out.lines().anyMatch(l -> l.matches("\\[20\\]  cv auc: 0\\.\\d+ ± 0\\.\\d+")), r.out);
    String best = r.out.lines().filter(l -> l.startsWith("  cv auc: ")).findFirst().orElseThrow();
    double auc = Double.parseDouble(best.substring("  cv auc: ".length()).split(" ")[0]);
    assertTrue(auc > 0.74, best);
    assertEquals(3, r.out.lines().filter(l -> l.matches("  [123] +2,33[34] .*")).count(), r.out);
  }

  /** Every iteration's mean and std are the plain mean and population std of the folds' values. */
  private static void assertMeansAndStds(JsonNode json, int k) {
    for (JsonNode metric : json.get("metrics")) {
      String m = metric.asText();
      double[] mean = CvTestData.curve(json, m, "mean", 0);
      double[] std = CvTestData.curve(json, m, "std", 0);
      assertEquals(json.get("iterations").asInt(), mean.length);
      for (int it = 0; it < mean.length; it++) {
        double sum = 0;
        for (int f = 0; f < k; f++) {
          sum += CvTestData.curve(json, m, "folds", f)[it];
        }
        double expectedMean = sum / k;
        double squares = 0;
        for (int f = 0; f < k; f++) {
          double dev = CvTestData.curve(json, m, "folds", f)[it] - expectedMean;
          squares += dev * dev;
        }
        assertEquals(expectedMean, mean[it], 0.0, m + " mean at " + (it + 1));
        assertEquals(Math.sqrt(squares / k), std[it], 0.0, m + " std at " + (it + 1));
      }
      int best = json.get("best_iteration").asInt();
      assertEquals(mean[best - 1], json.get("best").get(m).get("mean").asDouble(), 0.0);
      assertEquals(CvTestData.curve(json, m, "folds", k - 1)[best - 1],
          json.get("best").get(m).get("folds").get(k - 1).asDouble(), 0.0);
    }
  }

  /** Each fold holds out every class's rows within one row of its share, n_c / k. */
  private static void assertStratified(Folds folds, double[] labels, int classes) {
    int[] total = new int[classes];
    for (double y : labels) {
      total[(int) y]++;
    }
    for (int f = 0; f < folds.k(); f++) {
      int[] held = new int[classes];
      for (int r : folds.rows(f, true)) {
        held[(int) labels[r]]++;
      }
      for (int c = 0; c < classes; c++) {
        double share = (double) total[c] / folds.k();
        assertTrue(Math.abs(held[c] - share) < 1, "fold " + f + " class " + c + ": " + held[c] + " for " + share);
      }
    }
  }

  private static void assertHeldOutRows(JsonNode json, Folds folds) {
    JsonNode rows = json.get("folds").get("held_out_rows");
    for (int f = 0; f < folds.k(); f++) {
      assertEquals(folds.rows(f, true).length, rows.get(f).asInt());
    }
  }

  /** [metric][iteration] of the mean curve, in the JSON's metric order. */
  private static double[][] means(JsonNode json) {
    double[][] out = new double[json.get("metrics").size()][];
    for (int m = 0; m < out.length; m++) {
      out[m] = CvTestData.curve(json, json.get("metrics").get(m).asText(), "mean", 0);
    }
    return out;
  }

  private static int foldOf(Folds folds, int row) {
    for (int f = 0; f < folds.k(); f++) {
      if (Arrays.binarySearch(folds.rows(f, true), row) >= 0) {
        return f;
      }
    }
    throw new AssertionError("row " + row + " is in no fold");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
