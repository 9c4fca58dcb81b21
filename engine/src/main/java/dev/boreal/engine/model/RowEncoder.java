package dev.boreal.engine.model;

import dev.boreal.InputException;
import dev.boreal.engine.Parallel;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.collect.DoubleIntMap;
import dev.boreal.collect.IntList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link Predictor}'s input rows into the form its trees read, with the model's bin mappers:
 * numeric values stay as they are unless the feature's mapper counts them missing (to NaN) or reads NaN as
 * zero (to 0.0); a categorical value becomes its bin (a missing value the missing bin, an unknown category
 * the unknown bin). Immutable and shared by every thread that scores with the predictor.
 *
 * <p>A {@code double[]} row is strict where names are lenient: a number that names none of a categorical
 * feature's categories is an error there, because a program that builds such rows holds codes, not names, and
 * a wrong code would otherwise score silently as missing. Only a feature that keeps an unknown bin apart from
 * its missing bin sends such a code there: imported XGBoost and LightGBM models, whose category lists hold
 * only what their splits name while the library scores any other code, and so does Boreal for them. A map or column may name a category the model has not seen (new data
 * does), which takes the unknown bin.
 */
final class RowEncoder {
  /** Rows per block in batch scoring: enough for a tree's nodes to stay hot, small enough for L1. */
  static final int BLOCK = 128;
  /** What {@link #binByNumber} gives for a number that names no category, unless the feature has an unknown bin. */
  private static final int NO_BIN = -1;
  /** A category name that is a plain decimal number, so a double row can name it. */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private final List<String> featureNames;
  private final BinMapper[] mappers;
  /**
   * Per categorical feature, numeric name → bin (default: the unknown bin when it is apart from the missing
   * bin, else {@link #NO_BIN}); null for numeric features.
   */
  private final DoubleIntMap[] binByNumber;
  private final int[] categorical;
  /**
   * The numeric features whose encoding changes some values: zeros missing (to NaN) or NaN is zero (to 0.0).
   */
  private final int[] recodedNumeric;

  RowEncoder(Model model) {
    this.featureNames = model.featureNames();
    int features = model.numFeatures();
    this.mappers = model.mappers().toArray(new BinMapper[0]);
    this.binByNumber = new DoubleIntMap[features];
    IntList categoricalFeatures = new IntList();
    IntList recodedNumericFeatures = new IntList();
    for (int f = 0; f < features; f++) {
      if (mappers[f].isCategorical()) {
        binByNumber[f] = numericNames(mappers[f]);
        categoricalFeatures.add(f);
      } else if (mappers[f].zeroIsMissing() || mappers[f].nanIsZero()) {
        recodedNumericFeatures.add(f);
      }
    }
    this.categorical = categoricalFeatures.toIntArray();
    this.recodedNumeric = recodedNumericFeatures.toIntArray();
  }

  private int numFeatures() {
    return mappers.length;
  }

  /** The rows of a set of columns, after matching them to the features. */
  int rowCount(List<FeatureColumn> columns) {
    return rowCount(match(columns), columns);
  }

  /**
   * Maps each category name that is a number to its bin; when two names are the same number ("1" and
   * "1.0") the more frequent one, which has the lower bin, wins.
   */
  private static DoubleIntMap numericNames(BinMapper mapper) {
    String[] names = mapper.categories();
    DoubleIntMap map = new DoubleIntMap(names.length, mapper.hasUnknownBin() ? mapper.unknownBin() : NO_BIN);
    for (int b = 0; b < names.length; b++) {
      if (NUMBER.matcher(names[b]).matches()) {
        double key = Double.parseDouble(names[b]) + 0.0;
        if (!map.containsKey(key)) {
          map.put(key, b);
        }
      }
    }
    return map;
  }

  /** Rows per parallel chunk: whole blocks, about four chunks per thread so that threads finish together. */
  static int chunkRows(int rows, Parallel parallel) {
    int blocks = (rows + BLOCK - 1) / BLOCK;
    int perChunk = Math.max(1, (blocks + 4 * parallel.threads() - 1) / (4 * parallel.threads()));
    return perChunk * BLOCK;
  }

  /**
   * Work on a block of encoded rows: {@code block[at + r * numFeatures() + f]} for rows {@code from .. from+n}.
   * Blocks of different chunks arrive on different threads at once.
   */
  interface BlockConsumer {
    /** Takes encoded rows {@code from .. from+n}, held in {@code block} from index {@code at}. */
    void accept(double[] block, int at, int from, int n);
  }

  /**
   * Hands a batch of rows given as doubles in schema order on, encoded, block by block on the threads of
   * {@code parallel} (chunks of whole blocks, as {@link #encodeColumns}): in place when encoding changes nothing,
   * else copied into a block of the chunk's and encoded there.
   */
  void encodeRows(double[] rowMajor, int rows, Parallel parallel, BlockConsumer consumer) {
    int f = numFeatures();
    parallel.forBlocks(rows, chunkRows(rows, parallel), (chunk, start, end) -> {
      double[] block = encodesNumbers() ? new double[BLOCK * f] : null;
      for (int from = start; from < end; from += BLOCK) {
        int n = Math.min(BLOCK, end - from);
        if (block == null) {
          consumer.accept(rowMajor, from * f, from, n);
        } else {
          System.arraycopy(rowMajor, from * f, block, 0, n * f);
          for (int r = 0; r < n; r++) {
            encodeInPlace(block, r * f, from + r);
          }
          consumer.accept(block, 0, from, n);
        }
      }
    });
  }

  /**
   * Reads the columns block by block into encoded rows (numeric values with missing ones as NaN, categorical
   * bins) and hands each block on; returns the number of rows. A null category is missing; a category the
   * model does not name, or a code outside the column's dictionary, is unknown.
   */
  int encodeColumns(List<FeatureColumn> columns, int capacityRows, Parallel parallel,
      BlockConsumer consumer) {
    FeatureColumn[] bySchema = match(columns);
    int rows = rowCount(bySchema, columns);
    if (capacityRows < rows) {
      throw new IllegalArgumentException("out has room for " + capacityRows + " rows, but the columns hold "
          + rows);
    }
    int f = numFeatures();
    // Dictionary codes are the data's own; map each once to the model's bins by category name.
    int[][] binOfCode = new int[f][];
    for (int c : categorical) {
      String[] names = bySchema[c].categories();
      binOfCode[c] = new int[names.length];
      for (int code = 0; code < names.length; code++) {
        binOfCode[c][code] = mappers[c].binOfCategory(names[code]);
      }
    }
    parallel.forBlocks(rows, chunkRows(rows, parallel), (chunk, start, end) -> {
      double[] block = new double[BLOCK * f];
      double[] values = new double[BLOCK];
      int[] codes = new int[BLOCK];
      for (int from = start; from < end; from += BLOCK) {
        int n = Math.min(BLOCK, end - from);
        encodeBlock(bySchema, binOfCode, from, n, block, values, codes);
        consumer.accept(block, 0, from, n);
      }
    });
    return rows;
  }

  /** Encodes rows {@code from .. from+n} of the columns into {@code block}; values and codes are scratch. */
  private void encodeBlock(FeatureColumn[] bySchema, int[][] binOfCode, int from, int n, double[] block,
      double[] values, int[] codes) {
    int f = numFeatures();
    for (int c = 0; c < f; c++) {
      int[] bins = binOfCode[c];
      BinMapper mapper = mappers[c];
      if (bins == null) {
        bySchema[c].readValues(from, from + n, values);
        for (int r = 0; r < n; r++) {
          block[r * f + c] = mapper.missingAsNaN(values[r]);
        }
      } else {
        bySchema[c].readCodes(from, from + n, codes);
        int missing = mapper.missingBin();
        int unknown = mapper.unknownBin();
        for (int r = 0; r < n; r++) {
          int code = codes[r];
          block[r * f + c] = code == FeatureColumn.MISSING_CODE ? missing
              : code >= 0 && code < bins.length ? bins[code] : unknown;
        }
      }
    }
  }

  /**
   * Whether a row of doubles in schema order differs from its encoded form: when a feature is categorical
   * (numeric name to bin) or a numeric feature's zeros are missing (to NaN) or its NaN is zero (to 0.0).
   */
  boolean encodesNumbers() {
    return categorical.length > 0 || recodedNumeric.length > 0;
  }

  /**
   * Encodes, in place, the row of doubles in schema order that starts at {@code x[at]}.
   *
   * @param row the row's index in the caller's batch for messages, or -1 for a lone row
   * @throws InputException naming the feature and the code when a categorical value names no category
   */
  void encodeInPlace(double[] x, int at, int row) {
    for (int c : categorical) {
      double value = x[at + c];
      int bin = value != value ? mappers[c].missingBin() : binByNumber[c].get(value + 0.0);
      if (bin == NO_BIN) {
        throw CategoryCodes.unknown(featureNames.get(c), mappers[c].categories(), !binByNumber[c].isEmpty(), value,
            row);
      }
      x[at + c] = bin;
    }
    for (int z : recodedNumeric) {
      x[at + z] = mappers[z].missingAsNaN(x[at + z]);
    }
  }

  /**
   * The bin of a categorical value named by a number in a map: the missing bin for NaN, the unknown bin for a
   * number that names no category, as for an unknown name; adding 0.0 turns -0.0 into 0.0.
   */
  private int binOfNumber(int f, double value) {
    int bin = value != value ? mappers[f].missingBin() : binByNumber[f].get(value + 0.0);
    return bin == NO_BIN ? mappers[f].unknownBin() : bin;
  }

  /**
   * The number a {@code double[]} row holds for category {@code name} of categorical feature {@code feature}.
   *
   * @throws InputException if the model has no such categorical feature or category, or the category is named
   *     by text or shares its number with a more frequent name ("1" and "1.0")
   */
  double categoryCode(String feature, String name) {
    int f = featureNames.indexOf(feature);
    if (f < 0 || binByNumber[f] == null) {
      throw new InputException("The model has no categorical feature '" + feature + "'.");
    }
    int bin = Arrays.asList(mappers[f].categories()).indexOf(name);
    if (bin < 0) {
      throw new InputException("Feature '" + feature + "' has no category '" + name + "'; its categories are "
          + CategoryCodes.some(mappers[f].categories()) + ".");
    }
    double code = NUMBER.matcher(name).matches() ? Double.parseDouble(name) + 0.0 : Double.NaN;
    if (code != code || binByNumber[f].get(code) != bin) {
      throw new InputException("Feature '" + feature + "' cannot give category '" + name + "' a code in a double[]"
          + " row: only a category named by a number has one (and the more frequent of \"1\" and \"1.0\"); "
          + "give such rows as a Map or a RowBatch.");
    }
    return code;
  }

  /**
   * The encoded form of one value of feature {@code f} given as an object: a {@link Number}, a
   * {@link String}, a {@link Boolean} or {@code null}.
   *
   * @throws InputException if the value has the wrong type or does not parse
   */
  double encodeValue(int f, Object value) {
    boolean isCategorical = binByNumber[f] != null;
    if (value == null) {
      return isCategorical ? mappers[f].missingBin() : mappers[f].missingAsNaN(Double.NaN);
    }
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else if (value instanceof Boolean b) {
      number = b ? 1.0 : 0.0;
    } else if (value instanceof String s) {
      return isCategorical ? mappers[f].binOfCategory(s) : mappers[f].missingAsNaN(parseNumber(f, s));
    } else {
      throw new InputException("Feature '" + featureNames.get(f) + "' has a value of type "
          + value.getClass().getSimpleName() + "; expected a number, a string, a boolean or null.");
    }
    return isCategorical ? binOfNumber(f, number) : mappers[f].missingAsNaN(number);
  }

  private double parseNumber(int f, String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new InputException("Feature '" + featureNames.get(f) + "' is numeric, but the row gives '"
          + text + "'.");
    }
  }

  private FeatureColumn[] match(List<FeatureColumn> columns) {
    Map<String, FeatureColumn> byName = new HashMap<>();
    for (FeatureColumn column : columns) {
      if (byName.put(column.name(), column) != null && featureNames.contains(column.name())) {
        throw new InputException("Feature '" + column.name() + "' is given by two columns.");
      }
    }
    FeatureColumn[] bySchema = new FeatureColumn[numFeatures()];
    for (int f = 0; f < bySchema.length; f++) {
      String name = featureNames.get(f);
      FeatureColumn column = byName.get(name);
      if (column == null) {
        throw new InputException("The data has no column for feature '" + name + "'.");
      }
      if (column.isCategorical() != mappers[f].isCategorical()) {
        throw new InputException("Feature '" + name + "' is " + kind(mappers[f].isCategorical())
            + " in the model, but its column is " + kind(column.isCategorical()) + ".");
      }
      bySchema[f] = column;
    }
    return bySchema;
  }

  private static String kind(boolean isCategorical) {
    return isCategorical ? "categorical" : "numeric";
  }

  private static int rowCount(FeatureColumn[] bySchema, List<FeatureColumn> columns) {
    if (bySchema.length == 0) {
      return columns.isEmpty() ? 0 : columns.get(0).rowCount();
    }
    int rows = bySchema[0].rowCount();
    for (FeatureColumn column : bySchema) {
      if (column.rowCount() != rows) {
        throw new InputException("Column '" + column.name() + "' has " + column.rowCount()
            + " rows, but column '" + bySchema[0].name() + "' has " + rows + ".");
      }
    }
    return rows;
  }
}
