package dev.boreal.monitor.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.objective.Link;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fitting by name, one-vs-rest, auto's choice, and reading maps back from stored parameters. */
class CalibrationsTest {
  private static final List<String> FITTED = Calibrations.METHODS.subList(1, Calibrations.METHODS.size());

  @Test
  void multiclassDataLackingAClassFitsTemperatureAndAutoChoosesOnlyBetweenItAndIdentity() {
    int k = 4;
    Data all = data(k, 600, 3.0, 5);
    boolean[] keep = new boolean[all.labels.length];
    int n = 0;
    boolean oneOfClass3 = false;
    for (int r = 0; r < keep.length; r++) {
      // No row of class 2 and one of class 3: fewer than the folds, so auto's folds cannot be stratified.
      keep[r] = all.labels[r] < 2 || all.labels[r] == 3 && !oneOfClass3;
      oneOfClass3 |= all.labels[r] == 3;
      n += keep[r] ? 1 : 0;
    }
    double[] margins = new double[n * k];
    int[] labels = new int[n];
    for (int r = 0, i = 0; r < keep.length; r++) {
      if (keep[r]) {
        System.arraycopy(all.margins, r * k, margins, i * k, k);
        labels[i++] = all.labels[r];
      }
    }
    Calibrator temperature = Calibrations.fit("temperature", Link.SOFTMAX, margins, k, labels);
    Link calibrated = Link.SOFTMAX.calibrated(temperature);
    double[] p = margins.clone();
    for (int r = 0; r < n; r++) {
      calibrated.transformRow(p, r * k, k, p);
      assertEquals(1.0, p[r * k] + p[r * k + 1] + p[r * k + 2] + p[r * k + 3], 1e-12, "row " + r);
      assertTrue(p[r * k + 2] > 0, "the missing class keeps a probability");
    }
    assertTrue(AutoChoice.logLoss(calibrated, margins, k, labels) < AutoChoice.logLoss(Link.SOFTMAX, margins, k,
        labels), "the over-sharp margins are softened");
    AutoChoice choice = AutoChoice.choose(Link.SOFTMAX, margins, k, labels, new String[] {"a", "b", "c", "d"}, 5, 0);
    assertEquals(List.of("identity", "temperature", "platt", "beta"), List.copyOf(choice.logLoss().keySet()));
    assertNotNull(choice.calibrator(), "the margins are three times too sharp: some map wins");
    // Platt and beta keep the model's one-vs-rest probability of the class without rows (then normalise).
    for (String method : Calibrations.WITHOUT_EVERY_CLASS.subList(1, 3)) {
      Calibrator c = Calibrations.fit(method, Link.SOFTMAX, margins, k, labels);
      double[] odds = OneVsRest.logOdds(margins, n, k)[2];
      BinaryCalibrator classTwo = (BinaryCalibrator) Calibrations.restore(method, 1, List.of(c.parameters().get(2)));
      for (int r = 0; r < n; r += 37) {
        assertEquals(1 / (1 + Math.exp(-odds[r])), classTwo.probability(odds[r]), 1e-12, method);
      }
      double[] q = margins.clone();
      Link.SOFTMAX.calibrated(c).transformRow(q, 0, k, q);
      assertEquals(1.0, q[0] + q[1] + q[2] + q[3], 1e-12, method);
      assertTrue(q[2] > 0, method);
    }
  }

  /**
   * The rule on scores where simpler rules choose wrongly. "Lowest log loss" would take {@code sharp} (poorly
   * calibrated); "lowest ECE" would take {@code spiky}, whose log loss is within one standard error of the best
   * only because one row's loss is huge, and is above the identity's; "lowest ECE within one standard error of
   * the identity" would take {@code spiky} too. The rule takes {@code fair}:
   * within one standard error of {@code sharp}, below the identity, and the best calibrated of those. {@code
   * flat} has a lower ECE still but is clearly worse than {@code sharp}.
   */
  @Test
  void autoTakesTheLowestEceAmongCandidatesNotWorseThanTheIdentityNorClearlyWorseThanTheBest() {
    int n = 400;
    Map<String, double[]> losses = new LinkedHashMap<>();
    for (String name : List.of("identity", "sharp", "fair", "flat", "spiky")) {
      losses.put(name, new double[n]);
    }
    for (int i = 0; i < n; i++) {
      // Two independent ±0.1 patterns: a difference of 0.1 per row has a standard error of 0.1 / sqrt(399).
      double noise = i % 2 == 0 ? 0.1 : -0.1;
      double other = i % 4 < 2 ? 0.1 : -0.1;
      losses.get("identity")[i] = 0.6;
      losses.get("sharp")[i] = 0.5 + noise;
      losses.get("fair")[i] = 0.503 + noise + other;
      losses.get("flat")[i] = 0.52 + noise + other;
      losses.get("spiky")[i] = 0.5 + noise + (i == 0 ? 60 : -0.01);
    }
    Map<String, Double> ece = Map.of("identity", 0.08, "sharp", 0.06, "fair", 0.02, "flat", 0.01, "spiky", 0.005);
    AutoChoice choice = AutoChoice.select(losses, ece);
    assertEquals("fair", choice.method());
    assertEquals(Map.of("identity", false, "sharp", true, "fair", true, "flat", false, "spiky", false),
        choice.admissible());
    assertEquals(0.65 - 0.01 * 399 / 400.0, choice.logLoss().get("spiky"), 1e-12);
    assertTrue(choice.logLoss().get("spiky") > choice.logLoss().get("identity"));
    // One standard error is the edge: just past it, fair is out and sharp, the lowest, is taken.
    for (int i = 0; i < n; i++) {
      losses.get("fair")[i] += 0.0021;
    }
    assertEquals("sharp", AutoChoice.select(losses, ece).method());
    // The identity within one standard error of the best and the best calibrated: no map is taken.
    for (int i = 0; i < n; i++) {
      losses.get("identity")[i] = losses.get("sharp")[i] + 0.002 + (i % 4 < 2 ? 0.1 : -0.1);
    }
    assertEquals("identity", AutoChoice.select(losses, Map.of("identity", 0.001, "sharp", 0.06, "fair", 0.02,
        "flat", 0.01, "spiky", 0.005)).method());
  }

  @Test
  void everyMethodRestoresToTheSameMapForBinaryAndMulticlass() {
    for (int k : new int[] {1, 3}) {
      Data d = data(k, 400, 2.0, 9);
      Link link = k == 1 ? Link.sigmoid(1.0) : Link.SOFTMAX;
      for (String method : FITTED) {
        Calibrator c = Calibrations.fit(method, link, d.margins, k, d.labels);
        Calibrator back = Calibrations.restore(method, k, c.parameters());
        double[] a = d.margins.clone();
        double[] b = d.margins.clone();
        Link ca = link.calibrated(c);
        Link cb = link.calibrated(back);
        for (int r = 0; r < d.labels.length; r++) {
          ca.transformRow(a, r * k, k, a);
          cb.transformRow(b, r * k, k, b);
          double sum = 0;
          for (int j = 0; j < k; j++) {
            assertEquals(a[r * k + j], b[r * k + j], 0.0, method);
            assertTrue(a[r * k + j] >= 0 && a[r * k + j] <= 1, method);
            sum += a[r * k + j];
          }
          if (k > 1) {
            assertEquals(1.0, sum, 1e-12, method + " sums to one");
          }
        }
      }
    }
  }

  @Test
  void outputMajorAndRowMajorTransformsAgree() {
    int k = 3;
    Data d = data(k, 50, 2.0, 1);
    Link link = Link.SOFTMAX.calibrated(Calibrations.fit("isotonic", Link.SOFTMAX, d.margins, k, d.labels));
    int n = d.labels.length;
    double[] outputMajor = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        outputMajor[j * n + i] = d.margins[i * k + j];
      }
    }
    link.transform(outputMajor, n, k, outputMajor);
    double[] rowMajor = d.margins.clone();
    for (int i = 0; i < n; i++) {
      link.transformRow(rowMajor, i * k, k, rowMajor);
      for (int j = 0; j < k; j++) {
        assertEquals(rowMajor[i * k + j], outputMajor[j * n + i], 0.0);
      }
    }
  }

  @Test
  void autoChoosesTheLowestCrossValidatedEceAmongAdmissibleMaps() {
    for (double scale : new double[] {0.3, 1.0, 3.0}) {
      Data d = data(1, 600, scale, 7);
      Link link = Link.sigmoid(1.0);
      AutoChoice choice = AutoChoice.choose(link, d.margins, 1, d.labels, new String[] {"0", "1"}, 5, 0);
      assertEquals(Calibrations.METHODS.size(), choice.logLoss().size());
      String chosen = choice.method();
      assertTrue(choice.admissible().get(chosen), chosen);
      for (String name : choice.ece().keySet()) {
        assertTrue(!choice.admissible().get(name) || choice.ece().get(name) >= choice.ece().get(chosen), name);
      }
      assertEquals(chosen.equals("identity"), choice.calibrator() == null);
    }
    // Margins three times too confident: the identity's log loss and ECE are both far from the maps'.
    Data d = data(1, 2000, 3.0, 8);
    AutoChoice choice = AutoChoice.choose(Link.sigmoid(1.0), d.margins, 1, d.labels, new String[] {"0", "1"}, 5, 0);
    assertNotNull(choice.calibrator());
    assertTrue(choice.logLoss().get(choice.method()) < choice.logLoss().get("identity"));
    assertTrue(choice.ece().get(choice.method()) < choice.ece().get("identity") / 3, choice.ece().toString());
  }

  @Test
  void refusesUnknownMethodsMissingClassesAndBadParameters() {
    Data d = data(1, 20, 1.0, 2);
    UsageException unknown = assertThrows(UsageException.class,
        () -> Calibrations.fit("sigmoid", Link.sigmoid(1.0), d.margins, 1, d.labels));
    assertEquals("unknown calibration method 'sigmoid'; expected one of auto, platt, isotonic, temperature, beta, "
        + "venn-abers.", unknown.getMessage());
    String[] abc = {"a", "b", "c"};
    assertEquals("cal.csv: has no row of class 'b'; isotonic calibrates each class one-vs-rest and needs rows of "
        + "every class; use temperature, platt, beta or auto, which fit without them.", assertThrows(
            InputException.class, () -> Calibrations.checkClasses(new int[] {0, 0, 2}, abc, "isotonic", "cal.csv"))
        .getMessage());
    assertEquals("cal.csv: has no row of classes 'a', 'c'; calibration needs rows of at least two classes the model "
        + "predicts (a, b, c).", assertThrows(InputException.class,
            () -> Calibrations.checkClasses(new int[] {1, 1}, abc, "temperature", "cal.csv")).getMessage());
    assertEquals("cal.csv: has no row of class '1'; calibration needs rows of both classes the model predicts "
        + "(0, 1).", assertThrows(InputException.class, () -> Calibrations.checkClasses(new int[] {0, 0},
            new String[] {"0", "1"}, "temperature", "cal.csv")).getMessage());
    assertEquals(null, Calibrations.checkClasses(new int[] {0, 0, 2}, abc, "temperature", "cal.csv"));
    assertEquals(null, Calibrations.checkClasses(new int[] {0, 1, 2}, abc, "platt", "cal.csv"));
    assertEquals("no row of class 'b' in cal.csv: auto chooses among identity (no calibration), temperature, "
        + "platt, beta; a class without rows keeps the model's probability.",
        Calibrations.checkClasses(new int[] {0, 0, 2}, abc, "auto", "cal.csv"));
    assertEquals("no row of class 'b' in cal.csv; a class without rows keeps the model's probability.",
        Calibrations.checkClasses(new int[] {0, 0, 2}, abc, "beta", "cal.csv"));
    assertEquals("parameter x must increase, but value 1 (0.0) follows 1.0", assertThrows(
        IllegalArgumentException.class, () -> Calibrations.restore("isotonic", 1,
            List.of(Map.of("x", new double[] {1, 0}, "y", new double[] {0.2, 0.3})))).getMessage());
    assertEquals("parameter b holds NaN, not a finite number", assertThrows(IllegalArgumentException.class,
        () -> Calibrations.restore("platt", 1, List.of(Map.of("a", new double[] {1}, "b",
            new double[] {Double.NaN})))).getMessage());
    assertEquals("a platt calibration of 3 outputs holds 3 maps, but there are 1", assertThrows(
        IllegalArgumentException.class, () -> Calibrations.restore("platt", 3, List.of(Map.of("a",
            new double[] {1}, "b", new double[] {0})))).getMessage());
  }

  private record Data(double[] margins, int[] labels) {}

  /** Labels drawn from the softmax (sigmoid) of margins / scale: scale above 1 means overconfident margins. */
  private static Data data(int k, int n, double scale, long seed) {
    Random random = new Random(seed);
    int width = k == 1 ? 1 : k;
    double[] margins = new double[n * width];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < width; j++) {
        margins[i * width + j] = random.nextGaussian() * 2;
      }
      if (k == 1) {
        labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-margins[i] / scale)) ? 1 : 0;
      } else {
        double sum = 0;
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
          p[j] = Math.exp(margins[i * k + j] / scale);
          sum += p[j];
        }
        double u = random.nextDouble() * sum;
        int c = 0;
        while (c < k - 1 && (u -= p[c]) > 0) {
          c++;
        }
        labels[i] = c;
      }
    }
    return new Data(margins, labels);
  }
}
