package dev.boreal.engine.tree;

import dev.boreal.engine.Rng;
import dev.boreal.histogram.BinColumn;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.Histogram;
import java.util.List;

/**
 * Finds a leaf's best split from its histograms: for numeric features every threshold with missing
 * values sent either way; for categorical features one-vs-rest or LightGBM's sorted many-vs-many scan.
 *
 * <p>Histograms hold no row counts. As LightGBM does, a bin's rows are estimated from its share of the
 * leaf's hessian, {@code round(binHessian * leafRows / leafHessian)} (exact when every row has the same
 * hessian), and a side's rows are the sum over its bins; these estimates serve {@code min_data_in_leaf},
 * {@code min_data_per_group} and {@code cat_smooth}, and the learner takes true counts from the partition.
 * Rounding bin by bin, not the side's total, is LightGBM's rule and measurably better on its ranking and
 * binary examples (rows whose hessian is nearly zero count for nothing).
 *
 * <p>Ties go to the lower feature, then the lower threshold, then missing-right, so the result depends
 * only on the histograms. Not thread-safe: one finder per training (it keeps scratch buffers).
 */
final class SplitFinder {
  private static final int S = BinColumn.STRIDE;
  /** Relative gain by which a many-vs-many split's second scan direction must beat the first: far above rounding. */
  private static final double REVISIT_MARGIN = 1e-9;
  /**
   * Relative slack of the division-free bound that screens thresholds before their exact gain: far above the
   * rounding of either formula, so a threshold is skipped only when its exact gain is surely below the bar.
   */
  private static final double SCREEN_SLACK = 1e-12;
  /** Where a numeric threshold sends missing values: right, left, or (none in the leaf) the larger side. */
  private static final int RIGHT = 0;
  private static final int LEFT = 1;
  private static final int SIZE_DECIDES = 2;

  private final TreeParams p;
  private final boolean[] categorical;
  private final SplitCandidate scratch = new SplitCandidate();
  private final int[] sortedBins;
  private final double[] sortKeys;
  /** Per threshold of the numeric feature being scanned: the left side's sums. */
  private final double[] leftGradient;
  private final double[] leftHessian;
  private final long[] leftCount;
  /** The thresholds of a scan that the screen leaves in play, ascending. */
  private final int[] candidates;
  /** Per bin of the categorical feature being scanned: its estimated rows, taken once for both directions. */
  private final long[] binRows;
  private double rowsPerHessian;
  /** The output of the leaf being searched, which path smoothing moves its children's towards. */
  private double parentOutput;

  SplitFinder(TreeParams params, List<BinMapper> mappers) {
    this.p = params;
    this.categorical = new boolean[mappers.size()];
    int maxBins = 1;
    for (int f = 0; f < mappers.size(); f++) {
      categorical[f] = mappers.get(f).isCategorical();
      maxBins = Math.max(maxBins, mappers.get(f).numBins());
    }
    this.sortedBins = new int[maxBins];
    this.sortKeys = new double[maxBins];
    this.leftGradient = new double[maxBins];
    this.leftHessian = new double[maxBins];
    this.leftCount = new long[maxBins];
    this.candidates = new int[maxBins];
    this.binRows = new long[maxBins];
  }

  /**
   * Writes into {@code best} the best split of a leaf over {@code features[0 .. count)}, or leaves it
   * invalid when no split passes the limits and beats {@code min_gain_to_split}.
   *
   * @param hist the leaf's histograms
   * @param g the leaf's gradient sum
   * @param h the leaf's hessian sum
   * @param c the leaf's row count
   * @param lower the leaf's lower output bound (monotone constraints), or -infinity
   * @param upper the leaf's upper output bound, or +infinity
   * @param output the leaf's own output, towards which path smoothing moves its children's
   * @param randomSeed seeds extra-trees thresholds for this leaf
   */
  void find(Histogram hist, int[] features, int count, double g, double h, long c, double lower, double upper,
      double output, long randomSeed, SplitCandidate best) {
    best.reset();
    rowsPerHessian = h > 0 ? c / h : 0;
    parentOutput = output;
    // As in LightGBM, with smoothing the leaf's own gain is taken at its optimum smoothed towards its output.
    double parentGain = p.pathSmooth() > 0
        ? SplitMath.leafGainAt(g, h, p.lambdaL1(), p.lambdaL2(),
            childOutput(g, h, c, p.lambdaL2(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
        : SplitMath.leafGain(g, h, p.lambdaL1(), p.lambdaL2(), p.maxDeltaStep());
    double minGain = parentGain + p.minGainToSplit();
    for (int i = 0; i < count; i++) {
      int f = features[i];
      scratch.reset();
      if (categorical[f]) {
        categoricalSplit(f, hist, g, h, c, minGain, scratch);
      } else {
        // A threshold below the best split of the features before cannot win, not even a tie (the bar is
        // beaten strictly), so the scan skips it unevaluated; the feature's own best may then differ, but only
        // when it loses to theirs.
        numericSplit(f, hist, g, h, c, lower, upper, Math.max(minGain, best.gain), randomSeed, scratch);
      }
      if (best.worseThan(scratch)) {
        best.copyFrom(scratch);
      }
    }
    if (best.valid()) {
      best.gain -= parentGain;
    }
  }

  /** The best threshold of a numeric feature above {@code minGain}, a bar that may include other features' best. */
  private void numericSplit(int f, Histogram hist, double g, double h, long c, double lower, double upper,
      double minGain, long randomSeed, SplitCandidate out) {
    double[] d = hist.data();
    int off = hist.offset(f);
    int missing = hist.numBins(f) - 1;
    long missingCount = rows(d[off + S * missing + 1]);
    int first = 0;
    int last = missing - 1;
    if (p.extraTrees() && missing >= 2) {
      first = (int) Math.floorMod(Rng.mix(randomSeed, f), (long) (missing - 1));
      last = first;
    }
    int monotone = p.monotone(f);
    // Missing values (if any) go right; the last threshold leaves only missing values on the right.
    scanThresholds(f, d, off, first, last, 0, 0, 0, missingCount == 0 ? SIZE_DECIDES : RIGHT, g, h, c, lower, upper,
        monotone, minGain, out);
    if (missingCount > 0) {
      scanThresholds(f, d, off, first, Math.min(last, missing - 2), d[off + S * missing], d[off + S * missing + 1],
          missingCount, LEFT, g, h, c, lower, upper, monotone, minGain, out);
    }
  }

  /**
   * Scans thresholds {@code first .. last} of feature f, the left side starting from the given sums (the
   * missing bin's when missing values go left), and records in {@code out} each one that beats it.
   *
   * <p>In three passes, so that no branch depends on the data where the processor could not predict it: the
   * left sums of each threshold up to the first whose right side is too small ({@link #leftSums}); the
   * thresholds not {@link #surelyBelow} the bar the scan starts with, listed by a loop that adds each one's
   * index without branching on it; and those, checked and evaluated in order against the rising bar. A threshold
   * surely below the starting bar is surely below any higher one, so the listed thresholds are all a single scan
   * would evaluate, and the same one wins. About 1.5 times as fast as one loop doing it all.
   */
  private void scanThresholds(int f, double[] d, int off, int first, int last, double gl0, double hl0, long cl0,
      int missingSide, double g, double h, long c, double lower, double upper, int monotone, double minGain,
      SplitCandidate out) {
    int end = leftSums(d, off, first, last, gl0, hl0, cl0, g, h, c);
    double l1 = p.lambdaL1();
    double l2 = p.lambdaL2();
    double bar = Math.max(minGain, out.gain);
    int listed = 0;
    for (int t = first; t < end; t++) {
      double gl = leftGradient[t];
      double hl = leftHessian[t];
      candidates[listed] = t;
      listed += surelyBelow(gl, hl, g - gl, h - hl, l1, l2, bar) ? 0 : 1;
    }
    for (int k = 0; k < listed; k++) {
      int t = candidates[k];
      double gl = leftGradient[t];
      double hl = leftHessian[t];
      long cl = leftCount[t];
      if (!enough(cl, hl) || surelyBelow(gl, hl, g - gl, h - hl, l1, l2, bar)) {
        continue;
      }
      boolean defaultLeft = missingSide == LEFT || (missingSide == SIZE_DECIDES && cl >= c - cl);
      if (evaluate(f, t, defaultLeft, gl, hl, cl, g, h, c, lower, upper, monotone, l2, minGain, out)) {
        bar = out.gain;
      }
    }
  }

  /**
   * Fills {@link #leftGradient}, {@link #leftHessian} and {@link #leftCount} with the running sums of bins
   * {@code 0 .. t} on top of the given ones, for t up to {@code last}, and returns where the scan ends: the
   * first threshold from {@code first} on whose left side is big enough and right side is not, where a single
   * scan would stop, or {@code last + 1}.
   */
  private int leftSums(double[] d, int off, int first, int last, double gl0, double hl0, long cl0, double g,
      double h, long c) {
    double gl = gl0;
    double hl = hl0;
    long cl = cl0;
    for (int t = 0; t <= last; t++) {
      gl += d[off + S * t];
      hl += d[off + S * t + 1];
      cl += rows(d[off + S * t + 1]);
      leftGradient[t] = gl;
      leftHessian[t] = hl;
      leftCount[t] = cl;
      if (t >= first && enough(cl, hl) && !enough(c - cl, h - hl)) {
        return t;
      }
    }
    return last + 1;
  }

  private void categoricalSplit(int f, Histogram hist, double g, double h, long c, double minGain,
      SplitCandidate out) {
    double[] d = hist.data();
    int off = hist.offset(f);
    int bins = hist.numBins(f);
    if (bins <= p.maxCatToOnehot()) {
      for (int b = 0; b < bins; b++) {
        double hl = d[off + S * b + 1];
        long cl = rows(hl);
        if (!enough(cl, hl) || !enough(c - cl, h - hl)) {
          continue;
        }
        if (evaluate(f, -1, false, d[off + S * b], hl, cl, g, h, c, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, 0, p.lambdaL2(), minGain, out)) {
          out.leftBins = new long[(bins + 63) >>> 6];
          out.leftBins[b >>> 6] |= 1L << b;
          out.defaultLeft = b == bins - 1;
        }
      }
      return;
    }
    int used = 0;
    for (int b = 0; b < bins; b++) {
      binRows[b] = rows(d[off + S * b + 1]);
      if (binRows[b] >= p.catSmooth()) {
        sortKeys[used] = d[off + S * b] / (d[off + S * b + 1] + p.catSmooth());
        sortedBins[used++] = b;
      }
    }
    BinOrder.sortByKey(sortKeys, sortedBins, used);
    double l2 = p.lambdaL2() + p.catL2() * (p.catL2PerCategory() ? Math.min(1.0, used / (double) p.maxCatThreshold())
        : 1.0);
    int maxCategories = Math.min(p.maxCatThreshold(), (used + 1) / 2);
    for (int direction = 0; direction < 2; direction++) {
      // The second direction mostly revisits partitions of the leaf's rows the first one scored, from sums
      // rounded another way: it takes over only when better beyond rounding, so that a tie between a partition
      // and its mirror image never depends on how the sums were added (threads, Spark partitions).
      double revisitMargin = direction == 0 ? 0 : REVISIT_MARGIN;
      double gl = 0;
      double hl = 0;
      long cl = 0;
      long sinceLastCut = 0;
      for (int i = 0; i < used && i < maxCategories; i++) {
        int b = sortedBins[direction == 0 ? i : used - 1 - i];
        gl += d[off + S * b];
        hl += d[off + S * b + 1];
        long binCount = binRows[b];
        cl += binCount;
        sinceLastCut += binCount;
        if (!enough(cl, hl)) {
          continue;
        }
        if (!enough(c - cl, h - hl) || c - cl < p.minDataPerGroup()) {
          break;
        }
        if (sinceLastCut < p.minDataPerGroup()) {
          continue;
        }
        sinceLastCut = 0;
        double beat = out.valid() ? out.gain + revisitMargin * Math.abs(out.gain) : out.gain;
        if (surelyBelow(gl, hl, g - gl, h - hl, p.lambdaL1(), l2, Math.max(minGain, beat))) {
          continue;
        }
        if (evaluate(f, -1, false, gl, hl, cl, g, h, c, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            0, l2, minGain, beat, out)) {
          out.leftBins = bitset(bins, sortedBins, direction == 0 ? 0 : used - 1 - i, direction == 0 ? i : used - 1);
          out.defaultLeft = (out.leftBins[(bins - 1) >>> 6] & (1L << (bins - 1))) != 0;
        }
      }
    }
  }

  /** Records the split if it beats {@code out}; returns whether it did. */
  private boolean evaluate(int f, int thresholdBin, boolean defaultLeft, double gl, double hl, long cl,
      double g, double h, long c, double lower, double upper, int monotone, double l2, double minGain,
      SplitCandidate out) {
    return evaluate(f, thresholdBin, defaultLeft, gl, hl, cl, g, h, c, lower, upper, monotone, l2, minGain, out.gain,
        out);
  }

  /** Records the split if its gain is above {@code beat} (at least {@code out}'s); returns whether it did. */
  private boolean evaluate(int f, int thresholdBin, boolean defaultLeft, double gl, double hl, long cl,
      double g, double h, long c, double lower, double upper, int monotone, double l2, double minGain,
      double beat, SplitCandidate out) {
    double l1 = p.lambdaL1();
    double gr = g - gl;
    double hr = h - hl;
    double leftOut = childOutput(gl, hl, cl, l2, lower, upper);
    double rightOut = childOutput(gr, hr, c - cl, l2, lower, upper);
    if ((monotone > 0 && leftOut > rightOut) || (monotone < 0 && leftOut < rightOut)) {
      return false;
    }
    double gain = SplitMath.leafGainAt(gl, hl, l1, l2, leftOut) + SplitMath.leafGainAt(gr, hr, l1, l2, rightOut);
    if (!(gain > minGain) || !(gain > beat)) {
      return false;
    }
    out.feature = f;
    out.thresholdBin = thresholdBin;
    out.defaultLeft = defaultLeft;
    out.leftBins = null;
    out.gain = gain;
    out.leftGradient = gl;
    out.leftHessian = hl;
    out.leftCount = cl;
    out.rightGradient = gr;
    out.rightHessian = hr;
    out.rightCount = c - cl;
    out.leftOutput = leftOut;
    out.rightOutput = rightOut;
    return true;
  }

  /**
   * A child's output (or, unbounded, the leaf's own): optimal, then smoothed towards the leaf's output by its
   * rows, then clamped into the bounds.
   */
  private double childOutput(double g, double h, long rows, double l2, double lower, double upper) {
    double out = SplitMath.leafOutput(g, h, p.lambdaL1(), l2, p.maxDeltaStep());
    return SplitMath.clamp(SplitMath.smoothed(out, rows, p.pathSmooth(), parentOutput), lower, upper);
  }

  /**
   * Whether a split's gain is surely at most {@code bar}, by the gain at the children's unbounded optimal
   * outputs, {@code T(gl)²/(hl+λ) + T(gr)²/(hr+λ)}, which bounds the gain at any capped or clamped output from
   * above; compared with both sides multiplied by the denominators, so most thresholds of a scan cost no
   * division. Not sure (false) when a denominator is not positive or a sum is not finite.
   */
  private static boolean surelyBelow(double gl, double hl, double gr, double hr, double l1, double l2, double bar) {
    double dl = hl + l2;
    double dr = hr + l2;
    return dl > 0 && dr > 0
        && (thresholdedSquare(gl, l1) * dr + thresholdedSquare(gr, l1) * dl) * (1 + SCREEN_SLACK) <= bar * dl * dr;
  }

  /**
   * {@code T(g, l1)²}: g soft-thresholded by l1, squared. Without L1 that is {@code g²}, bit for bit, and taking it
   * so spares the screen the {@link Math#max} calls that took about a third of its time.
   */
  private static double thresholdedSquare(double g, double l1) {
    if (l1 == 0) {
      return g * g;
    }
    double shrunk = Math.max(Math.abs(g) - l1, 0.0);
    return shrunk * shrunk;
  }

  /** The rows a bin's hessian sum stands for in the current leaf. */
  private long rows(double hessian) {
    return roundHalfUp(hessian * rowsPerHessian);
  }

  /**
   * {@link Math#round(double)} of a value that is not negative (NaN gives 0 as well), in fewer steps than
   * its bit manipulation: the scans call it once per bin. {@code x + 0.5} can only round up, onto an integer
   * ({@code 0.49999999999999994} gives 1.0), and then {@code x} is below {@code r - 0.5}, which is exact. That
   * branch is almost never taken, where one on the fraction of an estimated row count goes either way.
   */
  static long roundHalfUp(double x) {
    long r = (long) (x + 0.5);
    return x < r - 0.5 ? r - 1 : r;
  }

  private boolean enough(long count, double hessian) {
    return count > 0 && count >= p.minDataInLeaf() && hessian >= p.minSumHessianInLeaf();
  }

  /** A bitset over {@code bins} bins holding {@code sorted[from .. to]}. */
  private static long[] bitset(int bins, int[] sorted, int from, int to) {
    long[] set = new long[(bins + 63) >>> 6];
    for (int i = from; i <= to; i++) {
      set[sorted[i] >>> 6] |= 1L << sorted[i];
    }
    return set;
  }
}
