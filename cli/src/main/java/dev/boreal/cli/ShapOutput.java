package dev.boreal.cli;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.explain.ReasonCodes;
import dev.boreal.explain.ShapInteractions;
import dev.boreal.explain.ShapValues;
import dev.boreal.explain.report.FeatureValues;
import dev.boreal.io.TableWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tables {@code boreal explain} writes.
 *
 * <p>The SHAP file: one column per feature named as the feature, then {@code expected_value} and
 * {@code raw_prediction} (the model's own raw score, so a reader can check that a row's SHAP values and
 * expected value add up to it). Multiclass models repeat these per class as {@code <class>:<feature>},
 * {@code <class>:expected_value} and {@code <class>:raw_prediction}, then add {@code predicted_class}.
 * With reason codes, {@code reason_i}, {@code reason_i_value} and {@code reason_i_contribution} follow for
 * i = 1..K (the rule is {@link ReasonCodes}'s; empty when a row has fewer positive contributions).
 *
 * <p>The interactions file, {@code <out-stem>.interactions.csv}: wide when there are at most
 * {@link #MAX_WIDE_COLUMNS} matrix entries per row (one column {@code <fi>|<fj>} per ordered feature pair,
 * both triangles and the diagonal, plus {@code expected_value}; multiclass prefixed {@code <class>:});
 * otherwise long: one line per non-zero entry with {@code i <= j} (the matrix is symmetric), columns
 * {@code row}, {@code class} (multiclass only), {@code feature_i}, {@code feature_j}, {@code value}.
 */
final class ShapOutput {
  /** Most matrix entries per row written as columns; wider tables do not open in a spreadsheet. */
  static final int MAX_WIDE_COLUMNS = 4096;

  private ShapOutput() {}

  /**
   * The SHAP file's columns.
   *
   * @param raw the model's raw scores, row-major ({@code row * outputs + k})
   * @param topK reason codes per row (0: none)
   * @param values the rows' feature values, for {@code reason_i_value}
   * @throws InputException if a feature's name clashes with a column the file adds
   */
  static TableWriter.Columns shapColumns(TrainedModel model, ShapValues shap, double[] raw, int topK,
      List<FeatureValues> values) {
    int rows = shap.rows();
    int outputs = shap.outputs();
    int features = shap.features();
    List<String> names = model.featureNames();
    double[] data = shap.raw();
    Set<String> used = new HashSet<>();
    TableWriter.Columns columns = new TableWriter.Columns();
    for (int k = 0; k < outputs; k++) {
      String prefix = outputs > 1 ? className(model, k) + ":" : "";
      for (int f = 0; f <= features; f++) {
        double[] column = new double[rows];
        for (int r = 0; r < rows; r++) {
          column[r] = data[shap.offset(r, k) + f];
        }
        add(columns, used, prefix + (f < features ? names.get(f) : "expected_value"), column);
      }
      double[] prediction = new double[rows];
      for (int r = 0; r < rows; r++) {
        prediction[r] = raw[r * outputs + k];
      }
      add(columns, used, prefix + "raw_prediction", prediction);
    }
    int[] predicted = ReasonCodes.predictedOutputs(data, rows, outputs, features);
    if (outputs > 1) {
      String[] classes = new String[rows];
      for (int r = 0; r < rows; r++) {
        classes[r] = className(model, predicted[r]);
      }
      addText(columns, used, "predicted_class", classes);
    }
    if (topK > 0) {
      addReasons(columns, used, names, data, rows, outputs, features, predicted, topK, values);
    }
    return columns;
  }

  private static void addReasons(TableWriter.Columns columns, Set<String> used, List<String> names,
      double[] data, int rows, int outputs, int features, int[] predicted, int topK, List<FeatureValues> values) {
    int[] reasons = ReasonCodes.forRows(data, rows, outputs, features, predicted, topK);
    for (int i = 0; i < topK; i++) {
      String[] name = new String[rows];
      String[] value = new String[rows];
      double[] contribution = new double[rows];
      for (int r = 0; r < rows; r++) {
        int f = reasons[r * topK + i];
        if (f == ReasonCodes.NONE) {
          contribution[r] = Double.NaN;
        } else {
          name[r] = names.get(f);
          value[r] = values.get(f).text(r);
          contribution[r] = data[(r * outputs + predicted[r]) * (features + 1) + f];
        }
      }
      String base = "reason_" + (i + 1);
      addText(columns, used, base, name);
      addText(columns, used, base + "_value", value);
      add(columns, used, base + "_contribution", contribution);
    }
  }

  /** Whether the interactions file is wide (one column per matrix entry) rather than long. */
  static boolean wide(int outputs, int features) {
    return (long) outputs * features * features <= MAX_WIDE_COLUMNS;
  }

  /** {@code <out-stem>.interactions.csv} beside {@code out}. */
  static Path interactionsPath(Path out) {
    String name = out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return out.resolveSibling(stem + ".interactions.csv");
  }

  /** The interactions file's columns, wide or long as {@link #wide} decides. */
  static TableWriter.Columns interactionColumns(Model model, ShapInteractions inter) {
    int rows = inter.rows();
    int outputs = inter.outputs();
    int features = inter.features();
    int width = features + 1;
    double[] data = inter.raw();
    List<String> names = model.featureNames();
    TableWriter.Columns columns = new TableWriter.Columns();
    Set<String> used = new HashSet<>();
    if (wide(outputs, features)) {
      for (int k = 0; k < outputs; k++) {
        String prefix = outputs > 1 ? className(model, k) + ":" : "";
        for (int i = 0; i < features; i++) {
          for (int j = 0; j < features; j++) {
            double[] column = new double[rows];
            for (int r = 0; r < rows; r++) {
              column[r] = data[inter.offset(r, k) + i * width + j];
            }
            add(columns, used, prefix + names.get(i) + "|" + names.get(j), column);
          }
        }
        double[] expected = new double[rows];
        for (int r = 0; r < rows; r++) {
          expected[r] = data[inter.offset(r, k) + features * width + features];
        }
        add(columns, used, prefix + "expected_value", expected);
      }
      return columns;
    }
    int n = 0;
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < outputs; k++) {
        for (int i = 0; i < features; i++) {
          for (int j = i; j < features; j++) {
            n += data[inter.offset(r, k) + i * width + j] != 0 ? 1 : 0;
          }
        }
      }
    }
    int[] row = new int[ShapBatches.checkedSize(n)];
    String[] cls = new String[n];
    String[] fi = new String[n];
    String[] fj = new String[n];
    double[] value = new double[n];
    int at = 0;
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < outputs; k++) {
        for (int i = 0; i < features; i++) {
          for (int j = i; j < features; j++) {
            double v = data[inter.offset(r, k) + i * width + j];
            if (v != 0) {
              row[at] = r;
              cls[at] = className(model, k);
              fi[at] = names.get(i);
              fj[at] = names.get(j);
              value[at++] = v;
            }
          }
        }
      }
    }
    columns.add("row", row);
    if (outputs > 1) {
      columns.add("class", cls);
    }
    return columns.add("feature_i", fi).add("feature_j", fj).add("value", value);
  }

  /** The name of output k: the class label of a classifier, else its index. */
  static String className(TrainedModel model, int k) {
    String[] classes = model.classes();
    return classes != null && k < classes.length ? classes[k] : Integer.toString(k);
  }

  private static void add(TableWriter.Columns columns, Set<String> used, String name, double[] column) {
    claim(used, name);
    columns.add(name, column);
  }

  private static void addText(TableWriter.Columns columns, Set<String> used, String name, String[] column) {
    claim(used, name);
    columns.add(name, column);
  }

  /** Two columns of one name would make the file ambiguous to every reader. */
  private static void claim(Set<String> used, String name) {
    if (!used.add(name)) {
      throw new InputException("The SHAP output would have two columns named '" + name + "'; rename the "
          + "feature of that name, which clashes with a column boreal explain adds.");
    }
  }
}
