package dev.boreal.explain;

import java.util.List;

/**
 * Why a model gave one row its score: the row's raw scores and predictions, the SHAP value of every
 * feature for every output (raw-margin space, adding up with the expected value to the raw score), and
 * the reasons in both directions ({@link ReasonCodes}): the features that pushed the explained output up
 * the most ({@link #reasons()}) and down the most ({@link #reasonsDown()}), each with the feature's value in
 * the row. Immutable.
 */
public final class Explanation {
  /**
   * One reason behind a score.
   *
   * @param feature the feature's name
   * @param index the feature's index in the model's schema
   * @param contribution its SHAP value for the explained output: positive for a reason that raised the score,
   *     negative for one that lowered it
   * @param value the feature's value in the row as it was given: a {@code Double} from a {@code double[]} row
   *     (a categorical feature's code), the map's own value from a map, a {@code Double} or the category's
   *     name from columns; {@code null} when missing
   */
  public record Reason(String feature, int index, double contribution, Object value) {}

  private final List<String> features;
  private final int outputs;
  private final double[] values;
  private final double[] raw;
  private final double[] predictions;
  private final int explainedOutput;
  private final List<Reason> reasons;
  private final List<Reason> reasonsDown;

  /**
   * @param features feature names in schema order
   * @param values {@code outputs * (features + 1)} SHAP values: per output the features' values then the
   *     expected value (copied)
   * @param raw the row's raw score per output (copied)
   * @param predictions the row's prediction per output (copied)
   * @param explainedOutput the output the reasons are taken from
   * @param reasons the reasons that raised the explained output, largest first
   * @param reasonsDown the reasons that lowered it, most negative first
   */
  public Explanation(List<String> features, double[] values, double[] raw, double[] predictions,
      int explainedOutput, List<Reason> reasons, List<Reason> reasonsDown) {
    this.features = List.copyOf(features);
    this.outputs = raw.length;
    if (values.length != outputs * (features.size() + 1) || predictions.length != outputs) {
      throw new IllegalArgumentException(values.length + " SHAP values and " + predictions.length
          + " predictions do not fit " + outputs + " outputs of " + features.size() + " features");
    }
    this.values = values.clone();
    this.raw = raw.clone();
    this.predictions = predictions.clone();
    this.explainedOutput = explainedOutput;
    this.reasons = List.copyOf(reasons);
    this.reasonsDown = List.copyOf(reasonsDown);
  }

  /** Feature names in schema order. */
  public List<String> featureNames() {
    return features;
  }

  /** Number of outputs (classes of a multiclass model, else 1). */
  public int numOutputs() {
    return outputs;
  }

  /** The SHAP value of feature {@code f} for output {@code k}. */
  public double contribution(int k, int f) {
    if (f < 0 || f >= features.size()) {
      throw new IndexOutOfBoundsException("feature " + f + " of " + features.size());
    }
    return values[k * (features.size() + 1) + f];
  }

  /** The expected value (SHAP's base value) of output {@code k}. */
  public double expectedValue(int k) {
    return values[k * (features.size() + 1) + features.size()];
  }

  /** The row's raw score (margin) of output {@code k}. */
  public double raw(int k) {
    return raw[k];
  }

  /** The row's prediction of output {@code k}: the raw score through the model's link. */
  public double prediction(int k) {
    return predictions[k];
  }

  /** The output the reasons explain: the predicted class of a multiclass model, else 0. */
  public int explainedOutput() {
    return explainedOutput;
  }

  /** The features that raised the explained output the most, largest first (at most the K asked for). */
  public List<Reason> reasons() {
    return reasons;
  }

  /** The features that lowered the explained output the most, most negative first (at most the K asked for). */
  public List<Reason> reasonsDown() {
    return reasonsDown;
  }
}
