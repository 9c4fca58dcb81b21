package dev.boreal.monitor.drift;

import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;

/**
 * Counts one feature's rows into its cells ({@link FeatureCounts}), binning each raw value with the model's
 * own {@link BinMapper}, so that counts of new data line up with the reference profile cell for cell. Also
 * keeps the smallest and largest numeric value and counts values outside a reference range. A weighted reference
 * counts each row with its sample weight ({@link #addColumn(FeatureColumn, double[])}); a row of weight 0 counts
 * as if absent (nor does its value widen the range), as when rows are repeated by whole weights. Not thread-safe:
 * one counter per feature per thread, or per window.
 */
public final class CellCounter {
  /** Values read per block from a column. */
  private static final int BLOCK = 4096;

  private final BinMapper mapper;
  private final double[] cells;
  private final int missingCell;
  private final int unseenCell;
  private final int namedCategories;
  private final double rangeMin;
  private final double rangeMax;
  private long below;
  private long above;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  private CellCounter(BinMapper mapper, double rangeMin, double rangeMax) {
    this.mapper = mapper;
    this.cells = new double[FeatureCounts.cellCount(mapper)];
    this.missingCell = cells.length - 1;
    this.unseenCell = FeatureCounts.unseenCell(mapper);
    this.namedCategories = mapper.isCategorical() ? mapper.categories().length : 0;
    this.rangeMin = rangeMin;
    this.rangeMax = rangeMax;
  }

  /** A counter for the training rows themselves: nothing is out of range. */
  public static CellCounter forReference(BinMapper mapper) {
    return new CellCounter(mapper, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  /**
   * A counter for new rows, counting numeric values outside the reference's {@code [min, max]} as out of
   * range (nothing is, when the reference saw no value).
   */
  public static CellCounter against(BinMapper mapper, FeatureCounts reference) {
    boolean none = Double.isNaN(reference.min());
    return new CellCounter(mapper, none ? Double.NEGATIVE_INFINITY : reference.min(),
        none ? Double.POSITIVE_INFINITY : reference.max());
  }

  /** The cell a numeric value falls in (its bin; NaN and values the mapper counts missing: the last). */
  public int cellOf(double value) {
    return mapper.binOf(value);
  }

  /**
   * The cell of a category name: its bin when the mapper names it, the missing cell for null and the empty
   * string, else the unseen-category cell.
   */
  public int cellOfCategory(String category) {
    if (category == null || category.isEmpty()) {
      return missingCell;
    }
    int bin = mapper.binOfCategory(category);
    return bin < namedCategories ? bin : unseenCell;
  }

  /** Counts one numeric value. */
  public void addValue(double value) {
    addBinned(value, mapper.binOf(value), 1.0, 1);
  }

  /**
   * Counts {@code rows} rows of one numeric value already binned, of total weight {@code weight}; a weight of 0
   * leaves the counts as they were.
   */
  private void addBinned(double value, int cell, double weight, long rows) {
    if (weight == 0) {
      return;
    }
    cells[cell] += weight;
    if (cell != missingCell && !Double.isNaN(value)) {
      min = Math.min(min, value);
      max = Math.max(max, value);
      below += value < rangeMin ? rows : 0;
      above += value > rangeMax ? rows : 0;
    }
  }

  /** Counts one category name (null is missing). */
  public void addCategory(String category) {
    cells[cellOfCategory(category)]++;
  }

  /** Adds counts already made, cell by cell, e.g. a window's counts kept elsewhere. */
  public void addCells(long[] counts) {
    if (counts.length != cells.length) {
      throw new IllegalArgumentException(counts.length + " cells given, the feature has " + cells.length);
    }
    for (int c = 0; c < cells.length; c++) {
      cells[c] += counts[c];
    }
  }

  /** Counts every row of a column of the feature's kind. */
  public void addColumn(FeatureColumn column) {
    addColumn(column, null);
  }

  /**
   * Counts every row of a column of the feature's kind, each with its weight.
   *
   * @param weights one sample weight per row, finite and non-negative, or null for weight 1 each
   */
  public void addColumn(FeatureColumn column, double[] weights) {
    int rows = column.rowCount();
    // A buffer no larger than the column: a wide table of few rows counts many short columns.
    int block = Math.max(1, Math.min(BLOCK, rows));
    if (column.isCategorical()) {
      String[] dictionary = column.categories();
      int[] cellOfCode = new int[dictionary.length];
      for (int code = 0; code < dictionary.length; code++) {
        cellOfCode[code] = cellOfCategory(dictionary[code]);
      }
      int[] codes = new int[block];
      for (int from = 0; from < rows; from += block) {
        int to = Math.min(rows, from + block);
        column.readCodes(from, to, codes);
        for (int i = 0; i < to - from; i++) {
          int code = codes[i];
          cells[code == FeatureColumn.MISSING_CODE ? missingCell
              : code >= 0 && code < cellOfCode.length ? cellOfCode[code] : unseenCell] +=
              weights == null ? 1.0 : weights[from + i];
        }
      }
    } else if (column.isSparse() && weights == null) {
      addEntries(column.entries(), rows);
    } else {
      double[] values = new double[block];
      int[] bins = new int[block];
      for (int from = 0; from < rows; from += block) {
        int to = Math.min(rows, from + block);
        column.readValues(from, to, values);
        mapper.binValues(values, bins, to - from);
        for (int i = 0; i < to - from; i++) {
          addBinned(values[i], bins[i], weights == null ? 1.0 : weights[from + i], 1);
        }
      }
    }
  }

  /**
   * Counts a sparse column of {@code rows} rows, each of weight 1, from its entries: its zeros at once, then each
   * entry. The same counts as reading every row, since the counts are whole numbers and the range, minimum and
   * maximum do not depend on the order of the values.
   */
  private void addEntries(FeatureColumn.Entries entries, int rows) {
    int n = entries.rows().length;
    addBinned(0.0, mapper.binOf(0.0), rows - n, rows - n);
    int[] bins = new int[n];
    mapper.binValues(entries.values(), bins, n);
    for (int i = 0; i < n; i++) {
      addBinned(entries.values()[i], bins[i], 1.0, 1);
    }
  }

  /** The counts so far. */
  public FeatureCounts counts() {
    boolean seen = min <= max;
    return new FeatureCounts(cells, below, above, seen ? min : Double.NaN, seen ? max : Double.NaN);
  }
}
