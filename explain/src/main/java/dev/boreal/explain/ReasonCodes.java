package dev.boreal.explain;

/**
 * Reason codes: for each row, the K features that pushed its score up the most ({@link #top}), as credit
 * adverse-action notices list the main reasons behind a score, and the K that pushed it down the most
 * ({@link #bottom}), the reasons it was not higher. A pure function over SHAP arrays, so it is the same for any
 * explainer and testable without one.
 *
 * <p>The ordering rule: only features with a strictly positive SHAP value count (they raised the score);
 * they come in decreasing order of that value, ties going to the feature earlier in the model's schema.
 * Features that lowered the score, left it unchanged, or have a NaN value are never reasons, so a row with
 * fewer than K positive contributions gets fewer reasons and the remaining slots are empty (-1). The
 * downward reasons follow the mirror rule: strictly negative values, most negative first.
 *
 * <p>For multiclass models a row's reasons are taken from the output of its predicted class (the largest
 * raw score), see {@link #predictedOutputs}.
 */
public final class ReasonCodes {
  /** The slot value for "no reason". */
  public static final int NONE = -1;

  private ReasonCodes() {}

  /**
   * The top {@code k} reasons among {@code contributions[from .. from + features)}.
   *
   * @param out receives the reasons' feature indices (0-based, relative to {@code from}) in order, then
   *     {@link #NONE} up to {@code k}; length at least {@code k}
   * @return the number of reasons found (at most {@code k})
   */
  public static int top(double[] contributions, int from, int features, int k, int[] out) {
    return ranked(contributions, from, features, k, out, 1.0);
  }

  /**
   * The top {@code k} downward reasons among {@code contributions[from .. from + features)}: the features
   * with negative values, most negative first.
   *
   * @param out receives the reasons' feature indices as for {@link #top}
   * @return the number of reasons found (at most {@code k})
   */
  public static int bottom(double[] contributions, int from, int features, int k, int[] out) {
    return ranked(contributions, from, features, k, out, -1.0);
  }

  /** The {@code k} features whose {@code sign * contribution} is largest and positive. */
  private static int ranked(double[] contributions, int from, int features, int k, int[] out, double sign) {
    int count = 0;
    for (int f = 0; f < features; f++) {
      double c = sign * contributions[from + f];
      if (!(c > 0)) {
        continue;
      }
      // Insertion into the sorted prefix: k is small (a handful of reasons), so this beats a heap. Strict
      // comparison keeps the earlier feature first on ties.
      int pos = count;
      while (pos > 0 && c > sign * contributions[from + out[pos - 1]]) {
        pos--;
      }
      if (pos >= k) {
        continue;
      }
      int last = Math.min(count, k - 1);
      for (int i = last; i > pos; i--) {
        out[i] = out[i - 1];
      }
      out[pos] = f;
      count = Math.min(count + 1, k);
    }
    for (int i = count; i < k; i++) {
      out[i] = NONE;
    }
    return count;
  }

  /**
   * Reasons for every row.
   *
   * @param shap SHAP values laid out as {@code ShapValues.raw()}: index
   *     {@code ((row * outputs) + output) * (features + 1) + f}, the expected value at {@code f == features}
   * @param explained per row, the output whose contributions are ranked; {@code null} means output 0
   * @param k reasons per row (at least 0)
   * @return {@code rows * k} feature indices, row-major, {@link #NONE} for empty slots
   */
  public static int[] forRows(double[] shap, int rows, int outputs, int features, int[] explained, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative, got " + k);
    }
    if (shap.length != (long) rows * outputs * (features + 1)) {
      throw new IllegalArgumentException(shap.length + " SHAP values do not fit " + rows + " rows of "
          + outputs + " outputs and " + features + " features");
    }
    int[] reasons = new int[rows * k];
    int[] slot = new int[k];
    for (int r = 0; r < rows; r++) {
      int output = explained == null ? 0 : explained[r];
      top(shap, (r * outputs + output) * (features + 1), features, k, slot);
      System.arraycopy(slot, 0, reasons, r * k, k);
    }
    return reasons;
  }

  /**
   * Per row, the output with the largest raw score (its SHAP values plus expected value), ties going to the
   * lower output: the predicted class of a multiclass model.
   */
  public static int[] predictedOutputs(double[] shap, int rows, int outputs, int features) {
    int[] out = new int[rows];
    int stride = features + 1;
    for (int r = 0; r < rows; r++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < outputs; k++) {
        int base = (r * outputs + k) * stride;
        double score = 0;
        for (int f = 0; f < stride; f++) {
          score += shap[base + f];
        }
        if (score > best) {
          best = score;
          out[r] = k;
        }
      }
    }
    return out;
  }
}
