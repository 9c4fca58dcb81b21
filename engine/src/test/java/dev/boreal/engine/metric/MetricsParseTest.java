package dev.boreal.engine.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import dev.boreal.engine.objective.ObjectiveSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Metric names, aliases, expansion over eval_at, defaults and errors. */
class MetricsParseTest {
  private static final ObjectiveSettings S = ObjectiveSettings.defaults();

  private static List<String> names(String metric, String objective, int[] evalAt) {
    List<String> out = new ArrayList<>();
    for (Metric m : Metrics.parse(metric, objective, S, evalAt)) {
      out.add(m.name());
    }
    return out;
  }

  @Test
  void aliasesMapToLightGbmNamesWithoutDuplicates() {
    assertEquals(List.of("l2", "rmse", "l1", "binary_logloss", "binary_error"),
        names("mse, l2,mean_squared_error,RMSE,mae,l1,logloss,error", "regression", null));
  }

  @Test
  void rankingMetricsExpandOverEvalAt() {
    assertEquals(List.of("ndcg@1", "ndcg@3", "map@1", "map@3", "ndcg@5"),
        names("ndcg,map,ndcg@5", "lambdarank", new int[] {1, 3}));
    assertEquals(List.of("ndcg@1", "ndcg@2", "ndcg@3", "ndcg@4", "ndcg@5"), names("", "lambdarank", null));
    assertTrue(Metrics.parse("ndcg@2", "lambdarank", S, null).get(0).higherIsBetter());
  }

  @Test
  void emptyGivesTheObjectivesDefault() {
    assertEquals(List.of("l2"), names("", "regression", null));
    assertEquals(List.of("l1"), names(" ", "regression_l1", null));
    assertEquals(List.of("binary_logloss"), names(null, "binary", null));
    assertEquals(List.of("multi_logloss"), names("", "multiclass", null));
    assertEquals(List.of("quantile"), names("", "quantile", null));
    assertEquals(List.of(), names("", "custom", null));
    assertEquals(List.of(), names("none", "regression", null));
    assertFalse(Metrics.parse("l2", "regression", S, null).get(0).higherIsBetter());
  }

  @Test
  void unknownNameListsKnownOnes() {
    UsageException e = assertThrows(UsageException.class, () -> Metrics.parse("l2,acu", "regression", S, null));
    assertTrue(e.getMessage().contains("'acu'") && e.getMessage().contains("auc"), e.getMessage());
    assertThrows(UsageException.class, () -> Metrics.parse("ndcg@0", "lambdarank", S, null));
    assertThrows(UsageException.class, () -> Metrics.parse("auc@3", "binary", S, null));
  }
}
