package dev.boreal.monitor.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Platt coefficients, isotonic outputs and the temperature against scikit-learn 1.2 and scipy, on the fixtures
 * {@code src/test/resources/calibration/make_fixtures.py} writes.
 */
class CalibrationParityTest {

  @ParameterizedTest
  @ValueSource(strings = {"binary_overconfident", "binary_underconfident_ties"})
  void plattMatchesScikitLearn(String name) throws IOException {
    Fixture f = new Fixture(name);
    PlattScaling platt = PlattScaling.fit(f.get("margins"), f.positive());
    Map<String, double[]> ab = platt.arrays();
    // The optimum itself (BFGS refined by Newton in the script), and scikit-learn's own BFGS answer.
    assertEquals(f.scalar("platt_a"), ab.get("a")[0], 1e-9);
    assertEquals(f.scalar("platt_b"), ab.get("b")[0], 1e-9);
    assertEquals(f.get("platt_bfgs")[0], ab.get("a")[0], 1e-6);
    assertEquals(f.get("platt_bfgs")[1], ab.get("b")[0], 1e-6);
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary_overconfident", "binary_underconfident_ties"})
  void isotonicMatchesScikitLearn(String name) throws IOException {
    Fixture f = new Fixture(name);
    IsotonicCalibration iso = IsotonicCalibration.fit(f.get("margins"), f.positive());
    double[] test = f.get("test");
    double[] expected = f.get("isotonic");
    for (int i = 0; i < test.length; i++) {
      assertEquals(expected[i], iso.probability(test[i]), 1e-6, "at margin " + test[i]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"binary_overconfident", "binary_underconfident_ties"})
  void binaryTemperatureMatchesScipy(String name) throws IOException {
    Fixture f = new Fixture(name);
    TemperatureScaling t = TemperatureScaling.fit(1, 1.0, f.get("margins"), f.labels());
    assertEquals(f.scalar("temperature"), t.temperature(), 1e-6);
  }

  @Test
  void multiclassTemperatureMatchesScipy() throws IOException {
    Fixture f = new Fixture("multiclass");
    int k = (int) f.scalar("classes");
    TemperatureScaling t = TemperatureScaling.fit(k, 1.0, f.get("margins"), f.labels());
    assertEquals(f.scalar("temperature"), t.temperature(), 1e-6);
    double[] row = {1.0, -2.0, 0.5, 3.0};
    double[] p = row.clone();
    t.probabilities(p, 0, 1, p);
    double sum = 0;
    for (int j = 0; j < k; j++) {
      double expected = Math.exp(row[j] / t.temperature());
      sum += expected;
    }
    for (int j = 0; j < k; j++) {
      assertEquals(Math.exp(row[j] / t.temperature()) / sum, p[j], 1e-15);
    }
  }
}
