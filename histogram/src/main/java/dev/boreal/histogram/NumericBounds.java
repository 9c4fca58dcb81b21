package dev.boreal.histogram;

import dev.boreal.collect.DoubleList;

/**
 * LightGBM's choice of numeric bin bounds (4.x {@code src/io/bin.cpp}, {@code FindBinWithZeroAsOneBin}
 * and {@code GreedyFindBin}), so that a split Boreal finds lies at the very threshold LightGBM's would.
 *
 * <p>Zero is a bin of its own, {@code (-ZERO_THRESHOLD, ZERO_THRESHOLD]}; the negative and the positive
 * values share the other bins in proportion to their row counts, and each side is binned greedily:
 * every distinct value its own bin when few enough (merged forward until a bin holds
 * {@code min_data_in_bin} rows), otherwise roughly equal-count bins in which a "big" value, holding
 * at least a mean bin's rows, always gets a bin to itself. A bound between values {@code a < b} is the
 * double just above {@code (a + b) / 2}, as LightGBM's {@code GetDoubleUpperBound} makes it.
 */
final class NumericBounds {
  /** LightGBM's {@code kZeroThreshold}, {@link BinMapper#ZERO_THRESHOLD}: the zero bin's upper bound. */
  private static final double ZERO_THRESHOLD = BinMapper.ZERO_THRESHOLD;

  private NumericBounds() {
  }

  /**
   * The value-bin upper bounds, strictly increasing and ending with +Infinity, at most {@code maxBin}.
   *
   * @param values input, sorted ascending: the distinct non-zero values in {@code [0, distinct)}, no two
   *     of them adjacent doubles and none of magnitude {@code <= ZERO_THRESHOLD}
   * @param counts input: the sampled rows holding each distinct value, each at least 1
   * @param distinct number of distinct non-zero values
   * @param maxBin most value bins, at least 1
   */
  static double[] find(double[] values, int[] counts, int distinct, int maxBin, int minDataInBin) {
    int firstPositive = 0;
    while (firstPositive < distinct && values[firstPositive] < 0) {
      firstPositive++;
    }
    long negativeRows = 0;
    long positiveRows = 0;
    for (int i = 0; i < distinct; i++) {
      if (i < firstPositive) {
        negativeRows += counts[i];
      } else {
        positiveRows += counts[i];
      }
    }
    DoubleList bounds = new DoubleList();
    if (firstPositive > 0 && maxBin > 1) {
      // Truncation, not rounding, as LightGBM's static_cast<int>; the zero bin is the "- 1".
      int negativeBins = (int) ((double) negativeRows / (negativeRows + positiveRows) * (maxBin - 1));
      bounds.addAll(greedy(values, counts, 0, firstPositive, negativeRows, Math.max(1, negativeBins),
          minDataInBin));
      // The last negative bin ends just below zero's bin instead of at +Infinity.
      bounds.set(bounds.size() - 1, -ZERO_THRESHOLD);
    }
    int positiveBins = maxBin - 1 - bounds.size();
    if (firstPositive < distinct && positiveBins > 0) {
      bounds.add(ZERO_THRESHOLD);
      bounds.addAll(
          greedy(values, counts, firstPositive, distinct, positiveRows, positiveBins, minDataInBin));
    } else {
      bounds.add(Double.POSITIVE_INFINITY);
    }
    return bounds.toDoubleArray();
  }

  /**
   * LightGBM's {@code GreedyFindBin} over the distinct values {@code [from, to)} holding {@code rows}
   * rows: at most {@code maxBin} bounds, the last +Infinity.
   */
  private static double[] greedy(
      double[] values, int[] counts, int from, int to, long rows, int maxBin, int minDataInBin) {
    DoubleList bounds = new DoubleList();
    if (to - from <= maxBin) {
      long inBin = 0;
      for (int i = from; i + 1 < to; i++) {
        inBin += counts[i];
        if (inBin >= minDataInBin && append(bounds, between(values[i], values[i + 1]))) {
          inBin = 0;
        }
      }
    } else {
      int bins = (int) Math.max(1, Math.min(maxBin, rows / minDataInBin));
      // A value holding a mean bin's rows or more is "big": it gets a bin alone, and the other values
      // share what is left, so one heavy value does not swallow the bins of its neighbours.
      double mean = (double) rows / bins;
      boolean[] big = new boolean[to - from];
      int restBins = bins;
      long restRows = rows;
      for (int i = from; i < to; i++) {
        if (counts[i] >= mean) {
          big[i - from] = true;
          restBins--;
          restRows -= counts[i];
        }
      }
      mean = (double) restRows / restBins;
      long inBin = 0;
      int closed = 0;
      for (int i = from; i + 1 < to; i++) {
        boolean isBig = big[i - from];
        if (!isBig) {
          restRows -= counts[i];
        }
        inBin += counts[i];
        // Close a bin once it is full, at a big value, or just before a big value when half full.
        if (isBig || inBin >= mean || (big[i + 1 - from] && inBin >= Math.max(1.0, mean * 0.5))) {
          append(bounds, between(values[i], values[i + 1]));
          if (++closed >= bins - 1) {
            break;
          }
          inBin = 0;
          if (!isBig) {
            // Re-aim the mean at what remains, so bins stay even after an early heavy stretch.
            restBins--;
            mean = (double) restRows / restBins;
          }
        }
      }
    }
    // A bound of +Infinity (the midpoint to an infinite value, or an overflowing one) would repeat the
    // last bound; LightGBM keeps it as an empty bin, Boreal's bounds must strictly increase.
    if (!bounds.isEmpty() && bounds.getDouble(bounds.size() - 1) == Double.POSITIVE_INFINITY) {
      bounds.removeLast();
    }
    bounds.add(Double.POSITIVE_INFINITY);
    return bounds.toDoubleArray();
  }

  /**
   * LightGBM's bound between distinct values {@code a < b}: the double just above their midpoint, so
   * that the midpoint itself falls in the lower bin whatever rounding the midpoint had.
   */
  static double between(double a, double b) {
    return Math.nextUp((a + b) / 2.0);
  }

  /**
   * Appends {@code bound} unless it equals the last bound or is the double just above it (LightGBM's
   * {@code CheckDoubleEqualOrdered}); returns whether it was appended.
   */
  private static boolean append(DoubleList bounds, double bound) {
    if (!bounds.isEmpty() && bound <= Math.nextUp(bounds.getDouble(bounds.size() - 1))) {
      return false;
    }
    bounds.add(bound);
    return true;
  }
}
