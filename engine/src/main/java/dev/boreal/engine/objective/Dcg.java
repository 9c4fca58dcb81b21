package dev.boreal.engine.objective;

import dev.boreal.InputException;
import dev.boreal.collect.IntSorts;

/**
 * Discounted cumulative gain as LightGBM computes it, shared by lambdarank and the ndcg metric: position p
 * (from 0) is discounted by {@code 1 / log2(2 + p)} and label l gains {@code labelGain[l]}.
 */
public final class Dcg {
  private Dcg() {}

  /** The discount of 0-based position {@code p}. */
  public static double discount(int p) {
    return 1.0 / (Math.log(2.0 + p) / Math.log(2.0));
  }

  /**
   * Checks every label is a non-negative integer below {@code labelGain.length}.
   *
   * @throws InputException naming the first bad row
   */
  public static void checkLabels(double[] labels, double[] labelGain) {
    for (int i = 0; i < labels.length; i++) {
      double l = labels[i];
      if (!(l >= 0) || l != Math.rint(l)) {
        throw new InputException("ranking label at row " + i + " is " + l + "; relevance labels must be "
            + "non-negative integers.");
      }
      if (l >= labelGain.length) {
        throw new InputException("ranking label at row " + i + " is " + (long) l + " but label_gain has only "
            + labelGain.length + " entries; add more gains with label_gain.");
      }
    }
  }

  /** The DCG at k of the ideal order: labels of rows {@code [from, to)} sorted by decreasing gain. */
  public static double maxDcgAtK(int k, double[] labels, int from, int to, double[] labelGain) {
    int cnt = to - from;
    double[] gains = new double[cnt];
    for (int i = 0; i < cnt; i++) {
      gains[i] = labelGain[(int) labels[from + i]];
    }
    java.util.Arrays.sort(gains);
    double dcg = 0;
    for (int p = 0, m = Math.min(k, cnt); p < m; p++) {
      dcg += gains[cnt - 1 - p] * discount(p);
    }
    return dcg;
  }

  /**
   * Fills {@code order[0..cnt)} with the offsets 0..cnt-1 of a group's rows sorted by decreasing score,
   * ties kept in row order (LightGBM's stable sort).
   */
  public static void sortByScoreDescending(double[] scores, int from, int cnt, int[] order) {
    for (int i = 0; i < cnt; i++) {
      order[i] = i;
    }
    IntSorts.stableSort(order, 0, cnt, (a, b) -> Double.compare(scores[from + b], scores[from + a]));
  }

  /** The DCG at k of rows {@code [from, to)} in the order given by the scores. */
  public static double dcgAtK(int k, double[] labels, double[] scores, int from, int to, double[] labelGain,
      int[] order) {
    int cnt = to - from;
    sortByScoreDescending(scores, from, cnt, order);
    double dcg = 0;
    for (int p = 0, m = Math.min(k, cnt); p < m; p++) {
      dcg += labelGain[(int) labels[from + order[p]]] * discount(p);
    }
    return dcg;
  }
}
