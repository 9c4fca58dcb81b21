package dev.boreal.engine.gbdt;

import static dev.boreal.engine.gbdt.GradientBoostingTest.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.TestData;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import org.junit.jupiter.api.Test;

class SettingsTest {
  /** Boosting shares its trees' work from 1.5M cells: rows times histogram columns, a bundle counting once. */
  @Test
  void smallDataGrowsTreesOnOneThread() {
    assertFalse(Settings.sharesTreeWork(oneHot(1_000, 10, false)), "10,000 cells");
    assertFalse(Settings.sharesTreeWork(oneHot(49_999, 30, false)), "1,499,970 cells");
    assertTrue(Settings.sharesTreeWork(oneHot(50_000, 30, false)), "1,500,000 cells");
    BinnedData bundled = oneHot(50_000, 30, true);
    assertTrue(bundled.bundlesOrNull() != null && bundled.bundlesOrNull().count() < 30, "the one-hot columns bundle");
    assertFalse(Settings.sharesTreeWork(bundled), "a bundle is one histogram column");
  }

  /** {@code rows} rows of {@code features} exclusive 0/1 columns (row r is hot in column r mod features). */
  private static BinnedData oneHot(int rows, int features, boolean bundle) {
    double[][] x = new double[features][rows];
    for (int r = 0; r < rows; r++) {
      x[r % features][r] = 1;
    }
    BinnedData data = TestData.bin(x, new int[0][], new String[0][], BinningParams.defaults());
    return bundle ? data.withBundles(0) : data;
  }

  @Test
  void binaryGetsXgboostsHessianFloorOthersLightGbms() {
    Params p = params("objective", "binary");
    assertEquals(1.0, Settings.resolveDefaults(p, "binary", null, 1000).getDouble("min_sum_hessian_in_leaf"));
    assertEquals(0.25, Settings.resolveDefaults(p, "binary", new double[] {0.1, 0.4, 0.2, 0.3}, 4)
        .getDouble("min_sum_hessian_in_leaf"), 1e-15);
    for (String other : new String[] {"multiclass", "regression", "poisson", "lambdarank", "custom"}) {
      assertEquals(1e-3, Settings.resolveDefaults(p, other, null, 1000).getDouble("min_sum_hessian_in_leaf"), other);
    }
  }

  @Test
  void multiclassKeepsLightGbmsHessianFloorAndCapsItsStepInstead() {
    Params p = params("objective", "multiclass", "num_class", "6");
    Params resolved = Settings.resolveDefaults(p, "multiclass", new double[] {0.1, 0.4, 0.2, 0.3}, 4);
    assertEquals(1e-3, resolved.getDouble("min_sum_hessian_in_leaf"));
    assertEquals(2.0, resolved.getDouble("max_delta_step"));
    assertTrue(resolved.isSet("max_delta_step"), "the model file records the cap the trees used");
    for (String other : new String[] {"binary", "regression", "lambdarank"}) {
      assertEquals(0.0, Settings.resolveDefaults(p, other, null, 1000).getDouble("max_delta_step"), other);
    }
    Params given = params("objective", "multiclass", "num_class", "6", "max_delta_step", "0",
        "min_sum_hessian_in_leaf", "0.5");
    Params kept = Settings.resolveDefaults(given, "multiclass", null, 1000);
    assertEquals(0.0, kept.getDouble("max_delta_step"), "0 asks for LightGBM's uncapped step");
    assertEquals(0.5, kept.getDouble("min_sum_hessian_in_leaf"));
  }

  @Test
  void pathSmoothingNeedsTwoRowsALeafAsInLightGbm() {
    assertEquals(2, Settings.tree(params("path_smooth", "0.5", "min_data_in_leaf", "1"), 3).minDataInLeaf());
    assertEquals(0.5, Settings.tree(params("path_smooth", "0.5"), 3).pathSmooth());
    assertEquals(20, Settings.tree(params("path_smooth", "0.5"), 3).minDataInLeaf());
    assertEquals(1, Settings.tree(params("min_data_in_leaf", "1"), 3).minDataInLeaf(), "no smoothing: as given");
    assertEquals(0.0, Settings.tree(params(), 3).pathSmooth(), "LightGBM's default: none");
  }

  @Test
  void aValueTheUserGaveIsKeptAndResolvedValuesAreRecorded() {
    Params given = params("objective", "binary", "min_child_weight", "0.002");
    assertEquals(0.002, Settings.resolveDefaults(given, "binary", null, 1000).getDouble("min_sum_hessian_in_leaf"));
    Params resolved = Settings.resolveDefaults(params("objective", "binary"), "binary", null, 1000);
    assertTrue(resolved.isSet("min_sum_hessian_in_leaf"), "the model file records the value the trees used");
    assertEquals("1", resolved.toCanonicalMap().get("min_sum_hessian_in_leaf").replace(".0", ""));
  }
}
