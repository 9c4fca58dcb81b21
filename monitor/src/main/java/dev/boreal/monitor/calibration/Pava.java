package dev.boreal.monitor.calibration;

import java.util.Arrays;

/**
 * Sorted, tie-pooled calibration data and the pool-adjacent-violators fit on it: the shared ground of
 * isotonic calibration and Venn-Abers. Scores are sorted once; rows of equal score become one block
 * (weight = rows, sum = positives), as scikit-learn's {@code _make_unique} pools ties.
 */
final class Pava {
  /** Distinct scores, increasing. */
  final double[] scores;
  /** Positives among the rows of each distinct score. */
  final double[] sums;
  /** Rows of each distinct score. */
  final double[] weights;

  private Pava(double[] scores, double[] sums, double[] weights) {
    this.scores = scores;
    this.sums = sums;
    this.weights = weights;
  }

  /** Sorts the rows by score and pools ties. */
  static Pava of(double[] margins, boolean[] positive) {
    int n = margins.length;
    double[] sorted = new double[n];
    for (int i = 0; i < n; i++) {
      // Adding 0.0 turns -0.0 into 0.0: one score, as == sees them, for the sort and the search alike.
      sorted[i] = margins[i] + 0.0;
    }
    Arrays.sort(sorted);
    double[] scores = new double[n];
    double[] sums = new double[n];
    double[] weights = new double[n];
    int u = 0;
    for (int i = 0; i < n; i++) {
      if (u == 0 || sorted[i] != scores[u - 1]) {
        scores[u++] = sorted[i];
      }
    }
    for (int i = 0; i < n; i++) {
      int k = Arrays.binarySearch(scores, 0, u, margins[i] + 0.0);
      weights[k]++;
      sums[k] += positive[i] ? 1 : 0;
    }
    return new Pava(Arrays.copyOf(scores, u), Arrays.copyOf(sums, u), Arrays.copyOf(weights, u));
  }

  /** Number of distinct scores. */
  int size() {
    return scores.length;
  }

  /** The non-decreasing least-squares fit of the block means, one value per distinct score. */
  double[] fit() {
    int u = scores.length;
    double[] blockSum = new double[u];
    double[] blockWeight = new double[u];
    int[] blockEnd = new int[u];
    int top = 0;
    for (int k = 0; k < u; k++) {
      blockSum[top] = sums[k];
      blockWeight[top] = weights[k];
      blockEnd[top] = k + 1;
      top++;
      while (top > 1 && blockSum[top - 2] / blockWeight[top - 2] >= blockSum[top - 1] / blockWeight[top - 1]) {
        blockSum[top - 2] += blockSum[top - 1];
        blockWeight[top - 2] += blockWeight[top - 1];
        blockEnd[top - 2] = blockEnd[top - 1];
        top--;
      }
    }
    double[] fitted = new double[u];
    for (int b = 0, k = 0; b < top; b++) {
      for (; k < blockEnd[b]; k++) {
        fitted[k] = blockSum[b] / blockWeight[b];
      }
    }
    return fitted;
  }
}
