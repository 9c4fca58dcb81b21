package dev.boreal.engine.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.engine.objective.Link;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reliability bins and Brier scores against scikit-learn 1.2 ({@code calibration_curve}, {@code brier_score_loss})
 * on the fixtures that {@code calibration_reference.py} (next to the fixture) wrote, within 1e-9.
 */
class CalibrationReferenceTest {
  private static final double TOLERANCE = 1e-9;
  private static final Map<String, double[]> REF = new HashMap<>();

  @BeforeAll
  static void load() throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        CalibrationReferenceTest.class.getResourceAsStream("calibration_reference.tsv"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] parts = line.split("\t");
        double[] values = new double[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          values[i - 1] = Double.parseDouble(parts[i]);
        }
        REF.put(parts[0], values);
      }
    }
  }

  @Test
  void binaryCurvesAndBrierMatchScikitLearn() {
    for (String name : new String[] {"binary", "rounded"}) {
      double[] p = REF.get(name + ".p");
      double[] y = REF.get(name + ".y");
      assertCurves(name, p, y);
      Metric brier = Metrics.parse("brier", "binary", null, null).get(0);
      assertEquals(REF.get(name + ".brier")[0], brier.evaluate(p, 1, Link.IDENTITY, y, null, null), TOLERANCE);
    }
  }

  @Test
  void multiclassTopLabelClassCurvesAndBrierMatchScikitLearn() {
    int k = 3;
    double[] y = REF.get("multi.y");
    int n = y.length;
    double[] probabilities = new double[k * n];
    for (int c = 0; c < k; c++) {
      System.arraycopy(REF.get("multi.p" + c), 0, probabilities, c * n, n);
    }
    ClassProbabilities p = ClassProbabilities.of(probabilities, k, Link.IDENTITY, y);
    double[] confidence = new double[n];
    double[] correct = new double[n];
    p.topLabel(confidence, correct);
    assertCurves("multi.top", confidence, correct);
    for (int c = 0; c < k; c++) {
      assertCurves("multi.class" + c, p.probabilityOf(c), p.isClass(c));
    }
    Metric brier = Metrics.parse("brier", "multiclass", null, null).get(0);
    assertEquals(REF.get("multi.brier")[0], brier.evaluate(probabilities, k, Link.IDENTITY, y, null, null),
        TOLERANCE);
  }

  private static void assertCurves(String key, double[] forecast, double[] outcome) {
    for (ReliabilityBins.Strategy s : ReliabilityBins.Strategy.values()) {
      for (int bins : new int[] {15, 7}) {
        String prefix = key + "." + (s == ReliabilityBins.Strategy.EQUAL_WIDTH ? "uniform" : "quantile") + bins;
        ReliabilityBins b = ReliabilityBins.of(forecast, outcome, null, bins, s);
        int nonEmpty = 0;
        for (int i = 0; i < bins; i++) {
          nonEmpty += b.rows(i) > 0 ? 1 : 0;
        }
        double[] observed = new double[nonEmpty];
        double[] mean = new double[nonEmpty];
        for (int i = 0, j = 0; i < bins; i++) {
          if (b.rows(i) > 0) {
            observed[j] = b.observed(i);
            mean[j++] = b.meanForecast(i);
          }
        }
        assertArrayEquals(REF.get(prefix + ".true"), observed, TOLERANCE, prefix);
        assertArrayEquals(REF.get(prefix + ".pred"), mean, TOLERANCE, prefix);
      }
    }
  }
}
