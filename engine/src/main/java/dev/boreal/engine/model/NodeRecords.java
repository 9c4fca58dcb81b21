package dev.boreal.engine.model;

import dev.boreal.histogram.BinMapper;

/**
 * The trees of a model's first iterations flattened into arrays of node records and leaf values: what every walk
 * of {@link FlatTrees} reads, and what {@link CompiledWalks} turns into code. Immutable after construction.
 *
 * <p><b>Walks.</b> A walk is one tree the rows go down: one model tree, or, when an iteration's trees share
 * their splits ({@link Model#multiOutputTrees()}, a multiclass forest), the iteration's one multi-output
 * tree, whose leaf adds a value to each of the outputs. Walk w feeds outputs {@code output[w] ..
 * output[w] + width[w] - 1} and stands for the model trees {@code firstTree[w] ..} of the same range.
 *
 * <p><b>Node records.</b> Internal nodes of all walks share one index space, each walk's nodes in
 * heavy-first preorder ({@link NodeOrder#heavyFirst}): a node, then the subtree of its child that more training
 * rows reached, then the other. Most rows take the heavier side, so a step mostly reads the record next to the
 * one it just read, which is in the same cache line or the next (fetched ahead by the processor); a
 * breadth-first order puts a deep node's children a level's width away, a new line at every step. Each node is
 * one record of four ints in {@link #nodes}: the feature with two flags, the threshold as a float (a categorical
 * node: the offset of its bitset in {@link #catBits}), and the left and right child. A child {@code c >= 0} is an
 * internal node; {@code c < 0} is a leaf whose values start at {@code leafValue[~c]}. A step reads one record, so
 * one cache line, where separate arrays per field cost one line each. The float threshold decides every row
 * whose value, rounded to a float, differs from it (rounding is monotone, so the order is kept); a tie, and only
 * a tie, reads the exact double in {@link #exactThreshold} ({@link Routing#numericGoesLeft}), so rows are routed
 * exactly as with double thresholds.
 */
final class NodeRecords {
  /** Ints per node record. */
  static final int RECORD = 4;
  /** The bits of a record's first int that hold the feature. */
  static final int FEATURE = (1 << 29) - 1;
  /** The flag of a record's first int set when missing values go left. */
  static final int DEFAULT_LEFT = 1 << 29;
  /** The sign bit: a categorical node. */
  static final int CATEGORICAL = 1 << 31;

  final int numFeatures;
  final int numOutputs;
  final int iterations;
  /** Whether the walks' mean is the score (a forest), not their sum. */
  final boolean average;
  final double[] baseScores;
  /** Model trees per row: iterations times outputs. */
  final int numTrees;

  /** Each walk's root node, or its encoded leaf ({@code ~value}) when its tree has no split. */
  final int[] roots;
  /** The first output each walk adds to. */
  final int[] output;
  /** The number of outputs each walk adds to. */
  final int[] width;
  /** The first model tree each walk stands for. */
  final int[] firstTree;
  /** Where walk w's leaf values start, so a leaf's index in its tree is {@code (~c - valueBase[w]) / width[w]}. */
  final int[] valueBase;
  /** Per node: feature and flags, float threshold bits or bitset offset, left child, right child. */
  final int[] nodes;
  /** Per node: the exact threshold, read only when a value rounds to the float threshold. */
  final double[] exactThreshold;
  final long[] catBits;
  /** Leaf values, a leaf's {@code width} values together. */
  final double[] leafValue;

  /**
   * Flattens the trees of the first {@code iterations} iterations of {@code model}, whose constructor has
   * checked that every categorical bitset covers its feature's bins.
   */
  NodeRecords(Model model, int iterations) {
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
    this.roots = new int[walks];
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
  }

  private static int child(int child, int[] position, int valueBase, int width) {
    return child >= 0 ? position[child] : ~(valueBase + ~child * width);
  }

  /** Words of a bitset that covers every bin of a categorical feature, "other/missing" included. */
  private static int wordsFor(BinMapper mapper) {
    return Routing.words(mapper.numBins());
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
}
