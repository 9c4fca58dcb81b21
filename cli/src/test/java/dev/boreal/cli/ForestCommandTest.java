package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boreal train --algorithm rf}, its {@code --oob-out} file, and predict and eval on the forest. */
class ForestCommandTest {
  @TempDir Path dir;

  private Path synthetic(String name, int rows, long seed) throws IOException {
    Path file = dir.resolve(name);
    SyntheticData.writeCsv(file, rows, seed);
    return file;
  }

  @Test
  void binaryForestPredictsProbabilitiesThatEvalScoresAsTrainingDid() throws IOException {
    Path train = synthetic("train.csv", 2000, 1);
    Path valid = synthetic("valid.csv", 500, 2);
    Path model = dir.resolve("rf.json");
    Path oob = dir.resolve("oob.csv");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--valid", valid.toString(), "--label", "label",
        "--objective", "binary", "--algorithm", "rf", "--rounds", "25", "-p", "metric=auc,binary_logloss",
        "--model", model.toString(), "--oob-out", oob.toString());
    assertEquals(0, t.exitCode, t.err);
    assertTrue(t.out.contains("oob accuracy at iteration 25") && t.out.contains("oob auc at iteration 25"), t.out);

    JsonNode saved = new ObjectMapper().readTree(model.toFile());
    assertEquals("rf", saved.get("algorithm").asText());
    assertEquals("average", saved.get("ensemble").asText());
    assertEquals("identity", saved.get("link").get("name").asText());
    assertEquals(25, saved.get("eval_history").get("oob").get("auc").size());

    List<String> oobLines = Files.readAllLines(oob);
    assertEquals("oob_prediction,oob_trees", oobLines.get(0));
    assertEquals(2001, oobLines.size());
    for (String line : oobLines.subList(1, oobLines.size())) {
      String[] f = line.split(",", -1);
      int trees = Integer.parseInt(f[1]);
      assertTrue(trees == 0 ? f[0].isEmpty() : Double.parseDouble(f[0]) >= 0 && Double.parseDouble(f[0]) <= 1, line);
    }

    Path preds = dir.resolve("p.csv");
    assertEquals(0, CliRunner.run("predict", "--model", model.toString(), "--data", valid.toString(), "--out",
        preds.toString()).exitCode);
    for (String line : Files.readAllLines(preds).subList(1, 501)) {
      double p = Double.parseDouble(line);
      assertTrue(p >= 0 && p <= 1, "the averaged probability of class 1: " + p);
    }
    CliRunner e = CliRunner.run("eval", "--model", model.toString(), "--data", valid.toString(), "--label", "label",
        "--metric", "auc,binary_logloss", "--json");
    assertEquals(0, e.exitCode, e.err);
    JsonNode metrics = new ObjectMapper().readTree(e.out).get("metrics");
    JsonNode history = saved.get("eval_history").get("valid.csv");
    for (String m : List.of("auc", "binary_logloss")) {
      assertEquals(history.get(m).get(24).asDouble(), metrics.get(m).asDouble(), 1e-12, m + " as in training");
    }
    assertTrue(metrics.get("auc").asDouble() > 0.8, "auc " + metrics.get("auc"));
  }

  @Test
  void multiclassForestWritesClassProbabilitiesOutOfBag() throws IOException {
    Path train = synthetic("train.csv", 1500, 3);
    Path model = dir.resolve("rf.json");
    Path oob = dir.resolve("oob.tsv");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", "channel", "--ignore", "label",
        "--objective", "multiclass", "-p", "boosting=rf", "--rounds", "10", "--model", model.toString(),
        "--oob-out", oob.toString());
    assertEquals(0, t.exitCode, t.err);
    List<String> lines = Files.readAllLines(oob);
    assertEquals("oob_p_ee\toob_p_emu\toob_p_etau\toob_p_mumu\toob_p_mutau\toob_prediction\toob_trees", lines.get(0));
    String[] row = lines.get(1).split("\t", -1);
    if (!row[0].isEmpty()) {
      double sum = 0;
      for (int c = 0; c < 5; c++) {
        sum += Double.parseDouble(row[c]);
      }
      assertEquals(1.0, sum, 1e-9);
      assertTrue(List.of("ee", "emu", "etau", "mumu", "mutau").contains(row[5]), lines.get(1));
    }
    Path preds = dir.resolve("p.csv");
    assertEquals(0, CliRunner.run("predict", "--model", model.toString(), "--data", train.toString(), "--out",
        preds.toString()).exitCode);
    String[] fields = Files.readAllLines(preds).get(1).split(",");
    double sum = 0;
    for (int c = 0; c < 5; c++) {
      sum += Double.parseDouble(fields[c]);
    }
    assertEquals(1.0, sum, 1e-9, "class shares averaged over trees still sum to 1");
    assertTrue(t.out.contains("Wrote 10 trees with 5 outputs per leaf to "), t.out);
    // Its one tree per iteration is explained per class, reported, and counted once for importance.
    Path report = dir.resolve("report.html");
    CliRunner explain = CliRunner.run("explain", "--model", model.toString(), "--data", train.toString(), "--out",
        dir.resolve("shap.csv").toString(), "--top-k", "2", "--report", report.toString());
    assertEquals(0, explain.exitCode, explain.err);
    assertTrue(Files.size(report) > 0);
    CliRunner importance = CliRunner.run("importance", "--model", model.toString(), "--json");
    assertEquals(0, importance.exitCode, importance.err);
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(importance.out);
    dev.boreal.engine.model.Model m = dev.boreal.io.ModelFile.read(model);
    long nodes = 0;
    for (int i = 0; i < m.numIterations(); i++) {
      nodes += m.tree(i, 0).numNodes();
    }
    long splits = 0;
    for (com.fasterxml.jackson.databind.JsonNode f : json.get("features")) {
      splits += f.get("split").asLong();
    }
    assertEquals(nodes, splits, "each split of a tree counted once, not once per class");
  }

  @Test
  void regressionForestByParameter() throws IOException {
    Path train = synthetic("train.csv", 1000, 4);
    Path model = dir.resolve("rf.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", "m_bb", "--objective", "regression",
        "-p", "boosting=random_forest", "--rounds", "8", "-p", "max_depth=6", "--model", model.toString());
    assertEquals(0, t.exitCode, t.err);
    assertTrue(t.out.contains("oob r2 at iteration 8"), t.out);
    assertEquals("rf", new ObjectMapper().readTree(model.toFile()).get("algorithm").asText());
  }

  @Test
  void forestUsageErrorsAreOneLine() throws IOException {
    Path train = synthetic("train.csv", 300, 5);
    String data = train.toString();
    String out = dir.resolve("m.json").toString();
    String oob = dir.resolve("oob.csv").toString();
    // Each case with the words its one-line message must hold.
    List<List<String>> cases = List.of(
        List.of("binary", "--algorithm", "gbdt", "--oob-out", oob, "|only random forests"),
        List.of("binary", "--algorithm", "xgb", "|expected gbdt, rf"),
        List.of("binary", "--algorithm", "rf", "-p", "boosting=gbdt", "|contradicts"),
        List.of("binary", "--algorithm", "rf", "--oob-out", oob, "-p", "oob_score=false", "|oob_score=true"),
        List.of("binary", "--algorithm", "rf", "--oob-out", oob, "-p", "bootstrap=false", "|bagging_fraction"),
        List.of("binary", "--algorithm", "rf", "-p", "criterion=squared_error", "|gini or entropy"),
        List.of("huber", "--algorithm", "rf", "|regression, binary and multiclass"));
    for (List<String> c : cases) {
      List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data, "--label", "label",
          "--model", out, "--objective"));
      args.addAll(c.subList(0, c.size() - 1));
      String words = c.get(c.size() - 1).substring(1);
      CliRunner r = CliRunner.run(args.toArray(new String[0]));
      assertEquals(2, r.exitCode, c + ": " + r.err);
      assertTrue(r.errIsOneLine() && r.err.contains(words), c + ": " + r.err);
      assertFalse(Files.exists(Path.of(oob)), "no out-of-bag file");
    }
  }
}
