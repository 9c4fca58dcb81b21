package dev.boreal.engine.nn;

import java.util.Arrays;

/**
 * The quantile transform to a standard normal that the FT-Transformer's numeric inputs go through, as
 * scikit-learn's {@code QuantileTransformer(output_distribution="normal")} does in the rtdl recipe: a value's
 * position among reference quantiles of the training values gives a probability p, and the input is
 * {@code Φ⁻¹(p)}, p clipped to [1e-7, 1 - 1e-7] (about ±5.2).
 *
 * <p>{@code Q = clamp(n / 30, 10, 1000)} reference quantiles are taken at probabilities {@code i / (Q-1)} of
 * the n finite training values, interpolated linearly between order statistics. Between two reference
 * values p is interpolated linearly; a value equal to a run of equal references takes the middle of the run
 * (so a 0/1 feature maps to two moderate scores rather than ±5.2); below the first or above the last, p is 0
 * or 1.
 */
final class QuantileNormal {
  private static final double CLIP = 1e-7;

  private QuantileNormal() {}

  /**
   * Reference quantiles of {@code n} finite values.
   *
   * @param values the values; sorted in place (first n used)
   */
  static double[] fit(double[] values, int n) {
    if (n == 0) {
      return new double[0];
    }
    Arrays.sort(values, 0, n);
    int count = Math.max(10, Math.min(1000, n / 30));
    double[] q = new double[count];
    for (int i = 0; i < count; i++) {
      double at = (double) i * (n - 1) / (count - 1);
      int lo = (int) Math.floor(at);
      int hi = Math.min(n - 1, lo + 1);
      q[i] = values[lo] + (at - lo) * (values[hi] - values[lo]);
    }
    return q;
  }

  /**
   * A copy of reference quantiles after checking them.
   *
   * @throws IllegalArgumentException naming {@code feature} if a value is not finite or they descend
   */
  static double[] checked(String feature, double[] q) {
    for (int i = 0; i < q.length; i++) {
      if (!Double.isFinite(q[i]) || (i > 0 && q[i] < q[i - 1])) {
        throw new IllegalArgumentException("feature '" + feature + "' has quantile " + i + " = " + q[i]
            + "; quantiles must be finite and ascending");
      }
    }
    return q.clone();
  }

  /** The normal score of {@code v} against reference quantiles {@code q}; 0 when there are fewer than two. */
  static double transform(double[] q, double v) {
    int last = q.length - 1;
    if (last < 1 || q[0] == q[last]) {
      return 0.0;
    }
    int lo = lowerBound(q, v);
    int hi = upperBound(q, v) - 1;
    double position;
    if (lo <= hi) {
      position = 0.5 * (lo + hi);
    } else if (lo == 0) {
      position = 0;
    } else if (lo > last) {
      position = last;
    } else {
      position = hi + (v - q[hi]) / (q[lo] - q[hi]);
    }
    double p = Math.min(1 - CLIP, Math.max(CLIP, position / last));
    return inverseNormal(p);
  }

  /** First index whose value is at least v. */
  private static int lowerBound(double[] q, double v) {
    int lo = 0;
    int hi = q.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (q[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First index whose value exceeds v. */
  private static int upperBound(double[] q, double v) {
    int lo = 0;
    int hi = q.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (q[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Φ⁻¹(p) for p in (0, 1) by Acklam's rational approximation (relative error below 1.2e-9, far below what
   * the network can tell apart).
   */
  static double inverseNormal(double p) {
    final double pLow = 0.02425;
    if (p < pLow) {
      double s = Math.sqrt(-2 * Math.log(p));
      return tail(s);
    }
    if (p > 1 - pLow) {
      double s = Math.sqrt(-2 * Math.log(1 - p));
      return -tail(s);
    }
    double s = p - 0.5;
    double r = s * s;
    return (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
        + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * s
        / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
        + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
  }

  private static double tail(double s) {
    return (((((-7.784894002430293e-03 * s - 3.223964580411365e-01) * s - 2.400758277161838e+00) * s
        - 2.549732539343734e+00) * s + 4.374664141464968e+00) * s + 2.938163982698783e+00)
        / ((((7.784695709041462e-03 * s + 3.224671290700398e-01) * s + 2.445134137142996e+00) * s
        + 3.754408661907416e+00) * s + 1);
  }
}
