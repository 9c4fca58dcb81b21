package dev.boreal.engine.model;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.histogram.FeatureColumn;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Rows turned into the form a model's trees read, as {@link Predictor} turns them before it walks the trees
 * (see there for the rules): explanations walk the trees on this form, so they route rows exactly as
 * prediction does. Obtain it with {@link Predictor#encoding()}; thread-safe.
 */
public final class RowEncoding {
  private final RowEncoder encoder;
  private final List<String> featureNames;

  RowEncoding(RowEncoder encoder, List<String> featureNames) {
    this.encoder = encoder;
    this.featureNames = featureNames;
  }

  private int numFeatures() {
    return featureNames.size();
  }

  /**
   * Encodes every row of a set of columns into the form the trees read: numeric values as they are, NaN
   * for missing ones, categorical values as their bin number stored in a double. Explanations walk the
   * trees on this form, so they route rows exactly as prediction does.
   *
   * @param columns one column per feature at least, matched by name
   * @return {@code rows * numFeatures()} encoded values, row-major
   * @throws InputException as {@link Predictor#predictRaw(List, double[])}
   */
  public double[] encodeRows(List<FeatureColumn> columns) {
    int rows = encoder.rowCount(columns);
    int f = numFeatures();
    if ((long) rows * f > Integer.MAX_VALUE - 8) {
      throw new UsageException(rows + " rows of " + f + " features are too many to encode at once.");
    }
    double[] out = new double[rows * f];
    try (Parallel inline = new Parallel(1)) {
      encoder.encodeColumns(columns, rows, inline,
          (block, at, from, n) -> System.arraycopy(block, at, out, from * f, n * f));
    }
    return out;
  }

  /**
   * Encodes a batch of rows given as doubles in schema order (categorical features holding numeric
   * names) into the form the trees read.
   *
   * @param rowMajor {@code rows * numFeatures()} values, row-major
   * @param rows number of rows
   * @return the encoded rows: {@code rowMajor} itself when every feature is numeric and no feature's zeros
   *     are missing, else a new array
   */
  public double[] encodeRows(double[] rowMajor, int rows) {
    int f = numFeatures();
    checkRows(rowMajor, rows);
    if (!encoder.encodesNumbers()) {
      return rowMajor;
    }
    double[] out = Arrays.copyOf(rowMajor, rows * f);
    for (int r = 0; r < rows; r++) {
      encoder.encodeInPlace(out, r * f, r);
    }
    return out;
  }

  /**
   * Encodes one row given in schema order (categorical features holding numeric names) into
   * {@code out}, without allocating.
   *
   * @param row {@link Predictor#numFeatures()} values
   * @param out receives {@link Predictor#numFeatures()} encoded values; may be {@code row} itself
   */
  public void encodeRow(double[] row, double[] out) {
    checkRow(row);
    if (out.length < row.length) {
      throw new IllegalArgumentException("out holds " + out.length + " values, but a row has " + row.length);
    }
    if (out != row) {
      System.arraycopy(row, 0, out, 0, row.length);
    }
    encoder.encodeInPlace(out, 0, -1);
  }

  /**
   * Encodes one row given by feature name, as {@link Predictor#predictRaw(Map, double[])} reads it, into the form the
   * trees read ({@link #encodeRows(List)}), without allocating.
   *
   * @param row feature name → value; every feature must be a key
   * @param out receives {@link Predictor#numFeatures()} encoded values
   * @throws InputException as {@link Predictor#predictRaw(Map, double[])}
   */
  public void encodeRow(Map<String, ?> row, double[] out) {
    if (row == null) {
      throw new InputException("The row is null; give a map from feature name to value.");
    }
    for (int f = 0; f < numFeatures(); f++) {
      String name = featureNames.get(f);
      Object value = row.get(name);
      if (value == null && !row.containsKey(name)) {
        throw new InputException("The row has no value for feature '" + name + "'.");
      }
      out[f] = encoder.encodeValue(f, value);
    }
  }

  /** Checks a {@code double[]} row holds one value per feature. */
  void checkRow(double[] row) {
    if (row == null || row.length != numFeatures()) {
      throw new InputException("A row needs " + numFeatures() + " values (the model's features in schema order), "
          + "but " + (row == null ? "null" : row.length + " values") + " were given.");
    }
  }

  /** Checks a row-major batch holds {@code rows} rows. */
  void checkRows(double[] rowMajor, int rows) {
    int f = numFeatures();
    if (rowMajor == null || rows < 0 || rowMajor.length < (long) rows * f) {
      throw new InputException(rows + " rows of " + f + " features need " + (long) rows * f + " values, but "
          + (rowMajor == null ? "null" : rowMajor.length + " values") + " were given.");
    }
  }
}
