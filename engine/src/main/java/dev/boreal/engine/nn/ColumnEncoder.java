package dev.boreal.engine.nn;

import dev.boreal.InputException;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads blocks of rows from data columns into network inputs as a {@link Preprocessing} encodes them,
 * through buffers of its own; one per thread.
 *
 * <p>Columns are matched to the features by name when the encoder is made, and a categorical column's
 * dictionary codes are mapped once to the feature's category indices (a category the preprocessing does not
 * know, or a missing code, gives all zeros).
 */
final class ColumnEncoder {
  private final Preprocessing prep;
  private final FeatureColumn[] bySchema;
  /** Per categorical feature: the column's dictionary code → category index, or -1. */
  private final int[][] indexOfCode;
  private final double[] values = new double[Preprocessing.BLOCK];
  private final int[] codes = new int[Preprocessing.BLOCK];
  private final int rows;

  ColumnEncoder(Preprocessing prep, List<FeatureColumn> columns) {
    this.prep = prep;
    List<String> names = prep.names();
    List<BinMapper> mappers = prep.mappers();
    Map<String, FeatureColumn> byName = new HashMap<>();
    for (FeatureColumn c : columns) {
      if (byName.put(c.name(), c) != null && names.contains(c.name())) {
        throw new InputException("Feature '" + c.name() + "' is given by two columns.");
      }
    }
    int f = names.size();
    bySchema = new FeatureColumn[f];
    indexOfCode = new int[f][];
    for (int j = 0; j < f; j++) {
      FeatureColumn c = byName.get(names.get(j));
      if (c == null) {
        throw new InputException("The data has no column for feature '" + names.get(j) + "'.");
      }
      BinMapper m = mappers.get(j);
      if (c.isCategorical() != m.isCategorical()) {
        throw new InputException("Feature '" + names.get(j) + "' is " + kind(m.isCategorical())
            + " in the model, but its column is " + kind(c.isCategorical()) + ".");
      }
      bySchema[j] = c;
      if (m.isCategorical()) {
        String[] dictionary = c.categories();
        int known = m.categories().length;
        indexOfCode[j] = new int[dictionary.length];
        for (int code = 0; code < dictionary.length; code++) {
          int bin = m.binOfCategory(dictionary[code]);
          indexOfCode[j][code] = bin < known ? bin : -1;
        }
      }
    }
    rows = f == 0 ? (columns.isEmpty() ? 0 : columns.get(0).rowCount()) : bySchema[0].rowCount();
    for (FeatureColumn c : bySchema) {
      if (c.rowCount() != rows) {
        throw new InputException("Column '" + c.name() + "' has " + c.rowCount() + " rows, but column '"
            + bySchema[0].name() + "' has " + rows + ".");
      }
    }
  }

  /** Number of rows of the columns. */
  int rows() {
    return rows;
  }

  /**
   * Encodes rows {@code [from, to)} into {@code out}, row {@code from} starting at {@code outOff}.
   *
   * @param out {@code (to - from) * inputs()} values from {@code outOff} (written)
   */
  void encode(int from, int to, double[] out, int outOff) {
    int inputs = prep.inputs();
    Arrays.fill(out, outOff, outOff + (to - from) * inputs, 0.0);
    for (int start = from; start < to; start += Preprocessing.BLOCK) {
      int n = Math.min(Preprocessing.BLOCK, to - start);
      int base = outOff + (start - from) * inputs;
      for (int j = 0; j < bySchema.length; j++) {
        int[] index = indexOfCode[j];
        if (index == null) {
          bySchema[j].readValues(start, start + n, values);
          for (int r = 0; r < n; r++) {
            prep.putNumeric(j, values[r], out, base + r * inputs);
          }
        } else {
          bySchema[j].readCodes(start, start + n, codes);
          int first = prep.firstInput(j);
          for (int r = 0; r < n; r++) {
            int code = codes[r];
            int k = code >= 0 && code < index.length ? index[code] : -1;
            if (k >= 0) {
              out[base + r * inputs + first + k] = 1.0;
            }
          }
        }
      }
    }
  }

  private static String kind(boolean categorical) {
    return categorical ? "categorical" : "numeric";
  }
}
