package dev.boreal.spark;

import dev.boreal.InputException;

/** Checks the labels and weights the driver collected, and counts a classifier's classes. */
final class TrainingLabels {
  private TrainingLabels() {
  }

  /**
   * The number of classes: one more than the largest label, at least 2.
   *
   * @throws InputException for a label that is not a whole number from 0
   */
  static int classes(double[] labels) {
    int largest = 1;
    for (int r = 0; r < labels.length; r++) {
      double y = labels[r];
      if (!(y >= 0 && y < Integer.MAX_VALUE && y == Math.rint(y))) {
        throw new InputException("The label of row " + r + " is " + y
            + "; a classifier's labels must be class indices 0, 1, 2, ... (StringIndexer makes them).");
      }
      largest = Math.max(largest, (int) y);
    }
    return largest + 1;
  }

  /**
   * Checks that labels are finite and weights finite and not negative.
   *
   * @param weights null when rows are unweighted
   * @throws InputException naming the first bad row
   */
  static void check(double[] labels, double[] weights) {
    for (int r = 0; r < labels.length; r++) {
      if (!Double.isFinite(labels[r])) {
        throw new InputException("The label of row " + r + " is " + labels[r] + "; labels must be finite numbers.");
      }
      if (weights != null && !(weights[r] >= 0 && weights[r] < Double.POSITIVE_INFINITY)) {
        throw new InputException("The weight of row " + r + " is " + weights[r]
            + "; weights must be finite and not negative.");
      }
    }
  }
}
