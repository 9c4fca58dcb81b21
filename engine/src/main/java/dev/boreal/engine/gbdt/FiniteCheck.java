package dev.boreal.engine.gbdt;

import dev.boreal.TrainingException;
import dev.boreal.engine.model.Tree;
import java.util.Locale;

/**
 * Stops a boosting run the moment its numbers stop being finite (an objective's gradients, a tree's leaf
 * values, the training scores), naming the iteration, so that no model with infinite or NaN scores is ever
 * returned: every later tree would be fitted to meaningless gradients.
 */
final class FiniteCheck {
  private static final String ADVICE = " No model was written; a smaller learning_rate, a larger "
      + "min_sum_hessian_in_leaf or lambda_l2, or max_delta_step keeps the steps finite.";

  private FiniteCheck() {}

  /** Fails when a gradient or hessian of iteration {@code iteration} (1-based) is not finite. */
  static void gradients(double[] grad, double[] hess, int rows, int iteration) {
    int bad = firstNonFinite(grad);
    double[] where = grad;
    String what = "gradient";
    if (bad < 0) {
      bad = firstNonFinite(hess);
      where = hess;
      what = "hessian";
    }
    if (bad >= 0) {
      throw new TrainingException(String.format(Locale.ROOT, "Training diverged at iteration %d: the objective's "
          + "%s of training row %d%s is %s.%s", iteration, what, bad % rows, output(bad / rows, grad.length / rows),
          where[bad], ADVICE));
    }
  }

  /** Fails when a leaf of the tree grown for output {@code output} at {@code iteration} is not finite. */
  static void tree(Tree tree, int output, int outputs, int iteration) {
    for (int leaf = 0; leaf < tree.numLeaves(); leaf++) {
      double v = tree.leafValue(leaf);
      if (!Double.isFinite(v)) {
        throw new TrainingException(String.format(Locale.ROOT, "Training diverged at iteration %d: leaf %d of the "
            + "tree%s has the value %s.%s", iteration, leaf, output(output, outputs), v,
            ADVICE));
      }
    }
  }

  /** Fails when a training score is not finite after iteration {@code iteration}'s trees were added. */
  static void scores(double[] scores, int rows, int iteration) {
    int bad = firstNonFinite(scores);
    if (bad >= 0) {
      throw new TrainingException(String.format(Locale.ROOT, "Training diverged at iteration %d: the raw score of "
          + "training row %d%s is %s.%s", iteration, bad % rows, output(bad / rows, scores.length / rows),
          scores[bad], ADVICE));
    }
  }

  private static String output(int output, int outputs) {
    return outputs > 1 ? " (class " + output + ")" : "";
  }

  private static int firstNonFinite(double[] values) {
    for (int i = 0; i < values.length; i++) {
      // v - v is 0 for finite values and NaN for infinities and NaN.
      if (values[i] - values[i] != 0) {
        return i;
      }
    }
    return -1;
  }
}
