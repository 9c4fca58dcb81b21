package dev.boreal.engine.forest;

import dev.boreal.UsageException;
import dev.boreal.engine.tree.SplitMath;

/**
 * How a forest tree measures the quality of a split: Gini impurity or entropy over class weights for
 * classification, variance (squared error) for regression. All three are scikit-learn's criteria.
 *
 * <p>Every criterion is written as a <em>score</em> of a node's statistics such that a split's weighted
 * impurity decrease is {@code score(left) + score(right) - score(parent)}; the split search only adds two
 * scores per threshold. With class weights {@code w_k} summing to {@code W}:
 * <ul>
 *   <li>Gini: {@code W·gini = W - Σ w_k²/W}, so score = {@code Σ w_k² / W};</li>
 *   <li>entropy (nats): {@code W·H = W ln W - Σ w_k ln w_k}, so score = {@code Σ w_k ln w_k - W ln W};</li>
 *   <li>squared error, with {@code S = Σ w·y}: {@code W·var = Σ w·y² - S²/W}, so score = {@code S²/W}, the L2
 *       gain of boosting with {@code g = -S}, {@code h = W} and no regularisation; it is computed with
 *       {@link SplitMath} so a forest tree and the boosting learner make bit-identical decisions.</li>
 * </ul>
 * The weighted impurity decrease is what a node's {@code split_gain} records, as scikit-learn's
 * feature importances sum it (before normalising).
 *
 * <p>Statistics arrays hold, from an offset: K class weights for a classifier, or {@code S, W} for
 * regression ({@link #channels(int)} values).
 */
public enum Criterion {
  /** Gini impurity (scikit-learn's default for classifiers). */
  GINI,
  /** Shannon entropy in nats (scikit-learn's "entropy"; "log_loss" is the same). */
  ENTROPY,
  /** Variance of the label, i.e. mean squared error around the node's mean (regression). */
  SQUARED_ERROR;

  /**
   * The criterion the {@code criterion} parameter names for a task; empty picks gini for classifiers and
   * squared_error for regression.
   *
   * @throws UsageException when the criterion does not fit the task
   */
  public static Criterion of(String name, boolean classification) {
    switch (name) {
      case "":
        return classification ? GINI : SQUARED_ERROR;
      case "gini":
      case "entropy":
        if (!classification) {
          throw new UsageException("criterion " + name + " is for classification; a regression forest uses "
              + "squared_error.");
        }
        return name.equals("gini") ? GINI : ENTROPY;
      case "squared_error":
        if (classification) {
          throw new UsageException("criterion squared_error is for regression; a classification forest uses "
              + "gini or entropy.");
        }
        return SQUARED_ERROR;
      default:
        throw new UsageException("unknown criterion '" + name + "'; expected gini, entropy or squared_error.");
    }
  }

  /** Statistics per node or bin, besides the row count: the classes, or 2 (S and W) for regression. */
  public int channels(int classes) {
    return this == SQUARED_ERROR ? 2 : classes;
  }

  /** The total weight W of statistics at {@code s[off ..]} with {@code c} channels. */
  public double weight(double[] s, int off, int c) {
    if (this == SQUARED_ERROR) {
      return s[off + 1];
    }
    double w = 0;
    for (int k = 0; k < c; k++) {
      w += s[off + k];
    }
    return w;
  }

  /** The node score of statistics {@code s[off .. off + c)} (see the class comment); 0 for an empty node. */
  public double score(double[] s, int off, int c) {
    switch (this) {
      case GINI: {
        if (c == 2) {
          double a = s[off];
          double b = s[off + 1];
          double w = a + b;
          return w > 0 ? (a * a + b * b) / w : 0.0;
        }
        double w = 0;
        double sq = 0;
        for (int k = 0; k < c; k++) {
          double v = s[off + k];
          w += v;
          sq += v * v;
        }
        return w > 0 ? sq / w : 0.0;
      }
      case ENTROPY: {
        double w = 0;
        double sum = 0;
        for (int k = 0; k < c; k++) {
          double v = s[off + k];
          w += v;
          sum += xLogX(v);
        }
        return sum - xLogX(w);
      }
      default: {
        double g = -s[off];
        double h = s[off + 1];
        if (h <= 0) {
          return 0.0;
        }
        return SplitMath.leafGainAt(g, h, 0, 0, SplitMath.leafOutput(g, h, 0, 0, 0));
      }
    }
  }

  /**
   * The score of a parent, for the decrease of its splits: for squared error the boosting learner's
   * closed form {@code G²/H}, so gains match it bit for bit; otherwise {@link #score}.
   */
  public double parentScore(double[] s, int off, int c) {
    if (this == SQUARED_ERROR) {
      return s[off + 1] > 0 ? SplitMath.leafGain(-s[off], s[off + 1], 0, 0, 0) : 0.0;
    }
    return score(s, off, c);
  }

  /**
   * The weighted impurity {@code W · impurity} of a node whose statistics are {@code s}; regression needs
   * the weighted sum of squared labels {@code sumWy2} besides (ignored for classifiers). For reports and
   * tests; the split search uses {@link #score}.
   */
  public double weightedImpurity(double[] s, int off, int c, double sumWy2) {
    double w = weight(s, off, c);
    switch (this) {
      case GINI:
        return w - score(s, off, c);
      case ENTROPY:
        return -score(s, off, c);
      default:
        return w > 0 ? sumWy2 - s[off] * s[off] / w : 0.0;
    }
  }

  private static double xLogX(double x) {
    return x > 0 ? x * Math.log(x) : 0.0;
  }
}
