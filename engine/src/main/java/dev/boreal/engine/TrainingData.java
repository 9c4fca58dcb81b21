package dev.boreal.engine;

import dev.boreal.histogram.BinnedData;
import java.util.List;

/**
 * A data set ready for learning: its binned features, encoded labels (0/1 for binary, 0..K-1 for
 * multiclass, numbers otherwise), optional sample weights and query groups.
 *
 * @param name what logs and the model's metric history call it ("training", "valid_1", a file name)
 * @param data the binned features; validation sets are binned with the training set's mappers
 * @param featureNames feature names in column order
 * @param labels one encoded label per row
 * @param weights one weight per row, or {@code null}
 * @param groupSizes sizes of consecutive query groups, or {@code null}
 */
public record TrainingData(String name, BinnedData data, List<String> featureNames, double[] labels,
    double[] weights, int[] groupSizes) {

  /** Checks that the parts agree on the number of rows. */
  public TrainingData {
    int rows = data.rows();
    if (labels.length != rows || (weights != null && weights.length != rows)) {
      throw new IllegalArgumentException(name + ": " + rows + " rows but " + labels.length + " labels"
          + (weights == null ? "" : " and " + weights.length + " weights"));
    }
    if (featureNames.size() != data.features()) {
      throw new IllegalArgumentException(name + ": " + data.features() + " features but "
          + featureNames.size() + " names");
    }
    featureNames = List.copyOf(featureNames);
  }

  /** Number of rows. */
  public int rows() {
    return data.rows();
  }
}
