package dev.boreal.engine.metric;

import dev.boreal.InputException;
import dev.boreal.engine.objective.Link;

/**
 * A classifier's class probabilities on n rows, class-major (index {@code c*n + i}), with the labels checked
 * as class indices. A binary model's single output p becomes the two classes (1 − p, p), and a binary label
 * above 0 is the positive class, as in the other binary metrics.
 */
final class ClassProbabilities {
  final int rows;
  final int classes;
  private final double[] probability;
  private final int[] label;

  private ClassProbabilities(int rows, int classes, double[] probability, int[] label) {
    this.rows = rows;
    this.classes = classes;
    this.probability = probability;
    this.label = label;
  }

  /**
   * The probabilities of raw margins (output-major, {@code numOutputs} outputs) through {@code link}.
   *
   * @throws InputException for a multiclass label that is not a class index
   */
  static ClassProbabilities of(double[] raw, int numOutputs, Link link, double[] labels) {
    int n = labels.length;
    int k = numOutputs == 1 ? 2 : numOutputs;
    double[] p = new double[k * n];
    int[] label = new int[n];
    if (numOutputs == 1) {
      for (int i = 0; i < n; i++) {
        double positive = link.apply(raw[i]);
        p[i] = 1 - positive;
        p[n + i] = positive;
        label[i] = labels[i] > 0 ? 1 : 0;
      }
      return new ClassProbabilities(n, k, p, label);
    }
    double[] row = new double[k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        row[c] = raw[c * n + i];
      }
      link.transformRow(row, 0, k, row);
      for (int c = 0; c < k; c++) {
        p[c * n + i] = row[c];
      }
      double y = labels[i];
      if (!(y >= 0 && y < k) || y != Math.rint(y)) {
        throw new InputException("multiclass label at row " + i + " is " + y + "; expected a class index from 0 to "
            + (k - 1) + ".");
      }
      label[i] = (int) y;
    }
    return new ClassProbabilities(n, k, p, label);
  }

  /** Whether the rows came from a binary model's single output. */
  boolean binary() {
    return classes == 2;
  }

  /** A copy of class {@code c}'s probability per row. */
  double[] probabilityOf(int c) {
    double[] out = new double[rows];
    System.arraycopy(probability, c * rows, out, 0, rows);
    return out;
  }

  /** 1 where the row's label is class {@code c}, else 0. */
  double[] isClass(int c) {
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = label[i] == c ? 1 : 0;
    }
    return out;
  }

  /**
   * Top-label forecasts (Guo et al. 2017): each row's largest class probability (the first class on ties, as
   * numpy's argmax) into {@code confidence}, and 1 into {@code correct} where that class is the label.
   */
  void topLabel(double[] confidence, double[] correct) {
    for (int i = 0; i < rows; i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (probability[c * rows + i] > probability[best * rows + i]) {
          best = c;
        }
      }
      confidence[i] = probability[best * rows + i];
      correct[i] = best == label[i] ? 1 : 0;
    }
  }

  /** Reliability bins of the top-label forecasts. */
  ReliabilityBins topLabelBins(double[] weightsOrNull, int bins, ReliabilityBins.Strategy strategy) {
    double[] confidence = new double[rows];
    double[] correct = new double[rows];
    topLabel(confidence, correct);
    return ReliabilityBins.of(confidence, correct, weightsOrNull, bins, strategy);
  }

  /** Reliability bins of class {@code c}'s probability against the event "the label is c". */
  ReliabilityBins classBins(int c, double[] weightsOrNull, int bins, ReliabilityBins.Strategy strategy) {
    return ReliabilityBins.of(probabilityOf(c), isClass(c), weightsOrNull, bins, strategy);
  }

  /** Class {@code c}'s Brier decomposition (one-vs-rest). */
  BrierDecomposition brierOf(int c, double[] weightsOrNull) {
    return BrierDecomposition.of(probabilityOf(c), isClass(c), weightsOrNull);
  }

  /**
   * The model's Brier decomposition: the positive class's for a binary model (scikit-learn's
   * {@code brier_score_loss}), the sum over classes for a multiclass one (Brier's original score, 0 to 2).
   */
  BrierDecomposition brier(double[] weightsOrNull) {
    if (binary()) {
      return brierOf(1, weightsOrNull);
    }
    BrierDecomposition sum = brierOf(0, weightsOrNull);
    for (int c = 1; c < classes; c++) {
      sum = sum.plus(brierOf(c, weightsOrNull));
    }
    return sum;
  }

  /** The model's Brier score alone, without the decomposition's sort; equal to {@code brier(w).score()}. */
  double brierScore(double[] weightsOrNull) {
    if (binary()) {
      return BrierDecomposition.score(probabilityOf(1), isClass(1), weightsOrNull);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += BrierDecomposition.score(probabilityOf(c), isClass(c), weightsOrNull);
    }
    return sum;
  }
}
