package dev.boreal.monitor.drift;

import java.util.SplittableRandom;

/**
 * Draws the cell counts of {@code n} rows from a distribution over cells without a loop over rows: the counts
 * are split off cell by cell, each a binomial draw of the rows still unassigned with the cell's share of the
 * probability still unassigned (the conditional binomials of a multinomial). A binomial whose mean and
 * complement are both small is drawn exactly, by inversion of its distribution function; otherwise (variance
 * at least {@link #NORMAL_VARIANCE}) by the normal approximation with continuity correction, whose error in
 * the tails is far below the resampling noise of a threshold. So a draw costs O(cells), whatever {@code n}.
 */
final class Multinomial {
  /** Binomial variance from which the normal approximation replaces exact inversion. */
  static final double NORMAL_VARIANCE = 25.0;

  private Multinomial() {}

  /**
   * Counts of {@code n} rows drawn from {@code probabilities}.
   *
   * @param probabilities per cell, non-negative, summing to about 1
   * @param out receives the count per cell (whole numbers, as the statistics take them); they sum to {@code n}
   */
  static void draw(double[] probabilities, long n, SplittableRandom rng, double[] out) {
    long remaining = n;
    double mass = 1.0;
    int last = probabilities.length - 1;
    for (int c = 0; c < last; c++) {
      double p = mass <= 0 ? 1.0 : Math.min(1.0, probabilities[c] / mass);
      long k = remaining == 0 ? 0 : binomial(remaining, p, rng);
      out[c] = k;
      remaining -= k;
      mass -= probabilities[c];
    }
    out[last] = remaining;
  }

  /** One draw of Binomial(n, p). */
  static long binomial(long n, double p, SplittableRandom rng) {
    if (p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    if (p > 0.5) {
      return n - binomial(n, 1.0 - p, rng);
    }
    double variance = n * p * (1 - p);
    if (variance >= NORMAL_VARIANCE) {
      long k = Math.round(n * p + Math.sqrt(variance) * rng.nextGaussian());
      return Math.max(0, Math.min(n, k));
    }
    return inversion(n, p, rng);
  }

  /** Exact draw by walking the distribution function from 0; the mean n·p is small here, so the walk is short. */
  private static long inversion(long n, double p, SplittableRandom rng) {
    double u = rng.nextDouble();
    double ratio = p / (1 - p);
    double pmf = Math.exp(n * Math.log1p(-p));
    double cdf = pmf;
    long k = 0;
    while (u > cdf && k < n) {
      pmf *= ratio * (n - k) / (k + 1);
      k++;
      cdf += pmf;
      if (pmf == 0 && k > n * p) {
        break;
      }
    }
    return k;
  }
}
