package dev.boreal.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boreal.histogram.BinMapper;
import dev.boreal.io.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;

/**
 * Data for the import checks: a seeded synthetic set with missing values, exact zeros and an integer
 * categorical column, and the peers' example files read through Boreal's reader. Each holds a dense
 * row-major matrix the peers train on and Boreal scores, with the label kinds every objective needs.
 *
 * @param name how messages name the set
 * @param x row-major values, NaN = missing
 * @param rows number of rows
 * @param columns number of features
 * @param label a label per row, chosen by {@link Task}
 * @param categorical indices of categorical columns
 */
record ImportData(String name, double[] x, int rows, int columns, float[] label, int[] categorical) {

  /** The kind of label an objective needs. */
  enum Task { BINARY, MULTICLASS, REGRESSION, POSITIVE }

  /** Classes of the synthetic multiclass label. */
  static final int CLASSES = 3;
  /** Category values of the synthetic categorical column: 0 .. CATEGORIES-1. */
  static final int CATEGORIES = 9;
  /**
   * Values LightGBM's dense reader takes for zero: ±0.0 and values of magnitude at most its kZeroThreshold,
   * {@code 1e-35f} (the double 1e-35 is just below it).
   */
  static final double[] ZERO_BAND = {0.0, -0.0, 1e-36, -1e-36, 1e-35, -1e-35, BinMapper.ZERO_THRESHOLD,
      -BinMapper.ZERO_THRESHOLD, Double.MIN_VALUE, -Double.MIN_VALUE};

  /**
   * Synthetic rows: x0 Gaussian with 10% missing, x1 categorical (0..8, 8% missing), x2 uniform with a
   * third exact zeros, x3 Gaussian with 5% missing; the label depends on all four.
   */
  static ImportData synthetic(Task task, int rows, long seed) {
    Random random = new Random(seed);
    int f = 4;
    double[] x = new double[rows * f];
    float[] label = new float[rows];
    for (int r = 0; r < rows; r++) {
      double x0 = random.nextDouble() < 0.1 ? Double.NaN : random.nextGaussian();
      double x1 = random.nextDouble() < 0.08 ? Double.NaN : random.nextInt(CATEGORIES);
      double x2 = random.nextDouble() < 0.33 ? 0.0 : random.nextDouble();
      double x3 = random.nextDouble() < 0.05 ? Double.NaN : random.nextGaussian();
      x[r * f] = x0;
      x[r * f + 1] = x1;
      x[r * f + 2] = x2;
      x[r * f + 3] = x3;
      double score = (Double.isNaN(x0) ? 0.8 : x0) + (x1 == 2 || x1 == 5 || x1 == 7 ? 1.2 : Double.isNaN(x1) ? -0.5 : 0)
          + 1.5 * x2 - (x2 == 0 ? 0.7 : 0) + (Double.isNaN(x3) ? 0 : 0.5 * x3 * x3) + 0.3 * random.nextGaussian();
      label[r] = label(task, score, random);
    }
    return new ImportData("synthetic " + task, x, rows, f, label, new int[] {1});
  }

  private static float label(Task task, double score, Random random) {
    switch (task) {
      case BINARY:
        return random.nextDouble() < 1 / (1 + Math.exp(-score)) ? 1f : 0f;
      case MULTICLASS:
        return score < 0 ? 0f : score < 1.2 ? 1f : 2f;
      case POSITIVE:
        return (float) Math.max(0.05, Math.exp(0.5 * score) + 0.1 * random.nextDouble());
      default:
        return (float) score;
    }
  }

  /**
   * The first {@code rows} rows of a peer training file (skipping the test when the peer data is absent),
   * with its labels turned into the kind {@code task} needs.
   */
  static ImportData peer(String folder, String file, Task task, int rows) {
    Path dir = PeerAccuracyTest.sharedData().resolve(folder);
    assumeTrue(Files.isDirectory(dir), "peer data set " + dir + " is absent (see ../shared/data/README.md); "
        + "skipping the import check on it");
    ReadOptions options = folder.startsWith("lightgbm")
        ? ReadOptions.defaults().withHeader(false).withLabel("0").withThreads(2)
        : ReadOptions.defaults().withLabel("label").withThreads(2);
    DenseData data;
    try (RootAllocator allocator = new RootAllocator()) {
      data = DenseData.training(dir.resolve(file), options, "regression", 0, allocator);
    }
    int n = Math.min(rows, data.rows());
    int f = data.columns();
    double[] x = java.util.Arrays.copyOf(data.values(), n * f);
    float[] label = new float[n];
    for (int r = 0; r < n; r++) {
      double y = data.labels()[r];
      label[r] = task == Task.POSITIVE ? (float) (Math.abs(y) + 0.1) : (float) y;
    }
    return new ImportData(folder, x, n, f, label, new int[0]);
  }

  /**
   * A copy in which each numeric cell is, with probability {@code fraction}, one of {@link #ZERO_BAND}
   * instead; the labels stay those of the original values.
   */
  ImportData withZeros(double fraction, long seed) {
    Random random = new Random(seed);
    double[] zeroed = x.clone();
    for (int i = 0; i < zeroed.length; i++) {
      if (!isCategorical(i % columns) && random.nextDouble() < fraction) {
        zeroed[i] = ZERO_BAND[random.nextInt(ZERO_BAND.length)];
      }
    }
    return new ImportData(name + " with zeros", zeroed, rows, columns, label, categorical);
  }

  /** A copy whose categorical columns hold {@code recode} of each category (missing values stay missing). */
  ImportData withCategoriesRecoded(String how, java.util.function.IntUnaryOperator recode) {
    double[] recoded = x.clone();
    for (int i = 0; i < recoded.length; i++) {
      if (isCategorical(i % columns) && !Double.isNaN(recoded[i])) {
        recoded[i] = recode.applyAsInt((int) recoded[i]);
      }
    }
    return new ImportData(name + ", categories " + how, recoded, rows, columns, label, categorical);
  }

  /**
   * {@code rows} (row-major, {@link #columns} wide) followed by, for each of {@code values}, {@code copies} of
   * this data's rows with column {@code column} set to that value.
   */
  double[] withValues(double[] rows, int column, double[] values, int copies) {
    int start = rows.length / columns;
    double[] out = java.util.Arrays.copyOf(rows, rows.length + values.length * copies * columns);
    for (int v = 0, r = start; v < values.length; v++) {
      for (int i = 0; i < copies; i++, r++) {
        System.arraycopy(x, ((r * 31) % this.rows) * columns, out, r * columns, columns);
        out[r * columns + column] = values[v];
      }
    }
    return out;
  }

  private boolean isCategorical(int column) {
    for (int c : categorical) {
      if (c == column) {
        return true;
      }
    }
    return false;
  }

  /** The values as floats, XGBoost's input type. */
  float[] floats() {
    float[] out = new float[x.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  /** Feature names f0, f1, ... as XGBoost names unnamed features. */
  List<String> featureNames() {
    String[] names = new String[columns];
    for (int c = 0; c < columns; c++) {
      names[c] = "f" + c;
    }
    return List.of(names);
  }
}
