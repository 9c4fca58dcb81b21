package dev.boreal.explain;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.Rng;
import java.util.Arrays;

/**
 * Model-agnostic KernelSHAP (Lundberg and Lee 2017): SHAP values of any function of rows, estimated by a
 * weighted linear regression over coalitions of features against a background sample. It explains models
 * that are not trees (the neural-net module) and serves as an independent check of the tree explainers.
 *
 * <p>The value of a coalition S for a row x is the mean over background rows b of {@code f(x_S, b_rest)},
 * as for interventional TreeSHAP, so the two agree when every coalition is evaluated. Per row, features
 * whose value equals every background row's value cannot change f and get zero; over the others (M of
 * them) {@link Coalitions} chooses coalitions with Shapley-kernel weights: all {@code 2^M - 2} when they
 * fit in {@code samples}, which makes the result exact, else a shap-style mix of complete small sizes and
 * paired samples. The regression is constrained so that the values add up to
 * {@code f(x) - E[f(background)]}: the last varying feature is eliminated and the rest solved by least
 * squares (Householder QR on the square-root-weighted system, which is stabler than normal equations).
 *
 * <p>Randomness comes from the seed and the row's index only, and each row is explained by one thread,
 * so results are bit-identical for any thread count. The function is called from several threads at once
 * and must be thread-safe (a {@link dev.boreal.engine.model.Predictor} is).
 */
public final class KernelShap {
  /** A model seen as a function of rows: raw outputs of a batch of rows. */
  public interface RowFunction {
    /**
     * Writes the raw outputs of {@code rows} rows.
     *
     * @param rowMajor {@code rows * features} values, row-major
     * @param rows number of rows
     * @param outRowMajor receives {@code rows * outputs} values, row-major
     */
    void predictRaw(double[] rowMajor, int rows, double[] outRowMajor);
  }

  /** Rows per call of the function: large enough to amortise a call, small enough to stay in cache. */
  private static final int BATCH_ROWS = 2048;

  private final RowFunction function;
  private final double[] background;
  private final int backgroundRows;
  private final int features;
  private final int outputs;
  private final int samples;
  private final long seed;
  private final double[] expected;
  private final ThreadLocal<KernelRegression> workers;

  /**
   * A KernelSHAP explainer.
   *
   * @param f the model's raw outputs; thread-safe
   * @param backgroundRowMajor {@code backgroundRows * features} values (copied), as f reads them
   * @param backgroundRows background rows (a sample of 50 to 200 is usual)
   * @param features values per row
   * @param outputs raw outputs per row
   * @param samples coalitions evaluated per row; {@code 2^F - 2} or more makes the values exact
   * @param seed seed of the coalition sampling
   */
  public KernelShap(RowFunction f, double[] backgroundRowMajor, int backgroundRows, int features,
      int outputs, int samples, long seed) {
    if (backgroundRows < 1 || features < 0 || outputs < 1 || samples < 1
        || backgroundRowMajor.length < (long) backgroundRows * features) {
      throw new IllegalArgumentException("KernelSHAP needs at least one background row of " + features
          + " features, one output and one sample; got " + backgroundRows + " rows in "
          + backgroundRowMajor.length + " values, " + outputs + " outputs, " + samples + " samples");
    }
    this.function = f;
    this.background = Arrays.copyOf(backgroundRowMajor, backgroundRows * features);
    this.backgroundRows = backgroundRows;
    this.features = features;
    this.outputs = outputs;
    this.samples = samples;
    this.seed = seed;
    double[] out = new double[backgroundRows * outputs];
    f.predictRaw(background, backgroundRows, out);
    this.expected = new double[outputs];
    for (int b = 0; b < backgroundRows; b++) {
      for (int k = 0; k < outputs; k++) {
        expected[k] += out[b * outputs + k];
      }
    }
    for (int k = 0; k < outputs; k++) {
      expected[k] /= backgroundRows;
    }
    this.workers = ThreadLocal.withInitial(() -> new KernelRegression(features, outputs, backgroundRows,
        samples, Math.max(1, BATCH_ROWS / backgroundRows)));
  }

  /** The expected value of output k: the mean raw output over the background. */
  public double expectedValue(int k) {
    return expected[k];
  }

  /**
   * SHAP values of a batch of rows.
   *
   * @param rowMajor {@code rows * features} values, row-major, as the function reads them
   * @param rows number of rows
   */
  public ShapValues explain(double[] rowMajor, int rows, Parallel parallel) {
    if (rows < 0 || rowMajor.length < (long) rows * features) {
      throw new IllegalArgumentException(rows + " rows of " + features + " features need "
          + (long) rows * features + " values, but " + rowMajor.length + " were given");
    }
    int stride = features + 1;
    double[] values = new double[TreeShap.checkedSize(rows, (long) outputs * stride)];
    parallel.forBlocks(rows, 1, (block, from, to) -> {
      KernelRegression worker = workers.get();
      for (int r = from; r < to; r++) {
        worker.explain(this, rowMajor, r, new Rng(seed, r), values, r * outputs * stride);
      }
    });
    return new ShapValues(rows, outputs, features, values, expected.clone());
  }

  /**
   * Means over the background of f on hybrid rows: for each coalition c in {@code [from, to)}, row x's
   * values where the coalition holds a player, the background row's elsewhere.
   *
   * @param playerFeature the feature of each player (varying feature)
   * @param hybrid scratch of {@code (to-from) * backgroundRows * features} values
   * @param predictions scratch of {@code (to-from) * backgroundRows * outputs} values
   * @param means receives {@code outputs} means per coalition, from {@code means[from * outputs]}
   */
  void coalitionMeans(double[] x, int xAt, Coalitions coalitions, int[] playerFeature, int players,
      int from, int to, double[] hybrid, double[] predictions, double[] means) {
    int n = 0;
    for (int c = from; c < to; c++) {
      for (int b = 0; b < backgroundRows; b++, n++) {
        System.arraycopy(background, b * features, hybrid, n * features, features);
        for (int p = 0; p < players; p++) {
          if (coalitions.contains(c, p)) {
            int f = playerFeature[p];
            hybrid[n * features + f] = x[xAt + f];
          }
        }
      }
    }
    function.predictRaw(hybrid, n, predictions);
    for (int c = from, row = 0; c < to; c++) {
      for (int k = 0; k < outputs; k++) {
        means[c * outputs + k] = 0;
      }
      for (int b = 0; b < backgroundRows; b++, row++) {
        for (int k = 0; k < outputs; k++) {
          means[c * outputs + k] += predictions[row * outputs + k];
        }
      }
      for (int k = 0; k < outputs; k++) {
        means[c * outputs + k] /= backgroundRows;
      }
    }
  }

  /** Whether feature f of the row equals it in every background row (NaN equal to NaN). */
  boolean constantAgainstBackground(double[] x, int xAt, int f) {
    double v = x[xAt + f];
    for (int b = 0; b < backgroundRows; b++) {
      if (Double.compare(background[b * features + f] + 0.0, v + 0.0) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Calls the function on one row (used for f(x)). */
  void predictOne(double[] row, double[] out) {
    function.predictRaw(row, 1, out);
  }

  int outputs() {
    return outputs;
  }

  int features() {
    return features;
  }

  double expected(int k) {
    return expected[k];
  }
}
