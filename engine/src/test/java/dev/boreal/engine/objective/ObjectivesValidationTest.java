package dev.boreal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import org.junit.jupiter.api.Test;

/** Errors a user can cause are typed and say what was wrong; the custom-objective wrapper works. */
class ObjectivesValidationTest {
  private static final ObjectiveSettings S = ObjectiveSettings.defaults();
  private static final double[] Y = {0, 1, 2};

  @Test
  void settingsOutOfRange() {
    assertThrows(UsageException.class, () -> Objectives.create("quantile", S.withAlpha(1.0), Y, null, null));
    assertThrows(UsageException.class, () -> Objectives.create("quantile", S.withAlpha(0.0), Y, null, null));
    assertThrows(UsageException.class, () -> Objectives.create("tweedie", S.withTweedieVariancePower(2), Y, null,
        null));
    assertThrows(UsageException.class, () -> Objectives.create("multiclass", S.withNumClass(1), Y, null, null));
    assertThrows(UsageException.class, () -> Objectives.create("binary",
        S.withIsUnbalance(true).withScalePosWeight(3), new double[] {0, 1}, null, null));
    UsageException e = assertThrows(UsageException.class, () -> Objectives.create("regresion", S, Y, null, null));
    assertTrue(e.getMessage().contains("regression_l1"), e.getMessage());
  }

  @Test
  void labelsTheObjectiveCannotUse() {
    InputException e = assertThrows(InputException.class,
        () -> Objectives.create("poisson", S, new double[] {1, -2, 3}, null, null));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    assertThrows(InputException.class, () -> Objectives.create("gamma", S, new double[] {-1, 2}, null, null));
    assertThrows(InputException.class, () -> Objectives.create("tweedie", S, new double[] {0, 0}, null, null));
    assertThrows(InputException.class, () -> Objectives.create("binary", S, new double[] {0, 1, 2}, null, null));
    assertThrows(InputException.class, () -> Objectives.create("binary", S, new double[] {1, 1}, null, null));
    assertThrows(InputException.class, () -> Objectives.create("multiclass", S.withNumClass(2), Y, null, null));
    assertThrows(InputException.class, () -> Objectives.create("regression", S, new double[] {1, Double.NaN},
        null, null));
    assertThrows(InputException.class, () -> Objectives.create("regression", S, Y, new double[] {1, -1, 1},
        null));
  }

  @Test
  void rankingNeedsGroupsAndGains() {
    assertThrows(InputException.class, () -> Objectives.create("lambdarank", S, Y, null, null));
    assertThrows(InputException.class, () -> Objectives.create("rank_pairwise", S, Y, null, new int[] {1, 1}));
    InputException e = assertThrows(InputException.class, () -> Objectives.create("lambdarank",
        S.withLabelGain(new double[] {0, 1}), Y, null, new int[] {3}));
    assertTrue(e.getMessage().contains("label_gain"), e.getMessage());
    assertThrows(InputException.class, () -> Objectives.create("lambdarank", S, new double[] {0.5, 1, 2}, null,
        new int[] {3}));
  }

  @Test
  void customObjectiveIsUsedLikeABuiltIn() {
    double[] labels = {1, 2, 4};
    CustomObjective squared = (s, y, w, k, g, h) -> {
      for (int i = 0; i < y.length; i++) {
        g[i] = s[i] - y[i];
        h[i] = 1;
      }
    };
    Objective o = Objectives.custom(squared, 1, Link.IDENTITY, labels, null);
    double[] g = new double[3];
    double[] h = new double[3];
    try (Parallel p = new Parallel(1)) {
      o.gradients(new double[] {1, 1, 1}, g, h, p);
      assertArrayEquals(new double[] {0, -1, -3}, g, 0.0);
      assertArrayEquals(new double[1], o.initScores(), 0.0);
      assertEquals("custom", o.name());
      Objective broken = Objectives.custom((s, y, w, k, gg, hh) -> gg[1] = Double.NaN, 1, Link.IDENTITY, labels,
          null);
      UsageException e = assertThrows(UsageException.class, () -> broken.gradients(new double[3], g, h, p));
      assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }
  }
}
