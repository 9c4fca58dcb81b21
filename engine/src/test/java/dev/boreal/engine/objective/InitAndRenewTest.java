package dev.boreal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Start scores are the losses' minimisers; renewed leaf values are weighted residual percentiles. */
class InitAndRenewTest {
  private static final ObjectiveSettings S = ObjectiveSettings.defaults();

  private static double init(String name, ObjectiveSettings s, double[] labels, double[] w) {
    return Objectives.create(name, s, labels, w, null).initScores()[0];
  }

  @Test
  void closedFormStarts() {
    double[] y = {1, 0, 0, 1, 1};
    assertEquals(Math.log(0.6 / 0.4), init("binary", S, y, null), 1e-12);
    assertEquals(Math.log(0.6 / 0.4) / 2, init("binary", S.withSigmoid(2), y, null), 1e-12);
    double[] w = {3, 1, 1, 1, 2};
    assertEquals(Math.log(6.0 / 2.0), init("binary", S, y, w), 1e-12);
    double[] counts = {1, 2, 3, 6};
    assertEquals(3.0, init("regression", S, counts, null), 1e-12);
    assertEquals((1 + 4 + 9 + 6) / 7.0, init("regression", S, counts, new double[] {1, 2, 3, 1}), 1e-12);
    assertEquals(Math.log(3.0), init("poisson", S, counts, null), 1e-12);
    assertEquals(Math.log(3.0), init("gamma", S, counts, null), 1e-12);
    assertEquals(Math.log(3.0), init("tweedie", S, counts, null), 1e-12);
    assertEquals(0.0, init("regression", S.withBoostFromAverage(false), counts, null), 0.0);
  }

  @Test
  void multiclassStartsFromLogPriors() {
    double[] y = {0, 1, 1, 2, 2, 2};
    double[] init = Objectives.create("multiclass", S.withNumClass(4), y, null, null).initScores();
    assertArrayEquals(new double[] {Math.log(1 / 6.0), Math.log(2 / 6.0), Math.log(3 / 6.0), Math.log(1e-15)},
        init, 1e-12);
  }

  @Test
  void medianStartMinimisesAbsoluteError() {
    double[] y = {4, 1, 9, 2, 7, 3};
    double m = init("regression_l1", S, y, null);
    // LightGBM's rule: the upper of the two middle values for an even count.
    assertEquals(4.0, m, 0.0);
    assertTrue(l1(y, m) <= l1(y, m - 0.3) && l1(y, m) <= l1(y, m + 0.3));
  }

  @Test
  void quantileStartFollowsLightGbmInterpolation() {
    double[] y = {5, 1, 4, 2, 3, 10, 8, 6, 7, 9};
    // alpha 0.75: position (1 - 0.75) * 10 = 2.5 from the top, halfway between the 3rd and 2nd largest.
    assertEquals(8.5, init("quantile", S.withAlpha(0.75), y, null), 1e-12);
  }

  private static double l1(double[] y, double m) {
    double s = 0;
    for (double v : y) {
      s += Math.abs(v - m);
    }
    return s;
  }

  /** The weighted alpha-percentile by sorting: the first value whose cumulative weight exceeds alpha·total. */
  private static double weightedPercentileBySorting(double[] v, double[] w, double alpha) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
    double total = 0;
    for (double x : w) {
      total += x;
    }
    double cum = 0;
    for (int i : idx) {
      cum += w[i];
      if (cum > alpha * total) {
        return v[i];
      }
    }
    return v[idx[idx.length - 1]];
  }

  @Test
  void renewedLeafIsWeightedResidualPercentile() {
    Random r = new Random(5);
    int n = 40;
    double[] labels = new double[n];
    double[] scores = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextGaussian() * 3;
      scores[i] = r.nextGaussian();
      w[i] = 0.05 + 0.9 * r.nextDouble(); // below 1: LightGBM takes the value without interpolation
    }
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = n - 1 - i;
    }
    int from = 7;
    int to = 31;
    double[] res = new double[to - from];
    double[] rw = new double[to - from];
    for (int j = from; j < to; j++) {
      res[j - from] = labels[rows[j]] - scores[rows[j]];
      rw[j - from] = w[rows[j]];
    }
    Objective l1 = Objectives.create("regression_l1", S, labels, w, null);
    assertTrue(l1.renewsLeafOutput());
    double median = l1.renewLeafOutput(rows, from, to, scores, 0);
    assertEquals(weightedPercentileBySorting(res, rw, 0.5), median, 0.0);
    // It minimises the weighted absolute error of the leaf over every residual value.
    double best = weightedL1(res, rw, median);
    for (double c : res) {
      assertTrue(best <= weightedL1(res, rw, c) + 1e-12);
    }
    Objective q = Objectives.create("quantile", S.withAlpha(0.2), labels, w, null);
    assertEquals(weightedPercentileBySorting(res, rw, 0.2), q.renewLeafOutput(rows, from, to, scores, 0), 0.0);
    assertFalse(Objectives.create("regression", S, labels, w, null).renewsLeafOutput());
  }

  @Test
  void unweightedRenewalMatchesLightGbmPercentile() {
    double[] labels = {10, 3, 6, 1, 8, 2};
    double[] scores = {1, 1, 1, 1, 1, 1};
    int[] rows = {0, 1, 2, 3, 4, 5};
    Objective l1 = Objectives.create("regression_l1", S, labels, null, null);
    // residuals 9, 2, 5, 0, 7, 1: the upper middle value, as LightGBM's PercentileFun gives.
    assertEquals(5.0, l1.renewLeafOutput(rows, 0, 6, scores, 0), 0.0);
    assertEquals(1.0, l1.renewLeafOutput(rows, 5, 6, scores, 0), 0.0);
  }

  private static double weightedL1(double[] v, double[] w, double c) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += w[i] * Math.abs(v[i] - c);
    }
    return s;
  }
}
