package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small end-to-end comparison: the harness writes synthetic data, runs each library in its own child JVM
 * and reports a row per library. Figures are checked for sanity, never for speed.
 */
class CompareSmokeTest {

  @Test
  void smallComparisonReportsEveryLibrary(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("compare.json");
    StringWriter text = new StringWriter();
    StringWriter errors = new StringWriter();
    int code = Compare.run(new PrintWriter(text), new PrintWriter(errors), "--rows", "20000", "--rounds", "10",
        "--leaves", "15", "--warm-up", "0.05", "--json", json.toString(), "--scaling", "--scaling-min", "2000",
        "--scaling-max", "20000");
    System.out.println(text);
    assertEquals(0, code, errors.toString());

    String table = text.toString();
    assertTrue(table.contains("test auc"), table);
    JsonNode results = new ObjectMapper().readTree(json.toFile()).get("results");
    for (String library : ComparisonSpec.LIBRARIES) {
      JsonNode r = results.get(library);
      assertTrue(r != null, "no row for " + library + " in " + results);
      double auc = r.get("auc").asDouble();
      assertTrue(auc > 0.6 && auc <= 1.0, library + " test AUC " + auc);
      for (String positive : new String[] {"construction_s", "training_s", "batch_rows_per_s",
          "batch_first_rows_per_s", "single_p50_us", "peak_rss_mb"}) {
        assertTrue(r.get(positive).asDouble() > 0, library + " " + positive + " = " + r.get(positive));
      }
      assertTrue(r.get("single_p99_us").asDouble() >= r.get("single_p50_us").asDouble(), library + " p99 < p50");
    }
    assertTrue(results.get("boreal").get("shap_rows_per_s").asDouble() > 0, "Boreal's TreeSHAP rate is measured");
    // Similar data and settings: the AUCs, quantized ones included, agree to within a few hundredths.
    double boreal = results.get("boreal").get("auc").asDouble();
    for (String peer : List.of("boreal-quantized", "lightgbm", "lightgbm-quantized", "xgboost")) {
      assertEquals(boreal, results.get(peer).get("auc").asDouble(), 0.03, peer);
    }

    // The scaling run: Boreal then LightGBM at each size, smallest first, each with its own figures.
    JsonNode scaling = new ObjectMapper().readTree(json.toFile()).get("scaling");
    assertEquals(4, scaling.size(), scaling.toString());
    String[] libraries = {"boreal", "lightgbm", "boreal", "lightgbm"};
    long[] rows = {2000, 2000, 20000, 20000};
    for (int i = 0; i < 4; i++) {
      JsonNode point = scaling.get(i);
      assertEquals(libraries[i], point.get("library").asText(), point.toString());
      assertEquals(rows[i], point.get("rows").asLong(), point.toString());
      assertTrue(point.get("trainingSeconds").asDouble() > 0 && point.get("peakRssMegabytes").asDouble() > 0,
          point.toString());
    }
    assertTrue(scaling.get(2).get("phaseSeconds").has("histograms"), "Boreal's phases: " + scaling.get(2));
    assertTrue(table.contains("scaling (growth"), table);
  }

  @Test
  void unknownScalingLibraryIsRefusedBeforeAnyRun() {
    StringWriter text = new StringWriter();
    StringWriter errors = new StringWriter();
    int code = Compare.run(new PrintWriter(text), new PrintWriter(errors), "--rows", "20000", "--scaling",
        "--scaling-libraries", "boreal,catboost");
    assertEquals(2, code, text + "\n" + errors);
    assertEquals("compare: --scaling-libraries names 'catboost'; expected some of boreal, boreal-quantized, lightgbm,"
        + " lightgbm-quantized, xgboost.", errors.toString().strip());
    assertTrue(!text.toString().contains("run 1/"), text.toString());
  }
}
