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

  /**
   * Per slot s of a numeric feature: its thresholds are {@code thresholds[start[s] .. start[s + 1] - 1]},
   * ascending. A slot is a column of the coded rows: the features some node splits on, numeric ones first, so
   * a wide model whose trees use few features codes only those.
   */
  private final double[] thresholds;
  private final int[] start;
  /** The feature of each slot. */
  private final int[] featureOfSlot;
  /** Slots below this one hold numeric features, the rest categorical ones. */
  private final int numericSlots;

  /**
   * Collects the thresholds of the numeric nodes in {@code nodes} (records of {@code record} ints, the first
   * the feature with flags, as {@link FlatTrees} lays them out) and rewrites {@code ranked}, a copy of
   * {@code nodes}: each record's feature becomes its slot, and each numeric record's second int the node's
   * rank in the form {@link #goesLeft} reads.
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
    int[] slotOf = new int[numFeatures];
    int slots = 0;
    for (int f = 0; f < numFeatures; f++) {
      slotOf[f] = count[f] > 0 ? slots++ : -1;
    }
    numericSlots = slots;
    for (int f = 0; f < numFeatures; f++) {
      slotOf[f] = categorical[f] ? slots++ : slotOf[f];
    }
    featureOfSlot = new int[slots];
    for (int f = 0; f < numFeatures; f++) {
      if (slotOf[f] >= 0) {
        featureOfSlot[slotOf[f]] = f;
      }
    }
    // Group the thresholds by slot, sort each group, and drop repeats (-0.0 and 0.0 are one threshold).
    int[] at = new int[numericSlots + 1];
    for (int s = 0; s < numericSlots; s++) {
      at[s + 1] = at[s] + count[featureOfSlot[s]];
    }
    double[] grouped = new double[at[numericSlots]];
    int[] fill = Arrays.copyOf(at, numericSlots);
    for (int g = 0; g < nodeCount; g++) {
      int meta = nodes[g * record];
      if (meta >= 0) {
        grouped[fill[slotOf[meta & featureMask]]++] = exact[g] + 0.0;
      }
    }
    start = new int[numericSlots + 1];
    int size = 0;
    for (int s = 0; s < numericSlots; s++) {
      Arrays.sort(grouped, at[s], at[s + 1]);
      start[s] = size;
      for (int i = at[s]; i < at[s + 1]; i++) {
        if (size == start[s] || grouped[size - 1] != grouped[i]) {
          grouped[size++] = grouped[i];
        }
      }
    }
    start[numericSlots] = size;
    thresholds = Arrays.copyOf(grouped, size);
    for (int g = 0; g < nodeCount; g++) {
      int meta = nodes[g * record];
      int slot = slotOf[meta & featureMask];
      ranked[g * record] = (meta & ~featureMask) | slot;
      if (meta >= 0) {
        int rank = Arrays.binarySearch(thresholds, start[slot], start[slot + 1], exact[g] + 0.0) - start[slot];
        ranked[g * record + 1] = (meta & defaultLeft) != 0 ? rank : rank ^ Integer.MIN_VALUE;
      }
    }
  }

  /** The number of slots: the ints of a coded row. */
  int slots() {
    return featureOfSlot.length;
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
   * {@code codes[0 ..]}, {@link #slots()} codes a row.
   */
  void code(double[] x, int at, int rows, int numFeatures, int[] codes) {
    int slots = featureOfSlot.length;
    for (int r = 0; r < rows; r++) {
      int row = at + r * numFeatures;
      int to = r * slots;
      for (int s = 0; s < numericSlots; s++) {
        codes[to + s] = code(s, x[row + featureOfSlot[s]]);
      }
      for (int s = numericSlots; s < slots; s++) {
        codes[to + s] = (int) x[row + featureOfSlot[s]];
      }
    }
  }

  /**
   * The number of slot s's thresholds below {@code value}, or {@link #MISSING} for NaN: a binary search
   * whose steps pick their half by a conditional move, not a branch the data would make unpredictable.
   */
  private int code(int slot, double value) {
    if (value != value) {
      return MISSING;
    }
    int base = start[slot];
    int n = start[slot + 1] - base;
    // Invariant: every threshold before base is below value, and the code is at most base + n - start[slot].
    while (n > 1) {
      int half = n >>> 1;
      base = thresholds[base + half] < value ? base + half : base;
      n -= half;
    }
    return base - start[slot] + (thresholds[base] < value ? 1 : 0);
  }
}
