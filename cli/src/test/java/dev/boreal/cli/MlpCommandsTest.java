package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --algorithm mlp}, then {@code predict} and {@code eval} on the neural net's model file. */
class MlpCommandsTest {
  @TempDir Path dir;
  private Path train;
  private Path valid;

  @BeforeEach
  void writeData() throws IOException {
    train = dir.resolve("train.csv");
    valid = dir.resolve("valid.csv");
    SyntheticData.writeCsv(train, 3000, 1);
    SyntheticData.writeCsv(valid, 800, 2);
  }

  @Test
  void trainPredictAndEvalAgreeOnAnMlp() throws IOException {
    Path model = dir.resolve("mlp.json");
    CliRunner t = CliRunner.run("train", "--algorithm", "mlp", "--data", train.toString(), "--valid",
        valid.toString(), "--label", "label", "--objective", "binary", "--hidden", "32,16", "-p", "max_epochs=15",
        "-p", "metric=auc", "--threads", "2", "--model", model.toString());
    assertEquals(0, t.exitCode, t.err);
    assertTrue(t.out.contains("Trained an mlp (38 inputs, hidden 32,16"), t.out);
    JsonNode saved = new ObjectMapper().readTree(model.toFile());
    assertEquals("mlp", saved.get("algorithm").asText());
    assertEquals("0.001", saved.get("params").get("learning_rate").asText(), "the mlp's own default rate");
    int best = saved.get("network").get("best_epoch").asInt();

    Path preds = dir.resolve("p.csv");
    CliRunner p = CliRunner.run("predict", "--model", model.toString(), "--data", valid.toString(), "--out",
        preds.toString());
    assertEquals(0, p.exitCode, p.err);
    List<String> lines = Files.readAllLines(preds);
    assertEquals(801, lines.size());
    double first = Double.parseDouble(lines.get(1));
    assertTrue(first > 0 && first < 1, "a probability: " + first);

    CliRunner e = CliRunner.run("eval", "--model", model.toString(), "--data", valid.toString(), "--label", "label",
        "--metric", "auc", "--json");
    assertEquals(0, e.exitCode, e.err);
    JsonNode report = new ObjectMapper().readTree(e.out);
    double auc = report.get("metrics").get("auc").asDouble();
    assertTrue(auc > 0.75, "auc " + auc);
    assertEquals(best, report.get("iterations").asInt(), "the kept epoch");
    double recorded = saved.get("eval_history").get("valid.csv").get("auc").get(best - 1).asDouble();
    assertEquals(recorded, auc, 1e-12, "eval repeats the figure training recorded for the kept epoch");
  }

  @Test
  void treeOnlyOptionsAndUnsupportedObjectivesAreOneLineUsageErrors() {
    Path model = dir.resolve("mlp.json");
    CliRunner bad = CliRunner.run("train", "--algorithm", "mlp", "--data", train.toString(), "--label", "label",
        "--objective", "quantile", "--model", model.toString());
    assertEquals(2, bad.exitCode);
    assertTrue(bad.errIsOneLine() && bad.err.contains("(mlp, ft-transformer) support the objectives"), bad.err);

    CliRunner t = CliRunner.run("train", "--algorithm", "mlp", "--data", train.toString(), "--label", "label",
        "--objective", "binary", "-p", "max_epochs=2", "--model", model.toString());
    assertEquals(0, t.exitCode, t.err);
    CliRunner leaves = CliRunner.run("predict", "--model", model.toString(), "--data", valid.toString(), "--out",
        dir.resolve("p.csv").toString(), "--leaf-index");
    assertEquals(2, leaves.exitCode);
    assertTrue(leaves.errIsOneLine() && leaves.err.contains("--leaf-index applies to tree models"), leaves.err);
    assertTrue(Files.notExists(dir.resolve("p.csv")), "no output was written");

    CliRunner conflicting = CliRunner.run("train", "--algorithm", "mlp", "--data", train.toString(), "--label",
        "label", "--objective", "binary", "--hidden", "8", "-p", "hidden=16", "--model", model.toString());
    assertEquals(2, conflicting.exitCode);
    assertTrue(conflicting.errIsOneLine() && conflicting.err.contains("hidden is given twice"), conflicting.err);
  }
}
