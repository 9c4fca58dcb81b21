package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.explain.ShapValues;
import dev.boreal.explain.TreeShap;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Datasets;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boreal explain} end to end on small trained models: the SHAP file, reason codes, extra outputs. */
class ExplainCommandTest {
  @TempDir static Path shared;
  static Path train;
  static Path valid;
  static Path binary;

  @TempDir Path dir;

  @BeforeAll
  static void trainABinaryModel() throws IOException {
    train = shared.resolve("train.csv");
    valid = shared.resolve("valid.csv");
    SyntheticData.writeCsv(train, 1500, 1);
    SyntheticData.writeCsv(valid, 300, 2);
    binary = shared.resolve("binary.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--valid", valid.toString(), "--label",
        "label", "--objective", "binary", "--rounds", "25", "--num-leaves", "8", "--threads", "2",
        "--log-every", "0", "--model", binary.toString());
    assertEquals(0, t.exitCode, t.err);
  }

  /** A CSV file without quoted fields as a header and rows of fields. */
  record Csv(List<String> header, List<String[]> rows) {
    static Csv read(Path file) throws IOException {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String[]> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        rows.add(line.split(",", -1));
      }
      return new Csv(List.of(lines.get(0).split(",", -1)), rows);
    }

    int col(String name) {
      int i = header.indexOf(name);
      assertTrue(i >= 0, "no column " + name + " in " + header);
      return i;
    }

    double number(int row, String name) {
      return Double.parseDouble(rows.get(row)[col(name)]);
    }
  }

  @Test
  void shapValuesAddUpToTheModelsRawScoreAndReasonsAreTheTopContributions() throws IOException {
    Path out = dir.resolve("shap.csv");
    CliRunner r = CliRunner.run("explain", "--model", binary.toString(), "--data", valid.toString(), "--out",
        out.toString(), "--top-k", "3", "--threads", "2");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("path-dependent TreeSHAP"), r.out);
    Model model = ModelFile.read(binary);
    List<String> features = model.featureNames();
    Csv shap = Csv.read(out);
    List<String> expected = new ArrayList<>(features);
    expected.addAll(List.of("expected_value", "raw_prediction"));
    for (int i = 1; i <= 3; i++) {
      expected.addAll(List.of("reason_" + i, "reason_" + i + "_value", "reason_" + i + "_contribution"));
    }
    assertEquals(expected, shap.header());
    assertEquals(300, shap.rows().size());

    Path raw = dir.resolve("raw.csv");
    assertEquals(0, CliRunner.run("predict", "--model", binary.toString(), "--data", valid.toString(), "--out",
        raw.toString(), "--raw").exitCode);
    Csv predicted = Csv.read(raw);
    Csv data = Csv.read(valid);
    int withReasons = 0;
    for (int row = 0; row < 300; row++) {
      double sum = shap.number(row, "expected_value");
      double[] contribution = new double[features.size()];
      for (int f = 0; f < features.size(); f++) {
        contribution[f] = shap.number(row, features.get(f));
        sum += contribution[f];
      }
      double score = shap.number(row, "raw_prediction");
      assertEquals(predicted.number(row, "prediction"), score, 1e-12, "raw_prediction is the model's score");
      assertEquals(score, sum, 1e-6 * Math.max(1, Math.abs(score)), "additivity in row " + row);

      Integer[] order = new Integer[features.size()];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Double.compare(contribution[b], contribution[a]));
      for (int i = 0; i < 3; i++) {
        String reason = shap.rows().get(row)[shap.col("reason_" + (i + 1))];
        int f = order[i];
        if (contribution[f] > 0) {
          withReasons++;
          assertEquals(features.get(f), reason, "reason " + (i + 1) + " of row " + row);
          assertEquals(contribution[f], shap.number(row, "reason_" + (i + 1) + "_contribution"), 0);
          String value = shap.rows().get(row)[shap.col("reason_" + (i + 1) + "_value")];
          String original = data.rows().get(row)[data.col(features.get(f))];
          if (original.isEmpty()) {
            assertEquals("", value);
          } else if (features.get(f).equals(SyntheticData.CHANNEL)) {
            assertEquals(original, value, "categorical values are written as text");
          } else {
            assertEquals(Double.parseDouble(original), Double.parseDouble(value), 0);
          }
        } else {
          assertEquals("", reason, "no reason from a contribution that is not positive");
        }
      }
    }
    assertTrue(withReasons > 300, "most rows have reasons: " + withReasons);
  }

  @Test
  void batchesGiveTheSameValuesAsOnePass() {
    Model model = ModelFile.read(binary);
    try (BufferAllocator allocator = new RootAllocator();
        Table table = DataReaders.read(valid, ReadOptions.defaults(), allocator);
        Parallel parallel = new Parallel(2)) {
      List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
      TreeShap shap = TreeShap.of(model);
      ShapValues whole = shap.explain(columns, parallel);
      ProgressBar silent = new ProgressBar(null, "rows");
      ShapValues batched = ShapBatches.values(table, columns, shap::explain, parallel, silent, 37);
      assertArrayEquals(whole.raw(), batched.raw());
      assertEquals(whole.expectedValue(0), batched.expectedValue(0));
      double[] pairs = ShapBatches.interactions(table, columns, shap::interactions, parallel, silent, 64).raw();
      assertArrayEquals(shap.interactions(columns, parallel).raw(), pairs);
    }
  }

  @Test
  void multiclassColumnsArePrefixedByClassAndReasonsFollowThePredictedClass() throws IOException {
    Path data = dir.resolve("colours.csv");
    StringBuilder csv = new StringBuilder("colour,x0,x1,x2,shape\n");
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    String[] shapes = {"round", "square", "flat"};
    for (int i = 0; i < 600; i++) {
      double x0 = random.nextDouble() * 4 - 2;
      double x1 = random.nextDouble() * 4 - 2;
      int s = random.nextInt(3);
      String label = x0 + 0.3 * s > 0.5 ? "red" : x1 > 0 ? "green" : "blue";
      csv.append(label).append(',').append(x0).append(',').append(x1).append(',').append(random.nextGaussian())
          .append(',').append(shapes[s]).append('\n');
    }
    Files.writeString(data, csv.toString());
    Path model = dir.resolve("multi.json");
    assertEquals(0, CliRunner.run("train", "--data", data.toString(), "--label", "colour", "--objective",
        "multiclass", "--rounds", "15", "--num-leaves", "6", "--threads", "2", "--log-every", "0", "--model",
        model.toString()).exitCode);
    Path out = dir.resolve("multi-shap.csv");
    CliRunner r = CliRunner.run("explain", "--model", model.toString(), "--data", data.toString(), "--out",
        out.toString(), "--top-k", "2", "--report", dir.resolve("multi.html").toString());
    assertEquals(0, r.exitCode, r.err);
    Csv shap = Csv.read(out);
    String[] classes = ModelFile.read(model).classes();
    List<String> expected = new ArrayList<>();
    for (String c : classes) {
      for (String f : List.of("x0", "x1", "x2", "shape", "expected_value", "raw_prediction")) {
        expected.add(c + ":" + f);
      }
    }
    expected.add("predicted_class");
    expected.addAll(List.of("reason_1", "reason_1_value", "reason_1_contribution", "reason_2", "reason_2_value",
        "reason_2_contribution"));
    assertEquals(expected, shap.header());
    for (int row = 0; row < 600; row++) {
      String best = null;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (String c : classes) {
        double sum = shap.number(row, c + ":expected_value");
        for (String f : List.of("x0", "x1", "x2", "shape")) {
          sum += shap.number(row, c + ":" + f);
        }
        double score = shap.number(row, c + ":raw_prediction");
        assertEquals(score, sum, 1e-6 * Math.max(1, Math.abs(score)));
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      assertEquals(best, shap.rows().get(row)[shap.col("predicted_class")]);
      String reason = shap.rows().get(row)[shap.col("reason_1")];
      if (!reason.isEmpty()) {
        assertEquals(shap.number(row, best + ":" + reason), shap.number(row, "reason_1_contribution"), 0,
            "reasons are the predicted class's contributions");
      }
    }
    assertTrue(Files.readString(dir.resolve("multi.html")).contains("<svg"));
  }

  @Test
  void interactionsAndReportAreWrittenBesideTheShapFile() throws IOException {
    Path out = dir.resolve("s.csv");
    Path report = dir.resolve("r.html");
    CliRunner r = CliRunner.run("explain", "--model", binary.toString(), "--data", valid.toString(), "--out",
        out.toString(), "--interactions", "--report", report.toString(), "--rows", "3,7");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("Report written to " + report), r.out);
    Csv shap = Csv.read(out);
    Csv pairs = Csv.read(dir.resolve("s.interactions.csv"));
    List<String> features = ModelFile.read(binary).featureNames();
    assertEquals(features.size() * features.size() + 1, pairs.header().size());
    for (int row = 0; row < 300; row += 17) {
      double total = pairs.number(row, "expected_value");
      for (String fi : features) {
        double rowSum = 0;
        for (String fj : features) {
          double v = pairs.number(row, fi + "|" + fj);
          assertEquals(v, pairs.number(row, fj + "|" + fi), 1e-12, "symmetric");
          rowSum += v;
        }
        assertEquals(shap.number(row, fi), rowSum, 1e-6, "row " + fi + " sums to its SHAP value");
        total += rowSum;
      }
      assertEquals(shap.number(row, "raw_prediction"), total, 1e-6);
    }
    String html = Files.readString(report);
    assertTrue(html.contains("Row 3 (requested with --rows") && html.contains("Row 7 (requested with --rows"));
    assertTrue(html.contains("by mean |SHAP interaction value|"), "exact interactions colour the plots");
  }

  @Test
  void backgroundSwitchesToInterventionalShapAgainstThatFile() throws IOException {
    Path background = dir.resolve("bg.csv");
    SyntheticData.writeCsv(background, 60, 9);
    Path out = dir.resolve("i.arrow");
    CliRunner r = CliRunner.run("explain", "--model", binary.toString(), "--data", valid.toString(), "--out",
        out.toString(), "--background", background.toString(), "--label", "label");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("interventional TreeSHAP against the 60 rows of bg.csv"), r.out);
    assertTrue(Files.size(out) > 0);
    Path csv = dir.resolve("i.csv");
    assertEquals(0, CliRunner.run("explain", "--model", binary.toString(), "--data", valid.toString(), "--out",
        csv.toString(), "--background", background.toString()).exitCode);
    Path bgRaw = dir.resolve("bg-raw.csv");
    assertEquals(0, CliRunner.run("predict", "--model", binary.toString(), "--data", background.toString(),
        "--out", bgRaw.toString(), "--raw").exitCode);
    double mean = Csv.read(bgRaw).rows().stream().mapToDouble(x -> Double.parseDouble(x[0])).average().orElseThrow();
    Csv shap = Csv.read(csv);
    assertEquals(mean, shap.number(0, "expected_value"), 1e-9, "the expected value is the background's mean score");
    List<String> features = ModelFile.read(binary).featureNames();
    for (int row = 0; row < 300; row += 13) {
      double sum = shap.number(row, "expected_value");
      for (String f : features) {
        sum += shap.number(row, f);
      }
      assertEquals(shap.number(row, "raw_prediction"), sum, 1e-6);
    }
  }

  @Test
  void badInputFailsWithOneSentenceAndWritesNothing() throws IOException {
    Path missingModel = dir.resolve("none.json");
    Path out = dir.resolve("o.csv");
    Path report = dir.resolve("o.html");
    Path lacking = dir.resolve("lacking.csv");
    Files.writeString(lacking, "lepton_pt,jet1_pt\n1,2\n3,4\n");
    Map<List<String>, Integer> cases = Map.of(
        List.of("--model", missingModel.toString(), "--data", valid.toString()), 1,
        List.of("--model", binary.toString(), "--data", lacking.toString()), 2,
        List.of("--model", binary.toString(), "--data", valid.toString(), "--report", report.toString(),
            "--rows", "300"), 2,
        List.of("--model", binary.toString(), "--data", valid.toString(), "--rows", "1"), 2,
        List.of("--model", binary.toString(), "--data", valid.toString(), "--top-k", "-1"), 2,
        List.of("--model", binary.toString(), "--data", valid.toString(), "--top-k", "99"), 2,
        List.of("--model", binary.toString(), "--data", valid.toString(), "--interactions", "--background",
            valid.toString()), 2,
        List.of("--model", binary.toString(), "--data", valid.toString(), "--report",
            dir.resolve("no/such/dir/r.html").toString()), 1);
    for (Map.Entry<List<String>, Integer> c : cases.entrySet()) {
      List<String> args = new ArrayList<>(List.of("explain", "--out", out.toString()));
      args.addAll(c.getKey());
      CliRunner r = CliRunner.run(args.toArray(new String[0]));
      assertEquals(c.getValue(), r.exitCode, args + ": " + r.err);
      assertTrue(r.errIsOneLine(), args + ": " + r.err);
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(lacking), files.toList(), "nothing written for " + args);
      }
    }
    CliRunner missing = CliRunner.run("explain", "--model", missingModel.toString(), "--data", valid.toString(),
        "--out", out.toString());
    assertTrue(missing.err.contains(missingModel.toString()), missing.err);
    CliRunner lack = CliRunner.run("explain", "--model", binary.toString(), "--data", lacking.toString(), "--out",
        out.toString());
    assertTrue(lack.err.contains("has no column"), lack.err);
  }
}
