package dev.boreal.explain;

/**
 * SHAP interaction values of many rows: per row and output a {@code (features+1) x (features+1)} matrix,
 * laid out as XGBoost's {@code pred_interactions}:
 * {@code values[(((row * outputs) + k) * (features + 1) + i) * (features + 1) + j]}. Off the diagonal,
 * entry (i, j) is half the joint effect of features i and j, so the matrix is symmetric; the diagonal
 * holds each feature's main effect; the last row and column are zero except entry
 * {@code (features, features)}, which holds the expected value. Row i (or column i) sums to feature i's
 * SHAP value, and the whole matrix sums to the raw score.
 *
 * <p>The array is kept, not copied ({@link #raw()} returns it); treat it as read-only.
 */
public final class ShapInteractions extends ShapResult {

  /**
   * Wraps values laid out as described above (the array is kept, not copied).
   *
   * @throws IllegalArgumentException if the lengths disagree
   */
  public ShapInteractions(int rows, int outputs, int features, double[] values, double[] expectedValues) {
    super(rows, outputs, features, (features + 1L) * (features + 1L), values, expectedValues);
  }

  /** Where the matrix of row {@code row} and output k starts in {@link #raw()}. */
  public int offset(int row, int k) {
    int width = features + 1;
    return (row * outputs + k) * width * width;
  }

  /** Entry (i, j) of the matrix of row {@code row} and output k; index {@code features()} is the bias. */
  public double value(int row, int k, int i, int j) {
    if (i < 0 || i > features || j < 0 || j > features || k < 0 || k >= outputs || row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + ", output " + k + ", entry (" + i + ", " + j
          + ") is outside " + rows + " x " + outputs + " x " + (features + 1) + " x " + (features + 1));
    }
    return values[offset(row, k) + i * (features + 1) + j];
  }

  /** Feature i's SHAP value for output k of the row: the sum of row i of its matrix. */
  public double shapValue(int row, int k, int i) {
    int at = offset(row, k) + i * (features + 1);
    double sum = 0;
    for (int j = 0; j <= features; j++) {
      sum += values[at + j];
    }
    return sum;
  }
}
