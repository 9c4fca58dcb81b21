package dev.boreal.engine.nn;

import dev.boreal.InputException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.CategoryCodes;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.collect.DoubleIntMap;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How raw features become network inputs, learned from the training data and stored in the model;
 * immutable.
 *
 * <p>Features are laid out in schema order. A numeric feature gives one input, {@code (x - mean) / scale}
 * with the training mean and standard deviation (scale 1 when the deviation is 0); a missing value (NaN,
 * null, or an infinity, which cannot be standardised) becomes the mean, that is 0, and when the feature had
 * missing values in training it gets a second input, 1 for a missing value and 0 otherwise. A categorical
 * feature gives one input per known category (the names of its {@link BinMapper}, the categories frequent
 * enough in training to get a bin), one-hot; a rare, unseen or missing category gives all zeros.
 *
 * <p>A numeric feature may instead be quantile-normalised ({@link QuantileNormal}, the FT-Transformer's
 * inputs): its input is the normal score of the value among the training quantiles, and a missing value
 * gives 0 (the median) and the missing-value flag as above.
 */
public final class Preprocessing {
  /** A category name that is a plain decimal number, so a double row can name it (as in the Predictor). */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  /** Rows read from Arrow per step. */
  static final int BLOCK = 256;

  private final List<String> names;
  private final List<BinMapper> mappers;
  private final double[] means;
  private final double[] scales;
  private final boolean[] missingIndicator;
  /** Per numeric feature its reference quantiles when quantile-normalised, else null. */
  private final double[][] quantiles;
  /** First input of each feature. */
  private final int[] firstInput;
  private final int inputs;
  /** Per categorical feature, numeric category name → category index (default -1); null for numeric ones. */
  private final DoubleIntMap[] indexByNumber;

  /**
   * Preprocessing with known statistics, as a model file stores it; arrays are copied.
   *
   * @param names feature names in schema order
   * @param mappers per feature: numeric, or categorical with its known categories
   * @param means per numeric feature the training mean (ignored for categorical features)
   * @param scales per numeric feature the training standard deviation, or 1 (ignored for categorical ones)
   * @param missingIndicator per numeric feature whether it has a missing-value input
   * @throws IllegalArgumentException if lengths differ or a numeric mean or scale is not finite, or a
   *     scale is not positive
   */
  public Preprocessing(List<String> names, List<BinMapper> mappers, double[] means, double[] scales,
      boolean[] missingIndicator) {
    this(names, mappers, means, scales, missingIndicator, new double[names.size()][]);
  }

  /**
   * As {@link #Preprocessing(List, List, double[], double[], boolean[])}, with quantile normalisation.
   *
   * @param quantiles per feature, the reference quantiles (ascending) of a quantile-normalised numeric feature,
   *     or null for a standardised or categorical one
   * @throws IllegalArgumentException also if a feature's quantiles are not finite and ascending
   */
  public Preprocessing(List<String> names, List<BinMapper> mappers, double[] means, double[] scales,
      boolean[] missingIndicator, double[][] quantiles) {
    int f = names.size();
    if (quantiles.length != f) {
      throw new IllegalArgumentException(f + " features but " + quantiles.length + " quantile arrays");
    }
    this.quantiles = new double[f][];
    for (int j = 0; j < f; j++) {
      if (quantiles[j] != null && !mappers.get(j).isCategorical()) {
        this.quantiles[j] = QuantileNormal.checked(names.get(j), quantiles[j]);
      }
    }
    if (mappers.size() != f || means.length != f || scales.length != f || missingIndicator.length != f) {
      throw new IllegalArgumentException(f + " features but " + mappers.size() + " mappers, " + means.length
          + " means, " + scales.length + " scales and " + missingIndicator.length + " indicator flags");
    }
    this.names = List.copyOf(names);
    this.mappers = List.copyOf(mappers);
    this.means = means.clone();
    this.scales = scales.clone();
    this.missingIndicator = missingIndicator.clone();
    this.firstInput = new int[f];
    this.indexByNumber = new DoubleIntMap[f];
    int at = 0;
    for (int j = 0; j < f; j++) {
      firstInput[j] = at;
      BinMapper m = mappers.get(j);
      if (m.isCategorical()) {
        this.means[j] = 0;
        this.scales[j] = 1;
        this.missingIndicator[j] = false;
        indexByNumber[j] = numericNames(m.categories());
        at += m.categories().length;
      } else {
        if (!Double.isFinite(means[j]) || !(scales[j] > 0) || !Double.isFinite(scales[j])) {
          throw new IllegalArgumentException("feature '" + names.get(j) + "' has mean " + means[j] + " and scale "
              + scales[j] + "; both must be finite and the scale positive");
        }
        at += missingIndicator[j] ? 2 : 1;
      }
    }
    this.inputs = at;
  }

  /**
   * Learns the statistics from training columns, one feature per task.
   *
   * @param columns the training features in schema order
   * @param mappers per feature: numeric, or categorical with the categories to one-hot
   */
  static Preprocessing fit(List<FeatureColumn> columns, List<BinMapper> mappers, Parallel parallel) {
    return fit(columns, mappers, false, parallel);
  }

  /**
   * As {@link #fit(List, List, Parallel)}; with {@code quantile}, numeric features are quantile-normalised.
   */
  static Preprocessing fit(List<FeatureColumn> columns, List<BinMapper> mappers, boolean quantile,
      Parallel parallel) {
    int f = columns.size();
    double[] means = new double[f];
    double[] scales = new double[f];
    boolean[] indicator = new boolean[f];
    double[][] quantiles = new double[f][];
    String[] names = new String[f];
    parallel.forEach(f, (j, unused1, unused2) -> {
      FeatureColumn c = columns.get(j);
      names[j] = c.name();
      scales[j] = 1;
      if (!c.isCategorical()) {
        double[] finite = fitNumeric(c, j, means, scales, indicator);
        if (quantile) {
          quantiles[j] = QuantileNormal.fit(finite, finite.length);
        }
      }
    });
    return new Preprocessing(Arrays.asList(names), mappers, means, scales, indicator, quantiles);
  }

  /**
   * Mean and standard deviation over the finite values, in two passes for accuracy.
   *
   * @return the finite values
   */
  private static double[] fitNumeric(FeatureColumn c, int j, double[] means, double[] scales,
      boolean[] indicator) {
    int rows = c.rowCount();
    double[] values = new double[BLOCK];
    double[] finite = new double[rows];
    int count = 0;
    double sum = 0;
    for (int from = 0; from < rows; from += BLOCK) {
      int n = Math.min(BLOCK, rows - from);
      c.readValues(from, from + n, values);
      for (int i = 0; i < n; i++) {
        double v = values[i];
        if (Double.isFinite(v)) {
          sum += v;
          finite[count++] = v;
        }
      }
    }
    double mean = count == 0 ? 0 : sum / count;
    double squares = 0;
    for (int i = 0; i < count; i++) {
      squares += (finite[i] - mean) * (finite[i] - mean);
    }
    double sd = count == 0 ? 0 : Math.sqrt(squares / count);
    if (!Double.isFinite(mean) || !Double.isFinite(sd)) {
      throw new InputException("Column '" + c.name() + "' has values too large to standardise (mean " + mean
          + ", standard deviation " + sd + ").");
    }
    means[j] = mean;
    scales[j] = sd > 0 ? sd : 1.0;
    indicator[j] = count < rows;
    return Arrays.copyOf(finite, count);
  }

  private static DoubleIntMap numericNames(String[] categories) {
    DoubleIntMap map = new DoubleIntMap(categories.length, -1);
    for (int b = 0; b < categories.length; b++) {
      if (NUMBER.matcher(categories[b]).matches()) {
        // Adding 0.0 turns -0.0 into 0.0; the more frequent of two equal numbers (lower index) wins.
        map.putIfAbsent(Double.parseDouble(categories[b]) + 0.0, b);
      }
    }
    return map;
  }

  /** Number of network inputs. */
  public int inputs() {
    return inputs;
  }

  /** Feature names in schema order. */
  public List<String> names() {
    return names;
  }

  /** Per feature: numeric, or categorical with the categories it one-hot encodes. */
  public List<BinMapper> mappers() {
    return mappers;
  }

  /** The training mean of numeric feature {@code f} (0 for a categorical feature). */
  public double mean(int f) {
    return means[f];
  }

  /** The scale (training standard deviation, or 1) of numeric feature {@code f}; 1 for a categorical one. */
  public double scale(int f) {
    return scales[f];
  }

  /** A copy of numeric feature {@code f}'s reference quantiles when it is quantile-normalised, else null. */
  public double[] quantiles(int f) {
    return quantiles[f] == null ? null : quantiles[f].clone();
  }

  /** Per network input, the feature it belongs to. */
  int[] featureOfInputs() {
    int[] of = new int[inputs];
    for (int j = 0; j < firstInput.length; j++) {
      int end = j + 1 < firstInput.length ? firstInput[j + 1] : inputs;
      java.util.Arrays.fill(of, firstInput[j], end, j);
    }
    return of;
  }

  /** Per network input, whether it is a numeric feature's value (not its missing-value flag, not a category). */
  boolean[] numericValueInputs() {
    boolean[] numeric = new boolean[inputs];
    for (int j = 0; j < firstInput.length; j++) {
      if (!mappers.get(j).isCategorical()) {
        numeric[firstInput[j]] = true;
      }
    }
    return numeric;
  }

  /** Whether numeric feature {@code f} has a missing-value input. */
  public boolean hasMissingIndicator(int f) {
    return missingIndicator[f];
  }

  /**
   * Encodes a row-major batch of raw rows in schema order into inputs. NaN is missing; a categorical
   * feature holds its category's numeric name ({@code byIndex} false; a number that names none is an
   * {@link InputException}, as for the tree predictor), or its index in the mapper's categories
   * ({@code byIndex} true; any other value is a rare, unseen or missing category).
   *
   * @param rowMajor {@code rows * features} values from {@code rowOff} (read)
   * @param out {@code rows * inputs()} values from 0 (written)
   */
  void encodeRows(double[] rowMajor, int rowOff, int rows, double[] out, boolean byIndex) {
    int f = names.size();
    Arrays.fill(out, 0, rows * inputs, 0.0);
    for (int r = 0; r < rows; r++) {
      int o = r * inputs;
      int x = rowOff + r * f;
      for (int j = 0; j < f; j++) {
        double v = rowMajor[x + j];
        if (indexByNumber[j] != null) {
          int k = byIndex ? categoryIndex(j, v) : v != v ? -1 : indexByNumber[j].get(v + 0.0);
          if (k < 0 && !byIndex && v == v) {
            throw CategoryCodes.unknown(names.get(j), mappers.get(j).categories(), !indexByNumber[j].isEmpty(), v,
                rowOff / f + r);
          }
          if (k >= 0) {
            out[o + firstInput[j] + k] = 1.0;
          }
        } else {
          putNumeric(j, v, out, o);
        }
      }
    }
  }

  /** The category index {@code v} names for feature j, or -1 when it names none. */
  private int categoryIndex(int j, double v) {
    int count = mappers.get(j).numBins() - 1;
    return v >= 0 && v < count && v == (int) v ? (int) v : -1;
  }

  /** The first network input of feature {@code f}. */
  int firstInput(int f) {
    return firstInput[f];
  }

  /** Writes numeric feature j's inputs for value v into the row of {@code out} starting at {@code rowStart}. */
  void putNumeric(int j, double v, double[] out, int rowStart) {
    int at = rowStart + firstInput[j];
    if (Double.isFinite(v)) {
      out[at] = quantiles[j] != null ? QuantileNormal.transform(quantiles[j], v) : (v - means[j]) / scales[j];
    } else if (missingIndicator[j]) {
      out[at + 1] = 1.0;
    }
  }

  /**
   * An encoder of the given columns, matched to the features by name; one per thread.
   *
   * @throws InputException if a feature has no column, two columns, or a column of the wrong kind, or the
   *     feature columns differ in length
   */
  ColumnEncoder encoder(List<FeatureColumn> columns) {
    return new ColumnEncoder(this, columns);
  }
}
