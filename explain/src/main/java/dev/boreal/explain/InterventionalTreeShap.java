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
 * {@code v (|X|-1)! |B|! / (|X|+|B|)!} and each of B {@code -v |X|! (|B|-1)! / (|X|+|B|)!}. A walk down
 * the tree for one background row branches only where x and b part ways on a feature not yet decided, visits
 * each node at most once, and sums these terms bottom-up.
 *
 * <p>All background rows go down together: the walk carries the set of background rows (a bitset) that
 * reach a node with the same features decided the same way, so they share the node's terms. At a node on an
 * undecided feature the rows that go x's way continue as they are, and those that part ways branch as one
 * set; at a node on a feature decided for the background, each row takes its own side. Rows that stay together
 * share each node's work (100 background rows, a model of 100 trees of 255 leaves on two threads: 782 rows a second
 * against 530 with one walk per background row). Each leaf's term is the count of rows reaching it times the one
 * row's term; the sums come in another order than one walk per row's, so values move in the last bits (at most
 * 3e-14 on that model).
 *
 * <p>The background's routing is precomputed (per node, one bit per background row). An instance is
 * immutable apart from per-thread scratch and safe to share; every row sums its trees in a fixed order, so
 * results are bit-identical for any thread count.
 */
public final class InterventionalTreeShap {
  private final ShapTrees trees;
  private final Predictor predictor;
  private final int backgroundRows;
  /** Per node g, the background rows that go left there: {@code rowWords} longs from {@code g * rowWords}. */
  private final long[] leftRows;
  /** Longs in a set of background rows. */
  private final int rowWords;
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
    this.rowWords = (rows + 63) >>> 6;
    this.leftRows = new long[TreeShap.checkedSize(nodes, rowWords)];
    int f = trees.numFeatures;
    double[] sums = new double[trees.numOutputs];
    for (int b = 0; b < rows; b++) {
      for (int g = 0; g < nodes; g++) {
        if (trees.feature[g] >= 0 && trees.goesLeft(g, background, b * f)) {
          leftRows[g * rowWords + (b >>> 6)] |= 1L << b;
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
    /**
     * Sets of background rows: the whole background first, then two sets for each level of recursion (a walk
     * recurses only into a child, so the levels are at most the tree's depth).
     */
    private final long[] sets = new long[(2 * trees.maxDepth + 3) * rowWords];
    private double[] phi;
    private int phiAt;
    private int base;
    /** What the last {@link #walk} returned: the sums of the row-side and background-side leaf terms. */
    private double pos;
    private double neg;

    Walker() {
      for (int b = 0; b < backgroundRows; b++) {
        sets[b >>> 6] |= 1L << b;
      }
    }

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
      walk(base, 0, 0, 0, 0);
    }

    /**
     * Walks from node g the background rows of the set at {@code sets[at ..]} (not empty), which all reach g
     * with a row-side and b background-side features decided the same way; sets pos and neg to their terms'
     * sums. {@code level} is the recursion's depth, whose two sets this call splits into.
     */
    private void walk(int g, int at, int level, int a, int b) {
      int[] feature = trees.feature;
      int words = rowWords;
      int left = (1 + 2 * level) * words;
      int right = left + words;
      int next = level + 1;
      while (true) {
        int f = feature[g];
        if (f < 0) {
          long count = 0;
          for (int w = 0; w < words; w++) {
            count += Long.bitCount(sets[at + w]);
          }
          double v = trees.value[g] * count;
          pos = a > 0 ? v * weight[(a - 1) * width + b] : 0.0;
          neg = b > 0 ? v * weight[a * width + b - 1] : 0.0;
          return;
        }
        boolean xLeft = rowLeft[g - base];
        int xChild = xLeft ? g + 1 : trees.right[g];
        int otherChild = xLeft ? trees.right[g] : g + 1;
        if (side[f] == ROW) {
          g = xChild;
          continue;
        }
        // Split the set: rows that go x's way at g into "left", the others into "right".
        boolean anyWith = false;
        boolean anyApart = false;
        int bits = g * words;
        for (int w = 0; w < words; w++) {
          long goLeft = leftRows[bits + w];
          long with = sets[at + w] & (xLeft ? goLeft : ~goLeft);
          long apart = sets[at + w] & ~with;
          sets[left + w] = with;
          sets[right + w] = apart;
          anyWith |= with != 0;
          anyApart |= apart != 0;
        }
        if (!anyApart) {
          g = xChild;
          continue;
        }
        if (side[f] == BACKGROUND) {
          // Decided for the background: every row takes its own side.
          if (!anyWith) {
            g = otherChild;
            continue;
          }
          walk(xChild, left, next, a, b);
          double withPos = pos;
          double withNeg = neg;
          walk(otherChild, right, next, a, b);
          pos += withPos;
          neg += withNeg;
          return;
        }
        double withPos = 0;
        double withNeg = 0;
        if (anyWith) {
          walk(xChild, left, next, a, b);
          withPos = pos;
          withNeg = neg;
        }
        // The rows that part ways decide f: on the row's side below x's child, on theirs below the other.
        side[f] = ROW;
        walk(xChild, right, next, a + 1, b);
        double rowPos = pos;
        double rowNeg = neg;
        side[f] = BACKGROUND;
        walk(otherChild, right, next, a, b + 1);
        side[f] = UNSEEN;
        phi[phiAt + f] += rowPos - neg;
        pos += rowPos + withPos;
        neg += rowNeg + withNeg;
        return;
      }
    }
  }
}
