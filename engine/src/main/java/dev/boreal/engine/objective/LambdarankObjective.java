package dev.boreal.engine.objective;

/**
 * LambdaMART with NDCG deltas, as LightGBM's {@code lambdarank}: within a group sorted by score, every pair
 * of differently labelled documents with the better-ranked one inside the truncation level contributes
 * lambda {@code -σ · ΔNDCG / (1 + exp(σ(s_high - s_low)))} and hessian {@code σ² · ΔNDCG · p(1-p)}, where
 * ΔNDCG is the gain gap times the discount gap over the ideal DCG at the truncation level. With
 * lambdarank_norm, ΔNDCG is divided by {@code 0.01 + |s_high - s_low|} and each group's lambdas are scaled by
 * {@code log2(1 + Σ|λ|) / Σ|λ|}.
 */
final class LambdarankObjective extends RankingObjective {
  private final double[] labelGain;
  private final double[] inverseMaxDcg;
  private final int truncationLevel;
  private final boolean norm;
  private final double sigmoid;

  LambdarankObjective(double[] labels, double[] weights, int[] groupSizes, ObjectiveSettings s) {
    super("lambdarank", labels, weights, groupSizes);
    this.labelGain = s.effectiveLabelGain();
    Dcg.checkLabels(labels, labelGain);
    this.truncationLevel = s.lambdarankTruncationLevel();
    this.norm = s.lambdarankNorm();
    this.sigmoid = s.sigmoid();
    int groups = offsets.length - 1;
    this.inverseMaxDcg = new double[groups];
    for (int q = 0; q < groups; q++) {
      double max = Dcg.maxDcgAtK(truncationLevel, labels, offsets[q], offsets[q + 1], labelGain);
      // A group with nothing relevant has no NDCG to gain: its pairs all get zero weight.
      inverseMaxDcg[q] = max > 0 ? 1.0 / max : 0.0;
    }
  }

  @Override
  void group(int q, int start, int cnt, double[] scores, double[] grad, double[] hess, int[] order) {
    Dcg.sortByScoreDescending(scores, start, cnt, order);
    double invMax = inverseMaxDcg[q];
    double best = scores[start + order[0]];
    double worst = scores[start + order[cnt - 1]];
    double sumLambdas = 0;
    for (int i = 0; i < cnt - 1 && i < truncationLevel; i++) {
      int a = start + order[i];
      for (int j = i + 1; j < cnt; j++) {
        int b = start + order[j];
        if (labels[a] == labels[b]) {
          continue;
        }
        int highRank = labels[a] > labels[b] ? i : j;
        int lowRank = labels[a] > labels[b] ? j : i;
        int high = start + order[highRank];
        int low = start + order[lowRank];
        double deltaScore = scores[high] - scores[low];
        double gainGap = labelGain[(int) labels[high]] - labelGain[(int) labels[low]];
        double discountGap = Math.abs(Dcg.discount(highRank) - Dcg.discount(lowRank));
        double deltaNdcg = gainGap * discountGap * invMax;
        if (norm && best != worst) {
          // LightGBM's constant is the float 0.01f; kept so the regularised deltas agree.
          deltaNdcg /= 0.01f + Math.abs(deltaScore);
        }
        // LightGBM reads this sigmoid from a lookup table; it is computed exactly here.
        double p = 1.0 / (1.0 + Math.exp(sigmoid * deltaScore));
        double lambda = -sigmoid * deltaNdcg * p;
        double h = sigmoid * sigmoid * deltaNdcg * p * (1.0 - p);
        grad[low] -= lambda;
        hess[low] += h;
        grad[high] += lambda;
        hess[high] += h;
        sumLambdas -= 2 * lambda;
      }
    }
    if (norm && sumLambdas > 0) {
      double factor = (Math.log(1 + sumLambdas) / Math.log(2.0)) / sumLambdas;
      for (int i = start; i < start + cnt; i++) {
        grad[i] *= factor;
        hess[i] *= factor;
      }
    }
  }
}
