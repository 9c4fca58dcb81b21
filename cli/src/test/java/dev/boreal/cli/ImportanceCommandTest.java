package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.engine.model.Model;
import dev.boreal.io.ModelFile;
import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportanceCommandTest {
  @TempDir static Path dir;
  static Path data;
  static Path model;

  @BeforeAll
  static void train() throws IOException {
    data = dir.resolve("train.csv");
    SyntheticData.writeCsv(data, 1200, 5);
    model = dir.resolve("m.json");
    CliRunner t = CliRunner.run("train", "--data", data.toString(), "--label", "label", "--objective", "binary",
        "--rounds", "20", "--num-leaves", "8", "--threads", "2", "--log-every", "0", "--model", model.toString());
    assertEquals(0, t.exitCode, t.err);
  }

  @Test
  void jsonListsGainAndSplitsSortedByGainWithoutData() throws IOException {
    CliRunner r = CliRunner.run("importance", "--model", model.toString(), "--json");
    assertEquals(0, r.exitCode, r.err);
    JsonNode json = new ObjectMapper().readTree(r.out);
    assertEquals("gain", json.get("sortedBy").asText());
    Model m = ModelFile.read(model);
    double[] gain = m.gainImportance(m.bestIteration());
    long[] split = m.splitImportance(m.bestIteration());
    JsonNode features = json.get("features");
    assertEquals(m.numFeatures(), features.size());
    double previous = Double.POSITIVE_INFINITY;
    Set<Integer> splitRanks = new HashSet<>();
    for (int i = 0; i < features.size(); i++) {
      JsonNode f = features.get(i);
      int index = m.featureNames().indexOf(f.get("feature").asText());
      assertEquals(i + 1, f.get("rank").asInt());
      assertEquals(gain[index], f.get("gain").asDouble(), 1e-9 * Math.max(1, gain[index]));
      assertEquals(split[index], f.get("split").asLong());
      assertTrue(f.get("gain").asDouble() <= previous, "sorted by gain");
      assertEquals(i + 1, f.get("gainRank").asInt());
      assertFalse(f.has("meanAbsShap"));
      splitRanks.add(f.get("splitRank").asInt());
      previous = f.get("gain").asDouble();
    }
    assertEquals(m.numFeatures(), splitRanks.size(), "split ranks are a permutation");
  }

  @Test
  void withDataRowsAreSortedByMeanAbsoluteShap() throws IOException {
    CliRunner r = CliRunner.run("importance", "--model", model.toString(), "--data", data.toString(), "--json",
        "--threads", "2");
    assertEquals(0, r.exitCode, r.err);
    JsonNode json = new ObjectMapper().readTree(r.out);
    assertEquals("mean_abs_shap", json.get("sortedBy").asText());
    assertEquals(1200, json.get("rows").asInt());
    JsonNode features = json.get("features");
    double previous = Double.POSITIVE_INFINITY;
    for (JsonNode f : features) {
      double v = f.get("meanAbsShap").asDouble();
      assertTrue(v <= previous && v >= 0, "sorted by mean |SHAP|");
      assertEquals(f.get("rank").asInt(), f.get("meanAbsShapRank").asInt());
      previous = v;
    }
    assertTrue(features.get(0).get("meanAbsShap").asDouble() > 0);
  }

  @Test
  void textOutputNamesEveryFeature() {
    CliRunner r = CliRunner.run("importance", "--model", model.toString(), "--data", data.toString());
    assertEquals(0, r.exitCode, r.err);
    List<String> lines = r.out.lines().toList();
    assertTrue(lines.get(0).contains("sorted by mean |SHAP value| over 1,200 rows"), lines.get(0));
    assertEquals(2 + ModelFile.read(model).numFeatures(), lines.size(), r.out);
    assertTrue(r.out.contains(SyntheticData.CHANNEL));
  }

  @Test
  void aMissingModelIsOneSentence() {
    CliRunner r = CliRunner.run("importance", "--model", dir.resolve("none.json").toString());
    assertEquals(1, r.exitCode);
    assertTrue(r.errIsOneLine(), r.err);
  }
}
