package dev.boreal.engine.objective;

/**
 * The plain settings the objectives read, named after LightGBM's parameters; the parameter table fills
 * them in, so objectives do not depend on it.
 *
 * @param alpha huber's delta and quantile's quantile level ({@code alpha})
 * @param tweedieVariancePower tweedie's variance power ρ, in [1, 2) ({@code tweedie_variance_power})
 * @param sigmoid the slope of the sigmoid for binary and lambdarank ({@code sigmoid})
 * @param scalePosWeight extra weight of the positive class for binary ({@code scale_pos_weight})
 * @param isUnbalance reweight binary classes to balance their totals ({@code is_unbalance})
 * @param boostFromAverage start from the loss minimiser instead of zero ({@code boost_from_average})
 * @param lambdarankTruncationLevel how many top positions lambdarank forms pairs from
 *     ({@code lambdarank_truncation_level})
 * @param lambdarankNorm normalise lambdas per group ({@code lambdarank_norm})
 * @param labelGain gain of each relevance label, or null for LightGBM's 2^i - 1 ({@code label_gain})
 * @param numClass the number of classes for multiclass ({@code num_class})
 * @param poissonMaxDeltaStep added to the score inside poisson's hessian to damp steps
 *     ({@code poisson_max_delta_step})
 */
public record ObjectiveSettings(
    double alpha,
    double tweedieVariancePower,
    double sigmoid,
    double scalePosWeight,
    boolean isUnbalance,
    boolean boostFromAverage,
    int lambdarankTruncationLevel,
    boolean lambdarankNorm,
    double[] labelGain,
    int numClass,
    double poissonMaxDeltaStep) {

  /** LightGBM's defaults: alpha 0.9, ρ 1.5, sigmoid 1, no class reweighting, boost from average, truncation 30. */
  public static ObjectiveSettings defaults() {
    return new ObjectiveSettings(0.9, 1.5, 1.0, 1.0, false, true, 30, true, null, 1, 0.7);
  }

  /** A copy with {@code alpha} replaced. */
  public ObjectiveSettings withAlpha(double v) {
    return new ObjectiveSettings(v, tweedieVariancePower, sigmoid, scalePosWeight, isUnbalance,
        boostFromAverage, lambdarankTruncationLevel, lambdarankNorm, labelGain, numClass, poissonMaxDeltaStep);
  }

  /** A copy with {@code tweedie_variance_power} replaced. */
  public ObjectiveSettings withTweedieVariancePower(double v) {
    return new ObjectiveSettings(alpha, v, sigmoid, scalePosWeight, isUnbalance,
        boostFromAverage, lambdarankTruncationLevel, lambdarankNorm, labelGain, numClass, poissonMaxDeltaStep);
  }

  /** A copy with {@code sigmoid} replaced. */
  public ObjectiveSettings withSigmoid(double v) {
    return new ObjectiveSettings(alpha, tweedieVariancePower, v, scalePosWeight, isUnbalance,
        boostFromAverage, lambdarankTruncationLevel, lambdarankNorm, labelGain, numClass, poissonMaxDeltaStep);
  }

  /** A copy with {@code scale_pos_weight} replaced. */
  public ObjectiveSettings withScalePosWeight(double v) {
    return new ObjectiveSettings(alpha, tweedieVariancePower, sigmoid, v, isUnbalance,
        boostFromAverage, lambdarankTruncationLevel, lambdarankNorm, labelGain, numClass, poissonMaxDeltaStep);
  }

  /** A copy with {@code is_unbalance} replaced. */
  public ObjectiveSettings withIsUnbalance(boolean v) {
    return new ObjectiveSettings(alpha, tweedieVariancePower, sigmoid, scalePosWeight, v,
        boostFromAverage, lambdarankTruncationLevel, lambdarankNorm, labelGain, numClass, poissonMaxDeltaStep);
  }

  /** A copy with {@code boost_from_average} replaced. */
  public ObjectiveSettings withBoostFromAverage(boolean v) {
    return new ObjectiveSettings(alpha, tweedieVariancePower, sigmoid, scalePosWeight, isUnbalance,
        v, lambdarankTruncationLevel, lambdarankNorm, labelGain, numClass, poissonMaxDeltaStep);
  }

  /** A copy with {@code lambdarank_truncation_level} replaced. */
  public ObjectiveSettings withLambdarankTruncationLevel(int v) {
    return new ObjectiveSettings(alpha, tweedieVariancePower, sigmoid, scalePosWeight, isUnbalance,
        boostFromAverage, v, lambdarankNorm, labelGain, numClass, poissonMaxDeltaStep);
  }

  /** A copy with {@code lambdarank_norm} replaced. */
  public ObjectiveSettings withLambdarankNorm(boolean v) {
    return new ObjectiveSettings(alpha, tweedieVariancePower, sigmoid, scalePosWeight, isUnbalance,
        boostFromAverage, lambdarankTruncationLevel, v, labelGain, numClass, poissonMaxDeltaStep);
  }

  /** A copy with {@code label_gain} replaced (null restores the default). */
  public ObjectiveSettings withLabelGain(double[] v) {
    return new ObjectiveSettings(alpha, tweedieVariancePower, sigmoid, scalePosWeight, isUnbalance,
        boostFromAverage, lambdarankTruncationLevel, lambdarankNorm, v, numClass, poissonMaxDeltaStep);
  }

  /** A copy with {@code num_class} replaced. */
  public ObjectiveSettings withNumClass(int v) {
    return new ObjectiveSettings(alpha, tweedieVariancePower, sigmoid, scalePosWeight, isUnbalance,
        boostFromAverage, lambdarankTruncationLevel, lambdarankNorm, labelGain, v, poissonMaxDeltaStep);
  }

  /** A copy with {@code poisson_max_delta_step} replaced. */
  public ObjectiveSettings withPoissonMaxDeltaStep(double v) {
    return new ObjectiveSettings(alpha, tweedieVariancePower, sigmoid, scalePosWeight, isUnbalance,
        boostFromAverage, lambdarankTruncationLevel, lambdarankNorm, labelGain, numClass, v);
  }

  /** The gain of each relevance label: {@code labelGain} if set, else LightGBM's {@code 2^i - 1} for {@code i < 31}. */
  public double[] effectiveLabelGain() {
    if (labelGain != null) {
      return labelGain.clone();
    }
    double[] gain = new double[31];
    for (int i = 0; i < gain.length; i++) {
      gain[i] = (1L << i) - 1;
    }
    return gain;
  }
}
