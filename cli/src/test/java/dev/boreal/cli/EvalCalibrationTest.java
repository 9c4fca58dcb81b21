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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration metrics through train and eval, eval --report, explain --report's section, and bad input. */
class EvalCalibrationTest {
  @TempDir static Path dir;
  static Path valid;
  static Path binary;
  static Path regression;

  @BeforeAll
  static void train() throws IOException {
    Path train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 2000, 1);
    valid = dir.resolve("valid.csv");
    SyntheticData.writeCsv(valid, 600, 2);
    binary = dir.resolve("binary.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--valid", valid.toString(), "--label", "label",
        "--objective", "binary", "--rounds", "20", "-p", "metric=ece,brier", "--model", binary.toString());
    assertEquals(0, t.exitCode, t.err);
    assertTrue(t.out.contains("valid.csv ece") && t.out.contains("valid.csv brier"), t.out);
    regression = dir.resolve("regression.json");
    CliRunner r = CliRunner.run("train", "--data", train.toString(), "--label", "label", "--objective", "regression",
        "--rounds", "5", "--model", regression.toString());
    assertEquals(0, r.exitCode, r.err);
  }

  private static CliRunner eval(Path model, String... more) {
    String[] base = {"eval", "--model", model.toString(), "--data", valid.toString()};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRunner.run(args);
  }

  @Test
  void evalRepeatsTrainingsFiguresAndTheBrierTermsAddUp() throws IOException {
    CliRunner e = eval(binary, "--label", "label", "--json", "--metric",
        "ece,ece_mass@10,mce,classwise_ece,brier,brier_reliability,brier_resolution,brier_uncertainty");
    assertEquals(0, e.exitCode, e.err);
    JsonNode m = new ObjectMapper().readTree(e.out).get("metrics");
    assertEquals(8, m.size(), e.out);
    double brier = m.get("brier").asDouble();
    assertEquals(brier, m.get("brier_reliability").asDouble() - m.get("brier_resolution").asDouble()
        + m.get("brier_uncertainty").asDouble(), 1e-12);
    assertTrue(m.get("mce").asDouble() >= m.get("ece").asDouble(), e.out);
    JsonNode history = new ObjectMapper().readTree(binary.toFile()).get("eval_history").get("valid.csv");
    for (String name : new String[] {"ece", "brier"}) {
      JsonNode h = history.get(name);
      assertEquals(h.get(h.size() - 1).asDouble(), m.get(name).asDouble(), 1e-12, name);
    }
  }

  @Test
  void evalReportIsAPageWithTheCalibration() throws IOException {
    Path report = dir.resolve("eval.html");
    CliRunner e = eval(binary, "--label", "label", "--metric", "brier", "--report", report.toString());
    assertEquals(0, e.exitCode, e.err);
    assertTrue(e.out.contains("Report written to " + report), e.out);
    String html = Files.readString(report);
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<section id=\"calibration\">"));
    assertTrue(html.contains("Positive class ") && html.contains("equal-mass bins"), "binary: the positive class");
  }

  @Test
  void explainReportHasACalibrationSectionOnlyWithALabel() throws IOException {
    Path labelled = dir.resolve("labelled.html");
    CliRunner with = CliRunner.run("explain", "--model", binary.toString(), "--data", valid.toString(), "--label",
        "label", "--out", dir.resolve("shap1.csv").toString(), "--report", labelled.toString());
    assertEquals(0, with.exitCode, with.err);
    assertTrue(Files.readString(labelled).contains("<section id=\"calibration\">"));
    Path unlabelled = dir.resolve("unlabelled.html");
    CliRunner without = CliRunner.run("explain", "--model", binary.toString(), "--data", valid.toString(),
        "--out", dir.resolve("shap2.csv").toString(), "--report", unlabelled.toString());
    assertEquals(0, without.exitCode, without.err);
    assertFalse(Files.readString(unlabelled).contains("id=\"calibration\""));
  }

  @Test
  void calibrationMetricsOfARegressionModelAreAUsageError() {
    CliRunner e = eval(regression, "--label", "label", "--metric", "ece");
    assertEquals(2, e.exitCode, e.err);
    assertTrue(e.errIsOneLine(), e.err);
    assertTrue(e.err.contains("metric ece needs a classifier's probabilities (objective binary or multiclass), but "
        + "the objective is regression."), e.err);
  }

  @Test
  void aBinCountOutOfRangeIsAUsageError() {
    for (String bad : new String[] {"ece@0", "mce_mass@1000000"}) {
      CliRunner e = eval(binary, "--label", "label", "--metric", bad);
      assertEquals(2, e.exitCode, e.err);
      assertTrue(e.errIsOneLine() && e.err.contains("needs a bin count from 1 to 10000"), e.err);
    }
  }

  @Test
  void aReportOfARegressionModelIsAUsageErrorAndWritesNothing() {
    Path report = dir.resolve("regression.html");
    CliRunner e = eval(regression, "--label", "label", "--report", report.toString());
    assertEquals(2, e.exitCode, e.err);
    assertTrue(e.errIsOneLine() && e.err.contains("--report draws the calibration of a classifier's probabilities"),
        e.err);
    assertFalse(Files.exists(report));
  }

  @Test
  void aReportWithoutLabelsIsAUsageErrorAndWritesNothing() {
    Path report = dir.resolve("nolabel.html");
    CliRunner e = eval(binary, "--report", report.toString());
    assertEquals(2, e.exitCode, e.err);
    assertTrue(e.errIsOneLine() && e.err.contains("eval needs the label column; name it with --label."), e.err);
    assertFalse(Files.exists(report));
  }

  @Test
  void aReportOverAnInputIsAUsageErrorAndLeavesItAlone() throws IOException {
    String before = Files.readString(valid);
    CliRunner e = eval(binary, "--label", "label", "--report", valid.toString());
    assertEquals(2, e.exitCode, e.err);
    assertTrue(e.errIsOneLine() && e.err.contains("is also an input; choose another file for --report."), e.err);
    assertEquals(before, Files.readString(valid));
  }
}
