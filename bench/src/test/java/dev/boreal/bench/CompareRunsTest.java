package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A comparison where one library fails: the others' figures are kept and reported, the failed one says why. */
class CompareRunsTest {
  private static final List<String> LIBRARIES = List.of("boreal", "lightgbm", "xgboost");

  /** Training seconds 2, 3 and 4 for the libraries in order, plus {@code run} hundredths, so medians are known. */
  private static Measurement figures(String library, int run) {
    double training = 2 + LIBRARIES.indexOf(library) + run / 100.0;
    return new Measurement(library, 1, training, "auc", 0.9, 1000, 900, 5, 9, Double.NaN, 100, Map.of());
  }

  @Test
  void aFailedLibraryIsNotRunAgainAndTheOthersAreReported(@TempDir Path dir) throws Exception {
    List<String> calls = new ArrayList<>();
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    CompareRuns runs = CompareRuns.run(LIBRARIES, 3, library -> {
      calls.add(library);
      if (library.equals("lightgbm")) {
        throw new IllegalStateException("lightgbm's run failed (exit 1): Check failed: right_count > 0");
      }
      return figures(library, calls.size());
    }, out);

    assertEquals(List.of("boreal", "lightgbm", "xgboost", "boreal", "xgboost", "boreal", "xgboost"), calls);
    assertEquals(List.of("boreal", "xgboost"), List.copyOf(runs.medians().keySet()));
    assertEquals(2.04, runs.medians().get("boreal").trainingSeconds(), 1e-12, "median of 2.01, 2.04, 2.06");
    assertEquals(4.05, runs.medians().get("xgboost").trainingSeconds(), 1e-12, "median of 4.03, 4.05, 4.07");
    assertEquals(Map.of("lightgbm", "lightgbm's run failed (exit 1): Check failed: right_count > 0"),
        runs.failures());
    assertEquals(7, runs.loads().size(), runs.loads().toString());

    ComparisonReport.printTable(out, LIBRARIES, runs.medians(), runs.failures(), 3);
    out.flush();
    String table = text.toString();
    String training = table.lines().filter(l -> l.startsWith("training (s)")).findFirst().orElseThrow();
    assertEquals(List.of("training", "(s)", "2.040", "failed", "4.050", "(x1.99)"),
        List.of(training.trim().split("\\s+")), training);
    assertTrue(table.endsWith("\nlightgbm's run failed (exit 1): Check failed: right_count > 0\n"), table);

    Path json = dir.resolve("compare.json");
    Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    LIBRARIES.forEach(l -> maps.put(l, Map.of()));
    ComparisonReport.writeJson(json, Map.of(), maps, runs.medians(), runs.failures(), List.of());
    JsonNode results = new ObjectMapper().readTree(json.toFile()).get("results");
    assertEquals("lightgbm's run failed (exit 1): Check failed: right_count > 0",
        results.get("lightgbm").get("failed").asText());
    assertEquals(4.05 / 2.04, results.get("xgboost").get("training_s_ratio").asDouble(), 1e-12);
  }

  @Test
  void withoutTheBaseTheTableHasNoRatios() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    CompareRuns runs = CompareRuns.run(LIBRARIES, 1, library -> {
      if (library.equals("boreal")) {
        throw new IllegalStateException("boreal's run failed (exit 1): out of memory\nmore of its output");
      }
      return figures(library, 0);
    }, out);
    ComparisonReport.printTable(out, LIBRARIES, runs.medians(), runs.failures(), 1);
    out.flush();
    String table = text.toString();
    assertTrue(table.contains("median of 1 run; no ratios: boreal failed"), table);
    assertFalse(table.contains("(x"), table);
    assertTrue(table.endsWith("\nboreal's run failed (exit 1): out of memory\n"), table);
  }

  @Test
  void aTextColumnIsRefusedBeforeAnyLibraryRuns(@TempDir Path dir) throws Exception {
    Path train = dir.resolve("train.csv");
    Path test = dir.resolve("test.csv");
    StringBuilder numbers = new StringBuilder("label,x,color\n");
    StringBuilder words = new StringBuilder("label,x,color\n");
    for (int i = 0; i < 200; i++) {
      numbers.append(i % 2).append(',').append(i).append(',').append(i % 3).append('\n');
      words.append(i % 2).append(',').append(i).append(',').append(i % 3 == 0 ? "red" : "blue").append('\n');
    }
    Files.writeString(train, words);
    Files.writeString(test, numbers);
    StringWriter text = new StringWriter();
    StringWriter errors = new StringWriter();
    int code = Compare.run(new PrintWriter(text), new PrintWriter(errors), "--data", train.toString(), "--valid",
        test.toString(), "--label", "label", "--rounds", "3", "--leaves", "4", "--no-shap", "--warm-up", "0");
    assertEquals(2, code, text + "\n" + errors);
    assertEquals("compare: " + train + ": feature 'color' is categorical; the comparison gives the peers numeric"
        + " features only, so leave it out with --ignore color.", errors.toString().strip());
    assertFalse(text.toString().contains("run 1/"), "no library ran: " + text);
  }

  /** A child's own error reaches the report as its one sentence: no stack trace, no class name. */
  @Test
  void aFailedChildReportsItsSentence(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("rows.csv");
    StringBuilder csv = new StringBuilder("label,x\n");
    for (int i = 0; i < 200; i++) {
      csv.append(i % 2).append(',').append(i).append('\n');
    }
    Files.writeString(data, csv);
    ComparisonSpec spec = new ComparisonSpec("binary", 0, 3, 4, 0.1, 255, 1);
    Map<String, String> params = new LinkedHashMap<>(spec.checkedMaps().get("boreal"));
    params.put("num_leaves", "1");
    IllegalStateException failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> CompareChild.run("boreal", data, data, spec, params, "label", true, java.util.Set.of(), false, 0, dir));
    String message = failure.getMessage();
    assertTrue(message.startsWith("boreal's run failed (exit 1): ") && message.contains("num_leaves"), message);
    assertFalse(message.contains("\tat ") || message.contains("Exception") || message.contains("\n"), message);
  }
}
