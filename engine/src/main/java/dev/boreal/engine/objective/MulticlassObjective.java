package dev.boreal.engine.objective;

import dev.boreal.InputException;
import dev.boreal.engine.Parallel;

/**
 * Softmax cross-entropy over K classes, labels 0..K-1. For class probability p_k the gradient is
 * {@code p_k - [y = k]} and the hessian LightGBM's {@code K/(K-1) · p_k(1 - p_k)}: the diagonal of the true
 * hessian scaled up so that one tree per class does not overshoot.
 */
final class MulticlassObjective implements Objective {
  /** LightGBM's floor on class priors before taking their log. */
  private static final double EPSILON = 1e-15;
  private static final int BLOCK = 1024;

  private final double[] labels;
  private final double[] weights;
  private final int n;
  private final int k;
  private final double factor;
  private final boolean boostFromAverage;

  MulticlassObjective(double[] labels, double[] weightsOrNull, int numClass, boolean boostFromAverage) {
    this.labels = labels;
    this.n = labels.length;
    this.k = numClass;
    this.weights = PointwiseObjective.checkedWeights(weightsOrNull, n);
    this.factor = numClass / (numClass - 1.0);
    this.boostFromAverage = boostFromAverage;
    for (int i = 0; i < n; i++) {
      double l = labels[i];
      if (!(l >= 0) || l != Math.rint(l) || l >= numClass) {
        throw new InputException("multiclass label at row " + i + " is " + l + "; labels must be integers from 0 to "
            + (numClass - 1) + " (num_class = " + numClass + ").");
      }
    }
  }

  @Override
  public String name() {
    return "multiclass";
  }

  @Override
  public int numOutputs() {
    return k;
  }

  @Override
  public void gradients(double[] scores, double[] grad, double[] hess, Parallel parallel) {
    PointwiseObjective.checkLengths(scores, grad, hess, k * n);
    parallel.forBlocks(n, BLOCK, (b, from, to) -> {
      double[] p = new double[k]; // one buffer per block, reused for every row of it
      for (int i = from; i < to; i++) {
        for (int c = 0; c < k; c++) {
          p[c] = scores[c * n + i];
        }
        Link.softmax(p, 0, k, p);
        int label = (int) labels[i];
        double w = weights[i];
        for (int c = 0; c < k; c++) {
          int idx = c * n + i;
          grad[idx] = (c == label ? p[c] - 1.0 : p[c]) * w;
          hess[idx] = factor * p[c] * (1.0 - p[c]) * w;
        }
      }
    });
  }

  /** log of each class's weighted prior, floored at 1e-15, as LightGBM starts multiclass. */
  @Override
  public double[] initScores() {
    double[] init = new double[k];
    if (!boostFromAverage) {
      return init;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      init[(int) labels[i]] += weights[i];
      total += weights[i];
    }
    for (int c = 0; c < k; c++) {
      init[c] = Math.log(Math.max(EPSILON, init[c] / total));
    }
    return init;
  }

  @Override
  public Link link() {
    return Link.SOFTMAX;
  }
}
