package dev.boreal.explain.report;

import dev.boreal.histogram.FeatureColumn;

/**
 * The raw values of one feature for the rows being explained, held in plain arrays so that a report (or a
 * reason code) can show what a row's value was: a number, or a category name for categorical features.
 * Immutable.
 */
public final class FeatureValues {
  private final String name;
  private final double[] numbers;
  private final int[] codes;
  private final String[] categories;

  private FeatureValues(String name, double[] numbers, int[] codes, String[] categories) {
    this.name = name;
    this.numbers = numbers;
    this.codes = codes;
    this.categories = categories;
  }

  /** Numeric values, NaN where missing (the array is copied). */
  public static FeatureValues numeric(String name, double[] values) {
    return new FeatureValues(name, values.clone(), null, null);
  }

  /**
   * Category codes into {@code categories}, {@link FeatureColumn#MISSING_CODE} where missing (copied).
   *
   * @throws IllegalArgumentException if a code is outside the categories
   */
  public static FeatureValues categorical(String name, int[] codes, String[] categories) {
    for (int c : codes) {
      if (c != FeatureColumn.MISSING_CODE && (c < 0 || c >= categories.length)) {
        throw new IllegalArgumentException("feature '" + name + "' has code " + c + " but "
            + categories.length + " categories");
      }
    }
    return new FeatureValues(name, null, codes.clone(), categories.clone());
  }

  /** Reads every row of an Arrow-backed feature column. */
  public static FeatureValues of(FeatureColumn column) {
    int n = column.rowCount();
    if (column.isCategorical()) {
      int[] codes = new int[n];
      column.readCodes(0, n, codes);
      return new FeatureValues(column.name(), null, codes, column.categories());
    }
    double[] values = new double[n];
    column.readValues(0, n, values);
    return new FeatureValues(column.name(), values, null, null);
  }

  /** The feature's name. */
  public String name() {
    return name;
  }

  /** Whether values are categories. */
  public boolean isCategorical() {
    return codes != null;
  }

  /** Number of rows. */
  public int rows() {
    return codes != null ? codes.length : numbers.length;
  }

  /** Whether the row's value is missing. */
  public boolean isMissing(int row) {
    return codes != null ? codes[row] == FeatureColumn.MISSING_CODE : Double.isNaN(numbers[row]);
  }

  /**
   * The row's value as a number: the value itself, or the category's code (an order for colouring and
   * placing categories); NaN when missing.
   */
  public double value(int row) {
    if (codes != null) {
      return codes[row] == FeatureColumn.MISSING_CODE ? Double.NaN : codes[row];
    }
    return numbers[row];
  }

  /**
   * The row's value as people read it: the category name, or the number without a needless ".0";
   * {@code null} when missing.
   */
  public String text(int row) {
    if (codes != null) {
      return codes[row] == FeatureColumn.MISSING_CODE ? null : categories[codes[row]];
    }
    double v = numbers[row];
    if (Double.isNaN(v)) {
      return null;
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** Number of categories (0 for a numeric feature). */
  public int categoryCount() {
    return categories == null ? 0 : categories.length;
  }

  /** The name of category {@code code}. */
  public String category(int code) {
    return categories[code];
  }
}
