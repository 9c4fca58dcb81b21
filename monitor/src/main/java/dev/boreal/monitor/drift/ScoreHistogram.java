package dev.boreal.monitor.drift;

import dev.boreal.engine.objective.Link;
import java.util.Arrays;

/**
 * A histogram of a model's predictions, one score per row: the prediction itself for a model with one output
 * (a regression value, a binary classifier's probability), and the probability of the predicted (top) class
 * for a multiclass model. Bin edges are the (weighted, when training had sample weights) quantiles of the
 * training scores, so each of the reference's bins holds about the same share of rows; a score {@code s} falls in
 * the first bin whose edge is {@code >= s}, the last bin has no edge. Non-finite scores (NaN) go to a last cell
 * of their own. Immutable.
 *
 * @param edges upper edges of every bin but the last, strictly increasing and finite
 * @param counts rows (summed weights, for a weighted reference) per bin, then the non-finite rows:
 *     {@code edges.length + 2} counts
 */
public record ScoreHistogram(double[] edges, double[] counts) {
  /** Bins of a reference histogram built by {@link #fit} (fewer when the scores take fewer values). */
  public static final int BINS = 20;

  /** Checks the shape and copies the arrays. */
  public ScoreHistogram {
    edges = edges.clone();
    counts = counts.clone();
    if (counts.length != edges.length + 2) {
      throw new IllegalArgumentException(counts.length + " counts for " + edges.length + " edges");
    }
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i - 1] < edges[i]))) {
        throw new IllegalArgumentException("edges must be finite and strictly increasing: " + Arrays.toString(edges));
      }
    }
  }

  /** A copy of the edges. */
  @Override
  public double[] edges() {
    return edges.clone();
  }

  /** Counts of unweighted rows. */
  public ScoreHistogram(double[] edges, long[] rows) {
    this(edges, DriftStatistics.counts(rows));
  }

  /** A copy of the counts. */
  @Override
  public double[] counts() {
    return counts.clone();
  }

  /**
   * The reference histogram of training scores: edges at the {@code i / BINS} weighted quantiles, repeated
   * values merged into one edge. The {@code q} quantile is the smallest score whose cumulative weight exceeds
   * {@code q} times the total, so whole weights give exactly the histogram of the rows repeated that often.
   *
   * @param weights one sample weight per score, finite and non-negative, or null for weight 1 each
   */
  public static ScoreHistogram fit(double[] scores, double[] weights) {
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    int values = 0;
    for (int i = 0; i < sorted.length && !Double.isNaN(sorted[i]); i++) {
      if (values == 0 || sorted[i] > sorted[values - 1]) {
        sorted[values++] = sorted[i];
      }
    }
    double[] distinct = Arrays.copyOf(sorted, values);
    double[] cumulative = new double[values];
    for (int r = 0; r < scores.length; r++) {
      if (!Double.isNaN(scores[r])) {
        cumulative[Arrays.binarySearch(distinct, scores[r])] += weights == null ? 1.0 : weights[r];
      }
    }
    for (int v = 1; v < values; v++) {
      cumulative[v] += cumulative[v - 1];
    }
    double total = values == 0 ? 0 : cumulative[values - 1];
    double[] edges = new double[BINS - 1];
    int count = 0;
    int at = 0;
    for (int i = 1; i < BINS && total > 0; i++) {
      double position = i * total / BINS;
      while (at < values - 1 && !(cumulative[at] > position)) {
        at++;
      }
      double edge = distinct[at];
      if (Double.isFinite(edge) && (count == 0 || edge > edges[count - 1])) {
        edges[count++] = edge;
      }
    }
    double[] kept = Arrays.copyOf(edges, count);
    double[] counts = new double[kept.length + 2];
    for (int r = 0; r < scores.length; r++) {
      counts[cellOf(kept, scores[r])] += weights == null ? 1.0 : weights[r];
    }
    return new ScoreHistogram(kept, counts);
  }

  /** Counts of {@code scores} over these edges, in this histogram's layout. */
  public long[] countsOf(double[] scores) {
    return countsOf(edges, scores);
  }

  private static long[] countsOf(double[] edges, double[] scores) {
    long[] counts = new long[edges.length + 2];
    for (double s : scores) {
      counts[cellOf(edges, s)]++;
    }
    return counts;
  }

  /** The cell of one score in this histogram's layout: its bin, or the last cell for NaN. */
  public int cellOf(double score) {
    return cellOf(edges, score);
  }

  private static int cellOf(double[] edges, double s) {
    return Double.isNaN(s) ? edges.length + 1 : firstEdgeAtLeast(edges, s);
  }

  private static int firstEdgeAtLeast(double[] edges, double s) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < s) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * One score per row from a model's raw outputs, as this class defines it.
   *
   * @param raw {@code rows * outputs} raw scores, row-major
   * @param outputs raw outputs per row
   */
  public static double[] scores(Link link, double[] raw, int rows, int outputs) {
    double[] transformed = new double[raw.length];
    for (int r = 0; r < rows; r++) {
      link.transformRow(raw, r * outputs, outputs, transformed);
    }
    if (outputs == 1) {
      return transformed;
    }
    double[] top = new double[rows];
    for (int r = 0; r < rows; r++) {
      top[r] = score(transformed, r * outputs, outputs);
    }
    return top;
  }

  /**
   * One row's score from its predictions (raw outputs through the link), as this class defines it: the
   * prediction, or for several outputs the largest.
   *
   * @param predicted predictions, the row's {@code outputs} from {@code offset}
   */
  public static double score(double[] predicted, int offset, int outputs) {
    double best = Double.NEGATIVE_INFINITY;
    for (int k = offset; k < offset + outputs; k++) {
      best = Math.max(best, predicted[k]);
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoreHistogram h && Arrays.equals(edges, h.edges) && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "ScoreHistogram[" + edges.length + " edges, " + Arrays.toString(counts) + "]";
  }
}
