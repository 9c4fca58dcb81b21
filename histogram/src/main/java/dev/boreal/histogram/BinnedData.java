package dev.boreal.histogram;

import dev.boreal.InputException;
import java.util.Arrays;
import java.util.List;

/**
 * A data set as the learner sees it: one compact column of bin codes per feature (column-major), and
 * the {@link BinMapper} that produced each. Raw values are read once, here, and never again in training.
 *
 * <p>{@link #fit} learns the mappers from a seeded row sample and bins the training data;
 * {@link #apply} bins validation or test data with mappers learned before, so equal raw values get
 * equal codes. Both work on a team of {@code threads} threads, one feature per task, and give the same
 * codes for any thread count. Immutable once built.
 */
public final class BinnedData {
  /** {@link #applyValues} takes categories named 0 up to this (exclusive): a lookup table spans them. */
  public static final int MAX_CATEGORY_NAME = 1 << 20;

  private final int rows;
  private final BinMapper[] mappers;
  private final BinColumn[] columns;
  private final FeatureBundles bundles;

  private BinnedData(int rows, BinMapper[] mappers, BinColumn[] columns) {
    this.rows = rows;
    this.mappers = mappers;
    this.columns = columns;
    this.bundles = null;
  }

  private BinnedData(BinnedData unbundled, double maxConflictRate) {
    this.rows = unbundled.rows;
    this.mappers = unbundled.mappers;
    this.columns = unbundled.columns;
    this.bundles = BundleFinder.find(unbundled, maxConflictRate);
  }

  /**
   * The same data with exclusive feature bundles ({@link FeatureBundles}): the float histogram builder then
   * reads each bundle's column instead of its members'. The feature columns stay, for partitioning rows.
   *
   * @param maxConflictRate most rows, as a share of all rows, on which a bundle's members may both be away
   *     from their most frequent bin (LightGBM's {@code max_conflict_rate}), from 0 up to 1
   */
  public BinnedData withBundles(double maxConflictRate) {
    return new BinnedData(this, maxConflictRate);
  }

  /** The bundles made by {@link #withBundles}, or null when the data is not bundled. */
  public FeatureBundles bundlesOrNull() {
    return bundles;
  }

  /**
   * Learns a mapper per feature and bins every row.
   *
   * @param columns the features, all with the same row count
   * @param weightsOrNull a finite, non-negative weight per row, or null for equal weights; checked
   *     here, so that bad weights fail before any work, but bins come from row counts, as LightGBM's do
   * @throws InputException if row counts differ, a weight is negative or not finite, or a category
   *     code lies outside its dictionary
   */
  public static BinnedData fit(List<FeatureColumn> columns, double[] weightsOrNull, BinningParams params) {
    try (WorkerTeam team = new WorkerTeam(teamSize(params.threads(), columns.size()))) {
      return fit(columns, weightsOrNull, params, team);
    }
  }

  /**
   * {@link #fit(List, double[], BinningParams)} on a run's team (its {@code threads} setting is not used):
   * one feature per task, so the bins do not depend on the team's size.
   */
  public static BinnedData fit(List<FeatureColumn> columns, double[] weightsOrNull, BinningParams params,
      WorkerTeam team) {
    return apply(learnMappers(columns, weightsOrNull, params, team), columns, team);
  }

  /**
   * The bins {@link #fit} would learn, without binning the columns: for a caller that adjusts them first (a
   * continued model's trees need their own thresholds among the bounds) and then bins once with
   * {@link #apply(List, List, WorkerTeam)}.
   *
   * @throws InputException for weights that are negative, NaN or infinite, or a length mismatch
   */
  public static List<BinMapper> learnMappers(List<FeatureColumn> columns, double[] weightsOrNull,
      BinningParams params, WorkerTeam team) {
    int rows = rowCount(columns);
    if (weightsOrNull != null) {
      checkWeights(weightsOrNull, rows);
    }
    RowSample sample = RowSample.draw(rows, params.binConstructSampleCnt(), params.seed());
    BinMapper[] mappers = new BinMapper[columns.size()];
    team.run(columns.size(), f -> mappers[f] = learn(columns.get(f), sample, params));
    return List.of(mappers);
  }

  /**
   * Bins new data with mappers learned by {@link #fit}; values equal to training values get the same
   * codes, and categories are matched by name, so the new data may have its own dictionary.
   *
   * @param mappers one per feature, in the order of {@code columns}
   * @param threads size of the pool, at least 1
   * @throws InputException if counts or kinds (numeric or categorical) do not match, or a category
   *     code lies outside its dictionary
   */
  public static BinnedData apply(List<BinMapper> mappers, List<FeatureColumn> columns, int threads) {
    try (WorkerTeam team = new WorkerTeam(teamSize(threads, columns.size()))) {
      return apply(mappers, columns, team);
    }
  }

  /** {@link #apply(List, List, int)} on a run's team, one feature per task. */
  public static BinnedData apply(List<BinMapper> mappers, List<FeatureColumn> columns, WorkerTeam team) {
    if (mappers.size() != columns.size()) {
      throw new InputException("The data has " + columns.size() + " feature columns but the bins were learned for "
          + mappers.size() + ".");
    }
    int rows = rowCount(columns);
    BinMapper[] kept = mappers.toArray(new BinMapper[0]);
    for (int f = 0; f < kept.length; f++) {
      if (kept[f].isCategorical() != columns.get(f).isCategorical()) {
        throw new InputException("Column '" + columns.get(f).name() + "' is "
            + (columns.get(f).isCategorical() ? "categorical" : "numeric") + " but feature " + f + " was learned as "
            + (kept[f].isCategorical() ? "categorical" : "numeric") + ".");
      }
    }
    BinColumn[] binned = new BinColumn[kept.length];
    team.run(kept.length, f -> binned[f] = bin(kept[f], columns.get(f), rows));
    return new BinnedData(rows, kept, binned);
  }

  /**
   * Bins plain arrays with mappers learned before, without Arrow: for callers whose rows arrive as primitive
   * values (a Spark partition). Numeric features bin as {@link #apply(List, List, int)} bins them; a categorical
   * feature holds each row's category by its numeric name ({@code 3.0} for category {@code "3"}), NaN when
   * missing, and a name the mapper does not keep takes its unknown bin.
   *
   * @param mappers one per feature
   * @param values input: {@code values[f][row]}, every column {@code rows} long
   * @throws InputException if the counts do not match or a categorical value is not a whole number from 0
   */
  public static BinnedData applyValues(List<BinMapper> mappers, double[][] values, int rows) {
    if (mappers.size() != values.length) {
      throw new InputException("The data has " + values.length + " feature columns but the bins were learned for "
          + mappers.size() + ".");
    }
    BinMapper[] kept = mappers.toArray(new BinMapper[0]);
    BinColumn[] binned = new BinColumn[kept.length];
    int[] bins = new int[rows];
    for (int f = 0; f < kept.length; f++) {
      double[] column = values[f];
      if (column.length != rows) {
        throw new InputException("Feature " + f + " has " + column.length + " values for " + rows + " rows.");
      }
      if (kept[f].isCategorical()) {
        binCategoryNames(kept[f], f, column, bins, rows);
      } else {
        kept[f].binValues(column, bins, rows);
      }
      binned[f] = BinColumn.allocate(rows, kept[f].numBins());
      binned[f].set(0, bins, rows);
    }
    return new BinnedData(rows, kept, binned);
  }

  private static void binCategoryNames(BinMapper mapper, int feature, double[] names, int[] bins, int rows) {
    int largest = -1;
    for (int r = 0; r < rows; r++) {
      double v = names[r];
      if (v == v && !(v >= 0 && v < MAX_CATEGORY_NAME && v == Math.rint(v))) {
        throw new InputException("Categorical feature " + feature + " holds " + v + " at row " + r
            + "; categories must be whole numbers from 0 below " + MAX_CATEGORY_NAME + " (NaN for missing).");
      }
      largest = v == v ? Math.max(largest, (int) v) : largest;
    }
    String[] dictionary = new String[largest + 1];
    for (int c = 0; c <= largest; c++) {
      dictionary[c] = Integer.toString(c);
    }
    int[] binOfCode = mapper.binsOfCodes(dictionary);
    for (int r = 0; r < rows; r++) {
      double v = names[r];
      bins[r] = v == v ? binOfCode[(int) v] : mapper.missingBin();
    }
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Number of features. */
  public int features() {
    return columns.length;
  }

  /** Bin columns a histogram of every feature reads: one per feature outside any bundle, one per bundle. */
  public int binColumns() {
    int columnsRead = columns.length;
    if (bundles != null) {
      for (int b = 0; b < bundles.count(); b++) {
        columnsRead -= bundles.members(b).length - 1;
      }
    }
    return columnsRead;
  }

  /** The mapper of feature {@code f}. */
  public BinMapper mapper(int f) {
    return mappers[f];
  }

  /** The mappers of all features, in feature order (for a model file). */
  public List<BinMapper> mappers() {
    return List.of(mappers);
  }

  /** The bin codes of feature {@code f}, with its histogram kernels. */
  public BinColumn column(int f) {
    return columns[f];
  }

  /** Number of bins of feature {@code f}. */
  public int numBins(int f) {
    return mappers[f].numBins();
  }

  private static BinMapper learn(FeatureColumn column, RowSample sample, BinningParams p) {
    int n = sample.size();
    if (column.isCategorical()) {
      int[] codes = new int[n];
      sample.readCodes(column, codes, new int[RowSample.blockFor(column.rowCount())]);
      return BinLearner.categorical(column, codes, n, sample, p);
    }
    if (column.isSparse()) {
      double[] entries = new double[column.sparseValues().at().length];
      int k = sample.readEntries(column.sparseValues(), entries);
      return BinLearner.numeric(entries, k, n - k, p);
    }
    double[] values = new double[n];
    sample.readValues(column, values, new double[RowSample.blockFor(column.rowCount())]);
    return BinLearner.numeric(values, n, 0, p);
  }

  /** Bins one column block by block through reused buffers. */
  private static BinColumn bin(BinMapper mapper, FeatureColumn column, int rows) {
    BinColumn out = BinColumn.allocate(rows, mapper.numBins());
    int block = RowSample.blockFor(rows);
    int[] bins = new int[block];
    if (mapper.isCategorical()) {
      int missingBin = mapper.missingBin();
      int[] codes = new int[block];
      int[] binOfCode = mapper.binsOfCodes(column.categories());
      for (int from = 0; from < rows; from += RowSample.BLOCK) {
        int count = Math.min(RowSample.BLOCK, rows - from);
        column.readCodes(from, from + count, codes);
        for (int i = 0; i < count; i++) {
          int code = codes[i];
          if (code == FeatureColumn.MISSING_CODE) {
            bins[i] = missingBin;
          } else if (code >= 0 && code < binOfCode.length) {
            bins[i] = binOfCode[code];
          } else {
            throw new InputException("Column '" + column.name() + "' has category code " + code + " at row "
                + (from + i) + ", outside its dictionary of " + binOfCode.length + " categories.");
          }
        }
        out.set(from, bins, count);
      }
    } else if (column.isSparse()) {
      binSparse(mapper, column.sparseValues(), out, bins);
    } else {
      double[] values = new double[block];
      for (int from = 0; from < rows; from += RowSample.BLOCK) {
        int count = Math.min(RowSample.BLOCK, rows - from);
        column.readValues(from, from + count, values);
        mapper.binValues(values, bins, count);
        out.set(from, bins, count);
      }
    }
    return out;
  }

  /**
   * Bins a sparse column without reading its zeros one by one: each block starts as the bin of 0.0, and only the
   * entries are searched. The same bins as reading every row: {@link BinMapper#binOf} and
   * {@link BinMapper#binValues} give a value the same bin, wherever it stands.
   *
   * @param bins scratch of at least {@link RowSample#BLOCK} ints
   */
  private static void binSparse(BinMapper mapper, SparseValues column, BinColumn out, int[] bins) {
    int zeroBin = mapper.binOf(0.0);
    int[] at = column.at();
    int[] entryBins = new int[at.length];
    mapper.binValues(column.values(), entryBins, at.length);
    int rows = column.rows();
    for (int from = 0, k = 0; from < rows; from += RowSample.BLOCK) {
      int count = Math.min(RowSample.BLOCK, rows - from);
      Arrays.fill(bins, 0, count, zeroBin);
      for (; k < at.length && at[k] < from + count; k++) {
        bins[at[k] - from] = entryBins[k];
      }
      out.set(from, bins, count);
    }
  }

  /** A team no larger than the features it works on: a thread beyond them would only wait. */
  private static int teamSize(int threads, int features) {
    return Math.max(1, Math.min(threads, features));
  }

  private static int rowCount(List<FeatureColumn> columns) {
    if (columns.isEmpty()) {
      return 0;
    }
    int rows = columns.get(0).rowCount();
    for (FeatureColumn column : columns) {
      if (column.rowCount() != rows) {
        throw new InputException("Column '" + column.name() + "' has " + column.rowCount() + " rows but column '"
            + columns.get(0).name() + "' has " + rows + ".");
      }
    }
    return rows;
  }

  private static void checkWeights(double[] weights, int rows) {
    if (weights.length != rows) {
      throw new InputException("There are " + weights.length + " sample weights for " + rows + " rows.");
    }
    for (int r = 0; r < rows; r++) {
      double w = weights[r];
      if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
        throw new InputException("The sample weight at row " + r + " is " + w
            + "; weights must be finite and not negative.");
      }
    }
  }
}
