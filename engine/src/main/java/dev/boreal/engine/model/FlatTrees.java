package dev.boreal.engine.model;

import dev.boreal.histogram.BinMapper;

/**
 * The trees of a model's first iterations concatenated into flat arrays, and the loops that walk them:
 * the inference kernel behind {@link Predictor}. Immutable after construction, so one instance is
 * shared by every thread.
 *
 * <p>Layout. Internal nodes of all trees share one index space (tree t's node n is
 * {@code nodeBase[t] + n}), and so do leaves ({@code leafBase[t] + leaf}). A child {@code c >= 0} is a
 * global internal node and {@code c < 0} is global leaf {@code ~c}; {@link #roots} holds each tree's
 * root in the same encoding, so a single-leaf tree's root is already a leaf. A categorical node's
 * bitset lives in {@link #catBits} from {@code catOffset[node]}, padded to cover every bin of its
 * feature so the walk needs no bounds check; numeric nodes have {@code catOffset = -1}.
 *
 * <p>Rows are given <em>encoded</em>: numeric features as raw values (NaN = missing), categorical features
 * as their bin number stored in a double. {@link Predictor} does the encoding.
 */
final class FlatTrees {
  private final int numFeatures;
  private final int numOutputs;
  private final int iterations;
  private final boolean average;
  private final double[] baseScores;

  private final int[] roots;
  private final int[] leafBase;
  private final int[] feature;
  private final double[] threshold;
  private final boolean[] defaultLeft;
  private final int[] catOffset;
  private final long[] catBits;
  private final int[] leftChild;
  private final int[] rightChild;
  private final double[] leafValue;

  /**
   * Flattens the trees of the first {@code iterations} iterations of {@code model}.
   *
   * @throws IllegalArgumentException if a node's kind (numeric or categorical) disagrees with its
   *     feature's bin mapper
   */
  FlatTrees(Model model, int iterations) {
    this.numFeatures = model.numFeatures();
    this.numOutputs = model.numOutputs();
    this.iterations = iterations;
    this.average = model.ensemble() == Model.Ensemble.AVERAGE;
    this.baseScores = new double[numOutputs];
    for (int k = 0; k < numOutputs; k++) {
      baseScores[k] = model.baseScore(k);
    }
    int numTrees = iterations * numOutputs;
    int nodes = 0;
    int leaves = 0;
    int words = 0;
    for (int t = 0; t < numTrees; t++) {
      Tree tree = model.trees().get(t);
      nodes += tree.numNodes();
      leaves += tree.numLeaves();
      for (int n = 0; n < tree.numNodes(); n++) {
        words += tree.isCategorical(n) ? wordsFor(model.mapper(tree.feature(n))) : 0;
      }
    }
    roots = new int[numTrees];
    leafBase = new int[numTrees];
    feature = new int[nodes];
    threshold = new double[nodes];
    defaultLeft = new boolean[nodes];
    catOffset = new int[nodes];
    catBits = new long[words];
    leftChild = new int[nodes];
    rightChild = new int[nodes];
    leafValue = new double[leaves];
    int nodeAt = 0;
    int leafAt = 0;
    int wordAt = 0;
    for (int t = 0; t < numTrees; t++) {
      Tree tree = model.trees().get(t);
      roots[t] = tree.numNodes() == 0 ? ~leafAt : nodeAt;
      leafBase[t] = leafAt;
      for (int n = 0; n < tree.numNodes(); n++) {
        int g = nodeAt + n;
        BinMapper mapper = model.mapper(tree.feature(n));
        if (tree.isCategorical(n) != mapper.isCategorical()) {
          throw new IllegalArgumentException("tree " + t + " node " + n + " splits feature "
              + tree.feature(n) + " as " + (tree.isCategorical(n) ? "categorical" : "numeric")
              + " but its bin mapper is not");
        }
        feature[g] = tree.feature(n);
        threshold[g] = tree.threshold(n);
        defaultLeft[g] = tree.defaultLeft(n);
        if (tree.isCategorical(n)) {
          long[] bits = tree.leftCategoryBins(n);
          int width = wordsFor(mapper);
          System.arraycopy(bits, 0, catBits, wordAt, Math.min(bits.length, width));
          catOffset[g] = wordAt;
          wordAt += width;
        } else {
          catOffset[g] = -1;
        }
        leftChild[g] = global(tree.left(n), nodeAt, leafAt);
        rightChild[g] = global(tree.right(n), nodeAt, leafAt);
      }
      for (int l = 0; l < tree.numLeaves(); l++) {
        leafValue[leafAt + l] = tree.leafValue(l);
      }
      nodeAt += tree.numNodes();
      leafAt += tree.numLeaves();
    }
  }

  /** Words of a bitset that covers every bin of a categorical feature, "other/missing" included. */
  private static int wordsFor(BinMapper mapper) {
    return (mapper.numBins() + 63) >>> 6;
  }

  private static int global(int child, int nodeBase, int leafBase) {
    return child >= 0 ? nodeBase + child : ~(leafBase + ~child);
  }

  int numFeatures() {
    return numFeatures;
  }

  int numOutputs() {
    return numOutputs;
  }

  int iterations() {
    return iterations;
  }

  /**
   * Raw scores of {@code rows} encoded rows.
   *
   * @param x input: rows of {@code numFeatures} values, row r at {@code xOffset + r * numFeatures}
   * @param out output: row r's K scores at {@code outOffset + r * numOutputs}
   */
  void raw(double[] x, int xOffset, int rows, double[] out, int outOffset) {
    int k = numOutputs;
    // Start from the base score so each output adds its trees in iteration order, as training does;
    // a forest sums from zero and adds the mean to the base score at the end.
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < k; j++) {
        out[outOffset + r * k + j] = average ? 0.0 : baseScores[j];
      }
    }
    // Tree-outer within the block keeps one tree's nodes hot in cache while the rows stream past.
    for (int t = 0, j = 0; t < roots.length; t++) {
      int root = roots[t];
      for (int r = 0, xAt = xOffset, outAt = outOffset + j; r < rows; r++, xAt += numFeatures, outAt += k) {
        out[outAt] += leafValue[leafOf(root, x, xAt)];
      }
      j = j + 1 == k ? 0 : j + 1;
    }
    if (average) {
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < k; j++) {
          int at = outOffset + r * k + j;
          out[at] = iterations == 0 ? baseScores[j] : baseScores[j] + out[at] / iterations;
        }
      }
    }
  }

  /** Writes the leaf (index within its tree) one encoded row reaches in each used tree into {@code out}. */
  void leaves(double[] x, int[] out) {
    leaves(x, 0, out, 0);
  }

  /** The same for the encoded row at {@code x[at ..]}, written from {@code out[outOffset]}. */
  void leaves(double[] x, int at, int[] out, int outOffset) {
    for (int t = 0; t < roots.length; t++) {
      out[outOffset + t] = leafOf(roots[t], x, at) - leafBase[t];
    }
  }

  /** Number of trees walked per row: iterations times outputs. */
  int numTrees() {
    return roots.length;
  }

  /** The global leaf an encoded row at {@code x[at ..]} reaches from {@code node}. */
  private int leafOf(int node, double[] x, int at) {
    while (node >= 0) {
      double v = x[at + feature[node]];
      int words = catOffset[node];
      boolean left;
      if (words < 0) {
        // NaN fails the comparison, so only missing values consult the default side.
        left = v <= threshold[node] || (v != v && defaultLeft[node]);
      } else {
        int bin = (int) v;
        left = (catBits[words + (bin >>> 6)] & (1L << bin)) != 0;
      }
      node = left ? leftChild[node] : rightChild[node];
    }
    return ~node;
  }
}
