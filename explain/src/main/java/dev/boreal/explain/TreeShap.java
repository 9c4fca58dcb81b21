package dev.boreal.explain;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.histogram.FeatureColumn;
import java.util.List;
import java.util.Map;

/**
 * Exact path-dependent TreeSHAP (Lundberg et al., "From local explanations to global understanding with
 * explainable AI for trees", 2020) for boosted models, forests and multiclass models, in raw-margin space,
 * and SHAP interaction values.
 *
 * <p>The value function is the path-dependent conditional expectation: a feature outside the coalition
 * sends the row down both children of a split on it, weighted by the training rows (covers) that went
 * each way. The expected value of output k is therefore its base score plus each tree's cover-weighted
 * mean leaf value (averaged for a forest), which is what LightGBM's {@code pred_contrib} reports.
 *
 * <p>The values are computed with Linear TreeShap's polynomial form ({@link PathShapKernel}), whose cost
 * per tree and row is linear in the number of nodes, after a once-per-model precomputation
 * ({@link ShapTrees}, {@link PathFactors}). A model is compiled once; an instance is immutable apart from
 * per-thread scratch and safe to share between threads. Batches are split into blocks of at most
 * {@value #BLOCK} rows that go through the model tree by tree, four rows at a time; each row's values
 * are summed tree by tree in model order whatever block and group it is in, so results are bit-identical for
 * any thread count and equal to {@link #explainRow}'s.
 */
public final class TreeShap {
  /**
   * Most rows per block: a tree's factor vectors are read once for all of a block's rows. Measured on a model of
   * 100 trees of 255 leaves (2,000 rows, in one JVM, warm): blocks of 1,024 rows explain 8% more rows a second
   * than blocks of 64 on one thread (2,160 → 2,330) and about 7% more on two.
   */
  static final int BLOCK = 1024;

  /**
   * Rows per parallel block for {@code rows} rows: as many as fit in {@link #BLOCK}, in a number of blocks that
   * is a multiple of the threads so that each thread gets as many equal blocks (a few hundred rows of a large
   * model is seconds of work), in whole groups of four rows so that every row goes through the kernels exactly as
   * it would in a full block.
   */
  static int blockRows(int rows, Parallel parallel) {
    int lanes = PathShapKernel.LANES;
    int threads = parallel.threads();
    int blocks = (rows + BLOCK - 1) / BLOCK;
    blocks = Math.max(threads, (blocks + threads - 1) / threads * threads);
    int perBlock = (rows + blocks - 1) / blocks;
    return Math.max(lanes, (perBlock + lanes - 1) / lanes * lanes);
  }

  private final ShapTrees trees;
  private final Predictor predictor;
  private final ThreadLocal<PathShapKernel> kernels;
  private final ThreadLocal<InteractionKernel> interactionKernels;
  private final ThreadLocal<double[]> encoded;

  private TreeShap(Model model, int iterations) {
    this.predictor = model.predictor(iterations);
    this.trees = new ShapTrees(model, iterations);
    PathFactors factors = new PathFactors(trees);
    this.kernels = ThreadLocal.withInitial(() -> new PathShapKernel(trees, factors));
    this.interactionKernels = ThreadLocal.withInitial(() -> new InteractionKernel(trees, factors));
    this.encoded = ThreadLocal.withInitial(() -> new double[trees.numFeatures]);
  }

  /** Explains the iterations the model predicts with by default ({@link Model#bestIteration()}). */
  public static TreeShap of(Model model) {
    return new TreeShap(model, model.bestIteration());
  }

  /**
   * Explains the model's first {@code iterations} iterations.
   *
   * @throws dev.boreal.UsageException if {@code iterations} is negative or above the model's count
   */
  public static TreeShap of(Model model, int iterations) {
    return new TreeShap(model, iterations);
  }

  /** Number of features of a row, in schema order. */
  public int numFeatures() {
    return trees.numFeatures;
  }

  /** Raw outputs per row (classes for multiclass, else 1). */
  public int numOutputs() {
    return trees.numOutputs;
  }

  /** Feature names in schema order. */
  public List<String> featureNames() {
    return predictor.featureNames();
  }

  /** The expected value (bias) of output k. */
  public double expectedValue(int k) {
    return trees.expected[k];
  }

  /**
   * SHAP values of every row of a set of columns, matched to features by name as the predictor does.
   *
   * @throws dev.boreal.InputException if a feature has no column or a column has the wrong kind
   */
  public ShapValues explain(List<FeatureColumn> columns, Parallel parallel) {
    double[] x = predictor.encoding().encodeRows(columns);
    return explainEncoded(x, rowsOf(x, columns), parallel);
  }

  /**
   * SHAP values of a batch of rows given in schema order, categorical features holding numeric category
   * names as in {@link Predictor#predictRaw(double[], int, double[])}.
   *
   * @param rowMajor {@code rows * numFeatures()} values, row-major; NaN is missing
   */
  public ShapValues explain(double[] rowMajor, int rows, Parallel parallel) {
    return explainEncoded(predictor.encoding().encodeRows(rowMajor, rows), rows, parallel);
  }

  /**
   * SHAP values of one row, without allocating once the calling thread has warmed up. A lone row reads
   * the model's whole precomputed factor set for itself, so it costs several times a row's share of a
   * batch (about 3 ms against 0.7 ms of one core on a 100-tree, 255-leaf model); explain rows in
   * batches when latency allows.
   *
   * @param row {@link #numFeatures()} values in schema order, as for {@link #explain(double[], int, Parallel)}
   * @param out receives {@code numOutputs() * (numFeatures() + 1)} values: per output the features'
   *     contributions then the bias
   */
  public void explainRow(double[] row, double[] out) {
    double[] x = encoded.get();
    predictor.encoding().encodeRow(row, x);
    explainEncodedRow(x, out);
  }

  /**
   * SHAP values of one row given by feature name, as {@link Predictor#predictRaw(Map, double[])}
   * reads it.
   *
   * @param row feature name → value
   * @param out as for {@link #explainRow(double[], double[])}
   * @throws dev.boreal.InputException as {@link Predictor#predictRaw(Map, double[])}
   */
  public void explainRow(Map<String, ?> row, double[] out) {
    double[] x = encoded.get();
    predictor.encoding().encodeRow(row, x);
    explainEncodedRow(x, out);
  }

  /** SHAP values of one row in the encoded form the trees read. */
  private void explainEncodedRow(double[] x, double[] out) {
    int width = trees.numFeatures + 1;
    if (out.length < trees.numOutputs * width) {
      throw new IllegalArgumentException("out holds " + out.length + " values, but a row needs "
          + trees.numOutputs * width);
    }
    for (int i = 0; i < trees.numOutputs * width; i++) {
      out[i] = 0.0;
    }
    PathShapKernel kernel = kernels.get();
    for (int t = 0; t < trees.numTrees; t++) {
      kernel.addTree(t, x, 0, 0, 1, out, trees.treeOutput[t] * width, 0);
    }
    for (int k = 0; k < trees.numOutputs; k++) {
      out[k * width + width - 1] = trees.expected[k];
    }
  }

  /**
   * SHAP interaction values of every row of a set of columns, matched by name.
   *
   * @throws dev.boreal.InputException as {@link #explain(List, Parallel)}
   */
  public ShapInteractions interactions(List<FeatureColumn> columns, Parallel parallel) {
    double[] x = predictor.encoding().encodeRows(columns);
    return interactionsEncoded(x, rowsOf(x, columns), parallel);
  }

  /** SHAP interaction values of a batch of rows given as for {@link #explain(double[], int, Parallel)}. */
  public ShapInteractions interactions(double[] rowMajor, int rows, Parallel parallel) {
    return interactionsEncoded(predictor.encoding().encodeRows(rowMajor, rows), rows, parallel);
  }

  private int rowsOf(double[] encodedRows, List<FeatureColumn> columns) {
    if (trees.numFeatures > 0) {
      return encodedRows.length / trees.numFeatures;
    }
    return columns.isEmpty() ? 0 : columns.get(0).rowCount();
  }

  private ShapValues explainEncoded(double[] x, int rows, Parallel parallel) {
    int f = trees.numFeatures;
    int k = trees.numOutputs;
    int width = f + 1;
    double[] values = new double[checkedSize(rows, (long) k * width)];
    parallel.forBlocks(rows, blockRows(rows, parallel), (block, from, to) -> {
      PathShapKernel kernel = kernels.get();
      // Tree-outer: one tree's nodes and factor vectors are reused by every row of the block.
      for (int t = 0; t < trees.numTrees; t++) {
        int out = trees.treeOutput[t];
        for (int r = from; r < to; r += PathShapKernel.LANES) {
          int lanes = Math.min(PathShapKernel.LANES, to - r);
          kernel.addTree(t, x, r * f, f, lanes, values, (r * k + out) * width, k * width);
        }
      }
      for (int r = from; r < to; r++) {
        for (int j = 0; j < k; j++) {
          values[(r * k + j) * width + f] = trees.expected[j];
        }
      }
    });
    return new ShapValues(rows, k, f, values, trees.expected.clone());
  }

  private ShapInteractions interactionsEncoded(double[] x, int rows, Parallel parallel) {
    ShapValues shap = explainEncoded(x, rows, parallel);
    int f = trees.numFeatures;
    int k = trees.numOutputs;
    int width = f + 1;
    int square = width * width;
    double[] values = new double[checkedSize(rows, (long) k * square)];
    parallel.forBlocks(rows, blockRows(rows, parallel), (block, from, to) -> {
      InteractionKernel kernel = interactionKernels.get();
      for (int t = 0; t < trees.numTrees; t++) {
        int out = trees.treeOutput[t];
        for (int r = from; r < to; r++) {
          kernel.addTree(t, x, r * f, values, (r * k + out) * square, width);
        }
      }
      // The diagonal is what the pairs leave of each SHAP value, so every row sums to it.
      for (int r = from; r < to; r++) {
        for (int j = 0; j < k; j++) {
          int at = (r * k + j) * square;
          int phiAt = shap.offset(r, j);
          for (int i = 0; i < f; i++) {
            double offDiagonal = 0;
            for (int c = 0; c < f; c++) {
              offDiagonal += c == i ? 0.0 : values[at + i * width + c];
            }
            values[at + i * width + i] = shap.raw()[phiAt + i] - offDiagonal;
          }
          values[at + f * width + f] = trees.expected[j];
        }
      }
    });
    return new ShapInteractions(rows, k, f, values, trees.expected.clone());
  }

  /** {@code rows * perRow} as an array length, or a clear error when it does not fit in one array. */
  static int checkedSize(int rows, long perRow) {
    long size = rows * perRow;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(rows + " rows need " + size
          + " values, more than one array holds; explain them in smaller batches");
    }
    return (int) size;
  }
}
