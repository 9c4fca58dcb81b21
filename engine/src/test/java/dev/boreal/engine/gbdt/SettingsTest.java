package dev.boreal.engine.gbdt;

import static dev.boreal.engine.gbdt.GradientBoostingTest.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.params.Params;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void logLossesGetXgboostsHessianFloorInTheirHessianUnitsOthersLightGbms() {
    Params p = params("objective", "binary");
    assertEquals(1.0, Settings.resolveDefaults(p, "binary", null, 1000).getDouble("min_sum_hessian_in_leaf"));
    assertEquals(0.25, Settings.resolveDefaults(p, "binary", new double[] {0.1, 0.4, 0.2, 0.3}, 4)
        .getDouble("min_sum_hessian_in_leaf"), 1e-15);
    for (String other : new String[] {"regression", "poisson", "lambdarank", "custom"}) {
      assertEquals(1e-3, Settings.resolveDefaults(p, other, null, 1000).getDouble("min_sum_hessian_in_leaf"), other);
    }
  }

  @Test
  void multiclassFloorIsXgboostsOneRowInXgboostsHessianUnits() {
    // hessian k/(k-1)·p(1-p)·w here, 2·p(1-p)·w in XGBoost: its min_child_weight=1 is k/(2(k-1)) mean weights
    assertEquals(0.75, floor("3", null), 1e-15);
    assertEquals(0.6, floor("6", null), 1e-15);
    assertEquals(0.15, floor("6", new double[] {0.1, 0.4, 0.2, 0.3}), 1e-15);
    assertEquals(1.0, floor("2", null), 1e-15);
  }

  private static double floor(String numClass, double[] weights) {
    Params p = params("objective", "multiclass", "num_class", numClass);
    return Settings.resolveDefaults(p, "multiclass", weights, 1000).getDouble("min_sum_hessian_in_leaf");
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
