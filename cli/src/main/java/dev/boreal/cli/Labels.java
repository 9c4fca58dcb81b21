package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.Table;

/** A data file's label column as the commands that score labelled rows read it (eval, explain --report). */
final class Labels {
  /**
   * The label column's values.
   *
   * @param text the values of a text column, else {@code null}
   * @param numeric the values of a numeric column, else {@code null}
   */
  record Column(String[] text, double[] numeric) {}

  private Labels() {}

  /** The table's label column, or null when the read named none. */
  static Column read(Table table) {
    if (!table.hasLabel()) {
      return null;
    }
    FeatureColumn label = table.labelColumn();
    if (!label.isCategorical()) {
      return new Column(null, table.numericColumn(table.labelName()));
    }
    int rows = table.rowCount();
    int[] codes = new int[rows];
    label.readCodes(0, rows, codes);
    String[] names = label.categories();
    String[] text = new String[rows];
    for (int i = 0; i < rows; i++) {
      text[i] = codes[i] < 0 ? null : names[codes[i]];
    }
    return new Column(text, null);
  }

  /**
   * The labels as the model's metrics take them: class indices for a classifier, the numbers otherwise.
   *
   * @throws UsageException for text labels of a model that predicts numbers
   */
  static double[] encoded(TrainedModel model, String[] text, double[] numeric) {
    String[] classes = model.classes();
    if (classes == null) {
      if (numeric == null) {
        throw new UsageException("The model predicts numbers, but the label column holds text.");
      }
      return numeric;
    }
    boolean numericClasses = true;
    for (String c : classes) {
      numericClasses &= isNumber(c);
    }
    LabelEncoder encoder = LabelEncoder.restore(classes, numericClasses);
    return numeric != null ? encoder.encode(numeric) : encoder.encode(text);
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Row-major raw scores ({@code row * k + c}) in the output-major layout metrics take ({@code c * n + row}). */
  static double[] outputMajor(double[] rowMajor, int n, int k) {
    double[] out = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        out[c * n + i] = rowMajor[i * k + c];
      }
    }
    return out;
  }
}
