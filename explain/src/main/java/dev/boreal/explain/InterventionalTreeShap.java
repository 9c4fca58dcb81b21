package dev.boreal.explain;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.histogram.FeatureColumn;
import java.util.List;

/**
 * Exact interventional TreeSHAP against a background data set (Lundberg et al. 2020, "Independent
 * TreeSHAP"; the {@code shap} library's {@code feature_perturbation="interventional"}): the value of a
 * coalition S is the mean over background rows b of {@code f(x_S, b_rest)}, so SHAP values explain the
 * raw score against the background's mean raw score, which is the expected value.
 *
 * <p>For one row x, one background row b and one tree, a leaf is reached by {@code (x_S, b_rest)} exactly
 * when S holds every feature X of the path on which the path follows x but not b, and no feature B on
 * which it follows b but not x. That single-leaf game gives each feature of X the Shapley value
 * {@code v (|X|-1)! |B|! / (|X|+|B|)!} and each of B {@code -v |X|! (|B|-1)! / (|X|+|B|)!}. One walk down
 * the tree branches only where x and b part ways on a feature not yet decided, visits each node at most
 * once, and sums these terms bottom-up, so the cost is {@code O(nodes)} per tree, row and background row.
 *
 * <p>The background's routing is precomputed (one bit per node and background row). An instance is
 * immutable apart from per-thread scratch and safe to share; every row sums over trees and then
 * background rows in a fixed order, so results are bit-identical for any thread count.
 */
public final class InterventionalTreeShap {
  private final ShapTrees trees;
  private final Predictor predictor;
  private final int backgroundRows;
  private final long[] backgroundLeft;
  private final int wordsPerRow;
  private final double[] expected;
  /** {@code weight[s * width + r] = s! r! / (s + r + 1)!}: the Shapley weight of a single-leaf game. */
  private final double[] weight;
  private final int width;
  private final ThreadLocal<Walker> walkers;

  private InterventionalTreeShap(Model model, int iterations, double[] background, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("interventional TreeSHAP needs at least one background row");
    }
    this.predictor = model.predictor(iterations);
    this.trees = new ShapTrees(model, iterations);
    this.backgroundRows = rows;
    int nodes = trees.feature.length;
    this.wordsPerRow = (nodes + 63) >>> 6;
    this.backgroundLeft = new long[TreeShap.checkedSize(rows, wordsPerRow)];
    int f = trees.numFeatures;
    double[] sums = new double[trees.numOutputs];
    for (int b = 0; b < rows; b++) {
      for (int g = 0; g < nodes; g++) {
        if (trees.feature[g] >= 0 && trees.goesLeft(g, background, b * f)) {
          backgroundLeft[b * wordsPerRow + (g >>> 6)] |= 1L << g;
        }
      }
      for (int t = 0; t < trees.numTrees; t++) {
        sums[trees.treeOutput[t]] += trees.value[trees.leafOf(t, background, b * f)];
      }
    }
    this.expected = new double[trees.numOutputs];
    for (int k = 0; k < expected.length; k++) {
      expected[k] = model.baseScore(k) + sums[k] / rows;
    }
    this.width = Math.min(f, trees.maxDepth) + 1;
    this.weight = new double[width * width];
    for (int s = 0; s < width; s++) {
      weight[s * width] = 1.0 / (s + 1);
      for (int r = 1; r < width; r++) {
        weight[s * width + r] = weight[s * width + r - 1] * r / (s + r + 1);
      }
    }
    this.walkers = ThreadLocal.withInitial(Walker::new);
  }

  /**
   * An explainer of the iterations the model predicts with by default, against background columns
   * matched to features by name.
   *
   * @throws dev.boreal.InputException if a feature has no column or a column has the wrong kind
   */
  public static InterventionalTreeShap of(Model model, List<FeatureColumn> background) {
    return of(model, model.bestIteration(), background);
  }

  /** An explainer of the first {@code iterations} iterations against background columns. */
  public static InterventionalTreeShap of(Model model, int iterations, List<FeatureColumn> background) {
    double[] x = model.predictor(iterations).encoding().encodeRows(background);
    int rows = model.numFeatures() == 0 ? (background.isEmpty() ? 0 : background.get(0).rowCount())
        : x.length / model.numFeatures();
    return new InterventionalTreeShap(model, iterations, x, rows);
  }

  /**
   * An explainer against background rows given in schema order, categorical features holding numeric
   * category names as in {@link Predictor#predictRaw(double[], int, double[])}.
   */
  public static InterventionalTreeShap of(Model model, double[] backgroundRowMajor, int rows) {
    double[] x = model.predictor(model.bestIteration()).encoding().encodeRows(backgroundRowMajor, rows);
    return new InterventionalTreeShap(model, model.bestIteration(), x, rows);
  }

  /** Number of background rows. */
  public int backgroundRows() {
    return backgroundRows;
  }

  /** The expected value of output k: the model's mean raw score over the background. */
  public double expectedValue(int k) {
    return expected[k];
  }

  /** SHAP values of every row of a set of columns, matched to features by name. */
  public ShapValues explain(List<FeatureColumn> columns, Parallel parallel) {
    double[] x = predictor.encoding().encodeRows(columns);
    int rows = trees.numFeatures == 0 ? (columns.isEmpty() ? 0 : columns.get(0).rowCount())
        : x.length / trees.numFeatures;
    return explainEncoded(x, rows, parallel);
  }

  /** SHAP values of a batch of rows given in schema order, as for {@link #of(Model, double[], int)}. */
  public ShapValues explain(double[] rowMajor, int rows, Parallel parallel) {
    return explainEncoded(predictor.encoding().encodeRows(rowMajor, rows), rows, parallel);
  }

  private ShapValues explainEncoded(double[] x, int rows, Parallel parallel) {
    int f = trees.numFeatures;
    int k = trees.numOutputs;
    int stride = f + 1;
    double[] values = new double[TreeShap.checkedSize(rows, (long) k * stride)];
    parallel.forBlocks(rows, TreeShap.blockRows(rows, parallel), (block, from, to) -> {
      Walker walker = walkers.get();
      for (int t = 0; t < trees.numTrees; t++) {
        for (int r = from; r < to; r++) {
          walker.addTree(t, x, r * f, values, (r * k + trees.treeOutput[t]) * stride);
        }
      }
      double scale = 1.0 / backgroundRows;
      for (int r = from; r < to; r++) {
        for (int j = 0; j < k; j++) {
          int at = (r * k + j) * stride;
          for (int i = 0; i < f; i++) {
            values[at + i] *= scale;
          }
          values[at + f] = expected[j];
        }
      }
    });
    return new ShapValues(rows, k, f, values, expected.clone());
  }

  /** One thread's scratch and the tree walk; sums over background rows (the caller divides by their count). */
  private final class Walker {
    private static final byte UNSEEN = 0;
    private static final byte ROW = 1;
    private static final byte BACKGROUND = 2;

    private final boolean[] rowLeft = new boolean[trees.maxNodes];
    private final byte[] side = new byte[trees.numFeatures];
    private double[] phi;
    private int phiAt;
    private int bits;
    private int base;
    /** What the last {@link #walk} returned: the sums of the row-side and background-side leaf terms. */
    private double pos;
    private double neg;

    void addTree(int t, double[] x, int xAt, double[] out, int outAt) {
      base = trees.treeBase[t];
      int n = trees.size(t);
      if (n == 1) {
        return;
      }
      for (int i = 0; i < n; i++) {
        if (trees.feature[base + i] >= 0) {
          rowLeft[i] = trees.goesLeft(base + i, x, xAt);
        }
      }
      phi = out;
      phiAt = outAt;
      for (int b = 0; b < backgroundRows; b++) {
        bits = b * wordsPerRow;
        walk(base, 0, 0);
      }
    }

    /** Walks from node g with a row-side and b background-side features decided; sets pos and neg. */
    private void walk(int g, int a, int b) {
      int[] feature = trees.feature;
      while (true) {
        int f = feature[g];
        if (f < 0) {
          double v = trees.value[g];
          pos = a > 0 ? v * weight[(a - 1) * width + b] : 0.0;
          neg = b > 0 ? v * weight[a * width + b - 1] : 0.0;
          return;
        }
        boolean xLeft = rowLeft[g - base];
        boolean bLeft = (backgroundLeft[bits + (g >>> 6)] & (1L << g)) != 0;
        int xChild = xLeft ? g + 1 : trees.right[g];
        if (xLeft == bLeft || side[f] == ROW) {
          g = xChild;
        } else if (side[f] == BACKGROUND) {
          g = bLeft ? g + 1 : trees.right[g];
        } else {
          side[f] = ROW;
          walk(xChild, a + 1, b);
          double rowPos = pos;
          double rowNeg = neg;
          side[f] = BACKGROUND;
          walk(bLeft ? g + 1 : trees.right[g], a, b + 1);
          side[f] = UNSEEN;
          // f is on the row side for every leaf below the row's child, on the background side below b's.
          phi[phiAt + f] += rowPos - neg;
          pos += rowPos;
          neg += rowNeg;
          return;
        }
      }
    }
  }
}
