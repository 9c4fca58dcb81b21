package dev.boreal.engine.objective;

import dev.boreal.engine.Parallel;

/**
 * A training loss bound to its labels, weights and groups: it turns raw scores into gradients and
 * hessians each boosting round.
 *
 * <p>Arrays are output-major: for n rows and K = {@link #numOutputs()} outputs, the value of output k for
 * row i sits at {@code k*n + i}. Gradients and hessians already include the sample weight, as LightGBM's do.
 * Implementations are immutable after construction and safe to call from one training thread at a time.
 */
public interface Objective {

  /** The canonical LightGBM name, e.g. {@code "binary"}, written to the model file. */
  String name();

  /** K: num_class for multiclass, 1 otherwise. */
  int numOutputs();

  /**
   * Writes the weighted gradient and hessian of every row and output.
   *
   * @param scores input, raw margins, length K*n
   * @param grad output, length K*n
   * @param hess output, length K*n
   * @param parallel the training's pool; results do not depend on its thread count
   */
  void gradients(double[] scores, double[] grad, double[] hess, Parallel parallel);

  /**
   * The starting raw score of each output (length K): the weighted loss minimiser when boost_from_average
   * is on (log-odds for binary, log of the mean for poisson/gamma/tweedie, median for L1, the alpha-quantile
   * for quantile, log class priors for multiclass), zeros when it is off and for ranking.
   */
  double[] initScores();

  /** The link from raw margins to predictions. */
  Link link();

  /** Whether the learner must replace each leaf's Newton value with {@link #renewLeafOutput} (L1-type losses). */
  default boolean renewsLeafOutput() {
    return false;
  }

  /**
   * The loss-optimal value of a leaf holding rows {@code rows[from..to)} given the current scores: the
   * weighted median (regression_l1) or alpha-percentile (quantile) of the residuals label - score. The
   * learner applies shrinkage afterwards.
   *
   * @param output which output's scores to use (0 for single-output objectives)
   * @throws UnsupportedOperationException when {@link #renewsLeafOutput()} is false
   */
  default double renewLeafOutput(int[] rows, int from, int to, double[] scores, int output) {
    throw new UnsupportedOperationException(name() + " does not renew leaf outputs");
  }
}
