package dev.boreal.engine.forest;

import dev.boreal.engine.Rng;
import dev.boreal.engine.tree.BinOrder;
import dev.boreal.histogram.BinColumn;
import dev.boreal.histogram.BinnedData;

/**
 * Finds a forest node's best split on one feature from a histogram of the node's rows over that
 * feature's bins, with one channel per class (class weights) or two for regression ({@code Σw·y},
 * {@code Σw}), plus the row count.
 *
 * <p>A forest tries only a few features per node ({@code √p} for classifiers) and grows until leaves are
 * pure, so most nodes are small. A boosting learner's histograms of every feature, kept per leaf for
 * subtraction, would cost more to clear and subtract than these nodes cost to scan, and would hold one
 * histogram per pending leaf. So each tried feature gets a fresh histogram of the node's rows in one
 * pass, into a buffer of one feature's width; the pass also marks each bin it touches in a bitset, so the
 * scan and the clearing visit only the node's non-empty bins.
 *
 * <p>Thresholds and tie-breaking follow the boosting {@code SplitFinder}: numeric bins {@code ≤ t} go
 * left with missing values right, then (when the node has missing values) left; ties keep the lower
 * threshold, missing-right, and across features the lower feature. With squared error this makes the same
 * decisions as the boosting learner at lambda 0. Categorical features split one-vs-rest up to
 * {@code max_cat_to_onehot} bins, otherwise at the best cut of their bins sorted by the share of the
 * node's majority class (the mean label for regression), which is the optimal order for binary Gini and
 * squared error. Not thread-safe: one per tree-growing thread.
 */
final class NodeSplitter {
  private final BinColumn[] columns;
  private final int[] numBins;
  private final boolean[] categorical;
  private final Criterion criterion;
  /** Channels of statistics; the row count follows them, so a bin takes {@code stride = c + 1} doubles. */
  private final int c;
  private final int stride;
  private final int minDataInLeaf;
  private final double minWeightInLeaf;
  private final boolean extraTrees;
  private final int maxCatToOnehot;
  private final double catSmooth;
  /** The categories held by enough training rows to be ordered (min_data_per_group). */
  private final CommonCategories commonCategories;
  private final double[] hist;
  private final double[] left;
  private final double[] right;
  /** One bit per bin of the feature being tried: which bins the node's rows fell in. */
  private final long[] marks;
  /** The touched bins, ascending. */
  private final int[] touched;
  private final int[] sortedBins;
  private final double[] sortKeys;

  NodeSplitter(BinnedData data, Criterion criterion, int classes, ForestSettings s, int maxCatToOnehot) {
    int features = data.features();
    this.columns = new BinColumn[features];
    this.numBins = new int[features];
    this.categorical = new boolean[features];
    int maxBins = 1;
    for (int f = 0; f < features; f++) {
      columns[f] = data.column(f);
      numBins[f] = data.numBins(f);
      categorical[f] = data.mapper(f).isCategorical();
      maxBins = Math.max(maxBins, numBins[f]);
    }
    this.criterion = criterion;
    this.c = criterion.channels(classes);
    this.stride = c + 1;
    this.minDataInLeaf = s.minDataInLeaf();
    this.minWeightInLeaf = s.minWeightInLeaf();
    this.extraTrees = s.extraTrees();
    this.maxCatToOnehot = maxCatToOnehot;
    this.catSmooth = s.catSmooth();
    this.commonCategories = CommonCategories.of(data, categorical, s.minDataPerGroup());
    this.hist = new double[maxBins * stride];
    this.left = new double[stride];
    this.right = new double[stride];
    this.marks = new long[(maxBins + 63) >>> 6];
    this.touched = new int[maxBins];
    this.sortedBins = new int[maxBins];
    this.sortKeys = new double[maxBins];
  }

  /** The widest feature's bins: the size a {@link NodeSplit} needs. */
  int maxBins() {
    return sortedBins.length;
  }

  /**
   * Tries feature {@code f} on the node holding positions {@code [start, end)} and records a better split
   * in {@code best}.
   *
   * @param rows row of each position
   * @param w weight of each position (multiplicity times sample weight), > 0
   * @param cls class of each position (classifiers), or null
   * @param y label of each position (regression), or null
   * @param parent the node's statistics ({@code c} channels, then the row count)
   * @param minScore a split must score above this: the parent's score plus min_gain_to_split
   * @param seed seeds the extra-trees threshold of this node
   * @return whether the feature takes more than one bin in the node (a feature that does not is not
   *     counted among the node's tried features, as in scikit-learn)
   */
  boolean tryFeature(int f, int[] rows, int start, int end, double[] w, int[] cls, double[] y, double[] parent,
      double minScore, long seed, NodeSplit best) {
    if (cls != null) {
      addClasses(columns[f], rows, start, end, w, cls);
    } else {
      addTargets(columns[f], rows, start, end, w, y);
    }
    int used = listBins(numBins[f]);
    if (used > 1) {
      long random = Rng.mix(seed, f);
      if (categorical[f]) {
        categoricalSplit(f, used, parent, minScore, random, best);
      } else {
        numericSplit(f, used, parent, minScore, random, best);
      }
    }
    for (int i = 0; i < used; i++) {
      int o = touched[i] * stride;
      for (int j = 0; j < stride; j++) {
        hist[o + j] = 0.0;
      }
    }
    return used > 1;
  }

  /**
   * Lists the bins the last pass touched in {@link #touched}, ascending, and clears their marks; returns how
   * many. Walking the marks costs one step per 64 bins plus one per touched bin, so a deep node with a
   * handful of rows spread over 255 bins does not pay for the empty ones.
   */
  private int listBins(int bins) {
    int n = 0;
    for (int word = 0, words = (bins + 63) >>> 6; word < words; word++) {
      long bits = marks[word];
      marks[word] = 0;
      while (bits != 0) {
        touched[n++] = (word << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    return n;
  }

  /** Classifier kernel: class weight and count per bin, and a mark per touched bin. */
  private void addClasses(BinColumn column, int[] rows, int start, int end, double[] w, int[] cls) {
    final double[] h = hist;
    final long[] m = marks;
    final int s = stride;
    final int countAt = c;
    for (int i = start; i < end; i++) {
      int b = column.bin(rows[i]);
      int o = b * s;
      h[o + cls[i]] += w[i];
      h[o + countAt] += 1.0;
      m[b >>> 6] |= 1L << b;
    }
  }

  /** Regression kernel: {@code Σw·y}, {@code Σw} and count per bin, and a mark per touched bin. */
  private void addTargets(BinColumn column, int[] rows, int start, int end, double[] w, double[] y) {
    final double[] h = hist;
    final long[] m = marks;
    for (int i = start; i < end; i++) {
      int b = column.bin(rows[i]);
      int o = b * 3;
      h[o] += w[i] * y[i];
      h[o + 1] += w[i];
      h[o + 2] += 1.0;
      m[b >>> 6] |= 1L << b;
    }
  }

  /**
   * Numeric thresholds over the node's non-empty bins {@code touched[0 .. used)} (ascending; the missing
   * bin, if present, last). A threshold at an empty bin would repeat the previous partition with the same
   * score, so only non-empty bins are candidates, which is what the boosting finder keeps on ties.
   */
  private void numericSplit(int f, int used, double[] parent, double minScore, long random, NodeSplit best) {
    int missing = numBins[f] - 1;
    boolean hasMissing = touched[used - 1] == missing;
    int values = hasMissing ? used - 1 : used;
    if (values == 0) {
      return;
    }
    int cut = -1;
    if (extraTrees) {
      // One random threshold strictly inside the node's range of values, uniform over the bins between.
      int lo = touched[0];
      int top = touched[values - 1];
      cut = top > lo ? lo + (int) Math.floorMod(random, (long) (top - lo)) : lo;
    }
    // Missing values (if any) go right; the last candidate leaves only missing values on the right.
    java.util.Arrays.fill(left, 0.0);
    scan(f, values, cut, false, hasMissing, parent, minScore, best);
    if (hasMissing) {
      // Then missing values go left; putting every value bin left too would leave the right side empty.
      System.arraycopy(hist, missing * stride, left, 0, stride);
      scan(f, values - 1, cut, true, true, parent, minScore, best);
    }
  }

  /**
   * Moves the value bins {@code touched[0 .. candidates)} to {@link #left} one at a time and offers the
   * threshold after each (only the one at {@code cut} for extra trees). Without missing values in the
   * node, they are sent at prediction to the side that had more rows, as the boosting finder does.
   */
  private void scan(int f, int candidates, int cut, boolean missingLeft, boolean hasMissing, double[] parent,
      double minScore, NodeSplit best) {
    double parentCount = parent[c];
    for (int i = 0; i < candidates; i++) {
      int t = touched[i];
      if (extraTrees && t > cut) {
        break;
      }
      add(left, hist, t * stride);
      if (extraTrees && i + 1 < candidates && touched[i + 1] <= cut) {
        continue;
      }
      if (left[c] < minDataInLeaf) {
        continue;
      }
      if (parentCount - left[c] < minDataInLeaf) {
        break;
      }
      subtract(parent, left, right);
      if (enoughWeight(left) && enoughWeight(right)) {
        boolean defaultLeft = missingLeft || (!hasMissing && left[c] >= right[c]);
        offer(f, extraTrees ? cut : t, defaultLeft, minScore, best);
      }
    }
  }

  /** Scores the split whose sides are in {@link #left} and {@link #right}; records it if it wins. */
  private void offer(int f, int thresholdBin, boolean defaultLeft, double minScore, NodeSplit best) {
    double score = criterion.score(left, 0, c) + criterion.score(right, 0, c);
    if (score > minScore && best.beatenBy(score, f)) {
      best.feature = f;
      best.thresholdBin = thresholdBin;
      best.defaultLeft = defaultLeft;
      best.categorical = false;
      best.score = score;
    }
  }

  private void categoricalSplit(int f, int used, double[] parent, double minScore, long random, NodeSplit best) {
    double[] h = hist;
    int bins = numBins[f];
    System.arraycopy(touched, 0, sortedBins, 0, used);
    if (bins <= maxCatToOnehot) {
      for (int i = 0; i < used; i++) {
        int b = sortedBins[i];
        System.arraycopy(h, b * stride, left, 0, stride);
        subtract(parent, left, right);
        if (enough(left) && enough(right)) {
          offerCategorical(f, i, i + 1, b == bins - 1, minScore, best);
        }
      }
      return;
    }
    // Breiman's order (by the mean of the target, or of the majority class), smoothed towards the node's
    // mean as boosting smooths its gradient ratios: unsmoothed, categories of a row or two sort by noise and
    // fully grown trees split on it. Categories lighter than cat_smooth in the node, or held by fewer than
    // min_data_per_group training rows, stay on the right.
    int key = criterion == Criterion.SQUARED_ERROR ? 0 : majority(parent);
    double parentMean = parent[key] / criterion.weight(parent, 0, c);
    int ordered = 0;
    for (int i = 0; i < used; i++) {
      int o = sortedBins[i] * stride;
      double weight = criterion.weight(h, o, c);
      int b = sortedBins[i];
      if (weight >= catSmooth && commonCategories.contains(f, b)) {
        sortKeys[ordered] = (h[o + key] + catSmooth * parentMean) / (weight + catSmooth);
        sortedBins[ordered++] = sortedBins[i];
      }
    }
    used = ordered;
    if (used < 2) {
      return;
    }
    BinOrder.sortByKey(sortKeys, sortedBins, used);
    int firstCut = 1;
    int lastCut = used - 1;
    if (extraTrees) {
      firstCut = 1 + (int) Math.floorMod(random, (long) (used - 1));
      lastCut = firstCut;
    }
    java.util.Arrays.fill(left, 0.0);
    for (int cut = 1; cut <= lastCut; cut++) {
      add(left, h, sortedBins[cut - 1] * stride);
      if (cut < firstCut || !enough(left)) {
        continue;
      }
      subtract(parent, left, right);
      if (!enough(right)) {
        break;
      }
      boolean missingLeft = false;
      for (int i = 0; i < cut; i++) {
        missingLeft |= sortedBins[i] == bins - 1;
      }
      offerCategorical(f, 0, cut, missingLeft, minScore, best);
    }
  }

  /** Like {@link #offer} for the categorical split sending {@code sortedBins[from .. to)} left. */
  private void offerCategorical(int f, int from, int to, boolean defaultLeft, double minScore, NodeSplit best) {
    double score = criterion.score(left, 0, c) + criterion.score(right, 0, c);
    if (score > minScore && best.beatenBy(score, f)) {
      best.feature = f;
      best.thresholdBin = -1;
      best.defaultLeft = defaultLeft;
      best.categorical = true;
      best.score = score;
      java.util.Arrays.fill(best.leftBins, 0L);
      for (int i = from; i < to; i++) {
        best.leftBins[sortedBins[i] >>> 6] |= 1L << sortedBins[i];
      }
    }
  }

  /** The class with the most weight in the node. */
  private int majority(double[] parent) {
    int k = 0;
    for (int j = 1; j < c; j++) {
      if (parent[j] > parent[k]) {
        k = j;
      }
    }
    return k;
  }

  private boolean enough(double[] side) {
    return side[c] >= minDataInLeaf && enoughWeight(side);
  }

  /** The weight limit, skipped when it is 0 (the default) since every row weighs more. */
  private boolean enoughWeight(double[] side) {
    return minWeightInLeaf <= 0 || criterion.weight(side, 0, c) >= minWeightInLeaf;
  }

  private void add(double[] into, double[] from, int offset) {
    if (stride == 3) {
      // Regression and binary classification: spelt out, as the scan runs this once per candidate.
      into[0] += from[offset];
      into[1] += from[offset + 1];
      into[2] += from[offset + 2];
      return;
    }
    for (int j = 0; j < stride; j++) {
      into[j] += from[offset + j];
    }
  }

  private void subtract(double[] parent, double[] part, double[] out) {
    if (stride == 3) {
      out[0] = parent[0] - part[0];
      out[1] = parent[1] - part[1];
      out[2] = parent[2] - part[2];
      return;
    }
    for (int j = 0; j < stride; j++) {
      out[j] = parent[j] - part[j];
    }
  }
}
