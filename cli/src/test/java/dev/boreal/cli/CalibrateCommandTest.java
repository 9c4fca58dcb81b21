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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boreal calibrate}: the calibrated model on every prediction path, and one sentence for bad input. */
class CalibrateCommandTest {
  @TempDir Path dir;

  private Path binaryModel() throws IOException {
    Path train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 2000, 1);
    Path model = dir.resolve("m.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", "label", "--objective", "binary",
        "--rounds", "60", "-p", "num_leaves=63", "-p", "min_data_in_leaf=2", "--model", model.toString());
    assertEquals(0, t.exitCode, t.err);
    return model;
  }

  @Test
  void autoWritesACalibratedModelThatPredictAndEvalApplyWhileRawStaysTheMargin() throws IOException {
    Path model = binaryModel();
    Path cal = dir.resolve("cal.csv");
    SyntheticData.writeCsv(cal, 1500, 2);
    Path calibrated = dir.resolve("m2.json");
    CliRunner c = CliRunner.run("calibrate", "--model", model.toString(), "--data", cal.toString(), "--label",
        "label", "--method", "platt", "--model-out", calibrated.toString());
    assertEquals(0, c.exitCode, c.err);
    assertTrue(c.out.contains("method platt on 1,500 rows") && c.out.contains("log loss"), c.out);
    JsonNode saved = new ObjectMapper().readTree(calibrated.toFile());
    assertEquals("platt", saved.get("calibration").get("method").asText());
    assertEquals(new ObjectMapper().readTree(model.toFile()).get("profile"), saved.get("profile"),
        "the drift profile train wrote is kept");
    double a = saved.get("calibration").get("maps").get(0).get("a").get(0).asDouble();
    double b = saved.get("calibration").get("maps").get(0).get("b").get(0).asDouble();

    Path raw = dir.resolve("raw.csv");
    Path probabilities = dir.resolve("p.csv");
    assertEquals(0, CliRunner.run("predict", "--model", calibrated.toString(), "--data", cal.toString(), "--out",
        raw.toString(), "--raw").exitCode);
    assertEquals(0, CliRunner.run("predict", "--model", calibrated.toString(), "--data", cal.toString(), "--out",
        probabilities.toString()).exitCode);
    Path uncalibratedRaw = dir.resolve("raw0.csv");
    assertEquals(0, CliRunner.run("predict", "--model", model.toString(), "--data", cal.toString(), "--out",
        uncalibratedRaw.toString(), "--raw").exitCode);
    List<String> margins = Files.readAllLines(raw);
    assertEquals(Files.readAllLines(uncalibratedRaw), margins, "--raw keeps the margins");
    List<String> p = Files.readAllLines(probabilities);
    for (int r = 1; r < 50; r++) {
      double m = Double.parseDouble(margins.get(r));
      assertEquals(1 / (1 + Math.exp(a * m + b)), Double.parseDouble(p.get(r)), 1e-12);
    }

    Path report = dir.resolve("r.html");
    CliRunner x = CliRunner.run("explain", "--model", calibrated.toString(), "--data", cal.toString(), "--out",
        dir.resolve("shap.csv").toString(), "--report", report.toString(), "--rows", "0");
    assertEquals(0, x.exitCode, x.err);
    String note = "SHAP values explain the raw margin; the model's calibration is applied after.";
    assertTrue(x.out.contains(note), x.out);
    assertTrue(Files.readString(report).contains(note.replace("'", "&#39;")) || Files.readString(report)
        .contains(note), "the report says so too");

    CliRunner auto = CliRunner.run("calibrate", "--model", model.toString(), "--data", cal.toString(), "--label",
        "label", "--model-out", dir.resolve("auto.json").toString());
    assertEquals(0, auto.exitCode, auto.err);
    assertTrue(auto.out.contains("(chosen)") && auto.out.contains("identity") && auto.out.contains("venn-abers"),
        auto.out);
    CliRunner e = CliRunner.run("eval", "--model", calibrated.toString(), "--data", cal.toString(), "--label",
        "label", "--metric", "binary_logloss", "--json");
    assertEquals(0, e.exitCode, e.err);
    double logLoss = new ObjectMapper().readTree(e.out).get("metrics").get("binary_logloss").asDouble();
    String after = c.out.substring(c.out.indexOf("log loss"));
    assertTrue(after.contains(String.format(java.util.Locale.ROOT, "-> %.6f", logLoss)), after + " vs " + logLoss);
  }

  @Test
  void refusesOneClassDataRegressionModelsAndUnknownMethods() throws IOException {
    Path model = binaryModel();
    Path oneClass = dir.resolve("ones.csv");
    StringBuilder csv = new StringBuilder();
    List<String> lines = Files.readAllLines(dir.resolve("train.csv"));
    csv.append(lines.get(0)).append('\n');
    int label = List.of(lines.get(0).split(",")).indexOf("label");
    for (String line : lines.subList(1, lines.size())) {
      if (line.split(",", -1)[label].equals("1")) {
        csv.append(line).append('\n');
      }
    }
    Files.writeString(oneClass, csv);
    Path out = dir.resolve("out.json");
    CliRunner one = CliRunner.run("calibrate", "--model", model.toString(), "--data", oneClass.toString(),
        "--label", "label", "--model-out", out.toString());
    assertEquals(1, one.exitCode);
    assertTrue(one.errIsOneLine() && one.err.contains("has no row of class '0'; calibration needs rows of both "
        + "classes"), one.err);

    CliRunner unknown = CliRunner.run("calibrate", "--model", model.toString(), "--data", oneClass.toString(),
        "--label", "label", "--method", "sigmoid", "--model-out", out.toString());
    assertEquals(2, unknown.exitCode);
    assertTrue(unknown.errIsOneLine() && unknown.err.contains("unknown calibration method 'sigmoid'"), unknown.err);

    Path regression = dir.resolve("r.json");
    assertEquals(0, CliRunner.run("train", "--data", dir.resolve("train.csv").toString(), "--label", "label",
        "--objective", "regression", "--rounds", "5", "--model", regression.toString()).exitCode);
    CliRunner r = CliRunner.run("calibrate", "--model", regression.toString(), "--data", oneClass.toString(),
        "--label", "label", "--model-out", out.toString());
    assertEquals(1, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("calibration needs a binary or multiclass classifier"), r.err);
    assertFalse(Files.exists(out), "no model written");
  }

  /** A 3-class model trained on 1,500 rows of three.csv (labels 0, 1, 2). */
  private Path threeClassModel() throws IOException {
    Path data = dir.resolve("three.csv");
    StringBuilder csv = new StringBuilder("label,x,y\n");
    Random random = new Random(6);
    for (int r = 0; r < 1500; r++) {
      double x = random.nextGaussian();
      double y = random.nextGaussian();
      int c = x + 0.5 * random.nextGaussian() > 0.5 ? 2 : y + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
      csv.append(c).append(',').append(x).append(',').append(y).append('\n');
    }
    Files.writeString(data, csv);
    Path model = dir.resolve("mc.json");
    assertEquals(0, CliRunner.run("train", "--data", data.toString(), "--label", "label", "--objective",
        "multiclass", "--rounds", "30", "--model", model.toString()).exitCode);
    return model;
  }

  @Test
  void calibratesAMulticlassModelOneVsRest() throws IOException {
    Path model = threeClassModel();
    Path data = dir.resolve("three.csv");
    Path calibrated = dir.resolve("mc2.json");
    CliRunner c = CliRunner.run("calibrate", "--model", model.toString(), "--data", data.toString(), "--label",
        "label", "--method", "isotonic", "--model-out", calibrated.toString());
    assertEquals(0, c.exitCode, c.err);
    JsonNode saved = new ObjectMapper().readTree(calibrated.toFile());
    assertEquals(3, saved.get("calibration").get("maps").size(), "one map per class");
    Path p = dir.resolve("p.csv");
    assertEquals(0, CliRunner.run("predict", "--model", calibrated.toString(), "--data", data.toString(), "--out",
        p.toString()).exitCode);
    for (String line : Files.readAllLines(p).subList(1, 100)) {
      double sum = 0;
      String[] values = line.split(",");
      for (int j = 0; j < 3; j++) {
        sum += Double.parseDouble(values[j]);
      }
      assertEquals(1.0, sum, 1e-12, line);
    }
  }

  @Test
  void multiclassDataLackingAClassGetsTemperatureOrAutoBetweenItAndIdentityAndRefusesOneVsRest()
      throws IOException {
    Path model = threeClassModel();
    List<String> lines = Files.readAllLines(dir.resolve("three.csv"));
    Path cal = dir.resolve("no2.csv");
    Files.write(cal, lines.stream().filter(l -> !l.startsWith("2,")).toList());
    Path temperature = dir.resolve("t.json");
    CliRunner t = CliRunner.run("calibrate", "--model", model.toString(), "--data", cal.toString(), "--label",
        "label", "--method", "temperature", "--model-out", temperature.toString());
    assertEquals(0, t.exitCode, t.err);
    assertEquals("temperature", new ObjectMapper().readTree(temperature.toFile()).get("calibration")
        .get("method").asText());
    Path p = dir.resolve("p.csv");
    assertEquals(0, CliRunner.run("predict", "--model", temperature.toString(), "--data", cal.toString(), "--out",
        p.toString()).exitCode);
    for (String line : Files.readAllLines(p).subList(1, 100)) {
      String[] values = line.split(",");
      double sum = 0;
      for (int j = 0; j < 3; j++) {
        sum += Double.parseDouble(values[j]);
      }
      assertEquals(1.0, sum, 1e-12, line);
      assertTrue(Double.parseDouble(values[2]) > 0, "the missing class keeps a probability: " + line);
    }

    CliRunner auto = CliRunner.run("calibrate", "--model", model.toString(), "--data", cal.toString(), "--label",
        "label", "--model-out", dir.resolve("a.json").toString());
    assertEquals(0, auto.exitCode, auto.err);
    assertTrue(auto.out.startsWith("no row of class '2' in " + cal + ": auto chooses among identity (no "
        + "calibration), temperature, platt, beta; a class without rows keeps the model's probability.\n"), auto.out);
    assertTrue(auto.out.contains("beta") && !auto.out.contains("isotonic"), auto.out);
    assertTrue(auto.out.matches("(?s).*method (identity|temperature|platt|beta) on.*"), auto.out);

    Path refused = dir.resolve("iso.json");
    CliRunner iso = CliRunner.run("calibrate", "--model", model.toString(), "--data", cal.toString(), "--label",
        "label", "--method", "isotonic", "--model-out", refused.toString());
    assertEquals(1, iso.exitCode);
    assertTrue(iso.errIsOneLine() && iso.err.contains(cal + ": has no row of class '2'; isotonic calibrates each "
        + "class one-vs-rest and needs rows of every class; use temperature, platt, beta or auto"), iso.err);
    assertFalse(Files.exists(refused), "no model written");
  }

  @Test
  void trainFitsTheMapOnOutOfFoldMarginsAndRefusesItForRegression() throws IOException {
    Path train = dir.resolve("t.csv");
    SyntheticData.writeCsv(train, 1500, 4);
    Path model = dir.resolve("oof.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", "label", "--objective", "binary",
        "--rounds", "20", "-p", "calibration=platt", "-p", "calibration_folds=3", "--model", model.toString());
    assertEquals(0, t.exitCode, t.err);
    assertTrue(t.out.contains("Calibration platt fitted on 3-fold out-of-fold margins"), t.out);
    JsonNode saved = new ObjectMapper().readTree(model.toFile());
    assertEquals("platt", saved.get("calibration").get("method").asText());
    assertEquals(3, saved.get("format_version").asInt());
    assertFalse(saved.get("params").has("calibration"), "the file holds the map itself, not the parameter");

    Path regression = dir.resolve("reg.json");
    CliRunner r = CliRunner.run("train", "--data", train.toString(), "--label", "label", "--objective",
        "regression", "--rounds", "5", "-p", "calibration=auto", "--model", regression.toString());
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("calibration=auto needs objective binary or multiclass, but the "
        + "objective is regression."), r.err);
    assertFalse(Files.exists(regression));
  }
}
