package dev.boreal.monitor.drift;

/**
 * How well the feature ranking of new data keeps the reference's: the normalised discounted cumulative gain
 * (nDCG) of the features ordered by their new mean |SHAP value|, each feature's gain being its
 * <em>reference</em> mean |SHAP value|, with the usual discount {@code 1 / log2(position + 1)}. It is 1 when
 * the new order puts the features in the reference's order (ties in either order count as equal) and falls as
 * important features slide down. Stateless.
 */
public final class Ndcg {
  private Ndcg() {}

  /**
   * nDCG of the new ranking against the reference.
   *
   * @param reference reference mean |SHAP| per feature, non-negative: the gains
   * @param observed new mean |SHAP| per feature: the order
   * @return a value in [0, 1]; 1 when every reference gain is 0
   */
  public static double of(double[] reference, double[] observed) {
    if (reference.length != observed.length) {
      throw new IllegalArgumentException(reference.length + " reference values, " + observed.length + " new");
    }
    double ideal = dcg(reference, order(reference));
    return ideal > 0 ? dcg(reference, order(observed)) / ideal : 1.0;
  }

  private static double dcg(double[] gains, int[] order) {
    double sum = 0;
    for (int position = 0; position < order.length; position++) {
      sum += gains[order[position]] / (Math.log(position + 2) / Math.log(2));
    }
    return sum;
  }

  /** Feature indices by value, largest first; ties keep schema order. */
  private static int[] order(double[] values) {
    Integer[] boxed = new Integer[values.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = i;
    }
    java.util.Arrays.sort(boxed, (a, b) -> {
      int byValue = Double.compare(values[b], values[a]);
      return byValue != 0 ? byValue : Integer.compare(a, b);
    });
    int[] order = new int[boxed.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = boxed[i];
    }
    return order;
  }
}
