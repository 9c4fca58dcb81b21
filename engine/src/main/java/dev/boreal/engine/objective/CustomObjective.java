package dev.boreal.engine.objective;

/**
 * A loss supplied by the user. Wrap it with {@link Objectives#custom} and the learner uses it like any
 * built-in objective. It is called from the training thread only, once per boosting round.
 */
@FunctionalInterface
public interface CustomObjective {
  /**
   * Writes gradients and hessians for the current scores.
   *
   * @param scores input, raw margins, output-major (index {@code k*n + i}), length K*n
   * @param labels input, one per row (already encoded)
   * @param weightsOrNull input, one per row, or null; the implementation applies them itself
   * @param numOutputs K
   * @param grad output, length K*n
   * @param hess output, length K*n; must be non-negative for Newton steps to make sense
   */
  void gradients(double[] scores, double[] labels, double[] weightsOrNull, int numOutputs, double[] grad,
      double[] hess);
}
