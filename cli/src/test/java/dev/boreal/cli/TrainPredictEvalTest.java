package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainPredictEvalTest {
  @TempDir Path dir;

  private Path syntheticTrain() throws IOException {
    Path train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 3000, 1);
    return train;
  }

  @Test
  void trainThenPredictThenEvalAgree() throws IOException {
    Path train = syntheticTrain();
    Path valid = dir.resolve("valid.csv");
    SyntheticData.writeCsv(valid, 1000, 2);
    Path model = dir.resolve("m.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--valid", valid.toString(), "--label", "label",
        "--objective", "binary", "--rounds", "30", "-p", "metric=auc", "--model", model.toString());
    assertEquals(0, t.exitCode, t.err);
    assertTrue(Files.exists(model));
    assertTrue(t.out.contains("auc"), t.out);

    Path preds = dir.resolve("p.csv");
    CliRunner p = CliRunner.run("predict", "--model", model.toString(), "--data", valid.toString(), "--out",
        preds.toString());
    assertEquals(0, p.exitCode, p.err);
    List<String> lines = Files.readAllLines(preds);
    assertEquals("prediction", lines.get(0));
    assertEquals(1001, lines.size());
    double first = Double.parseDouble(lines.get(1));
    assertTrue(first > 0 && first < 1, "a probability: " + first);
    Path onOneThread = dir.resolve("p1.csv");
    CliRunner p1 = CliRunner.run("predict", "--model", model.toString(), "--data", valid.toString(), "--out",
        onOneThread.toString(), "--threads", "1");
    assertEquals(0, p1.exitCode, p1.err);
    assertEquals(lines, Files.readAllLines(onOneThread), "the same predictions on one thread as on all cores");
    Path none = dir.resolve("p0.csv");
    CliRunner p0 = CliRunner.run("predict", "--model", model.toString(), "--data", valid.toString(), "--out",
        none.toString(), "--threads", "0");
    assertEquals(2, p0.exitCode, p0.err);
    assertTrue(p0.errIsOneLine() && p0.err.contains("--threads must be at least 1"), p0.err);
    assertFalse(Files.exists(none), "no output file");

    CliRunner e = CliRunner.run("eval", "--model", model.toString(), "--data", valid.toString(), "--label", "label",
        "--metric", "auc", "--json");
    assertEquals(0, e.exitCode, e.err);
    JsonNode report = new ObjectMapper().readTree(e.out);
    double auc = report.get("metrics").get("auc").asDouble();
    assertTrue(auc > 0.8, "auc " + auc);
    JsonNode saved = new ObjectMapper().readTree(model.toFile());
    JsonNode history = saved.get("eval_history").get("valid.csv").get("auc");
    assertEquals(history.get(history.size() - 1).asDouble(), auc, 1e-12, "eval repeats training's last figure");
  }

  @Test
  void zeroAsMissingTrainsAModelWhoseZerosScoreAsMissingValues() throws IOException {
    Path train = dir.resolve("zeros.csv");
    StringBuilder csv = new StringBuilder("label,x,y,colour\n");
    java.util.Random random = new java.util.Random(4);
    String[] zeros = {"0", "-0.0", "1e-36", "0.0"};
    for (int r = 0; r < 2000; r++) {
      double y = random.nextDouble() * 2 - 1;
      boolean zero = random.nextDouble() < 0.3;
      double x = random.nextDouble() * 4 - 2;
      // Zero rows lean positive, rows with small x negative: zeros are not simply small values.
      boolean label = zero ? random.nextDouble() < 0.8 : random.nextDouble() < (x + y > 0.5 ? 0.85 : 0.15);
      String xText = zero ? zeros[r % zeros.length] : random.nextDouble() < 0.05 ? "" : Double.toString(x);
      csv.append(label ? 1 : 0).append(',').append(xText).append(',').append(y).append(',')
          .append(r % 3 == 0 ? "red" : "blue").append('\n');
    }
    Files.writeString(train, csv, StandardCharsets.UTF_8);
    Path model = dir.resolve("zeros.json");
    JsonNode saved = trainBinary(train, model, "-p", "zero_as_missing=true");
    assertEquals(2, saved.get("format_version").asInt(), "a model with missing zeros needs format 2");
    assertEquals("true", saved.get("params").get("zero_as_missing").asText());
    for (JsonNode feature : saved.get("features")) {
      boolean numeric = feature.get("type").asText().equals("numeric");
      assertEquals(numeric, feature.path("zero_as_missing").asBoolean(false), feature.toString());
    }
    // Each pair of rows differs only in x: a zero, a value in the zero band or missing all score alike.
    List<String> lines = predictLines(model,
        "x,y,colour\n0,0.3,red\n,0.3,red\n1e-36,0.3,red\n-0.0,0.3,red\n0.5,0.3,red\n");
    assertEquals(lines.get(1), lines.get(2), "0 scores as missing");
    assertEquals(lines.get(1), lines.get(3), "1e-36 scores as missing");
    assertEquals(lines.get(1), lines.get(4), "-0.0 scores as missing");
    assertFalse(lines.get(1).equals(lines.get(5)), "0.5 is a value: " + lines);

    Path plain = dir.resolve("plain.json");
    JsonNode plainSaved = trainBinary(train, plain);
    assertEquals(1, plainSaved.get("format_version").asInt(), "without it the model stays format 1");
    assertFalse(Files.readString(plain).contains("\"zero_as_missing\" : true"));
  }

  @Test
  void useMissingFalseTrainsAModelWhoseMissingValuesScoreAsZero() throws IOException {
    Path train = dir.resolve("missing.csv");
    StringBuilder csv = new StringBuilder("label,x,y,colour\n");
    java.util.Random random = new java.util.Random(5);
    for (int r = 0; r < 2000; r++) {
      double y = random.nextDouble() * 2 - 1;
      double u = random.nextDouble();
      double x = u < 0.2 ? Double.NaN : u < 0.3 ? 0.0 : random.nextDouble() * 4 - 2;
      // Missing rows lean positive, zero rows negative: a learned direction would keep them apart.
      boolean label = Double.isNaN(x) ? random.nextDouble() < 0.85
          : random.nextDouble() < (x + y > 0.5 ? 0.85 : 0.15);
      csv.append(label ? 1 : 0).append(',').append(Double.isNaN(x) ? "" : Double.toString(x)).append(',')
          .append(y).append(',').append(r % 3 == 0 ? "red" : "blue").append('\n');
    }
    Files.writeString(train, csv, StandardCharsets.UTF_8);
    Path model = dir.resolve("no-missing.json");
    JsonNode saved = trainBinary(train, model, "-p", "use_missing=false", "-p", "zero_as_missing=true");
    assertEquals(2, saved.get("format_version").asInt(), "a model whose NaN is zero needs format 2");
    assertEquals("false", saved.get("params").get("use_missing").asText());
    for (JsonNode feature : saved.get("features")) {
      boolean numeric = feature.get("type").asText().equals("numeric");
      assertEquals(numeric, feature.path("nan_as_zero").asBoolean(false), feature.toString());
      assertFalse(feature.has("zero_as_missing"), "use_missing=false overrides zero_as_missing: " + feature);
    }
    String rows = "x,y,colour\n0,0.3,red\n,0.3,red\n0.5,0.3,red\n";
    List<String> lines = predictLines(model, rows);
    assertEquals(lines.get(1), lines.get(2), "missing scores as 0");
    assertFalse(lines.get(1).equals(lines.get(3)), "0.5 is another value: " + lines);

    Path learned = dir.resolve("learned.json");
    trainBinary(train, learned);
    List<String> learnedLines = predictLines(learned, rows);
    assertFalse(learnedLines.get(1).equals(learnedLines.get(2)), "a learned direction sends missing elsewhere: "
        + learnedLines);
  }

  /** Trains a 10-round binary model on {@code train}'s "label" with the extra arguments; returns its file. */
  private static JsonNode trainBinary(Path train, Path model, String... extra) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data", train.toString(), "--label", "label",
        "--objective", "binary", "--rounds", "10", "--model", model.toString()));
    args.addAll(List.of(extra));
    CliRunner t = CliRunner.run(args.toArray(new String[0]));
    assertEquals(0, t.exitCode, t.err);
    return new ObjectMapper().readTree(model.toFile());
  }

  /** The lines of the prediction file {@code boreal predict} writes for the rows of {@code csv}. */
  private List<String> predictLines(Path model, String csv) throws IOException {
    Path rows = dir.resolve("rows.csv");
    Files.writeString(rows, csv, StandardCharsets.UTF_8);
    Path preds = dir.resolve("rows-p.csv");
    CliRunner p = CliRunner.run("predict", "--model", model.toString(), "--data", rows.toString(), "--out",
        preds.toString());
    assertEquals(0, p.exitCode, p.err);
    return Files.readAllLines(preds);
  }

  @Test
  void multiclassWithTextLabelsPredictsClassNames() throws IOException {
    Path train = syntheticTrain();
    Path model = dir.resolve("m.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", "channel", "--ignore", "label",
        "--objective", "multiclass", "--rounds", "5", "--model", model.toString());
    assertEquals(0, t.exitCode, t.err);
    Path preds = dir.resolve("p.csv");
    CliRunner p = CliRunner.run("predict", "--model", model.toString(), "--data", train.toString(), "--out",
        preds.toString(), "--leaf-index");
    assertEquals(0, p.exitCode, p.err);
    String header = Files.readAllLines(preds).get(0);
    assertTrue(header.startsWith("p_ee,p_emu,p_etau,p_mumu,p_mutau,prediction,leaf_0,"), header);
    String row = Files.readAllLines(preds).get(1);
    String[] fields = row.split(",");
    double sum = 0;
    for (int c = 0; c < 5; c++) {
      sum += Double.parseDouble(fields[c]);
    }
    assertEquals(1.0, sum, 1e-9);
    assertTrue(List.of("ee", "emu", "etau", "mumu", "mutau").contains(fields[5]), row);
    assertTrue(fields[6].matches("\\d+"), "leaf indices are integers: " + fields[6]);
  }

  @Test
  void configFileInLightGbmFormatDrivesTraining() throws IOException {
    Path train = syntheticTrain();
    Path model = dir.resolve("from-config.json");
    Path config = dir.resolve("train.conf");
    Files.writeString(config, "task = train\nobjective = binary\n# a comment\ndata = " + train + "\n"
        + "label_column = name:label\nnum_trees = 7\noutput_model = " + model + "\nnum_leaves = 7\n",
        StandardCharsets.UTF_8);
    CliRunner t = CliRunner.run("train", "--config", config.toString(), "--learning-rate", "0.2");
    assertEquals(0, t.exitCode, t.err);
    JsonNode saved = new ObjectMapper().readTree(model.toFile());
    assertEquals(7, saved.get("num_iterations").asInt());
    assertEquals("0.2", saved.get("params").get("learning_rate").asText());
    assertEquals("7", saved.get("params").get("num_leaves").asText());
  }

  @Test
  void outOfRangeParameterNamesItsRange() throws IOException {
    Path train = syntheticTrain();
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", "label", "--objective", "binary",
        "-p", "eta=-1", "--model", dir.resolve("m.json").toString());
    assertEquals(2, t.exitCode);
    assertTrue(t.errIsOneLine() && t.err.contains("learning_rate") && t.err.contains("> 0"), t.err);
    assertFalse(Files.exists(dir.resolve("m.json")));
  }

  @Test
  void threeClassesForBinaryIsADataError() throws IOException {
    Path train = dir.resolve("three.csv");
    Files.writeString(train, "y,x\n0,1\n1,2\n2,3\n0,4\n", StandardCharsets.UTF_8);
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", "y", "--objective", "binary",
        "--model", dir.resolve("m.json").toString());
    assertEquals(1, t.exitCode);
    assertTrue(t.errIsOneLine(), t.err);
  }

  @Test
  void predictRefusesDataWithoutAModelFeatureAndLeavesNoFile() throws IOException {
    Path train = syntheticTrain();
    Path model = dir.resolve("m.json");
    assertEquals(0, CliRunner.run("train", "--data", train.toString(), "--label", "label", "--objective", "binary",
        "--rounds", "3", "--model", model.toString()).exitCode);
    Path partial = dir.resolve("partial.csv");
    Files.writeString(partial, "lepton_pt,lepton_eta\n1,2\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("out.csv");
    CliRunner p = CliRunner.run("predict", "--model", model.toString(), "--data", partial.toString(), "--out",
        out.toString());
    assertEquals(2, p.exitCode);
    assertTrue(p.errIsOneLine() && p.err.contains("lepton_phi"), p.err);
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("out.csv")), "no output, partial or whole");
    }
  }

  @Test
  void corruptModelFileIsADataError() throws IOException {
    Path model = dir.resolve("bad.json");
    Files.writeString(model, "{\"format\": \"boreal-model\", \"format_version\": 1, \"trees\": [", StandardCharsets.UTF_8);
    CliRunner p = CliRunner.run("predict", "--model", model.toString(), "--data", model.toString(), "--out",
        dir.resolve("o.csv").toString());
    assertEquals(1, p.exitCode);
    assertTrue(p.errIsOneLine() && p.err.contains("bad.json"), p.err);
  }

  @Test
  void trainHelpListsTheParameterTable() {
    CliRunner h = CliRunner.run("train", "--help");
    assertEquals(0, h.exitCode);
    assertTrue(h.out.contains("min_data_in_leaf") && h.out.contains("colsample_bytree"), h.out);
  }
}
