package dev.boreal.engine.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import dev.boreal.engine.objective.Link;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ECE, MCE and the Brier decomposition: hand-computed values, brute-force twins and the exact identity. */
class CalibrationMetricsTest {

  private static double eval(String name, String objective, double[] raw, int k, double[] y, double[] w) {
    return Metrics.parse(name, objective, null, null).get(0).evaluate(raw, k, Link.IDENTITY, y, w, null);
  }

  @Test
  void tinyBinaryByHand() {
    double[] p = {0.1, 0.4, 0.8, 0.9};
    double[] y = {0, 1, 1, 0};
    // Top label: confidences 0.9, 0.6, 0.8, 0.9 (all in (0.5, 1]), correct 1, 0, 1, 0.
    assertEquals(Math.abs(0.5 - 0.8), eval("ece@2", "binary", p, 1, y, null), 1e-15);
    assertEquals(Math.abs(0.5 - 0.8), eval("mce@2", "binary", p, 1, y, null), 1e-15);
    // Positive class: bin [0, 0.5] has mean 0.25 and frequency 0.5; (0.5, 1] mean 0.85 and frequency 0.5.
    assertEquals(0.5 * 0.25 + 0.5 * 0.35, eval("classwise_ece@2", "binary", p, 1, y, null), 1e-15);
    assertEquals((0.01 + 0.36 + 0.04 + 0.81) / 4, eval("brier", "binary", p, 1, y, null), 1e-15);
    // Weights 3, 1, 1, 1: the first bin's mean forecast is 0.175 and its frequency 0.25.
    double[] w = {3, 1, 1, 1};
    assertEquals(4.0 / 6 * 0.075 + 2.0 / 6 * 0.35, eval("classwise_ece@2", "binary", p, 1, y, w), 1e-15);
  }

  @Test
  void murphyDecompositionByHand() {
    double[] p = {0.2, 0.2, 0.2, 0.2, 0.7, 0.7};
    double[] y = {0, 0, 0, 1, 1, 0};
    BrierDecomposition d = BrierDecomposition.of(p, y, null);
    // Groups 0.2 (4 rows, frequency 1/4) and 0.7 (2 rows, frequency 1/2); overall frequency 1/3.
    assertEquals((4 * 0.05 * 0.05 + 2 * 0.2 * 0.2) / 6, d.reliability(), 1e-15);
    assertEquals(1.0 / 72, d.resolution(), 1e-15);
    assertEquals(2.0 / 9, d.uncertainty(), 1e-15);
    assertEquals(1.34 / 6, d.score(), 1e-15);
    assertEquals(1.0 / 72, eval("brier_resolution", "binary", p, 1, y, null), 1e-15);
  }

  @Test
  void decompositionAddsUpExactlyOnRandomData() {
    Random rng = new Random(7);
    for (int round = 0; round < 20; round++) {
      int k = round % 2 == 0 ? 1 : 2 + round % 4;
      int n = 50 + rng.nextInt(400);
      double[] raw = new double[k * n];
      for (int i = 0; i < raw.length; i++) {
        // Coarse values so many rows share a forecast (a non-trivial grouping) in half the rounds.
        raw[i] = round % 4 < 2 ? Math.round(rng.nextGaussian() * 4) / 4.0 : rng.nextGaussian();
      }
      double[] y = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = rng.nextInt(k == 1 ? 2 : k);
        w[i] = round % 3 == 0 ? 1 : 0.1 + rng.nextDouble();
      }
      Link link = k == 1 ? Link.sigmoid(1.0) : Link.SOFTMAX;
      BrierDecomposition d = ClassProbabilities.of(raw, k, link, y).brier(w);
      assertEquals(d.score(), d.reliability() - d.resolution() + d.uncertainty(), 1e-12, "round " + round);
      Metric brier = Metrics.parse("brier", k == 1 ? "binary" : "multiclass", null, null).get(0);
      assertEquals(d.score(), brier.evaluate(raw, k, link, y, w, null), 0.0);
      assertEquals(bruteBrier(ClassProbabilities.of(raw, k, link, y), w), d.score(), 1e-12);
    }
  }

  private static double bruteBrier(ClassProbabilities p, double[] w) {
    double sum = 0;
    double weight = 0;
    for (int i = 0; i < p.rows; i++) {
      for (int c = p.binary() ? 1 : 0; c < p.classes; c++) {
        double e = p.probabilityOf(c)[i] - p.isClass(c)[i];
        sum += w[i] * e * e;
      }
      weight += w[i];
    }
    return sum / weight;
  }

  @Test
  void eceAndMceMatchNaiveLoops() {
    Random rng = new Random(11);
    for (int round = 0; round < 12; round++) {
      int k = round % 3 == 0 ? 1 : 3;
      int n = 30 + rng.nextInt(300);
      int bins = 1 + rng.nextInt(20);
      double[] raw = new double[k * n];
      double[] y = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < raw.length; i++) {
        raw[i] = rng.nextGaussian() * 2;
      }
      for (int i = 0; i < n; i++) {
        y[i] = rng.nextInt(k == 1 ? 2 : k);
        w[i] = 0.5 + rng.nextDouble();
      }
      Link link = k == 1 ? Link.sigmoid(1.0) : Link.SOFTMAX;
      ClassProbabilities p = ClassProbabilities.of(raw, k, link, y);
      double[] confidence = new double[n];
      double[] correct = new double[n];
      bruteTopLabel(p, confidence, correct);
      String objective = k == 1 ? "binary" : "multiclass";
      assertEquals(naive(confidence, correct, w, bins, false), eval("ece@" + bins, objective, raw, k, y, w, link),
          1e-12);
      assertEquals(naive(confidence, correct, w, bins, true), eval("mce@" + bins, objective, raw, k, y, w, link),
          1e-12);
      double classwise = 0;
      for (int c = k == 1 ? 1 : 0; c < p.classes; c++) {
        classwise += naive(p.probabilityOf(c), p.isClass(c), w, bins, false) / (k == 1 ? 1 : k);
      }
      assertEquals(classwise, eval("classwise_ece@" + bins, objective, raw, k, y, w, link), 1e-12);
    }
  }

  private static double eval(String name, String objective, double[] raw, int k, double[] y, double[] w, Link link) {
    return Metrics.parse(name, objective, null, null).get(0).evaluate(raw, k, link, y, w, null);
  }

  /** Argmax by hand, first class on ties. */
  private static void bruteTopLabel(ClassProbabilities p, double[] confidence, double[] correct) {
    for (int i = 0; i < p.rows; i++) {
      int best = -1;
      for (int c = 0; c < p.classes; c++) {
        if (best < 0 || p.probabilityOf(c)[i] > p.probabilityOf(best)[i]) {
          best = c;
        }
      }
      confidence[i] = p.probabilityOf(best)[i];
      correct[i] = p.isClass(best)[i];
    }
  }

  /** Equal-width bins by direct membership tests: bin b holds (b/M, (b+1)/M], the first also 0. */
  private static double naive(double[] f, double[] o, double[] w, int bins, boolean max) {
    double total = 0;
    for (double x : w) {
      total += x;
    }
    double result = 0;
    for (int b = 0; b < bins; b++) {
      double lo = b * (1.0 / bins);
      double hi = b == bins - 1 ? 1.0 : (b + 1) * (1.0 / bins);
      double sw = 0;
      double sf = 0;
      double so = 0;
      for (int i = 0; i < f.length; i++) {
        if ((f[i] > lo || b == 0) && f[i] <= hi) {
          sw += w[i];
          sf += w[i] * f[i];
          so += w[i] * o[i];
        }
      }
      if (sw > 0) {
        double gap = Math.abs(so / sw - sf / sw);
        result = max ? Math.max(result, gap) : result + sw / total * gap;
      }
    }
    return result;
  }

  @Test
  void equalMassBinsHoldAboutTheSameNumberOfRows() {
    Random rng = new Random(3);
    double[] f = new double[1000];
    double[] o = new double[1000];
    for (int i = 0; i < f.length; i++) {
      f[i] = rng.nextDouble();
      o[i] = rng.nextInt(2);
    }
    ReliabilityBins b = ReliabilityBins.of(f, o, null, 15, ReliabilityBins.Strategy.EQUAL_MASS);
    long sum = 0;
    for (int i = 0; i < b.bins(); i++) {
      assertTrue(Math.abs(b.rows(i) - 1000.0 / 15) <= 1, "bin " + i + " holds " + b.rows(i));
      sum += b.rows(i);
    }
    assertEquals(1000, sum);
  }

  @Test
  void namesDirectionsAndDefaults() {
    List<Metric> m = Metrics.parse("ece,ece_mass@20,mce_mass,classwise_ece,brier,brier_resolution", "binary",
        null, null);
    assertEquals(List.of("ece", "ece_mass@20", "mce_mass", "classwise_ece", "brier", "brier_resolution"),
        m.stream().map(Metric::name).toList());
    assertFalse(m.get(0).higherIsBetter());
    assertFalse(m.get(4).higherIsBetter());
    assertTrue(m.get(5).higherIsBetter());
    // 15 bins by default: ece and ece@15 agree.
    double[] p = {0.03, 0.5, 0.51, 0.97, 0.66};
    double[] y = {0, 1, 0, 1, 1};
    assertEquals(eval("ece@15", "binary", p, 1, y, null), eval("ece", "binary", p, 1, y, null), 0.0);
  }

  @Test
  void badNamesAndModelsAreUsageErrors() {
    UsageException regression = assertThrows(UsageException.class,
        () -> Metrics.parse("ece", "regression", null, null));
    assertEquals("metric ece needs a classifier's probabilities (objective binary or multiclass), but the "
        + "objective is regression.", regression.getMessage());
    for (String bad : new String[] {"ece@0", "mce@-3", "ece_mass@100001", "ece@x"}) {
      UsageException e = assertThrows(UsageException.class, () -> Metrics.parse(bad, "binary", null, null));
      assertTrue(e.getMessage().contains("needs a bin count from 1 to 10000"), e.getMessage());
    }
    assertThrows(UsageException.class, () -> Metrics.parse("brier@5", "binary", null, null));
  }
}
