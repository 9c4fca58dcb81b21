package dev.boreal.explain;

import dev.boreal.engine.model.Model;
import dev.boreal.collect.IntSorts;

/**
 * Global feature importance, per feature in schema order: the total split gain and the number of splits
 * (LightGBM's {@code importance_type="gain"} and {@code "split"}) over the iterations the model predicts
 * with, and the mean absolute SHAP value over a set of explained rows (the bar chart of the shap
 * library's summary plot).
 *
 * <p>Gain and split counts describe the training data as the trees saw it; mean |SHAP| describes the
 * rows explained and is consistent (a feature the model relies on more never gets less), which the
 * other two are not.
 */
public final class Importance {
  private Importance() {}

  /** Total gain of the splits on each feature over the model's default iterations. */
  public static double[] gain(Model m) {
    return m.gainImportance(m.bestIteration());
  }

  /** Total gain of the splits on each feature over the first {@code iterations} iterations. */
  public static double[] gain(Model m, int iterations) {
    return m.gainImportance(iterations);
  }

  /** Number of splits on each feature over the model's default iterations. */
  public static long[] split(Model m) {
    return m.splitImportance(m.bestIteration());
  }

  /** Number of splits on each feature over the first {@code iterations} iterations. */
  public static long[] split(Model m, int iterations) {
    return m.splitImportance(iterations);
  }

  /**
   * Mean absolute SHAP value of each feature, over rows, summed over outputs: for a multiclass model a
   * feature's total bar of the shap library's stacked summary plot; for one output simply its mean |SHAP|.
   * All zero when there are no rows.
   */
  public static double[] meanAbsShap(ShapValues v) {
    double[] total = new double[v.features()];
    for (int k = 0; k < v.outputs(); k++) {
      double[] one = meanAbsShap(v, k);
      for (int f = 0; f < total.length; f++) {
        total[f] += one[f];
      }
    }
    return total;
  }

  /** Mean absolute SHAP value of each feature for output k, over rows; all zero when there are no rows. */
  public static double[] meanAbsShap(ShapValues v, int k) {
    if (k < 0 || k >= v.outputs()) {
      throw new IndexOutOfBoundsException("output " + k + " of " + v.outputs());
    }
    int features = v.features();
    double[] sum = new double[features];
    double[] raw = v.raw();
    for (int r = 0; r < v.rows(); r++) {
      int at = v.offset(r, k);
      for (int f = 0; f < features; f++) {
        sum[f] += Math.abs(raw[at + f]);
      }
    }
    if (v.rows() > 0) {
      for (int f = 0; f < features; f++) {
        sum[f] /= v.rows();
      }
    }
    return sum;
  }

  /**
   * Feature indices ordered from the most to the least important by {@code scores}; ties keep schema
   * order, so the ranking is stable.
   */
  public static int[] ranking(double[] scores) {
    int[] order = new int[scores.length];
    for (int f = 0; f < order.length; f++) {
      order[f] = f;
    }
    // A stable merge sort on primitives: ties keep schema order without boxing indices.
    IntSorts.stableSort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    return order;
  }
}
