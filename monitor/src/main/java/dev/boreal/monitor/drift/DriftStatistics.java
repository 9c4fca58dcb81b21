package dev.boreal.monitor.drift;

/**
 * The distances between two binned distributions that a drift test reports, each computed from the row
 * counts of the same cells in the reference ({@code ref}, weighted when training was) and the new data
 * ({@code obs}). Stateless.
 *
 * <ul>
 *   <li><b>PSI</b>, the population stability index {@code Σ (q - p) ln(q / p)}, on proportions smoothed with
 *       {@link #PSEUDOCOUNT} rows added to every cell of both sides, so an empty cell gives a large but finite
 *       term, never an infinity.
 *   <li><b>Jensen–Shannon distance</b>: the square root of the JS divergence in bits (base 2), on the raw
 *       proportions; it lies in [0, 1] and needs no smoothing.
 *   <li><b>Binned KS</b>: the largest absolute difference between the two cumulative distributions over the
 *       cells in their order (the bins' value order, missing last), on raw proportions.
 * </ul>
 * Every method needs both sides to hold at least one row.
 */
public final class DriftStatistics {
  /** Rows added to every cell of both sides before PSI takes logarithms (additive, Laplace-style, smoothing). */
  public static final double PSEUDOCOUNT = 0.5;
  private static final double LN2 = Math.log(2.0);

  private DriftStatistics() {}

  /** PSI of {@code obs} against {@code ref}, smoothed with {@link #PSEUDOCOUNT}. */
  public static double psi(double[] ref, double[] obs) {
    int k = ref.length;
    double refTotal = total(ref) + k * PSEUDOCOUNT;
    double obsTotal = total(obs) + k * PSEUDOCOUNT;
    double sum = 0;
    for (int c = 0; c < k; c++) {
      double p = (ref[c] + PSEUDOCOUNT) / refTotal;
      double q = (obs[c] + PSEUDOCOUNT) / obsTotal;
      sum += (q - p) * Math.log(q / p);
    }
    return sum;
  }

  /** Jensen–Shannon distance (base 2) between the two distributions, in [0, 1]. */
  public static double jensenShannon(double[] ref, double[] obs) {
    double refTotal = total(ref);
    double obsTotal = total(obs);
    double divergence = 0;
    for (int c = 0; c < ref.length; c++) {
      double p = ref[c] / refTotal;
      double q = obs[c] / obsTotal;
      double m = 0.5 * (p + q);
      if (p > 0) {
        divergence += 0.5 * p * Math.log(p / m);
      }
      if (q > 0) {
        divergence += 0.5 * q * Math.log(q / m);
      }
    }
    return Math.sqrt(Math.max(0.0, divergence / LN2));
  }

  /** Largest absolute difference of the cumulative distributions over the cells in order. */
  public static double ks(double[] ref, double[] obs) {
    double refTotal = total(ref);
    double obsTotal = total(obs);
    double refCumulative = 0;
    double obsCumulative = 0;
    double max = 0;
    for (int c = 0; c < ref.length; c++) {
      refCumulative += ref[c];
      obsCumulative += obs[c];
      max = Math.max(max, Math.abs(refCumulative / refTotal - obsCumulative / obsTotal));
    }
    return max;
  }

  /** The sum of the counts. */
  static double total(double[] counts) {
    double sum = 0;
    for (double c : counts) {
      sum += c;
    }
    return sum;
  }

  /** Whole row counts as the counts these statistics take. */
  public static double[] counts(long[] rows) {
    double[] counts = new double[rows.length];
    for (int c = 0; c < rows.length; c++) {
      counts[c] = rows[c];
    }
    return counts;
  }

  /** The fixed PSI band a value falls in, as commonly read: "stable" below 0.1, "moderate" to 0.25, else "major". */
  public static String psiBand(double psi) {
    return psi < 0.1 ? "stable" : psi < 0.25 ? "moderate" : "major";
  }
}
