package dev.boreal.explain;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Explains the scores a service gives, one row or one request at a time: each {@link Explanation} holds
 * the row's prediction, its TreeSHAP values and its top-K reasons in each direction, with the features'
 * values in the row. Rows come in the predictor's forms ({@code double[]}, map, columns), and a bad row
 * is the predictor's {@link dev.boreal.InputException} naming the feature. Built once per model, immutable and
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
   * @param topK how many reasons to give in each direction (0 for none)
   * @throws dev.boreal.InputException as {@link Predictor#predictRaw(double[], double[])}
   */
  public Explanation explain(double[] row, int topK) {
    checkTopK(topK);
    double[] values = new double[model.numOutputs() * (model.numFeatures() + 1)];
    shap.explainRow(row, values);
    double[] raw = new double[model.numOutputs()];
    predictor.predictRaw(row, raw);
    return explanation(values, 0, raw, 0, topK, f -> Double.isNaN(row[f]) ? null : row[f]);
  }

  /**
   * Explains one row given by feature name, as {@link Predictor#predict(Map, double[])} reads it (categories
   * by name); each reason carries the map's value.
   *
   * @param topK how many reasons to give in each direction (0 for none)
   * @throws dev.boreal.InputException as {@link Predictor#predictRaw(Map, double[])}
   */
  public Explanation explain(Map<String, ?> row, int topK) {
    checkTopK(topK);
    double[] values = new double[model.numOutputs() * (model.numFeatures() + 1)];
    shap.explainRow(row, values);
    double[] raw = new double[model.numOutputs()];
    predictor.predictRaw(row, raw);
    return explanation(values, 0, raw, 0, topK, f -> row.get(model.featureNames().get(f)));
  }

  /**
   * Explains every row of a set of columns, matched to the features by name (a {@code RowBatch}, an Arrow
   * record batch, a table).
   *
   * @param topK how many reasons to give per row in each direction (0 for none)
   * @throws dev.boreal.InputException if a feature has no column or a column has the wrong kind
   */
  public List<Explanation> explain(List<FeatureColumn> columns, int topK) {
    checkTopK(topK);
    ShapValues values = shap.explain(columns, inline);
    int rows = values.rows();
    int k = model.numOutputs();
    double[] raw = new double[rows * k];
    predictor.predictRaw(columns, raw);
    Map<String, FeatureColumn> byName = new HashMap<>();
    for (FeatureColumn column : columns) {
      byName.put(column.name(), column);
    }
    List<Explanation> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      int row = r;
      out.add(explanation(values.raw(), values.offset(r, 0), raw, r * k, topK,
          f -> valueOf(byName.get(model.featureNames().get(f)), row)));
    }
    return out;
  }

  /** A column's value in one row: a category's name, a number, or {@code null} when missing. */
  private static Object valueOf(FeatureColumn column, int row) {
    if (column.isCategorical()) {
      int[] code = new int[1];
      column.readCodes(row, row + 1, code);
      return code[0] >= 0 && code[0] < column.categoryCount() ? column.categories()[code[0]] : null;
    }
    double[] value = new double[1];
    column.readValues(row, row + 1, value);
    return Double.isNaN(value[0]) ? null : value[0];
  }

  /**
   * The explanation of one row from its SHAP values and raw scores.
   *
   * @param valueOf the row's value of feature f as the caller gave it, for the reasons
   */
  private Explanation explanation(double[] values, int valuesAt, double[] raw, int rawAt, int topK,
      IntFunction<Object> valueOf) {
    int k = model.numOutputs();
    int width = model.numFeatures() + 1;
    double[] rowRaw = Arrays.copyOfRange(raw, rawAt, rawAt + k);
    double[] predictions = rowRaw.clone();
    model.link().transformRow(predictions, 0, k, predictions);
    int explained = 0;
    for (int j = 1; j < k; j++) {
      explained = rowRaw[j] > rowRaw[explained] ? j : explained;
    }
    int from = valuesAt + explained * width;
    int[] slots = new int[topK];
    int up = ReasonCodes.top(values, from, model.numFeatures(), topK, slots);
    List<Explanation.Reason> reasons = reasons(values, from, slots, up, valueOf);
    int down = ReasonCodes.bottom(values, from, model.numFeatures(), topK, slots);
    List<Explanation.Reason> reasonsDown = reasons(values, from, slots, down, valueOf);
    return new Explanation(model.featureNames(), Arrays.copyOfRange(values, valuesAt, valuesAt + k * width), rowRaw,
        predictions, explained, reasons, reasonsDown);
  }

  private List<Explanation.Reason> reasons(double[] values, int from, int[] slots, int count,
      IntFunction<Object> valueOf) {
    List<Explanation.Reason> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int f = slots[i];
      out.add(new Explanation.Reason(model.featureNames().get(f), f, values[from + f], valueOf.apply(f)));
    }
    return out;
  }

  private static void checkTopK(int topK) {
    if (topK < 0) {
      throw new IllegalArgumentException("top-K must not be negative, got " + topK);
    }
  }
}
