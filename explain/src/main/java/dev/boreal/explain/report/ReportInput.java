package dev.boreal.explain.report;

import dev.boreal.engine.model.TrainedModel;
import dev.boreal.explain.ReasonCodes;
import dev.boreal.explain.ShapInteractions;
import java.util.List;

/**
 * Everything an explanation report shows, as computed elsewhere: the model, the explained rows' feature
 * values, their SHAP values and, optionally, how strongly features interact.
 *
 * @param model the explained model (summary, link, class names): a tree ensemble, or a neural net whose
 *     report leaves out what needs trees (split gain, tree counts, exact interaction values) and says so
 * @param dataName the data file's name as shown in the header
 * @param method how the SHAP values were computed, e.g. "path-dependent TreeSHAP"
 * @param features one entry per model feature, in schema order, each with one value per row
 * @param shap SHAP values laid out as {@code ShapValues.raw()}: index
 *     {@code ((row * outputs) + k) * (features + 1) + f}, where {@code f == features} holds the expected value
 * @param interactionStrength mean |SHAP interaction value| of feature pairs, {@code [i * features + j]},
 *     over the rows' explained outputs; {@code null} when interactions were not computed
 * @param waterfallRows rows (0-based) to draw waterfall plots for besides the highest- and lowest-scored
 */
public record ReportInput(TrainedModel model, String dataName, String method, List<FeatureValues> features,
    double[] shap, double[] interactionStrength, int[] waterfallRows) {

  /**
   * Checks that the pieces fit together.
   *
   * @throws IllegalArgumentException if sizes disagree or a waterfall row is out of range
   */
  public ReportInput {
    int f = model.featureNames().size();
    if (features.size() != f) {
      throw new IllegalArgumentException(features.size() + " feature columns for a model of " + f);
    }
    int rows = features.isEmpty() ? 0 : features.get(0).rows();
    for (FeatureValues v : features) {
      if (v.rows() != rows) {
        throw new IllegalArgumentException("feature '" + v.name() + "' has " + v.rows() + " rows, not " + rows);
      }
    }
    if (shap.length != (long) rows * model.numOutputs() * (f + 1)) {
      throw new IllegalArgumentException(shap.length + " SHAP values do not fit " + rows + " rows of "
          + model.numOutputs() + " outputs and " + f + " features");
    }
    if (interactionStrength != null && interactionStrength.length != f * f) {
      throw new IllegalArgumentException("the interaction strengths need " + f * f + " values");
    }
    waterfallRows = waterfallRows == null ? new int[0] : waterfallRows.clone();
    for (int r : waterfallRows) {
      if (r < 0 || r >= rows) {
        throw new IllegalArgumentException("row " + r + " is outside 0.." + (rows - 1));
      }
    }
    features = List.copyOf(features);
  }

  /**
   * The {@code interactionStrength} argument from interaction values: mean |interaction value| of each
   * feature pair over the rows, each row taken for its explained output (its predicted class for
   * multiclass models, as the report does).
   *
   * @param shap the SHAP values of the same rows, laid out as {@code ShapValues.raw()}
   */
  public static double[] interactionStrength(ShapInteractions inter, double[] shap) {
    int f = inter.features();
    int width = f + 1;
    int[] explained = ReasonCodes.predictedOutputs(shap, inter.rows(), inter.outputs(), f);
    double[] values = inter.raw();
    double[] strength = new double[f * f];
    for (int r = 0; r < inter.rows(); r++) {
      int base = inter.offset(r, explained[r]);
      for (int i = 0; i < f; i++) {
        for (int j = 0; j < f; j++) {
          strength[i * f + j] += Math.abs(values[base + i * width + j]);
        }
      }
    }
    for (int i = 0; i < strength.length; i++) {
      strength[i] /= Math.max(1, inter.rows());
    }
    return strength;
  }

  /** Number of explained rows. */
  public int rows() {
    return features.isEmpty() ? shap.length / model.numOutputs() : features.get(0).rows();
  }
}
