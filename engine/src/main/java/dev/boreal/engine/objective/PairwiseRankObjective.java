package dev.boreal.engine.objective;

import dev.boreal.InputException;

/**
 * Pairwise logistic (Bradley–Terry / RankNet) ranking, {@code rank_pairwise}: every ordered pair (i, j) of a
 * group with label_i > label_j adds loss {@code log(1 + exp(-(s_i - s_j)))}. With
 * {@code p = 1 / (1 + exp(s_i - s_j))}, the pair adds -p to g_i, +p to g_j and p(1-p) to both hessians.
 * Pairs are visited in row order, so sums are deterministic.
 */
final class PairwiseRankObjective extends RankingObjective {

  PairwiseRankObjective(double[] labels, double[] weights, int[] groupSizes) {
    super("rank_pairwise", labels, weights, groupSizes);
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(labels[i])) {
        throw new InputException("ranking label at row " + i + " is " + labels[i]
            + "; labels must be finite numbers.");
      }
    }
  }

  @Override
  void group(int q, int start, int cnt, double[] scores, double[] grad, double[] hess, int[] order) {
    int end = start + cnt;
    for (int a = start; a < end; a++) {
      for (int b = a + 1; b < end; b++) {
        if (labels[a] == labels[b]) {
          continue;
        }
        int hi = labels[a] > labels[b] ? a : b;
        int lo = hi == a ? b : a;
        double p = 1.0 / (1.0 + Math.exp(scores[hi] - scores[lo]));
        double h = p * (1.0 - p);
        grad[hi] -= p;
        grad[lo] += p;
        hess[hi] += h;
        hess[lo] += h;
      }
    }
  }
}
