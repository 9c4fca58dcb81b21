package dev.boreal.engine.gbdt;

import static dev.boreal.engine.gbdt.GradientBoostingTest.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.params.Params;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void logLossesGetAHessianFloorOfOneMeanWeightOthersLightGbms() {
    Params p = params("objective", "binary");
    assertEquals(1.0, Settings.resolveDefaults(p, "binary", null, 1000).getDouble("min_sum_hessian_in_leaf"));
    assertEquals(1.0, Settings.resolveDefaults(p, "multiclass", null, 1000).getDouble("min_sum_hessian_in_leaf"));
    assertEquals(0.25, Settings.resolveDefaults(p, "binary", new double[] {0.1, 0.4, 0.2, 0.3}, 4)
        .getDouble("min_sum_hessian_in_leaf"), 1e-15);
    for (String other : new String[] {"regression", "poisson", "lambdarank", "custom"}) {
      assertEquals(1e-3, Settings.resolveDefaults(p, other, null, 1000).getDouble("min_sum_hessian_in_leaf"), other);
    }
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
