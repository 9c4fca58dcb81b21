package dev.boreal.engine.metric;

import dev.boreal.engine.objective.Dcg;
import dev.boreal.engine.objective.Groups;
import dev.boreal.engine.objective.Link;

/**
 * LightGBM's per-query ranking metrics at a cut-off k, averaged over queries weighted by each query's mean
 * row weight. ndcg@k = DCG@k / ideal DCG@k with label_gain (a query with nothing relevant scores 1);
 * map@k = Σ precision@j over relevant hits j ≤ k (label > 0.5) divided by min(k, #relevant), 1 when
 * the query has no relevant item. Ties in score keep row order.
 */
final class RankingMetric implements Metric {
  private final boolean ndcg;
  private final int k;
  private final double[] labelGain;

  RankingMetric(boolean ndcg, int k, double[] labelGain) {
    if (k <= 0) {
      throw new dev.boreal.UsageException("eval_at positions must be positive, got " + k + ".");
    }
    this.ndcg = ndcg;
    this.k = k;
    this.labelGain = labelGain;
  }

  @Override
  public String name() {
    return (ndcg ? "ndcg@" : "map@") + k;
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public double evaluate(double[] raw, int numOutputs, Link link, double[] labels, double[] weights, int[] groups) {
    int n = labels.length;
    int[] offsets = Groups.offsets(groups, n, "metric " + name());
    if (ndcg) {
      Dcg.checkLabels(labels, labelGain);
    }
    int[] order = new int[n];
    double sum = 0;
    double sumWeight = 0;
    for (int q = 0; q + 1 < offsets.length; q++) {
      int from = offsets[q];
      int to = offsets[q + 1];
      double queryWeight = 1.0;
      if (weights != null) {
        queryWeight = 0;
        for (int i = from; i < to; i++) {
          queryWeight += weights[i];
        }
        queryWeight /= to - from;
      }
      sum += queryWeight * (ndcg ? ndcg(labels, raw, from, to, order) : map(labels, raw, from, to, order));
      sumWeight += queryWeight;
    }
    return sum / sumWeight;
  }

  private double ndcg(double[] labels, double[] raw, int from, int to, int[] order) {
    double max = Dcg.maxDcgAtK(k, labels, from, to, labelGain);
    if (max <= 0) {
      return 1.0;
    }
    return Dcg.dcgAtK(k, labels, raw, from, to, labelGain, order) / max;
  }

  private double map(double[] labels, double[] raw, int from, int to, int[] order) {
    int cnt = to - from;
    int relevant = 0;
    for (int i = from; i < to; i++) {
      if (labels[i] > 0.5) {
        relevant++;
      }
    }
    if (relevant == 0) {
      return 1.0;
    }
    Dcg.sortByScoreDescending(raw, from, cnt, order);
    int cut = Math.min(k, cnt);
    int hits = 0;
    double sumPrecision = 0;
    for (int j = 0; j < cut; j++) {
      if (labels[from + order[j]] > 0.5) {
        hits++;
        sumPrecision += (double) hits / (j + 1);
      }
    }
    return sumPrecision / Math.min(relevant, cut);
  }
}
