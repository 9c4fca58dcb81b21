package dev.boreal.engine.learn;

import dev.boreal.histogram.FeatureColumn;
import java.util.List;

/**
 * A data set as a reader hands it to training: raw feature columns, the label column as read (numbers, or
 * text categories), sample weights and query groups. Readers in {@code io} produce it from files and
 * in-memory tables; {@link Preparation} turns it into what a {@link Learner} reads. The columns are views
 * of vectors the caller owns and keeps open while they are read.
 *
 * @param source what error messages call it (the file's path)
 * @param name what logs and metric histories call it (the file's name, "fold 2 of 5")
 * @param features a training set's feature columns, in its order; for a further set (validation, test)
 *     every column it has, from which training's features are picked by name
 * @param label the label column, or {@code null} when none was named
 * @param weights one weight per row, or {@code null}
 * @param groupSizes sizes of consecutive query groups, or {@code null}
 */
public record InputData(String source, String name, List<FeatureColumn> features, FeatureColumn label,
    double[] weights, int[] groupSizes) {

  /** Copies the list of features, so that the record's view does not change under it. */
  public InputData {
    features = List.copyOf(features);
  }

  /** The feature names, in order. */
  public List<String> featureNames() {
    return features.stream().map(FeatureColumn::name).toList();
  }

  /**
   * The label column's values as the label encoder reads them: numbers (NaN where missing), or for a text
   * column, each row's category name ({@code null} where missing) in {@link #textLabels()}.
   *
   * @throws IllegalStateException if the label is text or absent
   */
  double[] numericLabels() {
    double[] out = new double[label.rowCount()];
    label.readValues(0, out.length, out);
    return out;
  }

  /** Each row's label text, {@code null} where missing; for a categorical (text) label column. */
  String[] textLabels() {
    int n = label.rowCount();
    int[] codes = new int[n];
    label.readCodes(0, n, codes);
    String[] names = label.categories();
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = codes[i] < 0 ? null : names[codes[i]];
    }
    return out;
  }
}
