package dev.boreal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The quantile transform against reference normal quantiles and its rules for ties and the ends. */
class QuantileNormalTest {
  @Test
  void inverseNormalMatchesReferenceQuantiles() {
    // Reference values of the standard normal's quantile function (scipy.stats.norm.ppf).
    assertEquals(0.0, QuantileNormal.inverseNormal(0.5), 1e-12);
    assertEquals(1.959963984540054, QuantileNormal.inverseNormal(0.975), 1e-8);
    assertEquals(-1.0, QuantileNormal.inverseNormal(0.15865525393145707), 1e-8);
    assertEquals(-3.090232306167813, QuantileNormal.inverseNormal(0.001), 1e-8);
    assertEquals(5.199337582192818, QuantileNormal.inverseNormal(1 - 1e-7), 1e-7);
  }

  @Test
  void uniformTrainingValuesMapToTheirNormalScores() {
    double[] values = new double[3001];
    for (int i = 0; i < values.length; i++) {
      values[values.length - 1 - i] = i / 3000.0;
    }
    double[] q = QuantileNormal.fit(values, values.length);
    assertEquals(100, q.length, "n / 30 quantiles");
    assertEquals(0.0, q[0]);
    assertEquals(1.0, q[99]);
    assertEquals(QuantileNormal.inverseNormal(0.975), QuantileNormal.transform(q, 0.975), 1e-12);
    assertEquals(0.0, QuantileNormal.transform(q, 0.5), 1e-12);
    assertEquals(QuantileNormal.inverseNormal(1e-7), QuantileNormal.transform(q, -4), 0.0, "below the range");
    assertEquals(QuantileNormal.inverseNormal(1 - 1e-7), QuantileNormal.transform(q, 9), 0.0, "above");
  }

  @Test
  void tiedValuesTakeTheMiddleOfTheirQuantileRun() {
    double[] values = new double[300];
    for (int i = 210; i < 300; i++) {
      values[i] = 1;
    }
    double[] q = QuantileNormal.fit(values, values.length);
    // 10 quantiles at probabilities i / 9: 0..6 are 0 (ranks up to 0.667 * 299 = 199.3 < 210), 7..9 are 1.
    assertEquals(QuantileNormal.inverseNormal(3.0 / 9), QuantileNormal.transform(q, 0), 1e-12);
    assertEquals(QuantileNormal.inverseNormal(8.0 / 9), QuantileNormal.transform(q, 1), 1e-12);
    assertTrue(QuantileNormal.transform(q, 0.5) > QuantileNormal.transform(q, 0));
    assertEquals(0.0, QuantileNormal.transform(new double[] {3, 3}, 3), 0.0, "a constant feature gives 0");
  }
}
