package dev.boreal.explain;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Explains the scores a service gives, one row or one request at a time: each {@link Explanation} holds
 * the row's prediction, its TreeSHAP values and its top-K reasons. Built once per model, immutable and
 * safe to share between threads (the per-thread scratch lives in {@link TreeShap} and
 * {@link Predictor}); it explains on the calling thread.
 *
 * <p>Scores and SHAP values come from the same compiled predictor and TreeSHAP the batch paths use, so a
 * row explained here gets exactly the prediction {@code boreal predict} writes for it.
 */
public final class RowExplainer {
  private final Model model;
  private final Predictor predictor;
  private final TreeShap shap;
  /** One thread: the caller's. Requests are already spread over the service's threads. */
  private final Parallel inline = new Parallel(1);

  private RowExplainer(Model model) {
    this.model = model;
    this.predictor = model.predictor();
    this.shap = TreeShap.of(model);
  }

  /** An explainer over the iterations the model predicts with by default. */
  public static RowExplainer of(Model model) {
    return new RowExplainer(model);
  }

  /** Feature names in schema order. */
  public List<String> featureNames() {
    return model.featureNames();
  }

  /** Number of outputs per row. */
  public int numOutputs() {
    return model.numOutputs();
  }

  /**
   * Explains one row given in schema order, as {@link Predictor#predict(double[], double[])} reads it (NaN
   * missing, a categorical feature holding its category's numeric name).
   *
   * @param topK how many reasons to give (0 for none)
   */
  public Explanation explain(double[] row, int topK) {
    checkTopK(topK);
    int k = model.numOutputs();
    int width = model.numFeatures() + 1;
    double[] values = new double[k * width];
    shap.explainRow(row, values);
    double[] raw = new double[k];
    predictor.predictRaw(row, raw);
    return explanation(values, 0, raw, 0, topK);
  }

  /**
   * Explains every row of a set of columns, matched to the features by name (a {@code RowBatch}, an Arrow
   * record batch, a table).
   *
   * @param topK how many reasons to give per row (0 for none)
   * @throws dev.boreal.UsageException if a feature has no column or a column has the wrong kind
   */
  public List<Explanation> explain(List<FeatureColumn> columns, int topK) {
    checkTopK(topK);
    ShapValues values = shap.explain(columns, inline);
    int rows = values.rows();
    int k = model.numOutputs();
    double[] raw = new double[rows * k];
    predictor.predictRaw(columns, raw);
    List<Explanation> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      out.add(explanation(values.raw(), values.offset(r, 0), raw, r * k, topK));
    }
    return out;
  }

  private Explanation explanation(double[] values, int valuesAt, double[] raw, int rawAt, int topK) {
    int k = model.numOutputs();
    int width = model.numFeatures() + 1;
    double[] rowRaw = Arrays.copyOfRange(raw, rawAt, rawAt + k);
    double[] predictions = rowRaw.clone();
    model.link().transformRow(predictions, 0, k, predictions);
    int explained = 0;
    for (int j = 1; j < k; j++) {
      explained = rowRaw[j] > rowRaw[explained] ? j : explained;
    }
    int[] reasons = new int[topK];
    ReasonCodes.top(values, valuesAt + explained * width, model.numFeatures(), topK, reasons);
    return new Explanation(model.featureNames(), Arrays.copyOfRange(values, valuesAt, valuesAt + k * width), rowRaw,
        predictions, explained, reasons);
  }

  private static void checkTopK(int topK) {
    if (topK < 0) {
      throw new IllegalArgumentException("top-K must not be negative, got " + topK);
    }
  }
}
