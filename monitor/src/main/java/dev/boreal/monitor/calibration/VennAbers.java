package dev.boreal.monitor.calibration;

import java.util.Arrays;
import java.util.Map;

/**
 * Inductive Venn-Abers calibration (IVAP) on the raw margin, with the merged probability {@code p1 / (1 - p0
 * + p1)}: p0 (p1) is the isotonic fit, at the test margin, of the calibration rows plus the test row labelled
 * 0 (1).
 *
 * <p>The two fits depend only on where the test margin falls among the U distinct calibration margins: in one
 * of the U + 1 gaps, or on one of the U margins (joining its tie block). Fitting precomputes the merged
 * probability of all 2U + 1 places, so prediction is one binary search, O(log U). The isotonic fit with one
 * added row pools the row's block with blocks of the prefix fit on its left and of the suffix fit on its
 * right, so fitting keeps every prefix's and suffix's pool-adjacent-violators stack (persistently: a merge
 * makes a new node and leaves the old ones, so the stack after block t is a pointer) and, per place, walks
 * only the blocks the added row pools with: O(n log n) to sort plus O(U * b), b the blocks pooled per place,
 * typically a few (O(U^2) at worst), instead of 2(2U + 1) isotonic fits of O(n) each.
 */
final class VennAbers extends BinaryCalibrator {
  static final String METHOD = "venn-abers";

  /** Distinct calibration margins, increasing. */
  private final double[] scores;
  /** Merged probability in gap g: below scores[0] (g = 0), between scores[g-1] and scores[g], above all. */
  private final double[] gap;
  /** Merged probability at scores[k]. */
  private final double[] at;

  private VennAbers(double[] scores, double[] gap, double[] at) {
    this.scores = scores;
    this.gap = gap;
    this.at = at;
  }

  /** Fits the map on margins and 0/1 labels. */
  static VennAbers fit(double[] margins, boolean[] positive) {
    Pava data = Pava.of(margins, positive);
    int u = data.size();
    Stacks left = new Stacks(2 * u + 2);
    Stacks right = new Stacks(2 * u + 2);
    int[] leftTop = new int[u + 1];
    int[] rightTop = new int[u + 1];
    leftTop[0] = -1;
    for (int k = 0; k < u; k++) {
      leftTop[k + 1] = left.push(leftTop[k], data.sums[k], data.weights[k], true);
    }
    rightTop[u] = -1;
    for (int k = u - 1; k >= 0; k--) {
      rightTop[k] = right.push(rightTop[k + 1], data.sums[k], data.weights[k], false);
    }
    double[] gap = new double[u + 1];
    for (int g = 0; g <= u; g++) {
      gap[g] = merged(left, leftTop[g], right, rightTop[g], 0, 0);
    }
    double[] at = new double[u];
    for (int k = 0; k < u; k++) {
      at[k] = merged(left, leftTop[k], right, rightTop[k + 1], data.sums[k], data.weights[k]);
    }
    return new VennAbers(data.scores, gap, at);
  }

  /** p1 / (1 - p0 + p1) for a test row joining a block of {@code sum} positives in {@code weight} rows. */
  private static double merged(Stacks left, int l, Stacks right, int r, double sum, double weight) {
    double p0 = pooled(left, l, right, r, sum, weight + 1);
    double p1 = pooled(left, l, right, r, sum + 1, weight + 1);
    return p1 / (1 - p0 + p1);
  }

  /** The mean of the block holding the test row once it has pooled every violating neighbour block. */
  private static double pooled(Stacks left, int l, Stacks right, int r, double sum, double weight) {
    boolean changed = true;
    while (changed) {
      changed = false;
      if (l >= 0 && left.sum[l] * weight > sum * left.weight[l]) {
        sum += left.sum[l];
        weight += left.weight[l];
        l = left.next[l];
        changed = true;
      }
      if (r >= 0 && right.sum[r] * weight < sum * right.weight[r]) {
        sum += right.sum[r];
        weight += right.weight[r];
        r = right.next[r];
        changed = true;
      }
    }
    return sum / weight;
  }

  /** Persistent pool-adjacent-violators stacks: a node is a block and points at the block beyond it. */
  private static final class Stacks {
    final double[] sum;
    final double[] weight;
    final int[] next;
    int size;

    Stacks(int capacity) {
      sum = new double[capacity];
      weight = new double[capacity];
      next = new int[capacity];
    }

    /**
     * Pushes a block onto the stack {@code top}, pooling it with the blocks it violates (on the left, blocks of
     * a higher mean; on the right, of a lower one), and returns the new top.
     */
    int push(int top, double s, double w, boolean fromLeft) {
      while (top >= 0 && (fromLeft ? sum[top] * w >= s * weight[top] : sum[top] * w <= s * weight[top])) {
        s += sum[top];
        w += weight[top];
        top = next[top];
      }
      sum[size] = s;
      weight[size] = w;
      next[size] = top;
      return size++;
    }
  }

  /** Reads back {@link #arrays()}, checking increasing margins, probabilities and matching lengths. */
  static VennAbers restore(Map<String, double[]> arrays) {
    double[] scores = array(arrays, "scores", -1);
    double[] gap = array(arrays, "gap", scores.length + 1);
    double[] at = array(arrays, "at", scores.length);
    checkIncreasing("scores", scores, true);
    checkProbabilities("gap", gap);
    checkProbabilities("at", at);
    return new VennAbers(scores, gap, at);
  }

  @Override
  public String method() {
    return METHOD;
  }

  @Override
  public double probability(double margin) {
    if (Double.isNaN(margin)) {
      return gap[0];
    }
    int k = Arrays.binarySearch(scores, margin + 0.0);
    return k >= 0 ? at[k] : gap[-k - 1];
  }

  @Override
  Map<String, double[]> arrays() {
    return Map.of("scores", scores.clone(), "gap", gap.clone(), "at", at.clone());
  }
}
