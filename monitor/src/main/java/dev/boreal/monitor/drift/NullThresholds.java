package dev.boreal.monitor.drift;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Size-aware drift thresholds: how large PSI, JS distance and KS grow by chance alone when the new data comes
 * from the same population as the reference, at the new sample's size. The reference's proportions stand for
 * the population; each of {@code draws} rounds draws a replica of the reference (of the reference's effective
 * size: its row count, or for a weighted reference Kish's effective sample size, which carries the noise of
 * its weighted shares) and a new sample ({@code n} rows) from them ({@link Multinomial}) and computes the
 * statistics between the two, so both
 * sides' sampling noise is in the null distribution, as it is in real use. A threshold is the {@code level}
 * quantile of its statistic over the rounds: a feature that has not drifted exceeds it with probability
 * {@code 1 - level}. Stateless; every result is a function of its arguments and the seed.
 */
public final class NullThresholds {

  /**
   * Thresholds of one distribution at one sample size.
   *
   * @param psi PSI threshold
   * @param jensenShannon JS distance threshold
   * @param ks KS threshold, NaN when the cells have no order
   */
  public record Thresholds(double psi, double jensenShannon, double ks) {}

  private NullThresholds() {}

  /**
   * The {@code level} quantiles of PSI, JS distance and (when {@code ordered}) KS between a replica of the
   * reference and a sample of {@code n} rows, over {@code draws} rounds.
   *
   * @param reference the reference's (weighted) row count per cell, a positive total
   * @param referenceSize rows of the replica: the reference's effective sample size, at least 1
   * @param ordered whether the cells have an order, so that KS means something
   * @param n rows of the new sample, at least 1
   * @param level the quantile, in (0, 1), e.g. 0.975
   * @param draws rounds of resampling, at least 1
   * @param seed the random seed; the same arguments and seed give the same thresholds
   */
  public static Thresholds of(double[] reference, long referenceSize, boolean ordered, long n, double level,
      int draws, long seed) {
    if (n < 1 || referenceSize < 1 || draws < 1 || !(level > 0 && level < 1)) {
      throw new IllegalArgumentException("n=" + n + ", referenceSize=" + referenceSize + ", draws=" + draws
          + ", level=" + level);
    }
    double referenceTotal = DriftStatistics.total(reference);
    double[] probabilities = new double[reference.length];
    for (int c = 0; c < reference.length; c++) {
      probabilities[c] = reference[c] / referenceTotal;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] replica = new double[reference.length];
    double[] sample = new double[reference.length];
    double[] psi = new double[draws];
    double[] js = new double[draws];
    double[] ks = new double[draws];
    for (int d = 0; d < draws; d++) {
      Multinomial.draw(probabilities, referenceSize, rng, replica);
      Multinomial.draw(probabilities, n, rng, sample);
      psi[d] = DriftStatistics.psi(replica, sample);
      js[d] = DriftStatistics.jensenShannon(replica, sample);
      ks[d] = ordered ? DriftStatistics.ks(replica, sample) : Double.NaN;
    }
    return new Thresholds(quantile(psi, level), quantile(js, level), ordered ? quantile(ks, level) : Double.NaN);
  }

  /** The {@code level} quantile of the values: the smallest with at least that share of values at or below it. */
  static double quantile(double[] values, double level) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(level * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
