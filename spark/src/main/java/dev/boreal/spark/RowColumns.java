package dev.boreal.spark;

import dev.boreal.InputException;
import dev.boreal.collect.DoubleList;
import java.util.Iterator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * One partition's rows as plain primitive columns, read inside {@code mapPartitions}: the feature vector column
 * split into one {@code double[]} per feature, the label and the optional weight. Nothing Arrow: Spark brings its
 * own Arrow, and the executors need none of Boreal's.
 *
 * @param features {@code features[f][row]}
 * @param labels one per row
 * @param weights one per row, or null when the estimator has no weight column
 */
record RowColumns(double[][] features, double[] labels, double[] weights) implements java.io.Serializable {

  int rows() {
    return labels.length;
  }

  /**
   * Reads rows of (features vector, label[, weight]).
   *
   * @param numFeatures the length every feature vector must have
   * @param weighted whether column 2 holds the weight
   * @throws InputException for a feature vector of another length
   */
  static RowColumns read(Iterator<Row> rows, int numFeatures, boolean weighted) {
    DoubleList[] columns = new DoubleList[numFeatures];
    for (int f = 0; f < numFeatures; f++) {
      columns[f] = new DoubleList();
    }
    DoubleList labels = new DoubleList();
    DoubleList weights = weighted ? new DoubleList() : null;
    while (rows.hasNext()) {
      Row row = rows.next();
      Vector v = (Vector) row.get(0);
      if (v == null || v.size() != numFeatures) {
        throw new InputException("A feature vector holds " + (v == null ? "nothing" : v.size() + " values")
            + " where " + numFeatures + " features were expected.");
      }
      for (int f = 0; f < numFeatures; f++) {
        columns[f].add(v.apply(f));
      }
      labels.add(row.isNullAt(1) ? Double.NaN : row.getDouble(1));
      if (weighted) {
        weights.add(row.isNullAt(2) ? Double.NaN : row.getDouble(2));
      }
    }
    double[][] out = new double[numFeatures][];
    for (int f = 0; f < numFeatures; f++) {
      out[f] = columns[f].toDoubleArray();
    }
    return new RowColumns(out, labels.toDoubleArray(), weighted ? weights.toDoubleArray() : null);
  }
}
