package dev.boreal.bench;

import dev.boreal.UsageException;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.DataFormat;
import dev.boreal.io.DataReaders;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import dev.boreal.collect.IntList;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A data file parsed once by Boreal's reader into the dense row-major matrix the peers' Java bindings take,
 * so that every library sees the same rows, the same feature values and the same encoded labels.
 *
 * @param features feature names, in column order
 * @param values {@code rows * features.size()} values, row r at {@code r * features.size()}; NaN is missing
 * @param labels encoded labels (class indices for classifiers)
 * @param groupSizes query group sizes, or {@code null}
 * @param encoder how the training file's labels were encoded
 * @param categoricalColumns the columns that hold category codes ({@link CategoryCodes}), ascending
 */
public record DenseData(List<String> features, double[] values, double[] labels, int[] groupSizes,
    LabelEncoder encoder, int[] categoricalColumns) {

  /** Number of rows. */
  public int rows() {
    return labels.length;
  }

  /** Number of feature columns. */
  public int columns() {
    return features.size();
  }

  /** The values as floats (XGBoost's input type); NaN stays NaN. */
  public float[] floatValues() {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /** The labels as floats. */
  public float[] floatLabels() {
    float[] out = new float[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) labels[i];
    }
    return out;
  }

  /** Row {@code r}, copied into {@code out}. */
  public void row(int r, double[] out) {
    System.arraycopy(values, r * columns(), out, 0, columns());
  }

  /** Whether the data has categorical columns. */
  public boolean hasCategorical() {
    return categoricalColumns.length > 0;
  }

  /**
   * Reads a training file's numeric features and fits the label encoder on it, as the training pipeline's
   * {@code Labels.fit} does.
   *
   * @param objective the objective's name (decides how labels are encoded)
   * @param numClass {@code num_class} for multiclass (0 to infer it)
   * @throws UsageException if a feature is categorical (the peers would need their own encoding of it)
   */
  public static DenseData training(Path file, ReadOptions options, String objective, int numClass,
      BufferAllocator allocator) {
    return training(file, options, objective, numClass, CategoryCodes.NONE, allocator);
  }

  /**
   * Reads a training file, its categorical features as the codes of {@code codes}.
   *
   * @throws UsageException if a feature is categorical and {@code codes} has none for it
   */
  static DenseData training(Path file, ReadOptions options, String objective, int numClass, CategoryCodes codes,
      BufferAllocator allocator) {
    return read(file, codes.readOptions(options), null, null, objective, numClass, codes, allocator);
  }

  /**
   * Reads a test or validation file.
   *
   * @param features the training features, taken in this order
   * @param encoder the training labels' encoder
   */
  public static DenseData matching(Path file, ReadOptions options, List<String> features, LabelEncoder encoder,
      BufferAllocator allocator) {
    return matching(file, options, features, encoder, CategoryCodes.NONE, allocator);
  }

  /** Reads a test or validation file, its categorical features as the codes of {@code codes}. */
  static DenseData matching(Path file, ReadOptions options, List<String> features, LabelEncoder encoder,
      CategoryCodes codes, BufferAllocator allocator) {
    return read(file, codes.readOptions(options), features, encoder, null, 0, codes, allocator);
  }

  /**
   * Refuses a file with a categorical (text) feature before any library trains: the comparison gives the peers
   * numeric features only.
   *
   * @throws UsageException naming the file and its first categorical feature
   */
  static void requireNumericFeatures(Path file, ReadOptions options, BufferAllocator allocator) {
    try (Table table = DataReaders.read(file, options, allocator)) {
      for (String name : table.featureNames()) {
        if (table.column(name).isCategorical()) {
          throw categorical(file, name);
        }
      }
    }
  }

  private static UsageException categorical(Path file, String name) {
    return new UsageException(file + ": feature '" + name + "' is categorical; the comparison gives the peers numeric"
        + " features only, so leave it out with --ignore " + name + ".");
  }

  private static DenseData read(Path file, ReadOptions options, List<String> features, LabelEncoder encoder,
      String objective, int numClass, CategoryCodes codes, BufferAllocator allocator) {
    try (Table table = DataReaders.read(file, options, allocator)) {
      List<String> names = features == null ? table.featureNames() : features;
      int rows = table.rowCount();
      int f = names.size();
      if ((long) rows * f > Integer.MAX_VALUE - 8) {
        throw new UsageException(file + ": " + rows + " rows × " + f + " features is too large for one matrix.");
      }
      double[] values = new double[rows * f];
      double[] column = new double[rows];
      int[] codeColumn = new int[rows];
      IntList categorical = new IntList();
      // LibSVM leaves out zeros, so a test file may lack a feature the training file has: it is all zeros.
      boolean sparse = table.format() == DataFormat.LIBSVM;
      for (int c = 0; c < f; c++) {
        String name = names.get(c);
        if (!table.columnNames().contains(name) && sparse) {
          continue;
        }
        FeatureColumn col = table.column(name);
        if (col.isCategorical() && !codes.has(name)) {
          throw categorical(file, name);
        }
        if (col.isCategorical()) {
          categorical.add(c);
          readCodes(col, codes.translation(name, col.categories()), codeColumn, column);
        } else {
          col.readValues(0, rows, column);
        }
        for (int r = 0; r < rows; r++) {
          values[r * f + c] = column[r];
        }
      }
      double[] rawLabels = table.numericColumn(table.labelName());
      LabelEncoder labels = encoder != null ? encoder : LabelEncoder.fit(objective, numClass, rawLabels);
      return new DenseData(List.copyOf(names), values, labels.encode(rawLabels), table.groupSizes(), labels,
          categorical.toIntArray());
    }
  }

  /** A categorical column as codes in doubles: the file's codes translated, missing and unknown as NaN. */
  private static void readCodes(FeatureColumn col, int[] translation, int[] fileCodes, double[] out) {
    int rows = col.rowCount();
    col.readCodes(0, rows, fileCodes);
    for (int r = 0; r < rows; r++) {
      int code = fileCodes[r] < 0 ? -1 : translation[fileCodes[r]];
      out[r] = code < 0 ? Double.NaN : code;
    }
  }
}
