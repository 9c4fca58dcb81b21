package dev.boreal.monitor.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Beta calibration against its definition: the maximum-likelihood a, b, c of its logistic model. */
class BetaCalibrationTest {

  @Test
  void recoversTheMapThatMadeTheLabels() {
    Random random = new Random(3);
    int n = 20000;
    double[] margins = new double[n];
    boolean[] positive = new boolean[n];
    BetaCalibration truth = new BetaCalibration(1.0, 0.6, 1.4, 0.3);
    for (int i = 0; i < n; i++) {
      margins[i] = random.nextGaussian() * 2;
      positive[i] = random.nextDouble() < truth.probability(margins[i]);
    }
    Map<String, double[]> fitted = BetaCalibration.fit(1.0, margins, positive).arrays();
    assertEquals(0.6, fitted.get("a")[0], 0.08);
    assertEquals(1.4, fitted.get("b")[0], 0.08);
    assertEquals(0.3, fitted.get("c")[0], 0.08);
  }

  @Test
  void noNearbyParametersFitBetter() {
    Random random = new Random(4);
    int n = 500;
    double[] margins = new double[n];
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n; i++) {
      margins[i] = random.nextGaussian() * 2;
      positive[i] = random.nextDouble() < 1 / (1 + Math.exp(-0.7 * margins[i] - 0.2));
    }
    BetaCalibration fit = BetaCalibration.fit(1.0, margins, positive);
    Map<String, double[]> p = fit.arrays();
    double best = loss(fit, margins, positive);
    double[] steps = {-1e-3, 1e-3};
    for (double da : steps) {
      for (double db : steps) {
        for (double dc : steps) {
          double a = Math.max(0, p.get("a")[0] + da);
          double b = Math.max(0, p.get("b")[0] + db);
          BetaCalibration near = new BetaCalibration(1.0, a, b, p.get("c")[0] + dc);
          assertTrue(loss(near, margins, positive) >= best - 1e-12);
        }
      }
    }
  }

  @Test
  void theIdentityParametersGiveTheModelsProbability() {
    BetaCalibration identity = new BetaCalibration(2.0, 1, 1, 0);
    for (double m = -5; m <= 5; m += 0.5) {
      assertEquals(1 / (1 + Math.exp(-2.0 * m)), identity.probability(m), 1e-14);
    }
  }

  private static double loss(BetaCalibration c, double[] margins, boolean[] positive) {
    double sum = 0;
    for (int i = 0; i < margins.length; i++) {
      double p = c.probability(margins[i]);
      sum -= Math.log(positive[i] ? p : 1 - p);
    }
    return sum;
  }
}
