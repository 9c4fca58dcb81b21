package dev.boreal.monitor.drift;

import dev.boreal.engine.objective.Link;
import java.util.Arrays;

/**
 * A histogram of a model's predictions, one score per row: the prediction itself for a model with one output
 * (a regression value, a binary classifier's probability), and the probability of the predicted (top) class
 * for a multiclass model. Bin edges are the quantiles of the training scores, so each of the reference's bins
 * holds about the same share of rows; a score {@code s} falls in the first bin whose edge is {@code >= s}, the
 * last bin has no edge. Non-finite scores (NaN) go to a last cell of their own. Immutable.
 *
 * @param edges upper edges of every bin but the last, strictly increasing and finite
 * @param counts rows per bin, then the non-finite rows: {@code edges.length + 2} counts
 */
public record ScoreHistogram(double[] edges, long[] counts) {
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

  /** A copy of the counts. */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /**
   * The reference histogram of training scores: edges at the {@code i / BINS} quantiles, repeated values
   * merged into one edge.
   */
  public static ScoreHistogram fit(double[] scores) {
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    int finite = 0;
    while (finite < sorted.length && !Double.isNaN(sorted[finite])) {
      finite++;
    }
    double[] edges = new double[BINS - 1];
    int count = 0;
    for (int i = 1; i < BINS && finite > 0; i++) {
      double edge = sorted[(int) Math.min(finite - 1, (long) i * finite / BINS)];
      if (Double.isFinite(edge) && (count == 0 || edge > edges[count - 1])) {
        edges[count++] = edge;
      }
    }
    double[] kept = Arrays.copyOf(edges, count);
    return new ScoreHistogram(kept, countsOf(kept, scores));
  }

  /** Counts of {@code scores} over these edges, in this histogram's layout. */
  public long[] countsOf(double[] scores) {
    return countsOf(edges, scores);
  }

  private static long[] countsOf(double[] edges, double[] scores) {
    long[] counts = new long[edges.length + 2];
    for (double s : scores) {
      counts[Double.isNaN(s) ? edges.length + 1 : firstEdgeAtLeast(edges, s)]++;
    }
    return counts;
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
      double best = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < outputs; k++) {
        best = Math.max(best, transformed[r * outputs + k]);
      }
      top[r] = best;
    }
    return top;
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
