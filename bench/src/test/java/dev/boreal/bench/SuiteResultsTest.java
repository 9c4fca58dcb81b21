package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.bench.SuiteFolder.DataSet;
import dev.boreal.bench.SuiteFolder.Task;
import dev.boreal.bench.SuiteResults.Gap;
import dev.boreal.bench.SuiteResults.Run;
import dev.boreal.bench.SuiteResults.SetResult;
import dev.boreal.bench.SuiteResults.Summary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gaps, their summary and the reference columns' names, on hand-made figures. */
class SuiteResultsTest {

  @Test
  void boostingGapIsToTheBestLiveOrReferencePeer() {
    SetResult auc = result("a", Task.BINARY, runs(0.80, 0.78, 0.82, 0.79), Map.of("sklearn-hgb-1.2.1", 0.84,
        "sklearn-rf-1.2.1", 0.90));
    Gap g = auc.gbdtGap();
    assertEquals("sklearn-hgb-1.2.1", g.bestBy(), "the forest's 0.90 does not count for boosting");
    assertEquals((0.84 - 0.80) / 0.84, g.value(), 1e-15);

    SetResult rmse = result("b", Task.REGRESSION, runs(4.0, 4.4, 3.8, 5.0), Map.of("xgboost-1.7.4", 3.9));
    assertEquals("xgboost", rmse.gbdtGap().bestBy());
    assertEquals((4.0 - 3.8) / 3.8, rmse.gbdtGap().value(), 1e-15, "positive: Boreal's RMSE is higher");
  }

  @Test
  void forestGapIsToTheReferenceForest() {
    SetResult r = result("a", Task.MULTICLASS, runs(0.9, 0.9, 0.9, 0.95), Map.of("sklearn-rf-1.2.1", 0.94));
    assertEquals((0.94 - 0.95) / 0.94, r.rfGap().value(), 1e-15, "negative: Boreal's forest is better");
    SetResult without = result("b", Task.MULTICLASS, runs(0.9, 0.9, 0.9, 0.95), Map.of());
    assertTrue(Double.isNaN(without.rfGap().value()));
    assertNull(without.rfGap().bestBy());
  }

  @Test
  void failedRunsAreLeftOut() {
    Map<String, Run> runs = runs(0.80, 0.85, 0.82, 0.79);
    runs.put("lightgbm", Run.failed("lightgbm's run failed (exit 134)"));
    SetResult r = result("a", Task.BINARY, runs, Map.of());
    assertEquals("xgboost", r.gbdtGap().bestBy(), "the failed peer does not count");
    runs.put("boreal", Run.failed("boreal's run failed"));
    Gap g = result("a", Task.BINARY, runs, Map.of()).gbdtGap();
    assertTrue(Double.isNaN(g.value()));
    assertEquals(0.82, g.best());
  }

  @Test
  void summaryHasMedianWinsAndWorst() {
    SuiteResults results = new SuiteResults();
    // boosting gaps: +10%, 0 (a win), -5%, +20%, and a set without a gap (its Boreal run failed)
    results.add(result("a", Task.BINARY, runs(0.9, 1.0, 0.5, 0.5), Map.of()));
    results.add(result("b", Task.BINARY, runs(0.8, 0.8, 0.7, 0.5), Map.of()));
    results.add(result("c", Task.REGRESSION, runs(0.95, 1.0, 1.2, 0.5), Map.of()));
    results.add(result("d", Task.REGRESSION, runs(1.2, 1.0, 1.1, 0.5), Map.of()));
    Map<String, Run> failed = runs(0.5, 0.6, 0.6, 0.5);
    failed.put("boreal", Run.failed("boreal's run failed"));
    results.add(result("e", Task.BINARY, failed, Map.of()));
    Summary s = results.gbdtSummary();
    assertEquals(4, s.sets());
    assertEquals((0.0 + 0.1) / 2, s.median(), 1e-12, "the mean of the middle two of -5%, 0, +10%, +20%");
    assertEquals(2, s.wins());
    assertEquals(0.2, s.worst(), 1e-12);
    assertEquals("d", s.worstSet());
    Summary none = results.rfSummary();
    assertEquals(0, none.sets());
    assertTrue(Double.isNaN(none.median()));
  }

  @Test
  void referenceModelsGetShortNames() {
    assertEquals(Map.of("sklearn-hgb-1.2.1", "sk-hgb", "xgboost-1.7.4", "xgb-1.7", "sklearn-rf-1.2.1", "sk-rf"),
        SuiteReport.labels(List.of("sklearn-hgb-1.2.1", "xgboost-1.7.4", "sklearn-rf-1.2.1")));
    assertEquals(Map.of("sklearn-hgb-1.2.1", "sklearn-hgb-1.2.1", "sklearn-hgb-1.3.0", "sklearn-hgb-1.3.0"),
        SuiteReport.labels(List.of("sklearn-hgb-1.2.1", "sklearn-hgb-1.3.0")), "two would share a name");
    assertTrue(SuiteResults.isForest("sklearn-rf-1.2.1"));
    assertTrue(SuiteResults.isForest("ranger_forest"));
    assertFalse(SuiteResults.isForest("xgboost-1.7.4"));
    assertEquals("+1.2%", SuiteReport.percent(0.0123));
    assertEquals("-0.5%", SuiteReport.percent(-0.0049));
    assertEquals("-", SuiteReport.percent(Double.NaN));
  }

  /** Runs of Boreal's boosting, LightGBM, XGBoost and Boreal's forest with these values. */
  private static Map<String, Run> runs(double boreal, double lightgbm, double xgboost, double forest) {
    Map<String, Run> runs = new LinkedHashMap<>();
    runs.put("boreal", new Run(boreal, 1, null));
    runs.put("lightgbm", new Run(lightgbm, 1, null));
    runs.put("xgboost", new Run(xgboost, 1, null));
    runs.put("boreal-rf", new Run(forest, 1, null));
    return runs;
  }

  private static SetResult result(String name, Task task, Map<String, Run> runs, Map<String, Double> reference) {
    DataSet set = new DataSet(name, task, 100, 3, task == Task.REGRESSION ? 0 : 2, Path.of(name + ".train.csv"),
        Path.of(name + ".test.csv"), 2);
    return new SetResult(set, runs, new LinkedHashMap<>(reference));
  }
}
