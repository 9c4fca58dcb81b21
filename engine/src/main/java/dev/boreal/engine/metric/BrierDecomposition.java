package dev.boreal.engine.metric;

import dev.boreal.collect.IntSorts;

/**
 * The Brier score and Murphy's (1973) decomposition BS = reliability − resolution + uncertainty, with the
 * forecasts grouped by distinct value, which makes the identity exact (up to rounding): for groups g of weight
 * W_g, forecast f_g and observed frequency o_g, and overall frequency o over total weight W,
 * reliability = Σ W_g (f_g − o_g)² / W, resolution = Σ W_g (o_g − o)² / W, uncertainty = o (1 − o).
 * A multiclass decomposition is the sum of the per-class (one-vs-rest) ones, as its Brier score is the sum over
 * classes of squared errors. Immutable.
 */
public final class BrierDecomposition {
  private final double score;
  private final double reliability;
  private final double resolution;
  private final double uncertainty;

  private BrierDecomposition(double score, double reliability, double resolution, double uncertainty) {
    this.score = score;
    this.reliability = reliability;
    this.resolution = resolution;
    this.uncertainty = uncertainty;
  }

  /**
   * The decomposition of one event's forecasts.
   *
   * @param forecast probabilities of the event
   * @param outcome 1 where the event happened, else 0
   * @param weightsOrNull sample weights, or null for all ones
   */
  public static BrierDecomposition of(double[] forecast, double[] outcome, double[] weightsOrNull) {
    int n = forecast.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntSorts.stableSort(order, 0, n, (a, b) -> Double.compare(forecast[a], forecast[b]));
    double totalWeight = 0;
    double totalOutcome = 0;
    for (int i = 0; i < n; i++) {
      double w = weightsOrNull == null ? 1.0 : weightsOrNull[i];
      totalWeight += w;
      totalOutcome += w * outcome[i];
    }
    if (totalWeight <= 0) {
      return new BrierDecomposition(0, 0, 0, 0);
    }
    double base = totalOutcome / totalWeight;
    double reliability = 0;
    double resolution = 0;
    for (int start = 0; start < n;) {
      double f = forecast[order[start]];
      double groupWeight = 0;
      double groupOutcome = 0;
      int end = start;
      for (; end < n && Double.compare(forecast[order[end]], f) == 0; end++) {
        int r = order[end];
        double w = weightsOrNull == null ? 1.0 : weightsOrNull[r];
        groupWeight += w;
        groupOutcome += w * outcome[r];
      }
      if (groupWeight > 0) {
        double observed = groupOutcome / groupWeight;
        reliability += groupWeight * (f - observed) * (f - observed);
        resolution += groupWeight * (observed - base) * (observed - base);
      }
      start = end;
    }
    return new BrierDecomposition(score(forecast, outcome, weightsOrNull), reliability / totalWeight,
        resolution / totalWeight, base * (1 - base));
  }

  /**
   * The Brier score alone, without the sort the decomposition needs: the weighted mean of (forecast − outcome)²,
   * 0 without weight.
   */
  public static double score(double[] forecast, double[] outcome, double[] weightsOrNull) {
    double totalWeight = 0;
    double squaredError = 0;
    for (int i = 0; i < forecast.length; i++) {
      double w = weightsOrNull == null ? 1.0 : weightsOrNull[i];
      double e = forecast[i] - outcome[i];
      totalWeight += w;
      squaredError += w * e * e;
    }
    return totalWeight > 0 ? squaredError / totalWeight : 0;
  }

  /** The term-by-term sum, for the classes of a multiclass model. */
  public BrierDecomposition plus(BrierDecomposition other) {
    return new BrierDecomposition(score + other.score, reliability + other.reliability,
        resolution + other.resolution, uncertainty + other.uncertainty);
  }

  /** The Brier score: the weighted mean squared difference between forecast and outcome. */
  public double score() {
    return score;
  }

  /** How far forecasts are from the observed frequency of the rows given them (lower is better). */
  public double reliability() {
    return reliability;
  }

  /** How far the groups' observed frequencies are from the overall one (higher is better). */
  public double resolution() {
    return resolution;
  }

  /** The Brier score of always forecasting the overall frequency: a property of the data alone. */
  public double uncertainty() {
    return uncertainty;
  }
}
