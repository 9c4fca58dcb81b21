package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  @TempDir Path dir;

  private Path synthetic(String name, int rows, long seed) throws IOException {
    Path p = dir.resolve(name);
    SyntheticData.writeCsv(p, rows, seed);
    return p;
  }

  @Test
  void foldsGiveEveryAlgorithmAMeanAndSpreadAndTheJsonHoldsEachFold() throws IOException {
    Path data = synthetic("train.csv", 1500, 1);
    Path out = dir.resolve("compare.json");
    CliRunner r = CliRunner.run("compare", "--data", data.toString(), "--folds", "3", "--label", "label",
        "--objective", "binary", "--threads", "2", "--rounds", "20", "-p", "max_epochs=8", "--out", out.toString());
    assertEquals(0, r.exitCode, r.err);
    for (String alg : new String[] {"gbdt", "rf", "mlp"}) {
      assertTrue(r.out.lines().anyMatch(l -> l.startsWith(alg + " ") && l.contains(" ± ")), alg + ": " + r.out);
    }
    assertTrue(r.out.contains("fold 3 of 3:") && r.out.contains("AUC") && r.out.contains("accuracy"), r.out);
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals(3, json.get("splits").asInt());
    JsonNode mlp = json.get("algorithms").get(2);
    assertEquals("mlp", mlp.get("algorithm").asText());
    JsonNode auc = mlp.get("auc");
    assertEquals(3, auc.get("values").size());
    double mean = (auc.get("values").get(0).asDouble() + auc.get("values").get(1).asDouble()
        + auc.get("values").get(2).asDouble()) / 3;
    assertEquals(mean, auc.get("mean").asDouble(), 1e-12);
    assertTrue(auc.get("std").asDouble() > 0, "three folds differ");
    assertTrue(mlp.get("model_bytes").get("mean").asDouble() > 1000, "a model file has bytes");
    assertTrue(mlp.get("predict_rows_per_second").get("values").get(0).asDouble() > 0);
  }

  @Test
  void foldsAreTheSameForTheSameSeedAndAnHoldoutFileWorksToo() throws IOException {
    Path data = synthetic("train.csv", 1200, 1);
    Path valid = synthetic("valid.csv", 400, 2);
    String[] args = {"compare", "--data", data.toString(), "--folds", "2", "--label", "label", "--objective",
        "regression", "--algorithms", "gbdt", "--rounds", "10", "--seed", "5", "--out", ""};
    args[args.length - 1] = dir.resolve("a.json").toString();
    assertEquals(0, CliRunner.run(args).exitCode);
    args[args.length - 1] = dir.resolve("b.json").toString();
    assertEquals(0, CliRunner.run(args).exitCode);
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.readTree(dir.resolve("a.json").toFile()).get("algorithms").get(0).get("rmse"),
        json.readTree(dir.resolve("b.json").toFile()).get("algorithms").get(0).get("rmse"));

    Path md = dir.resolve("c.md");
    CliRunner r = CliRunner.run("compare", "--data", data.toString(), "--valid", valid.toString(), "--label",
        "label", "--objective", "regression", "--algorithms", "mlp,gbdt", "--rounds", "10", "-p", "max_epochs=5",
        "--out", md.toString());
    assertEquals(0, r.exitCode, r.err);
    String table = Files.readString(md);
    assertTrue(table.contains("| algorithm | RMSE | MAE | train s | predict rows/s | model size |"), table);
    assertTrue(table.indexOf("| mlp |") < table.indexOf("| gbdt |"), "the order asked for: " + table);
    assertTrue(!table.contains(" ± "), "one split has no spread: " + table);
    Path html = dir.resolve("c.html");
    assertEquals(0, CliRunner.run("compare", "--data", data.toString(), "--valid", valid.toString(), "--label",
        "label", "--objective", "regression", "--algorithms", "gbdt", "--rounds", "5", "--out", html.toString())
        .exitCode);
    String page = Files.readString(html);
    assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<td>gbdt</td>"), page);
  }

  @Test
  void badOptionsAreOneLineUsageErrorsBeforeAnyTraining() throws IOException {
    Path data = synthetic("train.csv", 300, 1);
    String d = data.toString();
    assertUsage("exactly one of --valid FILE and --folds K", "compare", "--data", d, "--label", "label",
        "--objective", "binary");
    assertUsage("needs --objective", "compare", "--data", d, "--label", "label", "--folds", "2");
    assertUsage("Unknown algorithm 'xgb'", "compare", "--data", d, "--label", "label", "--objective", "binary",
        "--folds", "2", "--algorithms", "gbdt,xgb");
    assertUsage("rf, which cannot learn lambdarank", "compare", "--data", d, "--label", "label", "--objective",
        "lambdarank", "--folds", "2", "--algorithms", "rf");
    assertUsage("--out must end in .md, .html or .json", "compare", "--data", d, "--label", "label",
        "--objective", "binary", "--folds", "2", "--out", dir.resolve("t.txt").toString());
    assertUsage("--folds must be between 2 and the number of rows (300); got 1", "compare", "--data", d, "--label",
        "label", "--objective", "binary", "--folds", "1");
  }

  private static void assertUsage(String words, String... args) {
    CliRunner r = CliRunner.run(args);
    assertEquals(2, r.exitCode, r.out + r.err);
    assertTrue(r.errIsOneLine() && r.err.contains(words), r.err);
  }

  @Test
  void comparesAllThreeOnLightGbmsBinaryExample() {
    Path dir = DescribeCommandTest.sharedData("lightgbm-binary");
    CliRunner r = CliRunner.run("compare", "--data", dir.resolve("binary.train").toString(), "--valid",
        dir.resolve("binary.test").toString(), "--no-header", "--label", "0", "--objective", "binary",
        "--threads", "2");
    assertEquals(0, r.exitCode, r.err);
    for (String alg : new String[] {"gbdt", "rf", "mlp"}) {
      String row = r.out.lines().filter(l -> l.startsWith(alg + " ")).findFirst().orElseThrow();
      double auc = Double.parseDouble(row.substring(alg.length()).trim().split("\\s+")[0]);
      assertTrue(auc > 0.72, alg + " AUC " + auc + ": " + r.out);
    }
  }
}
