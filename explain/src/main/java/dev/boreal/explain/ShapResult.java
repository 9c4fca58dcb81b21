package dev.boreal.explain;

/**
 * What {@link ShapValues} and {@link ShapInteractions} share: a number of rows, raw outputs per row and
 * features, one block of values per (row, output) in one array, and the expected value of each output.
 * The array is kept, not copied ({@link #raw()} returns it), so large explanations are not duplicated;
 * treat it as read-only.
 */
public abstract sealed class ShapResult permits ShapValues, ShapInteractions {
  final int rows;
  final int outputs;
  final int features;
  final double[] values;
  private final double[] expected;

  /**
   * Checks and keeps the shape.
   *
   * @param perRowOutput values in each (row, output) block, given {@code features}
   * @throws IllegalArgumentException if the lengths disagree
   */
  ShapResult(int rows, int outputs, int features, long perRowOutput, double[] values, double[] expectedValues) {
    if (rows < 0 || outputs < 1 || features < 0 || values.length != (long) rows * outputs * perRowOutput
        || expectedValues.length != outputs) {
      throw new IllegalArgumentException(rows + " rows of " + outputs + " outputs and " + features
          + " features need " + (long) rows * outputs * perRowOutput + " values and " + outputs
          + " expected values, but " + values.length + " and " + expectedValues.length + " were given");
    }
    this.rows = rows;
    this.outputs = outputs;
    this.features = features;
    this.values = values;
    this.expected = expectedValues.clone();
  }

  /** Number of rows explained. */
  public int rows() {
    return rows;
  }

  /** Raw outputs per row: the number of classes for multiclass models, else 1. */
  public int outputs() {
    return outputs;
  }

  /** Number of features (the bias is not counted). */
  public int features() {
    return features;
  }

  /** The expected value (bias) of output k: the model's mean raw score over the reference distribution. */
  public double expectedValue(int k) {
    return expected[k];
  }

  /** The backing array in the subclass's layout; not a copy, so do not modify it. */
  public double[] raw() {
    return values;
  }
}
