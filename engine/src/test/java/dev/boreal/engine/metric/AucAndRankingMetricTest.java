package dev.boreal.engine.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.boreal.InputException;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.objective.ObjectiveSettings;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** AUC against O(n²) pair counting; NDCG and MAP against their direct formulas. */
class AucAndRankingMetricTest {
  private static final ObjectiveSettings S = ObjectiveSettings.defaults();

  @Test
  void aucEqualsWeightedPairCountingWithHalfTies() {
    Random r = new Random(7);
    int n = 300;
    double[] raw = new double[n];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      raw[i] = r.nextInt(20) / 4.0; // many ties
      y[i] = r.nextDouble() < 0.3 + raw[i] / 10 ? 1 : 0;
      w[i] = 0.2 + r.nextDouble();
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (y[i] == 1 && y[j] == 0) {
          double pair = w[i] * w[j];
          den += pair;
          num += raw[i] > raw[j] ? pair : raw[i] == raw[j] ? 0.5 * pair : 0;
        }
      }
    }
    Metric auc = Metrics.parse("auc", "binary", S, null).get(0);
    assertEquals(num / den, auc.evaluate(raw, 1, Link.sigmoid(1), y, w, null), 1e-12);
    // pairs (pos, neg): (0.9, 0.5) wins, (0.9, 0.1) wins, (0.5, 0.5) ties, (0.5, 0.1) wins: 3.5 / 4
    assertEquals(0.875, auc.evaluate(new double[] {0.9, 0.5, 0.5, 0.1}, 1, Link.IDENTITY,
        new double[] {1, 1, 0, 0}, null, null), 1e-12);
  }

  @Test
  void ndcgEqualsDirectFormula() {
    Random r = new Random(9);
    int[] groups = {6, 4, 9};
    int n = 19;
    double[] y = new double[n];
    double[] raw = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(4);
      raw[i] = r.nextGaussian();
      w[i] = 0.5 + r.nextDouble();
    }
    for (int k : new int[] {1, 3, 5, 20}) {
      double sum = 0;
      double sumW = 0;
      int start = 0;
      for (int size : groups) {
        double dcg = directDcg(y, raw, start, size, k, false);
        double ideal = directDcg(y, raw, start, size, k, true);
        double qw = 0;
        for (int i = start; i < start + size; i++) {
          qw += w[i] / size;
        }
        sum += qw * (ideal > 0 ? dcg / ideal : 1);
        sumW += qw;
        start += size;
      }
      Metric ndcg = Metrics.parse("ndcg@" + k, "lambdarank", S, null).get(0);
      assertEquals("ndcg@" + k, ndcg.name());
      assertEquals(sum / sumW, ndcg.evaluate(raw, 1, Link.IDENTITY, y, w, groups), 1e-12);
    }
  }

  /** Σ (2^label - 1) / log2(2 + position) over the top k, ordering by score or (ideal) by label. */
  private static double directDcg(double[] y, double[] s, int start, int size, int k, boolean ideal) {
    boolean[] used = new boolean[size];
    double dcg = 0;
    for (int p = 0; p < Math.min(k, size); p++) {
      int best = -1;
      for (int i = 0; i < size; i++) {
        double key = ideal ? y[start + i] : s[start + i];
        if (!used[i] && (best < 0 || key > (ideal ? y[start + best] : s[start + best]))) {
          best = i;
        }
      }
      used[best] = true;
      dcg += (Math.pow(2, y[start + best]) - 1) / (Math.log(2 + p) / Math.log(2));
    }
    return dcg;
  }

  @Test
  void groupWithNothingRelevantCountsAsOne() {
    double[] y = {0, 0, 1, 0};
    double[] raw = {1, 2, 0, 5}; // second group ranks its relevant item second of two
    Metric ndcg = Metrics.parse("ndcg@2", "lambdarank", S, null).get(0);
    double second = (1 / (Math.log(3) / Math.log(2))) / 1.0;
    assertEquals((1 + second) / 2, ndcg.evaluate(raw, 1, Link.IDENTITY, y, null, new int[] {2, 2}), 1e-12);
    assertThrows(InputException.class, () -> ndcg.evaluate(raw, 1, Link.IDENTITY, y, null, null));
  }

  @Test
  void mapAtKByHand() {
    // One group ranked by score: relevant, not, relevant, relevant, not; three relevant items.
    double[] y = {1, 0, 1, 1, 0};
    double[] raw = {5, 4, 3, 2, 1};
    int[] g = {5};
    double at3 = (1.0 / 1 + 2.0 / 3) / 3;
    double at5 = (1.0 / 1 + 2.0 / 3 + 3.0 / 4) / 3;
    double at2 = (1.0 / 1) / 2;
    assertEquals(at3, Metrics.parse("map@3", "lambdarank", S, null).get(0)
        .evaluate(raw, 1, Link.IDENTITY, y, null, g), 1e-12);
    assertEquals(at5, Metrics.parse("map@5", "lambdarank", S, null).get(0)
        .evaluate(raw, 1, Link.IDENTITY, y, null, g), 1e-12);
    assertEquals(at2, Metrics.parse("map@2", "lambdarank", S, null).get(0)
        .evaluate(raw, 1, Link.IDENTITY, y, null, g), 1e-12);
  }
}
