package dev.boreal.explain;

/**
 * SHAP values of many rows, laid out as the {@code shap} library and XGBoost's {@code pred_contribs} lay
 * them out: {@code values[((row * outputs) + k) * (features + 1) + f]} is feature f's contribution to raw
 * output k of that row, and index {@code f == features} holds the expected value (bias) of output k.
 * The contributions of a row plus its bias add up to the row's raw score (margin).
 *
 * <p>Values are in raw-margin space: log-odds for binary classifiers, per-class margins for multiclass,
 * log-counts for Poisson-type models. Instances do not copy their array ({@link #raw()} returns it), so
 * large explanations are not duplicated; treat it as read-only.
 */
public final class ShapValues extends ShapResult {

  /**
   * Wraps values laid out as described above (the array is kept, not copied).
   *
   * @param rows number of rows
   * @param outputs raw outputs per row (classes for multiclass, else 1)
   * @param features number of features
   * @param values {@code rows * outputs * (features + 1)} values, bias at index {@code features}
   * @param expectedValues the expected value of each output (what the bias column holds)
   * @throws IllegalArgumentException if the lengths disagree
   */
  public ShapValues(int rows, int outputs, int features, double[] values, double[] expectedValues) {
    super(rows, outputs, features, features + 1L, values, expectedValues);
  }

  /** Where row {@code row}'s vector for output {@code k} starts in {@link #raw()}. */
  public int offset(int row, int k) {
    return (row * outputs + k) * (features + 1);
  }

  /** Feature f's contribution to output k of row {@code row}; {@code f == features()} gives the bias. */
  public double value(int row, int k, int f) {
    if (f < 0 || f > features || k < 0 || k >= outputs || row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + ", output " + k + ", feature " + f
          + " is outside " + rows + " x " + outputs + " x " + (features + 1));
    }
    return values[offset(row, k) + f];
  }


  /**
   * The raw score these values explain: the bias plus every contribution of output k of the row. It
   * equals the model's raw prediction up to rounding, which is how callers check additivity.
   */
  public double rawPrediction(int row, int k) {
    int at = offset(row, k);
    double sum = 0;
    for (int f = 0; f <= features; f++) {
      sum += values[at + f];
    }
    return sum;
  }
}
