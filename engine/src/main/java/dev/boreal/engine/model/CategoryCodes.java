package dev.boreal.engine.model;

import dev.boreal.InputException;

/**
 * The sentences for category codes in {@code double[]} rows, where a categorical feature holds the number its
 * category's name spells: shared by the tree predictor and the neural net, so a wrong code reads the same
 * whichever model scores it.
 */
public final class CategoryCodes {
  private CategoryCodes() {}

  /**
   * The error for a code that names none of a feature's categories.
   *
   * @param categories the feature's category names, most frequent first
   * @param numericNames whether any category is named by a number (else no number can name one)
   * @param row the row's index in the caller's batch, or -1 for a lone row
   */
  public static InputException unknown(String feature, String[] categories, boolean numericNames, double code,
      int row) {
    String where = row < 0 ? "Feature '" + feature + "'" : "Row " + row + ": feature '" + feature + "'";
    if (!numericNames) {
      return new InputException(where + " names its categories by text (" + some(categories) + "), so a double[]"
          + " row cannot hold " + text(code) + " for it; NaN is missing, and named categories need a Map or a "
          + "RowBatch.");
    }
    return new InputException(where + " has no category with code " + text(code) + "; its codes are the numeric "
        + "names of its categories (" + some(categories) + "), and NaN is missing, which is how the model scores a "
        + "category it does not know.");
  }

  /** The first few category names, quoted, for messages. */
  static String some(String[] categories) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(categories.length, 8); i++) {
      out.append(i == 0 ? "" : ", ").append('\'').append(categories[i]).append('\'');
    }
    return categories.length > 8 ? out.append(", ...").toString() : out.toString();
  }

  /** Whole numbers without a fraction ("99"), others in Java's shortest form ("2.5"), as names read. */
  private static String text(double code) {
    return code == Math.rint(code) && Math.abs(code) < 1e15 ? Long.toString((long) code) : Double.toString(code);
  }
}
