package dev.boreal.engine.objective;

import dev.boreal.collect.IntSorts;
import java.util.Arrays;

/**
 * LightGBM's percentile rules, used for L1 / quantile start scores and leaf renewal. Kept identical to
 * LightGBM's (including its interpolation quirks) so models agree leaf for leaf.
 */
final class Percentiles {
  private Percentiles() {}

  /**
   * LightGBM's unweighted percentile of {@code values[0..n)} (reordered in place): counting from the
   * largest, position {@code (1-alpha)*n} with linear interpolation between neighbours.
   */
  static double percentile(double[] values, int n, double alpha) {
    if (n <= 1) {
      return values[0];
    }
    double floatPos = (1.0 - alpha) * n;
    int pos = (int) floatPos;
    Arrays.sort(values, 0, n);
    if (pos < 1) {
      return values[n - 1];
    }
    if (pos >= n) {
      return values[0];
    }
    double bias = floatPos - pos;
    // In descending order, v1 is the pos-th largest and v2 the (pos+1)-th largest.
    double v1 = values[n - pos];
    double v2 = values[n - pos - 1];
    return v1 - (v1 - v2) * bias;
  }

  /**
   * LightGBM's weighted percentile: sort ascending (stable), build the weighted CDF, find the first
   * position whose CDF exceeds {@code alpha * total}, and interpolate towards the previous value only when
   * the next step of the CDF is at least 1.
   *
   * @param order scratch of length at least n
   */
  static double weightedPercentile(double[] values, double[] weights, int n, double alpha, int[] order) {
    if (n <= 1) {
      return values[0];
    }
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntSorts.stableSort(order, 0, n, (a, b) -> Double.compare(values[a], values[b]));
    double[] cdf = new double[n];
    cdf[0] = weights[order[0]];
    for (int i = 1; i < n; i++) {
      cdf[i] = cdf[i - 1] + weights[order[i]];
    }
    double threshold = cdf[n - 1] * alpha;
    int pos = upperBound(cdf, threshold);
    pos = Math.min(pos, n - 1);
    if (pos == 0 || pos == n - 1) {
      return values[order[pos]];
    }
    double v1 = values[order[pos - 1]];
    double v2 = values[order[pos]];
    if (cdf[pos + 1] - cdf[pos] >= 1.0) {
      return (threshold - cdf[pos]) / (cdf[pos + 1] - cdf[pos]) * (v2 - v1) + v1;
    }
    return v2;
  }

  /** The first index whose value is greater than {@code x}, or the length. */
  private static int upperBound(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
