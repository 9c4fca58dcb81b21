package dev.boreal.engine.model;

import dev.boreal.histogram.BinMapper;
import java.util.Arrays;

/**
 * The trees of a model's first iterations concatenated into flat arrays, and the loops that walk them:
 * the inference kernel behind {@link Predictor}. Immutable after construction (apart from per-thread
 * scratch), so one instance is shared by every thread.
 *
 * <p><b>Walks.</b> A walk is one tree the rows go down: one model tree, or, when an iteration's trees share
 * their splits ({@link Model#multiOutputTrees()}, a multiclass forest), the iteration's one multi-output
 * tree, whose leaf adds a value to each of the outputs. Walk w feeds outputs {@code output[w] ..
 * output[w] + width[w] - 1} and stands for the model trees {@code firstTree[w] ..} of the same range.
 *
 * <p><b>Node records.</b> Internal nodes of all walks share one index space, each walk's nodes in
 * heavy-first preorder ({@link NodeOrder#heavyFirst}): a node, then the subtree of its child that more training rows
 * reached, then the other. Most rows take the heavier side, so a step mostly reads the record next to the one
 * it just read, which is in the same cache line or the next (fetched ahead by the processor); a breadth-first
 * order puts a deep node's children a level's width away, a new line at every step. Each node is one record of
 * four ints in {@link #nodes}: the feature with two flags, the
 * threshold as a float (a categorical node: the offset of its bitset in {@link #catBits}), and the left and
 * right child. A child {@code c >= 0} is an internal node; {@code c < 0} is a leaf whose values start at
 * {@code leafValue[~c]}. A step reads one record, so one cache line, where separate arrays per field cost one
 * line each. The float threshold decides every row whose value, rounded to a float, differs from it (rounding
 * is monotone, so the order is kept); a tie, and only a tie, reads the exact double in {@link #exactThreshold}
 * ({@link Routing#numericGoesLeft}), so rows are routed exactly as with double thresholds.
 *
 * <p><b>Two walks.</b> The portable walk reads the encoded rows and the float thresholds as above. The ranked
 * walk, the default, first codes each block of rows into small ints ({@link ThresholdRanks}: a value's code is
 * the number of the feature's thresholds below it), then walks records whose second int is the threshold's
 * rank, so a step is one integer compare. Both route every row to the same leaves and add the same values in
 * the same order, so their scores are bit for bit the same; the portable walk is the reference the ranked one
 * is tested against.
 *
 * <p>Rows are given <em>encoded</em>: numeric features as raw values (NaN = missing), categorical features
 * as their bin number stored in a double. {@link Predictor} does the encoding.
 */
final class FlatTrees {
  /** Rows walked down a tree together in batch scoring. */
  private static final int LANES = 8;
  /** Rows the ranked walk codes at a time: a block of codes stays in the L1 cache while every tree reads it. */
  private static final int BLOCK = RowEncoder.BLOCK;
  /**
   * Fewest rows scored through the compiled walks: each walk is one call per block of rows, which a handful of
   * rows does not repay; they take the ranked walk, which steps eight trees at once.
   */
  private static final int MIN_COMPILED_ROWS = 2 * LANES;
  /** Ints per node record. */
  private static final int RECORD = 4;
  private static final int FEATURE = (1 << 29) - 1;
  private static final int DEFAULT_LEFT = 1 << 29;
  /** The sign bit: a categorical node. */
  private static final int CATEGORICAL = 1 << 31;

  private final int numFeatures;
  private final int numOutputs;
  private final int iterations;
  private final boolean average;
  private final double[] baseScores;
  /** Model trees per row: iterations times outputs. */
  private final int numTrees;

  private final int[] roots;
  private final int[] output;
  private final int[] width;
  private final int[] firstTree;
  /** Where walk w's leaf values start, so a leaf's index in its tree is {@code (~c - valueBase[w]) / width[w]}. */
  private final int[] valueBase;
  /** Per node: feature and flags, float threshold bits or bitset offset, left child, right child. */
  private final int[] nodes;
  /** Per node: the exact threshold, read only when a value rounds to the float threshold. */
  private final double[] exactThreshold;
  private final long[] catBits;
  /** Leaf values, a leaf's {@code width} values together. */
  private final double[] leafValue;
  /** The ranked walk's records: {@link #nodes} with numeric thresholds replaced by ranks; null if portable. */
  private final int[] rankedNodes;
  /** The ranked walk's thresholds, which code the rows; null for the portable walk. */
  private final ThresholdRanks ranks;
  /** Per thread: the nodes of the lanes being walked, so that scoring one row allocates nothing. */
  private final ThreadLocal<int[]> laneScratch = ThreadLocal.withInitial(() -> new int[LANES]);
  /** Per thread, ranked walk: a block of coded rows. */
  private final ThreadLocal<int[]> codeScratch;
  /** The walks compiled to bytecode, or null. */
  private final CompiledWalks compiled;

  /**
   * Flattens the trees of the first {@code iterations} iterations of {@code model}, whose constructor has
   * checked that every categorical bitset covers its feature's bins.
   *
   * @param portable walk the float thresholds rather than ranked codes
   * @param compile also compile the walks to bytecode ({@link CompiledWalks}) for batches, when no walk is too
   *     large for it
   */
  FlatTrees(Model model, int iterations, boolean portable, boolean compile) {
    this.numFeatures = model.numFeatures();
    if (numFeatures > FEATURE + 1) {
      throw new IllegalArgumentException(numFeatures + " features are more than a node record holds");
    }
    this.numOutputs = model.numOutputs();
    this.iterations = iterations;
    this.average = model.ensemble() == Model.Ensemble.AVERAGE;
    this.baseScores = new double[numOutputs];
    for (int k = 0; k < numOutputs; k++) {
      baseScores[k] = model.baseScore(k);
    }
    this.numTrees = iterations * numOutputs;
    boolean shared = model.multiOutputTrees();
    int walks = shared ? iterations : numTrees;
    int step = shared ? numOutputs : 1;
    int nodeCount = 0;
    int values = 0;
    int words = 0;
    for (int t = 0; t < numTrees; t += step) {
      Tree tree = model.trees().get(t);
      nodeCount += tree.numNodes();
      values += tree.numLeaves() * step;
      for (int n = 0; n < tree.numNodes(); n++) {
        words += tree.isCategorical(n) ? wordsFor(model.mapper(tree.feature(n))) : 0;
      }
    }
    roots = new int[walks];
    output = new int[walks];
    width = new int[walks];
    firstTree = new int[walks];
    valueBase = new int[walks];
    nodes = new int[RECORD * nodeCount];
    exactThreshold = new double[nodeCount];
    catBits = new long[words];
    leafValue = new double[values];
    int nodeAt = 0;
    int valueAt = 0;
    int wordAt = 0;
    for (int w = 0, t = 0; w < walks; w++, t += step) {
      Tree tree = model.trees().get(t);
      output[w] = t % numOutputs;
      width[w] = step;
      firstTree[w] = t;
      valueBase[w] = valueAt;
      for (int l = 0; l < tree.numLeaves(); l++) {
        for (int j = 0; j < step; j++) {
          leafValue[valueAt + l * step + j] = model.trees().get(t + j).leafValue(l);
        }
      }
      int[] order = NodeOrder.heavyFirst(tree);
      int[] position = new int[order.length];
      for (int i = 0; i < order.length; i++) {
        position[order[i]] = nodeAt + i;
      }
      roots[w] = tree.numNodes() == 0 ? ~valueAt : nodeAt;
      for (int i = 0; i < order.length; i++) {
        int n = order[i];
        int g = nodeAt + i;
        int o = g * RECORD;
        if (tree.isCategorical(n)) {
          long[] bits = tree.leftCategoryBins(n);
          int words1 = wordsFor(model.mapper(tree.feature(n)));
          System.arraycopy(bits, 0, catBits, wordAt, Math.min(bits.length, words1));
          nodes[o] = tree.feature(n) | CATEGORICAL;
          nodes[o + 1] = wordAt;
          wordAt += words1;
        } else {
          nodes[o] = tree.feature(n) | (tree.defaultLeft(n) ? DEFAULT_LEFT : 0);
          nodes[o + 1] = Float.floatToRawIntBits((float) tree.threshold(n));
        }
        exactThreshold[g] = tree.threshold(n);
        nodes[o + 2] = child(tree.left(n), position, valueAt, step);
        nodes[o + 3] = child(tree.right(n), position, valueAt, step);
      }
      nodeAt += order.length;
      valueAt += tree.numLeaves() * step;
    }
    this.compiled = compile ? CompiledWalks.compileOrNull(this, nodes, exactThreshold, catBits, RECORD, FEATURE,
        DEFAULT_LEFT) : null;
    if (portable) {
      rankedNodes = null;
      ranks = null;
      codeScratch = null;
    } else {
      rankedNodes = nodes.clone();
      ranks = new ThresholdRanks(numFeatures, nodes, rankedNodes, exactThreshold, RECORD, FEATURE, DEFAULT_LEFT);
      int codes = BLOCK * ranks.slots();
      codeScratch = ThreadLocal.withInitial(() -> new int[codes]);
    }
  }

  /** Each walk's root node, or its encoded leaf when its tree has no split; the live array. */
  int[] roots() {
    return roots;
  }

  /** The first output walk w adds to. */
  int output(int w) {
    return output[w];
  }

  /** The number of outputs walk w adds to. */
  int width(int w) {
    return width[w];
  }

  /** The walks compiled to bytecode that batches run through, or null. */
  CompiledWalks compiled() {
    return compiled;
  }

  /** Whether this walk compares ranked codes; otherwise it is the portable walk. */
  boolean ranked() {
    return ranks != null;
  }

  private static int child(int child, int[] position, int valueBase, int width) {
    return child >= 0 ? position[child] : ~(valueBase + ~child * width);
  }

  /** Words of a bitset that covers every bin of a categorical feature, "other/missing" included. */
  private static int wordsFor(BinMapper mapper) {
    return Routing.words(mapper.numBins());
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
    int[] lanes = laneScratch.get();
    if (compiled != null && rows >= MIN_COMPILED_ROWS) {
      compiled.addLeaves(x, xOffset, rows, out, outOffset);
    } else if (ranks == null) {
      walkRows(x, null, xOffset, rows, out, outOffset, lanes);
    } else {
      int nf = numFeatures;
      int[] codes = codeScratch.get();
      for (int from = 0; from < rows; from += BLOCK) {
        int n = Math.min(BLOCK, rows - from);
        ranks.code(x, xOffset + from * nf, n, nf, codes);
        walkRows(null, codes, 0, n, out, outOffset + from * k, lanes);
      }
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

  /**
   * Adds every walk's leaf values to the scores of {@code rows} rows: encoded rows in {@code x} (portable
   * walk; row r at {@code at + r * numFeatures}) or coded ones in {@code codes} (ranked walk, x null; row r at
   * {@code at + r * ranks.slots()}).
   */
  private void walkRows(double[] x, int[] codes, int at, int rows, double[] out, int outOffset, int[] lanes) {
    int k = numOutputs;
    // Tree-outer keeps one tree's nodes hot in cache while the rows stream past, a lane of rows at a time;
    // the rows left over walk their trees a lane of trees at a time. Either way each output adds its trees
    // in iteration order.
    int nf = codes == null ? numFeatures : ranks.slots();
    int laneRows = rows - rows % LANES;
    for (int w = 0; w < roots.length; w++) {
      int n = width[w];
      for (int r = 0, rowAt = at, outAt = outOffset + output[w]; r < laneRows;
          r += LANES, rowAt += LANES * nf, outAt += LANES * k) {
        Arrays.fill(lanes, roots[w]);
        walkLanes(lanes, x, codes, rowAt, nf);
        for (int i = 0; i < LANES; i++) {
          addLeaf(out, outAt + i * k, ~lanes[i], n);
        }
      }
    }
    for (int r = laneRows; r < rows; r++) {
      int outAt = outOffset + r * k;
      for (int w = 0; w < roots.length; w += LANES) {
        int n = walkTrees(w, x, codes, at + r * nf, lanes);
        for (int i = 0; i < n; i++) {
          addLeaf(out, outAt + output[w + i], ~lanes[i], width[w + i]);
        }
      }
    }
  }

  /** Adds the {@code n} values of the leaf whose values start at {@code leafValue[value]} to {@code out[at ..]}. */
  void addLeaf(double[] out, int at, int value, int n) {
    if (n == 1) {
      out[at] += leafValue[value];
      return;
    }
    for (int j = 0; j < n; j++) {
      out[at + j] += leafValue[value + j];
    }
  }

  /** Writes the leaf (index within its tree) one encoded row reaches in each used tree into {@code out}. */
  void leaves(double[] x, int[] out) {
    leaves(x, 0, out, 0);
  }

  /**
   * The same for the encoded row at {@code x[at ..]}, written from {@code out[outOffset]}; the trees of a
   * multi-output tree all reach its one leaf.
   */
  void leaves(double[] x, int at, int[] out, int outOffset) {
    int[] lanes = laneScratch.get();
    int[] codes = null;
    double[] values = x;
    int rowAt = at;
    if (ranks != null) {
      codes = codeScratch.get();
      ranks.code(x, at, 1, numFeatures, codes);
      values = null;
      rowAt = 0;
    }
    for (int w = 0; w < roots.length; w += LANES) {
      int n = walkTrees(w, values, codes, rowAt, lanes);
      for (int i = 0; i < n; i++) {
        int v = w + i;
        int leaf = (~lanes[i] - valueBase[v]) / width[v];
        Arrays.fill(out, outOffset + firstTree[v], outOffset + firstTree[v] + width[v], leaf);
      }
    }
  }

  /** Number of model trees per row: iterations times outputs (a multi-output tree counts once per output). */
  int numTrees() {
    return numTrees;
  }

  /**
   * Walks the one row at {@code at} (encoded in x, or coded in codes) down walks {@code first ..} (up to
   * {@link #LANES} of them) in lockstep, leaving each one's leaf, encoded ({@code ~value}), in {@code lanes};
   * returns how many it walked.
   */
  private int walkTrees(int first, double[] x, int[] codes, int at, int[] lanes) {
    int n = Math.min(LANES, roots.length - first);
    for (int i = 0; i < LANES; i++) {
      lanes[i] = i < n ? roots[first + i] : -1;
    }
    walkLanes(lanes, x, codes, at, 0);
    return n;
  }

  /**
   * Walks every lane from its node in {@code lanes} down to a leaf, left there encoded ({@code ~leaf});
   * lane i reads the row at {@code at + i * rowStride} (stride 0: one row down several trees), coded in
   * {@code codes} for the ranked walk, else encoded in {@code x}. The lanes' chains of loads and compares are
   * independent, so the processor overlaps them, and each step picks its child by index rather than by a
   * branch, which would be mispredicted about half the time; together about 1.5 to 2 times the speed of
   * walking one row down one tree at a time.
   */
  private void walkLanes(int[] lanes, double[] x, int[] codes, int at, int rowStride) {
    int allLeaves;
    if (codes != null) {
      do {
        allLeaves = -1;
        for (int i = 0; i < LANES; i++) {
          int node = rankedStep(lanes[i], codes, at + i * rowStride);
          lanes[i] = node;
          allLeaves &= node;
        }
      } while (allLeaves >= 0);
      return;
    }
    do {
      allLeaves = -1;
      for (int i = 0; i < LANES; i++) {
        int node = step(lanes[i], x, at + i * rowStride);
        lanes[i] = node;
        allLeaves &= node;
      }
    } while (allLeaves >= 0);
  }

  /** One step down from {@code node} for the row at {@code x[at ..]}; a leaf (negative) stays where it is. */
  private int step(int node, double[] x, int at) {
    if (node < 0) {
      return node;
    }
    int o = node * RECORD;
    int meta = nodes[o];
    double value = x[at + (meta & FEATURE)];
    boolean left = meta >= 0
        ? Routing.numericGoesLeft(value, Float.intBitsToFloat(nodes[o + 1]), (meta & DEFAULT_LEFT) != 0,
            exactThreshold, node)
        : Routing.inSet(catBits, nodes[o + 1], (int) value);
    return nodes[o + (left ? 2 : 3)];
  }

  /** The same step for the coded row at {@code codes[at ..]}, on the ranked records (which name slots). */
  private int rankedStep(int node, int[] codes, int at) {
    if (node < 0) {
      return node;
    }
    int o = node * RECORD;
    int meta = rankedNodes[o];
    int code = codes[at + (meta & FEATURE)];
    // The sign bit that ThresholdRanks flips in the rank of a node whose missing values go right.
    int flip = ((meta & DEFAULT_LEFT) << 2) ^ Integer.MIN_VALUE;
    boolean left = meta >= 0
        ? ThresholdRanks.goesLeft(code, rankedNodes[o + 1], flip)
        : Routing.inSet(catBits, rankedNodes[o + 1], code);
    return rankedNodes[o + (left ? 2 : 3)];
  }
}
