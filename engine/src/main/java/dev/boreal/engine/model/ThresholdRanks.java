package dev.boreal.engine.model;

import java.util.Arrays;

/**
 * The ranked form of a model's numeric splits, which the fast walk of {@link FlatTrees} reads: each numeric
 * feature's distinct split thresholds in ascending order, and each row's value of the feature replaced once per
 * batch by its <em>code</em>, the number of those thresholds below it. For thresholds {@code t_0 < t_1 < ..},
 * {@code value <= t_j} exactly when {@code code <= j}: the thresholds below the value all come before
 * {@code t_j} when {@code t_j >= value}, and all of {@code t_0 .. t_j} are below it otherwise. So a walk that
 * compares codes with ranks routes every row as the threshold comparison does, bit for bit, but each step is
 * one integer compare where the portable walk rounds the value to a float, compares, and breaks ties on the
 * exact double. Coding a row costs a binary search per used feature (8 steps for 255 thresholds), paid once
 * for all the trees.
 *
 * <p>A missing value (NaN) gets code -1. Read as a signed number it is below every rank, so a node whose
 * missing values go left compares signed; read as unsigned it is above every rank, so a node whose missing
 * values go right compares unsigned. {@link #goesLeft} does both with one compare: a node of the second kind
 * keeps its rank with the sign bit flipped, and the code is flipped the same way.
 *
 * <p>Categorical features keep their bin as the code, tested against the node's bitset as before.
 */
final class ThresholdRanks {
  /** The code of a missing value. */
  static final int MISSING = -1;

  /** Per feature f: its thresholds are {@code thresholds[start[f] .. start[f + 1] - 1]}, ascending. */
  private final double[] thresholds;
  private final int[] start;
  /** The features some numeric node splits on, then those some categorical node splits on. */
  private final int[] numericFeatures;
  private final int[] categoricalFeatures;

  /**
   * Collects the thresholds of the numeric nodes in {@code nodes} (records of {@code record} ints, the first
   * the feature with flags, as {@link FlatTrees} lays them out) and rewrites each numeric record's second int
   * in {@code ranked}, a copy of {@code nodes}, to the node's rank in the form {@link #goesLeft} reads.
   *
   * @param exact each node's exact threshold
   * @param featureMask the bits of a record's first int that hold the feature
   * @param defaultLeft the bit of a record's first int that sends missing values left
   */
  ThresholdRanks(int numFeatures, int[] nodes, int[] ranked, double[] exact, int record, int featureMask,
      int defaultLeft) {
    int nodeCount = exact.length;
    int[] count = new int[numFeatures];
    boolean[] categorical = new boolean[numFeatures];
    for (int g = 0; g < nodeCount; g++) {
      int meta = nodes[g * record];
      if (meta < 0) {
        categorical[meta & featureMask] = true;
      } else {
        count[meta & featureMask]++;
      }
    }
    // Group the thresholds by feature, sort each group, and drop repeats (-0.0 and 0.0 are one threshold).
    int[] at = new int[numFeatures + 1];
    for (int f = 0; f < numFeatures; f++) {
      at[f + 1] = at[f] + count[f];
    }
    double[] grouped = new double[at[numFeatures]];
    int[] fill = Arrays.copyOf(at, numFeatures);
    for (int g = 0; g < nodeCount; g++) {
      int meta = nodes[g * record];
      if (meta >= 0) {
        grouped[fill[meta & featureMask]++] = exact[g] + 0.0;
      }
    }
    start = new int[numFeatures + 1];
    int size = 0;
    int numeric = 0;
    int categories = 0;
    for (int f = 0; f < numFeatures; f++) {
      Arrays.sort(grouped, at[f], at[f + 1]);
      start[f] = size;
      for (int i = at[f]; i < at[f + 1]; i++) {
        if (size == start[f] || grouped[size - 1] != grouped[i]) {
          grouped[size++] = grouped[i];
        }
      }
      numeric += count[f] > 0 ? 1 : 0;
      categories += categorical[f] ? 1 : 0;
    }
    start[numFeatures] = size;
    thresholds = Arrays.copyOf(grouped, size);
    numericFeatures = new int[numeric];
    categoricalFeatures = new int[categories];
    for (int f = 0, n = 0, c = 0; f < numFeatures; f++) {
      if (count[f] > 0) {
        numericFeatures[n++] = f;
      }
      if (categorical[f]) {
        categoricalFeatures[c++] = f;
      }
    }
    for (int g = 0; g < nodeCount; g++) {
      int meta = nodes[g * record];
      if (meta >= 0) {
        int f = meta & featureMask;
        int rank = Arrays.binarySearch(thresholds, start[f], start[f + 1], exact[g] + 0.0) - start[f];
        ranked[g * record + 1] = (meta & defaultLeft) != 0 ? rank : rank ^ Integer.MIN_VALUE;
      }
    }
  }

  /**
   * Whether a code goes left at a numeric node: {@code bound} is the node's rank, sign-flipped when missing
   * values go right, and {@code flip} is {@link Integer#MIN_VALUE} for such a node, else 0.
   */
  static boolean goesLeft(int code, int bound, int flip) {
    return (code ^ flip) <= bound;
  }

  /**
   * Codes {@code rows} encoded rows of {@code numFeatures} values from {@code x[at ..]} into
   * {@code codes[0 ..]}, same layout; the features no node reads are left as they were.
   */
  void code(double[] x, int at, int rows, int numFeatures, int[] codes) {
    for (int r = 0; r < rows; r++) {
      int row = at + r * numFeatures;
      int to = r * numFeatures;
      for (int f : numericFeatures) {
        codes[to + f] = code(f, x[row + f]);
      }
      for (int f : categoricalFeatures) {
        codes[to + f] = (int) x[row + f];
      }
    }
  }

  /**
   * The number of feature f's thresholds below {@code value}, or {@link #MISSING} for NaN: a binary search
   * whose steps pick their half by a conditional move, not a branch the data would make unpredictable.
   */
  private int code(int f, double value) {
    if (value != value) {
      return MISSING;
    }
    int base = start[f];
    int n = start[f + 1] - base;
    // Invariant: every threshold before base is below value, and the code is at most base + n - start[f].
    while (n > 1) {
      int half = n >>> 1;
      base = thresholds[base + half] < value ? base + half : base;
      n -= half;
    }
    return base - start[f] + (thresholds[base] < value ? 1 : 0);
  }
}
