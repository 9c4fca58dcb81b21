package dev.boreal.engine.model;

import java.util.Arrays;

/**
 * The loops that walk a model's flattened trees ({@link NodeRecords}): the inference kernel behind
 * {@link Predictor}. Immutable after construction (apart from per-thread scratch), so one instance is shared by
 * every thread.
 *
 * <p><b>Two walks.</b> The portable walk reads the encoded rows and compares each value with the float
 * threshold, breaking ties on the exact double. The ranked walk, the default, first codes each block of rows into
 * small ints ({@link ThresholdRanks}: a value's code is the number of the feature's thresholds below it), then
 * walks records whose second int is the threshold's rank, so a step is one integer compare. Both route every row
 * to the same leaves and add the same values in the same order, so their scores are bit for bit the same; the
 * portable walk is the reference the ranked one is tested against. Batches can also run through the walks
 * compiled to bytecode ({@link CompiledWalks}), again with the same scores.
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
  private final NodeRecords records;
  /** The ranked walk's records: the node records with numeric thresholds replaced by ranks; null if portable. */
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
   * Walks over the trees of the first {@code iterations} iterations of {@code model}.
   *
   * @param portable walk the float thresholds rather than ranked codes
   * @param compile also compile the walks to bytecode ({@link CompiledWalks}) for batches, when no walk is too
   *     large for it
   */
  FlatTrees(Model model, int iterations, boolean portable, boolean compile) {
    this.records = new NodeRecords(model, iterations);
    this.compiled = compile ? CompiledWalks.compileOrNull(records) : null;
    if (portable) {
      rankedNodes = null;
      ranks = null;
      codeScratch = null;
    } else {
      rankedNodes = records.nodes.clone();
      ranks = new ThresholdRanks(records.numFeatures, records.nodes, rankedNodes, records.exactThreshold,
          NodeRecords.RECORD, NodeRecords.FEATURE, NodeRecords.DEFAULT_LEFT);
      int codes = BLOCK * ranks.slots();
      codeScratch = ThreadLocal.withInitial(() -> new int[codes]);
    }
  }

  /** The walks compiled to bytecode that batches run through, or null. */
  CompiledWalks compiled() {
    return compiled;
  }

  /** Whether this walk compares ranked codes; otherwise it is the portable walk. */
  boolean ranked() {
    return ranks != null;
  }

  int numFeatures() {
    return records.numFeatures;
  }

  int numOutputs() {
    return records.numOutputs;
  }

  int iterations() {
    return records.iterations;
  }

  /**
   * Raw scores of {@code rows} encoded rows.
   *
   * @param x input: rows of {@code numFeatures} values, row r at {@code xOffset + r * numFeatures}
   * @param out output: row r's K scores at {@code outOffset + r * numOutputs}
   */
  void raw(double[] x, int xOffset, int rows, double[] out, int outOffset) {
    int k = records.numOutputs;
    // Start from the base score so each output adds its trees in iteration order, as training does;
    // a forest sums from zero and adds the mean to the base score at the end.
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < k; j++) {
        out[outOffset + r * k + j] = records.average ? 0.0 : records.baseScores[j];
      }
    }
    int[] lanes = laneScratch.get();
    if (compiled != null && rows >= MIN_COMPILED_ROWS) {
      compiled.addLeaves(x, xOffset, rows, out, outOffset);
    } else if (ranks == null) {
      walkRows(x, null, xOffset, rows, out, outOffset, lanes);
    } else {
      int nf = records.numFeatures;
      int[] codes = codeScratch.get();
      for (int from = 0; from < rows; from += BLOCK) {
        int n = Math.min(BLOCK, rows - from);
        ranks.code(x, xOffset + from * nf, n, nf, codes);
        walkRows(null, codes, 0, n, out, outOffset + from * k, lanes);
      }
    }
    if (records.average) {
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < k; j++) {
          int at = outOffset + r * k + j;
          out[at] = records.iterations == 0 ? records.baseScores[j]
              : records.baseScores[j] + out[at] / records.iterations;
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
    int k = records.numOutputs;
    // Tree-outer keeps one tree's nodes hot in cache while the rows stream past, a lane of rows at a time;
    // the rows left over walk their trees a lane of trees at a time. Either way each output adds its trees
    // in iteration order.
    int nf = codes == null ? records.numFeatures : ranks.slots();
    int laneRows = rows - rows % LANES;
    for (int w = 0; w < records.roots.length; w++) {
      int n = records.width[w];
      for (int r = 0, rowAt = at, outAt = outOffset + records.output[w]; r < laneRows;
          r += LANES, rowAt += LANES * nf, outAt += LANES * k) {
        Arrays.fill(lanes, records.roots[w]);
        walkLanes(lanes, x, codes, rowAt, nf);
        for (int i = 0; i < LANES; i++) {
          records.addLeaf(out, outAt + i * k, ~lanes[i], n);
        }
      }
    }
    for (int r = laneRows; r < rows; r++) {
      int outAt = outOffset + r * k;
      for (int w = 0; w < records.roots.length; w += LANES) {
        int n = walkTrees(w, x, codes, at + r * nf, lanes);
        for (int i = 0; i < n; i++) {
          records.addLeaf(out, outAt + records.output[w + i], ~lanes[i], records.width[w + i]);
        }
      }
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
      ranks.code(x, at, 1, records.numFeatures, codes);
      values = null;
      rowAt = 0;
    }
    for (int w = 0; w < records.roots.length; w += LANES) {
      int n = walkTrees(w, values, codes, rowAt, lanes);
      for (int i = 0; i < n; i++) {
        int v = w + i;
        int leaf = (~lanes[i] - records.valueBase[v]) / records.width[v];
        int first = outOffset + records.firstTree[v];
        Arrays.fill(out, first, first + records.width[v], leaf);
      }
    }
  }

  /** Number of model trees per row: iterations times outputs (a multi-output tree counts once per output). */
  int numTrees() {
    return records.numTrees;
  }

  /**
   * Walks the one row at {@code at} (encoded in x, or coded in codes) down walks {@code first ..} (up to
   * {@link #LANES} of them) in lockstep, leaving each one's leaf, encoded ({@code ~value}), in {@code lanes};
   * returns how many it walked.
   */
  private int walkTrees(int first, double[] x, int[] codes, int at, int[] lanes) {
    int n = Math.min(LANES, records.roots.length - first);
    for (int i = 0; i < LANES; i++) {
      lanes[i] = i < n ? records.roots[first + i] : -1;
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
    int o = node * NodeRecords.RECORD;
    int meta = records.nodes[o];
    double value = x[at + (meta & NodeRecords.FEATURE)];
    boolean left = meta >= 0
        ? Routing.numericGoesLeft(value, Float.intBitsToFloat(records.nodes[o + 1]),
            (meta & NodeRecords.DEFAULT_LEFT) != 0, records.exactThreshold, node)
        : Routing.inSet(records.catBits, records.nodes[o + 1], (int) value);
    return records.nodes[o + (left ? 2 : 3)];
  }

  /** The same step for the coded row at {@code codes[at ..]}, on the ranked records (which name slots). */
  private int rankedStep(int node, int[] codes, int at) {
    if (node < 0) {
      return node;
    }
    int o = node * NodeRecords.RECORD;
    int meta = rankedNodes[o];
    int code = codes[at + (meta & NodeRecords.FEATURE)];
    // The sign bit that ThresholdRanks flips in the rank of a node whose missing values go right.
    int flip = ((meta & NodeRecords.DEFAULT_LEFT) << 2) ^ Integer.MIN_VALUE;
    boolean left = meta >= 0
        ? ThresholdRanks.goesLeft(code, rankedNodes[o + 1], flip)
        : Routing.inSet(records.catBits, rankedNodes[o + 1], code);
    return rankedNodes[o + (left ? 2 : 3)];
  }
}
