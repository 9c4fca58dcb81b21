package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.nn.MlpModel;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Datasets;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boreal explain} on a neural net: KernelSHAP values that add up to each row's raw score. */
class KernelExplainTest {
  @TempDir Path dir;
  private Path data;
  private Path model;

  @BeforeEach
  void trainAnMlp() throws IOException {
    data = dir.resolve("d.csv");
    StringBuilder csv = new StringBuilder("y,a,b,c,colour\n");
    SplittableRandom r = new SplittableRandom(4);
    String[] colours = {"red", "green", "blue"};
    for (int i = 0; i < 600; i++) {
      double a = r.nextDouble(-1, 1);
      double b = r.nextDouble(-1, 1);
      int colour = r.nextInt(3);
      int y = a * b + (colour == 0 ? 0.4 : -0.2) + 0.3 * r.nextGaussian() > 0 ? 1 : 0;
      csv.append(y).append(',').append(a).append(',').append(i % 10 == 0 ? "" : Double.toString(b)).append(',')
          .append(r.nextDouble()).append(',').append(colours[colour]).append('\n');
    }
    // Two rows with a colour training never saw.
    csv.append("1,0.5,0.5,0.5,purple\n0,-0.5,0.5,0.1,purple\n");
    Files.writeString(data, csv);
    model = dir.resolve("mlp.json");
    CliRunner t = CliRunner.run("train", "--algorithm", "mlp", "--data", data.toString(), "--label", "y",
        "--objective", "binary", "--hidden", "16", "-p", "max_epochs=20", "-p", "min_data_per_group=10",
        "--model", model.toString());
    assertEquals(0, t.exitCode, t.err);
  }

  @Test
  void categoryIndexRowsScoreExactlyAsTheColumnsDo() {
    MlpModel mlp = (MlpModel) ModelFile.readAny(model);
    try (RootAllocator allocator = new RootAllocator();
        Table table = DataReaders.read(data, ReadOptions.defaults().withLabel("y"), allocator)) {
      var columns = Datasets.columnsFor(table, mlp.featureNames(), mlp.mappers());
      int n = table.rowCount();
      double[] fromColumns = new double[n];
      mlp.predictRaw(columns, fromColumns);
      double[] fromRows = new double[n];
      double[] coded = KernelExplain.coded(mlp, columns);
      assertEquals(-1.0, coded[(n - 1) * 4 + 3], "an unseen colour has no index");
      mlp.predictRawByCategoryIndex(coded, n, fromRows);
      assertArrayEquals(fromColumns, fromRows, 0.0);
    }
  }

  @Test
  void shapValuesAddUpToTheRawPredictionAndReasonCodesFollow() throws IOException {
    Path out = dir.resolve("shap.csv");
    CliRunner r = CliRunner.run("explain", "--model", model.toString(), "--data", data.toString(), "--label", "y",
        "--out", out.toString(), "--top-k", "2", "--threads", "2");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("with KernelSHAP against 100 rows drawn from d.csv"), r.out);
    List<String> lines = Files.readAllLines(out);
    List<String> header = List.of(lines.get(0).split(","));
    assertEquals(List.of("a", "b", "c", "colour", "expected_value", "raw_prediction"), header.subList(0, 6));
    assertTrue(header.contains("reason_2_contribution"), header.toString());
    assertEquals(603, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.split(",");
      double sum = 0;
      for (int f = 0; f <= 4; f++) {
        sum += Double.parseDouble(v[f]);
      }
      assertEquals(Double.parseDouble(v[5]), sum, 1e-9, line);
    }
  }

  @Test
  void interactionsAreRefusedInOneSentenceBeforeAnythingIsWritten() {
    CliRunner r = CliRunner.run("explain", "--model", model.toString(), "--data", data.toString(), "--label", "y",
        "--out", dir.resolve("s.csv").toString(), "--interactions");
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("--interactions needs a tree model, since interaction values "
        + "come from TreeSHAP, but " + model + " holds an mlp"), r.err);
    assertTrue(Files.notExists(dir.resolve("s.csv")));
  }

  @Test
  void theReportRanksFeaturesByTheMeanKernelShapOfTheValuesWritten() throws IOException {
    Path out = dir.resolve("s.csv");
    Path report = dir.resolve("r.html");
    CliRunner r = CliRunner.run("explain", "--model", model.toString(), "--data", data.toString(), "--label", "y",
        "--out", out.toString(), "--report", report.toString(), "--rows", "3", "--threads", "2");
    assertEquals(0, r.exitCode, r.err);
    List<String> lines = Files.readAllLines(out);
    List<String> names = List.of(lines.get(0).split(",")).subList(0, 4);
    double[] meanAbs = new double[4];
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.split(",", -1);
      for (int f = 0; f < 4; f++) {
        meanAbs[f] += Math.abs(Double.parseDouble(v[f]));
      }
    }
    List<String> expected = new ArrayList<>(names);
    expected.sort(Comparator.comparingDouble((String f) -> -meanAbs[names.indexOf(f)]));
    String html = Files.readString(report);
    String importance = html.substring(html.indexOf("<section id=\"importance\">"));
    importance = importance.substring(0, importance.indexOf("</section>"));
    List<String> drawn = Pattern.compile("class=\"label\"[^>]*>([^<]*)<").matcher(importance).results()
        .map(m -> m.group(1)).toList();
    assertEquals(expected, drawn);
    assertTrue(html.contains("KernelSHAP against 100 rows drawn from d.csv"), "the method");
    assertTrue(html.contains("A neural net has no trees") && html.contains("Split-gain importance needs trees"),
        "the sentences that stand in for what needs trees");
    assertTrue(html.contains("requested with --rows"), "the row asked for");
  }

  @Test
  void rowsOutsideTheDataAreRefusedForAnMlpToo() {
    CliRunner r = CliRunner.run("explain", "--model", model.toString(), "--data", data.toString(), "--label", "y",
        "--out", dir.resolve("s.csv").toString(), "--report", dir.resolve("r.html").toString(), "--rows", "602");
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("--rows names row 602, but"), r.err);
    assertTrue(Files.notExists(dir.resolve("s.csv")) && Files.notExists(dir.resolve("r.html")));
  }
}
