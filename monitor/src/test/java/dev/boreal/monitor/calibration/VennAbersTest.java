package dev.boreal.monitor.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Venn-Abers against its definition: an isotonic refit with the test row added as 0 and as 1, per test row. */
class VennAbersTest {

  @Test
  void matchesIsotonicRefitsWithTheTestRowAdded() {
    Random random = new Random(5);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(60);
      double[] margins = new double[n];
      boolean[] positive = new boolean[n];
      for (int i = 0; i < n; i++) {
        // Few distinct values, so ties and every gap are exercised.
        margins[i] = random.nextInt(12) - 6;
        positive[i] = random.nextDouble() < 1 / (1 + Math.exp(-0.4 * margins[i] + random.nextGaussian()));
      }
      VennAbers va = VennAbers.fit(margins, positive);
      for (double test = -8; test <= 8; test += 0.5) {
        double p0 = refitAt(margins, positive, test, false);
        double p1 = refitAt(margins, positive, test, true);
        assertEquals(p1 / (1 - p0 + p1), va.probability(test), 1e-12, "trial " + trial + " at " + test);
      }
    }
  }

  @Test
  void restoresWhatItStores() {
    double[] margins = {-1, 0, 0, 2, 3, 3, 5};
    boolean[] positive = {false, true, false, false, true, true, true};
    VennAbers va = VennAbers.fit(margins, positive);
    VennAbers back = VennAbers.restore(va.arrays());
    for (double m = -2; m <= 6; m += 0.25) {
      assertEquals(va.probability(m), back.probability(m), 0.0);
    }
  }

  /** The isotonic fit, at the test row, of the data plus the test row with the given label: naive PAVA. */
  private static double refitAt(double[] margins, boolean[] positive, double test, boolean label) {
    int n = margins.length + 1;
    double[] x = Arrays.copyOf(margins, n);
    x[n - 1] = test;
    double[] y = new double[n];
    for (int i = 0; i < n - 1; i++) {
      y[i] = positive[i] ? 1 : 0;
    }
    y[n - 1] = label ? 1 : 0;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    // Pool ties first (equal margins share one fitted value), then merge violators until none is left.
    double[] sum = new double[n];
    double[] weight = new double[n];
    double[] key = new double[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      int r = order[i];
      if (blocks > 0 && key[blocks - 1] == x[r]) {
        sum[blocks - 1] += y[r];
        weight[blocks - 1]++;
      } else {
        key[blocks] = x[r];
        sum[blocks] = y[r];
        weight[blocks++] = 1;
      }
    }
    double[][] members = new double[blocks][];
    for (int b = 0; b < blocks; b++) {
      members[b] = new double[] {key[b]};
    }
    boolean merged = true;
    while (merged) {
      merged = false;
      for (int b = 0; b + 1 < blocks; b++) {
        if (sum[b] / weight[b] > sum[b + 1] / weight[b + 1]) {
          sum[b] += sum[b + 1];
          weight[b] += weight[b + 1];
          double[] both = Arrays.copyOf(members[b], members[b].length + members[b + 1].length);
          System.arraycopy(members[b + 1], 0, both, members[b].length, members[b + 1].length);
          members[b] = both;
          for (int c = b + 1; c + 1 < blocks; c++) {
            sum[c] = sum[c + 1];
            weight[c] = weight[c + 1];
            members[c] = members[c + 1];
          }
          blocks--;
          merged = true;
          break;
        }
      }
    }
    for (int b = 0; b < blocks; b++) {
      for (double m : members[b]) {
        if (m == test) {
          return sum[b] / weight[b];
        }
      }
    }
    throw new AssertionError("the test row is in no block");
  }
}
