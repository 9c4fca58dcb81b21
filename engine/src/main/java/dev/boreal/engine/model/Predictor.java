package dev.boreal.engine.model;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scores rows with a {@link Model}: compiled once into flat arrays ({@link FlatTrees}), then thread-safe
 * and allocation-free per row. Obtain one with {@link Model#predictor()} or {@link Model#predictor(int)}.
 *
 * <p>Rows come as a {@code double[]} in schema order, a row-major batch, Arrow-backed
 * {@link FeatureColumn}s matched by name, or a {@code Map} from feature name to value. This class turns
 * each into the kernel's encoded form: numeric values stay as they are, except that a value the feature's
 * {@link BinMapper} counts missing becomes NaN (NaN itself, and zeros within
 * {@link BinMapper#ZERO_THRESHOLD} when the feature's zeros are missing), which the trees send to the default
 * side, and that NaN (and a missing value) becomes 0.0 when the feature's NaN is zero ({@code use_missing=false});
 * a categorical value becomes the bin its mapper gives it, a missing value its missing bin and an
 * unknown category its unknown bin (the same "other/missing" bin unless the mapper keeps a separate one).
 *
 * <p>In a {@code double[]} row a categorical feature holds the category's code, its numeric name:
 * {@code 3.0} means category "3", the way LightGBM users encode categories as integers, and
 * {@link #categoryCode} gives it for a name. A number that names none of the feature's categories (99, or
 * any number when the categories are text) is an {@link InputException} naming the feature and the code;
 * NaN is missing, which is also how the model scores a category it does not know (a rare one in training, or
 * a new one). Only a feature with an unknown bin apart from its missing bin takes such a code into that bin:
 * imported XGBoost and LightGBM models, which list only the categories their splits name and score any other
 * code as their library does. Categories whose names are not numbers can only be given through the Map or column APIs,
 * where a name the model has not seen takes the unknown bin.
 *
 * <p>Every row the caller gets wrong (a {@code double[]} of the wrong length or with an unknown category
 * code, a map without a feature or with a value of the wrong type, columns that lack a feature or hold it
 * with the wrong kind) is an {@link InputException} whose message names the feature, and the row within a
 * batch.
 *
 * <p>Raw scores are {@code baseScore(k)} plus the sum (boosting) or mean (forest) of output k's trees over
 * the used iterations, added in iteration order: a boosted model adds each tree to the base score, as
 * training accumulates its scores; a forest sums the trees from zero and adds their mean to the base score.
 */
public final class Predictor {
  private final Model model;
  private final FlatTrees trees;
  private final Link link;
  private final List<String> featureNames;
  private final RowEncoder encoder;
  private final RowEncoding encoding;
  /** Per thread: an encoded row, then room for one row of outputs. */
  private final ThreadLocal<double[]> scratch;

  Predictor(Model model, int iterations) {
    this(model, iterations, false, false);
  }

  private Predictor(Model model, int iterations, boolean portable, boolean compile) {
    if (iterations < 0 || iterations > model.numIterations()) {
      throw new UsageException("The model has " + model.numIterations()
          + " iterations, so prediction cannot use " + iterations + ".");
    }
    this.model = model;
    this.trees = new FlatTrees(model, iterations, portable, compile);
    this.link = model.link();
    this.featureNames = model.featureNames();
    this.encoder = new RowEncoder(model);
    this.encoding = new RowEncoding(encoder, featureNames);
    int features = model.numFeatures();
    int width = features + model.numOutputs();
    this.scratch = ThreadLocal.withInitial(() -> new double[width]);
  }

  /**
   * A predictor over the same model and iterations that walks the trees node by node on the values
   * themselves, comparing each with the split's threshold, instead of first coding each row's values by the
   * model's thresholds and comparing ranks. It gives bit for bit the same scores and leaves through every
   * method, more slowly: it is the reference the default walk is tested against.
   */
  public Predictor portable() {
    return trees.ranked() ? new Predictor(model, trees.iterations(), true, false) : this;
  }

  /**
   * A predictor over the same model and iterations whose batches run each tree compiled to bytecode: nested
   * compares with the thresholds as constants, which the JIT turns into machine code with no node records to
   * read. Scores and leaves are bit for bit this predictor's; rows scored one at a time keep the ranked walk.
   *
   * <p>It is for a long-lived predictor that scores many rows, such as a service's: compiling takes about a
   * tenth of a second for 100 trees of 255 leaves, and the JIT then compiles the trees' code while the first
   * million or so rows are scored, slower than this predictor until it has. On that model, once warm, batches
   * ran about 1.5 times as fast on two threads. A model with a tree of more than 4,095 splits (a forest's
   * fully grown trees) is not compiled, since its code outgrows the processor's instruction caches and runs
   * slower than the ranked walk; this predictor is returned instead.
   */
  public Predictor compiled() {
    if (trees.compiled() != null) {
      return this;
    }
    Predictor compiled = new Predictor(model, trees.iterations(), false, true);
    return compiled.trees.compiled() != null ? compiled : this;
  }

  /** Number of features a row holds, in schema order. */
  public int numFeatures() {
    return trees.numFeatures();
  }

  /** Number of outputs per row: the number of classes for multiclass, else 1. */
  public int numOutputs() {
    return trees.numOutputs();
  }

  /** Feature names in schema order: the order of a {@code double[]} row. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** How this predictor encodes rows for its trees: the form explanations walk the trees on. */
  public RowEncoding encoding() {
    return encoding;
  }

  /** Number of boosting (or forest) iterations this predictor uses. */
  public int iterations() {
    return trees.iterations();
  }

  /**
   * Raw scores (margins) of one row.
   *
   * @param row feature values in schema order; NaN is missing (0.0 where the feature's NaN is zero); categorical
   *     features hold numeric names
   * @param out receives {@link #numOutputs()} raw scores
   * @throws InputException if the row's length is not {@link #numFeatures()} or it holds an unknown category code
   */
  public void predictRaw(double[] row, double[] out) {
    encoding.checkRow(row);
    checkOut(out, 1);
    trees.raw(encode(row), 0, 1, out, 0);
  }

  /**
   * The code a {@code double[]} row holds for category {@code name} of categorical feature {@code feature}: the
   * number the name spells ({@code "3"} gives 3.0). Look codes up once, not per row.
   *
   * @throws InputException if the model has no such categorical feature or category, or the category is named
   *     by text (such rows go through the Map or column APIs)
   */
  public double categoryCode(String feature, String name) {
    return encoder.categoryCode(feature, name);
  }

  /**
   * Predictions of one row: raw scores through the model's link (probabilities for classifiers, exp for
   * count models, raw scores otherwise).
   *
   * @param row feature values in schema order, as for {@link #predictRaw(double[], double[])}
   * @param out receives {@link #numOutputs()} predictions
   */
  public void predict(double[] row, double[] out) {
    predictRaw(row, out);
    link.transformRow(out, 0, numOutputs(), out);
  }

  /**
   * The prediction of one row of a single-output model.
   *
   * @param row feature values in schema order, as for {@link #predictRaw(double[], double[])}
   * @throws UsageException if the model has more than one output
   * @throws InputException as {@link #predictRaw(double[], double[])}
   */
  public double predict(double[] row) {
    if (numOutputs() != 1) {
      throw new UsageException("The model has " + numOutputs() + " outputs, so predict(double[]) cannot return "
          + "one number; pass an output array.");
    }
    encoding.checkRow(row);
    double[] x = encode(row);
    double[] s = scratch.get();
    int at = numFeatures();
    trees.raw(x, 0, 1, s, at);
    link.transformRow(s, at, 1, s);
    return s[at];
  }

  /**
   * Raw scores of a batch of rows.
   *
   * @param rowMajor {@code rows * numFeatures()} values, row r starting at {@code r * numFeatures()}
   * @param rows number of rows
   * @param out receives {@code rows * numOutputs()} scores, row-major
   */
  public void predictRaw(double[] rowMajor, int rows, double[] out) {
    try (Parallel inline = new Parallel(1)) {
      predictRaw(rowMajor, rows, out, inline);
    }
  }

  /**
   * Raw scores of a batch of rows on the threads of {@code parallel}: fixed chunks of rows are scored at
   * once, and every row gets exactly the scores {@link #predictRaw(double[], int, double[])} gives it.
   *
   * @param rowMajor {@code rows * numFeatures()} values, row r starting at {@code r * numFeatures()}
   * @param rows number of rows
   * @param out receives {@code rows * numOutputs()} scores, row-major
   * @param parallel the threads to score on
   */
  public void predictRaw(double[] rowMajor, int rows, double[] out, Parallel parallel) {
    encoding.checkRows(rowMajor, rows);
    checkOut(out, rows);
    int k = numOutputs();
    encoder.encodeRows(rowMajor, rows, parallel, (block, at, from, n) -> trees.raw(block, at, n, out, from * k));
  }

  /**
   * Predictions of a batch of rows: {@link #predictRaw(double[], int, double[])} through the link.
   *
   * @param rowMajor {@code rows * numFeatures()} values, row-major
   * @param rows number of rows
   * @param out receives {@code rows * numOutputs()} predictions, row-major
   */
  public void predict(double[] rowMajor, int rows, double[] out) {
    predictRaw(rowMajor, rows, out);
    transformRows(rows, out);
  }

  /**
   * Raw scores of every row of a set of columns. Columns are matched to the schema by name, in any
   * order; columns that are not features are ignored.
   *
   * @param columns one column per feature at least, all of the same length
   * @param out receives {@code rows * numOutputs()} scores, row-major
   * @throws InputException if a feature has no column, is given twice, has a column of the wrong kind
   *     (numeric versus categorical), or the feature columns differ in length
   */
  public void predictRaw(List<FeatureColumn> columns, double[] out) {
    try (Parallel inline = new Parallel(1)) {
      predictRaw(columns, out, inline);
    }
  }

  /**
   * Raw scores of every row of a set of columns on the threads of {@code parallel}; each row's scores are
   * those {@link #predictRaw(List, double[])} gives it.
   *
   * @param columns one column per feature at least, all of the same length
   * @param out receives {@code rows * numOutputs()} scores, row-major
   * @param parallel the threads to score on
   * @throws InputException as {@link #predictRaw(List, double[])}
   */
  public void predictRaw(List<FeatureColumn> columns, double[] out, Parallel parallel) {
    rawColumns(columns, out, parallel);
  }

  /** Scores the columns into {@code out} and returns the number of rows. */
  private int rawColumns(List<FeatureColumn> columns, double[] out, Parallel parallel) {
    int k = numOutputs();
    return encoder.encodeColumns(columns, out.length / Math.max(1, k), parallel,
        (block, at, from, n) -> trees.raw(block, at, n, out, from * k));
  }

  /**
   * The leaf every row of a set of columns reaches in each used tree: {@code out[row * trees + t]} is the
   * leaf of tree t (iteration-major, as {@link #predictLeaves(double[], int[])}).
   *
   * @param columns one column per feature at least, matched by name
   * @param out receives {@code rows * iterations() * numOutputs()} leaf indices, row-major
   * @throws InputException as {@link #predictRaw(List, double[])}
   */
  public void predictLeaves(List<FeatureColumn> columns, int[] out) {
    try (Parallel inline = new Parallel(1)) {
      predictLeaves(columns, out, inline);
    }
  }

  /**
   * {@link #predictLeaves(List, int[])} on the threads of {@code parallel}.
   *
   * @param columns one column per feature at least, matched by name
   * @param out receives {@code rows * iterations() * numOutputs()} leaf indices, row-major
   * @param parallel the threads to work on
   * @throws InputException as {@link #predictRaw(List, double[])}
   */
  public void predictLeaves(List<FeatureColumn> columns, int[] out, Parallel parallel) {
    int perRow = trees.numTrees();
    int f = numFeatures();
    encoder.encodeColumns(columns, out.length / Math.max(1, perRow), parallel, (block, at, from, n) -> {
      for (int r = 0; r < n; r++) {
        trees.leaves(block, at + r * f, out, (from + r) * perRow);
      }
    });
  }

  /**
   * Predictions of every row of a set of columns: {@link #predictRaw(List, double[])} through the link.
   *
   * @param columns one column per feature at least, matched by name
   * @param out receives {@code rows * numOutputs()} predictions, row-major
   * @throws InputException as {@link #predictRaw(List, double[])}
   */
  public void predict(List<FeatureColumn> columns, double[] out) {
    try (Parallel inline = new Parallel(1)) {
      transformRows(rawColumns(columns, out, inline), out);
    }
  }

  /**
   * Raw scores of one row given by feature name. A value may be a {@link Number}, a {@link String} (a
   * category name, or a number in text for a numeric feature; an empty string is missing), a
   * {@link Boolean} (1 or 0) or {@code null} (missing). Keys that are not features are ignored.
   *
   * @param row feature name → value; every feature must be a key
   * @param out receives {@link #numOutputs()} raw scores
   * @throws InputException if a feature is absent, or a value has the wrong type or does not parse
   */
  public void predictRaw(Map<String, ?> row, double[] out) {
    predictRaw(row, scratch.get(), out);
  }

  /**
   * Raw scores of one row given by feature name, as {@link #predictRaw(Map, double[])}, leaving the row's
   * encoded form ({@link RowEncoding#encodeRow(Map, double[])}) in {@code encoded}: a caller that also bins
   * the row's values (to count them for drift, say) reads them there instead of converting the row twice.
   *
   * @param row feature name → value; every feature must be a key
   * @param encoded receives the row's {@link #numFeatures()} encoded values
   * @param out receives {@link #numOutputs()} raw scores
   * @throws InputException as {@link #predictRaw(Map, double[])}
   */
  public void predictRaw(Map<String, ?> row, double[] encoded, double[] out) {
    checkOut(out, 1);
    if (encoded.length < numFeatures()) {
      throw new IllegalArgumentException("encoded holds " + encoded.length + " values, but a row has "
          + numFeatures());
    }
    encoding.encodeRow(row, encoded);
    trees.raw(encoded, 0, 1, out, 0);
  }

  /**
   * Predictions of one row given by feature name: {@link #predictRaw(Map, double[])} through the link.
   *
   * @param row feature name → value, as for {@link #predictRaw(Map, double[])}
   * @param out receives {@link #numOutputs()} predictions
   * @throws InputException as {@link #predictRaw(Map, double[])}
   */
  public void predict(Map<String, ?> row, double[] out) {
    predictRaw(row, out);
    link.transformRow(out, 0, numOutputs(), out);
  }

  /**
   * The leaf one row reaches in each used tree: {@code out[i * numOutputs() + k]} is the leaf (index
   * within its tree) of output k's tree in iteration i.
   *
   * @param row feature values in schema order, as for {@link #predictRaw(double[], double[])}
   * @param out receives {@code iterations() * numOutputs()} leaf indices
   */
  public void predictLeaves(double[] row, int[] out) {
    encoding.checkRow(row);
    if (out.length < trees.numTrees()) {
      throw new IllegalArgumentException("out holds " + out.length + " leaves, but the predictor uses "
          + trees.numTrees() + " trees");
    }
    trees.leaves(encode(row), out);
  }

  /** The row itself when it needs no encoding ({@link #encodesNumbers()}), else an encoded per-thread copy. */
  private double[] encode(double[] row) {
    if (!encoder.encodesNumbers()) {
      return row;
    }
    double[] x = scratch.get();
    System.arraycopy(row, 0, x, 0, row.length);
    encoder.encodeInPlace(x, 0, -1);
    return x;
  }

  private void transformRows(int rows, double[] out) {
    int k = numOutputs();
    for (int r = 0; r < rows; r++) {
      link.transformRow(out, r * k, k, out);
    }
  }

  private void checkOut(double[] out, int rows) {
    if (out.length < (long) rows * numOutputs()) {
      throw new IllegalArgumentException(rows + " rows need " + (long) rows * numOutputs()
          + " outputs, but out holds " + out.length);
    }
  }
}
