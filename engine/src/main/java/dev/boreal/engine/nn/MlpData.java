package dev.boreal.engine.nn;

import dev.boreal.histogram.FeatureColumn;
import java.util.List;

/**
 * A data set as the MLP reads it: raw feature columns (the network standardises and one-hot encodes them
 * itself), encoded labels, optional weights and query groups.
 *
 * @param name what logs and the model's metric history call it
 * @param columns the features; for training in schema order, for validation matched to it by name
 * @param labels one encoded label per row (0/1 for binary, 0..K-1 for multiclass, numbers otherwise)
 * @param weights one weight per row, or {@code null}
 * @param groupSizes sizes of consecutive query groups (for ranking metrics), or {@code null}
 */
public record MlpData(String name, List<FeatureColumn> columns, double[] labels, double[] weights,
    int[] groupSizes) {

  /** Checks that columns, labels and weights agree on the number of rows. */
  public MlpData {
    columns = List.copyOf(columns);
    int rows = labels.length;
    for (FeatureColumn c : columns) {
      if (c.rowCount() != rows) {
        throw new IllegalArgumentException(name + ": column '" + c.name() + "' has " + c.rowCount()
            + " rows but there are " + rows + " labels");
      }
    }
    if (weights != null && weights.length != rows) {
      throw new IllegalArgumentException(name + ": " + rows + " labels but " + weights.length + " weights");
    }
  }

  /** Number of rows. */
  public int rows() {
    return labels.length;
  }
}
