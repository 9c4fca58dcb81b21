package dev.boreal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The update rules against their formulas, and the learning-rate schedules. */
class OptimizerTest {
  @Test
  void adamFollowsKingmaAndBaWithBiasCorrection() {
    Optimizer adam = Optimizer.adam(2, 0.9, 0.999, 1e-8);
    double[] p = {1.0, -2.0};
    double[] g1 = {0.5, -0.1};
    double[] g2 = {0.2, 0.3};
    double lr = 0.01;
    double[] m = new double[2];
    double[] v = new double[2];
    double[] expected = p.clone();
    adam.step(p, g1, lr);
    adam.step(p, g2, lr);
    double[][] gs = {g1, g2};
    for (int t = 1; t <= 2; t++) {
      for (int i = 0; i < 2; i++) {
        double g = gs[t - 1][i];
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        double mHat = m[i] / (1 - Math.pow(0.9, t));
        double vHat = v[i] / (1 - Math.pow(0.999, t));
        // The paper's efficient form: epsilon is added before the bias correction of v.
        expected[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8 / Math.sqrt(1 - Math.pow(0.999, t)));
      }
    }
    assertArrayEquals(expected, p, 1e-15);
  }

  @Test
  void adamWShrinksOnlyDecayedParametersBeforeTheAdamStep() {
    Optimizer adamW = Optimizer.adamW(0.9, 0.999, 1e-8, 0.1, new boolean[] {true, false});
    double[] p = {2.0, 2.0};
    adamW.step(p, new double[] {0.5, 0.5}, 0.01);
    // By hand, step 1: the decayed parameter becomes 2 - 0.01 * 0.1 * 2 = 1.998; then m = 0.05, v = 0.00025,
    // step size 0.01 * sqrt(0.001) / 0.1, so each moves by 0.01 * sqrt(0.001) / 0.1 * 0.05 / (sqrt(0.00025) + 1e-8).
    double adamMove = 0.01 * Math.sqrt(0.001) / 0.1 * 0.05 / (Math.sqrt(0.00025) + 1e-8);
    assertEquals(0.01, adamMove, 1e-8);
    assertEquals(1.998 - adamMove, p[0], 1e-15);
    assertEquals(2.0 - adamMove, p[1], 1e-15);
    assertTrue(adamW.decouplesDecay());
  }

  @Test
  void sgdWithMomentumAccumulatesVelocity() {
    Optimizer sgd = Optimizer.sgd(1, 0.9);
    double[] p = {1.0};
    sgd.step(p, new double[] {2.0}, 0.1);
    assertEquals(1.0 - 0.2, p[0], 1e-15);
    sgd.step(p, new double[] {2.0}, 0.1);
    assertEquals(0.8 - (0.9 * 0.2 + 0.2), p[0], 1e-15);
  }

  @Test
  void schedulesStartAtTheRateAndDecay() {
    for (Optimizer.Schedule s : Optimizer.Schedule.values()) {
      assertEquals(0.1, s.rate(0.1, 0, 50), 1e-15, s.name());
    }
    assertEquals(0.1, Optimizer.Schedule.CONSTANT.rate(0.1, 49, 50));
    assertEquals(0.05, Optimizer.Schedule.INVSCALING.rate(0.1, 3, 50), 1e-15);
    assertEquals(0.05, Optimizer.Schedule.COSINE.rate(0.1, 25, 50), 1e-15);
  }
}
