package dev.boreal.engine.metric;

import java.util.Arrays;

/**
 * Forecast probabilities grouped into bins, with each bin's row count, weight, mean forecast and observed
 * frequency of the event: the numbers behind a reliability diagram and the expected and maximum calibration
 * errors. Immutable.
 *
 * <p>Bin b holds the forecasts in (e_b, e_b+1], except that the first also holds e_0 and everything below, and
 * the last everything above: scikit-learn's {@code calibration_curve} ({@code np.searchsorted} on the inner
 * edges) and Guo et al.'s intervals ((m−1)/M, m/M]. Equal-width edges are b/M; equal-mass edges are the
 * unweighted b/M-quantiles of the forecasts with linear interpolation ({@code np.percentile}), so ties can leave
 * bins empty. Weights count in every bin statistic.
 */
public final class ReliabilityBins {
  /** The bin count when none is given, as in Guo et al. 2017. */
  public static final int DEFAULT_BINS = 15;
  /** The largest bin count accepted. */
  public static final int MAX_BINS = 10_000;

  /** How the bin edges are placed. */
  public enum Strategy {
    /** Edges at 0, 1/M, 2/M, …, 1. */
    EQUAL_WIDTH,
    /** Edges at the quantiles of the forecasts, so bins hold about as many rows each. */
    EQUAL_MASS
  }

  private final double[] edges;
  private final long[] rows;
  private final double[] weight;
  private final double[] sumForecast;
  private final double[] sumOutcome;
  private final double totalWeight;

  private ReliabilityBins(double[] edges, long[] rows, double[] weight, double[] sumForecast, double[] sumOutcome) {
    this.edges = edges;
    this.rows = rows;
    this.weight = weight;
    this.sumForecast = sumForecast;
    this.sumOutcome = sumOutcome;
    double total = 0;
    for (double w : weight) {
      total += w;
    }
    this.totalWeight = total;
  }

  /**
   * Bins {@code forecast} (probabilities of the event) against {@code outcome} (1 where the event happened,
   * else 0).
   *
   * @param weightsOrNull sample weights, or null for all ones
   * @param bins the number of bins, 1 to {@link #MAX_BINS}
   */
  public static ReliabilityBins of(double[] forecast, double[] outcome, double[] weightsOrNull, int bins,
      Strategy strategy) {
    if (bins < 1 || bins > MAX_BINS) {
      throw new IllegalArgumentException("bins must be from 1 to " + MAX_BINS + ", got " + bins);
    }
    double[] edges = strategy == Strategy.EQUAL_WIDTH ? equalWidthEdges(bins) : quantileEdges(forecast, bins);
    long[] rows = new long[bins];
    double[] weight = new double[bins];
    double[] sumForecast = new double[bins];
    double[] sumOutcome = new double[bins];
    for (int i = 0; i < forecast.length; i++) {
      int b = binOf(edges, forecast[i]);
      double w = weightsOrNull == null ? 1.0 : weightsOrNull[i];
      rows[b]++;
      weight[b] += w;
      sumForecast[b] += w * forecast[i];
      sumOutcome[b] += w * outcome[i];
    }
    return new ReliabilityBins(edges, rows, weight, sumForecast, sumOutcome);
  }

  private static double[] equalWidthEdges(int bins) {
    double[] edges = new double[bins + 1];
    double step = 1.0 / bins;
    for (int b = 0; b < bins; b++) {
      edges[b] = b * step;
    }
    edges[bins] = 1.0;
    return edges;
  }

  /**
   * numpy's default ("linear") percentiles at 0, 100/M, …, 100, computed in scikit-learn's order of operations
   * so an edge that should fall on a forecast does so bit for bit.
   */
  private static double[] quantileEdges(double[] forecast, int bins) {
    double[] sorted = forecast.clone();
    Arrays.sort(sorted);
    double[] edges = new double[bins + 1];
    int n = sorted.length;
    double step = 1.0 / bins;
    for (int b = 0; b <= bins && n > 0; b++) {
      double quantile = b == bins ? 1.0 : b * step * 100 / 100;
      double at = (n - 1) * quantile;
      int lo = (int) Math.min(n - 1, Math.floor(at));
      int hi = Math.min(n - 1, lo + 1);
      double t = at - lo;
      double diff = sorted[hi] - sorted[lo];
      // numpy's lerp: interpolating from the nearer end keeps the result inside [sorted[lo], sorted[hi]].
      edges[b] = t >= 0.5 ? sorted[hi] - diff * (1 - t) : sorted[lo] + diff * t;
    }
    return edges;
  }

  /** The bin of {@code p}: how many inner edges lie strictly below it. */
  private static int binOf(double[] edges, double p) {
    int lo = 1;
    int hi = edges.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  /** The number of bins, empty ones included. */
  public int bins() {
    return rows.length;
  }

  /** The lower edge of bin {@code b}. */
  public double lower(int b) {
    return edges[b];
  }

  /** The upper edge of bin {@code b}. */
  public double upper(int b) {
    return edges[b + 1];
  }

  /** The rows in bin {@code b}. */
  public long rows(int b) {
    return rows[b];
  }

  /** The summed weight of bin {@code b} (its row count without weights). */
  public double weight(int b) {
    return weight[b];
  }

  /** The weighted mean forecast in bin {@code b}; NaN when it has no weight. */
  public double meanForecast(int b) {
    return weight[b] > 0 ? sumForecast[b] / weight[b] : Double.NaN;
  }

  /** The weighted share of bin {@code b}'s rows where the event happened; NaN when it has no weight. */
  public double observed(int b) {
    return weight[b] > 0 ? sumOutcome[b] / weight[b] : Double.NaN;
  }

  /** The expected calibration error: the weight-share-weighted mean of |observed − mean forecast| over bins. */
  public double ece() {
    if (totalWeight <= 0) {
      return 0;
    }
    double sum = 0;
    for (int b = 0; b < bins(); b++) {
      if (weight[b] > 0) {
        sum += weight[b] / totalWeight * Math.abs(observed(b) - meanForecast(b));
      }
    }
    return sum;
  }

  /** The maximum calibration error: the largest |observed − mean forecast| over bins with weight. */
  public double mce() {
    double max = 0;
    for (int b = 0; b < bins(); b++) {
      if (weight[b] > 0) {
        max = Math.max(max, Math.abs(observed(b) - meanForecast(b)));
      }
    }
    return max;
  }
}
