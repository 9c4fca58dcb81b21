package dev.boreal.engine.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one metric history: order of sets and metrics, growth past its first arrays, trimming and padding. */
class EvalHistoryTest {
  @Test
  void keepsTrackedOrderGrowsAndTrimsToTheIterationsRecorded() {
    EvalHistory h = new EvalHistory();
    h.track("valid", List.of("auc", "binary_logloss"));
    h.track("holdout", List.of("l2"));
    for (int it = 0; it < 40; it++) {
      h.record(it, "valid", "auc", it / 100.0);
      h.record(it, "valid", "binary_logloss", 1 - it / 100.0);
    }
    assertEquals(40, h.iterations());
    assertEquals(0.39, h.value("valid", "auc", 39), 0.0);
    Map<String, Map<String, double[]>> map = h.toMap();
    assertEquals(List.of("valid", "holdout"), List.copyOf(map.keySet()));
    assertEquals(List.of("auc", "binary_logloss"), List.copyOf(map.get("valid").keySet()));
    assertEquals(40, map.get("valid").get("auc").length);
    assertArrayEquals(new double[40], map.get("holdout").get("l2"), "a tracked metric never recorded reads 0");
    assertArrayEquals(new double[] {0.0, 0.01}, h.toMap(2).get("valid").get("auc"));
    assertEquals(41, h.toMap(41).get("valid").get("auc").length, "padded with 0");
    assertThrows(IllegalArgumentException.class, () -> h.value("valid", "auc", 40));
    assertThrows(IllegalArgumentException.class, () -> h.value("train", "auc", 0));
  }

  @Test
  void aWholeSeriesIsRecordedIterationByIteration() {
    EvalHistory h = new EvalHistory();
    h.recordAll("oob", Map.of("auc", new double[] {0.6, 0.7, 0.8}));
    assertEquals(3, h.iterations());
    assertArrayEquals(new double[] {0.6, 0.7, 0.8}, h.toMap().get("oob").get("auc"));
  }
}
