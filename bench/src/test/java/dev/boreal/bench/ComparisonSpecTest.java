package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-library parameter maps, and the refusal to compare runs that are not equivalent. */
class ComparisonSpecTest {
  private final ComparisonSpec spec = new ComparisonSpec("binary", 0, 100, 255, 0.1, 255, 2);

  @Test
  void mapsOfOneSpecAreEquivalent() {
    Map<String, Map<String, String>> maps = spec.checkedMaps();
    assertEquals("255", maps.get("lightgbm").get("num_leaves"));
    assertEquals("255", maps.get("xgboost").get("max_leaves"));
    assertEquals("0", maps.get("xgboost").get("max_depth"));
    assertEquals("1e-3", maps.get("xgboost").get("min_child_weight"));
    assertEquals("0", maps.get("xgboost").get("lambda"));
    assertEquals("-1", maps.get("lightgbm").get("verbose"));
    Map<String, String> quantized = new LinkedHashMap<>(maps.get("lightgbm"));
    assertEquals(null, quantized.put("use_quantized_grad", "true"));
    assertEquals(quantized, maps.get("lightgbm-quantized"), "the float run plus use_quantized_grad");
    assertEquals("true", maps.get("boreal-quantized").get("use_quantized_grad"));
  }

  @ParameterizedTest(name = "{0}.{1}={2} is refused")
  @CsvSource({
    "xgboost, max_leaves, 63",
    "lightgbm, num_iterations, 50",
    "boreal, learning_rate, 0.05",
    "xgboost, max_bin, 256",
    "lightgbm, num_threads, 1",
    "xgboost, grow_policy, depthwise",
    "xgboost, max_depth, 6",
  })
  void mismatchedSpecIsRefused(String library, String key, String value) {
    Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    for (String l : ComparisonSpec.LIBRARIES) {
      maps.put(l, new LinkedHashMap<>(spec.paramsFor(l)));
    }
    maps.get(library).put(key, value);
    UsageException e = assertThrows(UsageException.class, () -> ComparisonSpec.requireEquivalent(maps));
    assertTrue(e.getMessage().startsWith("refusing to compare"), e.getMessage());
  }

  @Test
  void missingSettingIsRefused() {
    Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    for (String l : ComparisonSpec.LIBRARIES) {
      maps.put(l, new LinkedHashMap<>(spec.paramsFor(l)));
    }
    maps.get("xgboost").remove("nthread");
    assertThrows(UsageException.class, () -> ComparisonSpec.requireEquivalent(maps));
  }

  @Test
  void libraryDefaultsSetOnlyTheSpecAndTheSeed() {
    ComparisonSpec suite = ComparisonSpec.libraryDefaults("multiclass", 4, 300, 31, 0.1, 2, 1);
    Map<String, Map<String, String>> maps = suite.checkedMaps();
    for (Map<String, String> m : maps.values()) {
      assertEquals("1", m.get("seed"));
      assertEquals("4", m.get("num_class"));
      assertTrue(!m.containsKey("max_bin"), "bins stay at each library's default: " + m);
    }
    Map<String, String> xgboost = maps.get("xgboost");
    assertEquals("4", xgboost.get("max_cat_to_onehot"));
    assertTrue(!xgboost.containsKey("min_child_weight") && !xgboost.containsKey("lambda"), xgboost.toString());
    assertEquals(Map.of("objective", "multiclass", "num_class", "4", "num_iterations", "300", "num_threads", "2",
        "seed", "1"), suite.borealForest(300));
  }

  @Test
  void differentSeedsAreRefused() {
    Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    ComparisonSpec suite = ComparisonSpec.libraryDefaults("binary", 0, 300, 31, 0.1, 2, 1);
    for (String l : ComparisonSpec.LIBRARIES) {
      maps.put(l, new LinkedHashMap<>(suite.paramsFor(l)));
    }
    maps.get("lightgbm").put("seed", "2");
    UsageException e = assertThrows(UsageException.class, () -> ComparisonSpec.requireEquivalent(maps));
    assertTrue(e.getMessage().contains("seed"), e.getMessage());
  }

  @Test
  void harnessRefusesBeforeRunningAnything() {
    StringWriter err = new StringWriter();
    int code = Compare.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "--objective", "poisson");
    assertEquals(2, code);
    assertTrue(err.toString().contains("--objective must be"), err.toString());
  }
}
