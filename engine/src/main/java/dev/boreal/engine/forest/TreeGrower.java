package dev.boreal.engine.forest;

import dev.boreal.engine.Rng;
import dev.boreal.engine.model.Routing;
import dev.boreal.engine.model.Tree;
import dev.boreal.histogram.BinColumn;
import dev.boreal.histogram.BinnedData;
import dev.boreal.collect.IntList;
import dev.boreal.collect.IntHeap;
import java.util.Arrays;

/**
 * Grows one forest tree at a time on its sample of rows: scikit-learn's tree builder over binned data.
 *
 * <p>A node's rows are a range of one permutation, partitioned in place (stably) at each split, with
 * each position's weight and label moved along so every pass reads them in order. When a node is made,
 * its best split is found at once ({@link NodeSplitter}, on a fresh random choice of features), so a
 * pending node holds only its range, statistics and split, never a histogram. Without a leaf cap the
 * pending nodes are a stack (depth-first: at most one pending node per level); with {@code num_leaves}
 * set they are a queue by impurity decrease (best-first, as scikit-learn's {@code max_leaf_nodes}).
 *
 * <p>Every random choice is seeded from the tree's seeds and the node's serial number (its order of
 * creation), so a tree depends only on the forest's seed and the tree's index. One grower is one thread's
 * set of buffers, reused for every tree that thread grows; it is not thread-safe.
 */
final class TreeGrower {
  private static final long TREE_FEATURES = 0x74726565L;
  private static final long NODE_FEATURES = 0x6e6f6465L;

  private final BinnedData data;
  private final ForestSettings s;
  private final Criterion criterion;
  private final int classes;
  private final int c;
  private final int stride;
  private final int[] classOf;
  private final double[] labels;
  private final double[] sampleWeights;
  private final int[] usable;
  private final NodeSplitter splitter;
  private final ForestTree tree;

  private final int[] rows;
  private final double[] w;
  private final int[] cls;
  private final double[] y;
  private final int[] rowsTmp;
  private final double[] wTmp;
  private final int[] clsTmp;
  private final double[] yTmp;

  private final int[] treeFeatures;
  private int treeFeatureCount;
  private final int[] order;
  private final double[] parentStats;
  private long treeFeatureSeed;
  private long treeThresholdSeed;
  private long serial;

  private final PendingNodes slots;
  private final IntList stack = new IntList();
  private final IntHeap queue;

  /**
   * @param classOf class index of each row for a classifier, or {@code null} for regression
   * @param classes number of classes (1 for regression)
   * @param labels label of each row (read for regression)
   * @param sampleWeights weight of each row, or {@code null}
   * @param usable the features worth trying (not constant), ascending
   * @param maxCatToOnehot categorical features with at most this many bins split one-vs-rest
   */
  TreeGrower(BinnedData data, ForestSettings s, int[] classOf, int classes, double[] labels,
      double[] sampleWeights, int[] usable, int maxCatToOnehot) {
    this.data = data;
    this.s = s;
    this.criterion = s.criterion();
    this.classes = classes;
    this.c = criterion.channels(classes);
    this.stride = c + 1;
    this.classOf = classOf;
    this.labels = labels;
    this.sampleWeights = sampleWeights;
    this.usable = usable;
    this.splitter = new NodeSplitter(data, criterion, classes, s, maxCatToOnehot);
    this.tree = new ForestTree(stride);
    int n = data.rows();
    this.rows = new int[n];
    this.w = new double[n];
    this.rowsTmp = new int[n];
    this.wTmp = new double[n];
    this.cls = classOf != null ? new int[n] : null;
    this.clsTmp = classOf != null ? new int[n] : null;
    this.y = classOf == null ? new double[n] : null;
    this.yTmp = classOf == null ? new double[n] : null;
    this.treeFeatures = new int[usable.length];
    this.order = new int[usable.length];
    this.parentStats = new double[stride];
    this.slots = new PendingNodes(stride, splitter.maxBins());
    this.queue = new IntHeap((a, b) -> slots.gain[a] != slots.gain[b]
        ? Double.compare(slots.gain[b], slots.gain[a]) : Long.compare(slots.serial[a], slots.serial[b]));
  }

  /**
   * Grows the tree of one sample.
   *
   * @param counts multiplicity of each row in the sample (0: out of bag)
   * @param treeIndex the tree's index, which seeds its feature choices and thresholds
   * @return one tree per model output
   */
  Tree[] grow(int[] counts, long treeIndex) {
    int n = gather(counts, false);
    if (n == 0) {
      // Every sampled row had weight 0: learn from all weighted rows rather than from nothing.
      n = gather(counts, true);
    }
    sampleTreeFeatures(treeIndex);
    treeFeatureSeed = Rng.mix(s.featureSeed(), treeIndex);
    treeThresholdSeed = Rng.mix(s.thresholdSeed(), treeIndex);
    serial = 0;
    tree.reset();
    stack.clear();
    queue.clear();
    slots.clear();
    create(0, n, 0, -1, true);
    while (pending() > 0) {
      if (s.leafCapped() && tree.numLeaves() + pending() >= s.maxLeaves()) {
        break;
      }
      split(s.leafCapped() ? queue.dequeueInt() : stack.popInt());
    }
    while (pending() > 0) {
      int slot = s.leafCapped() ? queue.dequeueInt() : stack.popInt();
      tree.addLeaf(slots.parent[slot], slots.isLeft[slot], slots.stats, slot * stride);
      slots.free(slot);
    }
    return tree.toTrees(criterion, classes, data.mappers());
  }

  /** Puts the sampled rows with positive weight in positions 0..; returns how many. */
  private int gather(int[] counts, boolean everyRow) {
    int n = 0;
    for (int r = 0; r < counts.length; r++) {
      int m = everyRow ? 1 : counts[r];
      double weight = sampleWeights == null ? m : m * sampleWeights[r];
      if (m == 0 || !(weight > 0)) {
        continue;
      }
      rows[n] = r;
      w[n] = weight;
      if (cls != null) {
        cls[n] = classOf[r];
      } else {
        y[n] = labels[r];
      }
      n++;
    }
    return n;
  }

  /** The tree's features: all usable ones, or a feature_fraction sample of them (ascending). */
  private void sampleTreeFeatures(long treeIndex) {
    int keep = s.treeFeatures(usable.length);
    System.arraycopy(usable, 0, treeFeatures, 0, usable.length);
    if (keep < usable.length) {
      Rng rng = new Rng(Rng.mix(s.featureSeed(), treeIndex), TREE_FEATURES);
      for (int i = 0; i < keep; i++) {
        int j = i + rng.nextInt(usable.length - i);
        int t = treeFeatures[i];
        treeFeatures[i] = treeFeatures[j];
        treeFeatures[j] = t;
      }
      Arrays.sort(treeFeatures, 0, keep);
    }
    treeFeatureCount = keep;
  }

  private int pending() {
    return s.leafCapped() ? queue.size() : stack.size();
  }

  /** Makes the node of positions {@code [start, end)}: queued with its best split, or a leaf. */
  private void create(int start, int end, int depth, int parent, boolean isLeft) {
    int slot = slots.take();
    slots.start[slot] = start;
    slots.end[slot] = end;
    slots.depth[slot] = depth;
    slots.parent[slot] = parent;
    slots.isLeft[slot] = isLeft;
    slots.serial[slot] = serial++;
    boolean pure = stats(start, end, slots.stats, slot * stride);
    if (!pure && findSplit(slot)) {
      if (s.leafCapped()) {
        queue.enqueue(slot);
      } else {
        stack.push(slot);
      }
    } else {
      tree.addLeaf(parent, isLeft, slots.stats, slot * stride);
      slots.free(slot);
    }
  }

  /** Finds the slot's best split over a random choice of features; returns whether there is one. */
  private boolean findSplit(int slot) {
    int start = slots.start[slot];
    int end = slots.end[slot];
    int count = end - start;
    if (count < Math.max(2, 2 * s.minDataInLeaf()) || (s.maxDepth() > 0 && slots.depth[slot] >= s.maxDepth())) {
      return false;
    }
    System.arraycopy(slots.stats, slot * stride, parentStats, 0, stride);
    double parentScore = criterion.parentScore(parentStats, 0, c);
    double minScore = parentScore + s.minGainToSplit();
    NodeSplit best = slots.split[slot];
    best.reset();
    int available = treeFeatureCount;
    int wanted = s.nodeFeatures(available);
    System.arraycopy(treeFeatures, 0, order, 0, available);
    long nodeSeed = Rng.mix(treeFeatureSeed, slots.serial[slot]);
    long thresholdSeed = Rng.mix(treeThresholdSeed, slots.serial[slot]);
    Rng rng = wanted < available ? new Rng(nodeSeed, NODE_FEATURES) : null;
    // Draw features one by one until `wanted` of them vary in the node (scikit-learn's rule).
    for (int j = 0, tried = 0; j < available && tried < wanted; j++) {
      if (rng != null) {
        int k = j + rng.nextInt(available - j);
        int t = order[j];
        order[j] = order[k];
        order[k] = t;
      }
      if (splitter.tryFeature(order[j], rows, start, end, w, cls, y, parentStats, minScore, thresholdSeed, best)) {
        tried++;
      }
    }
    if (!best.valid()) {
      return false;
    }
    slots.gain[slot] = best.score - parentScore;
    return true;
  }

  /** Splits a queued node: records it, partitions its rows and makes its two children. */
  private void split(int slot) {
    NodeSplit sp = slots.split[slot];
    int start = slots.start[slot];
    int end = slots.end[slot];
    int o = slot * stride;
    int node = tree.addNode(slots.parent[slot], slots.isLeft[slot], sp, slots.gain[slot],
        criterion.weight(slots.stats, o, c), end - start, data.numBins(sp.feature));
    int mid = partition(start, end, sp);
    int depth = slots.depth[slot] + 1;
    slots.free(slot);
    // The right child is made last, so on the stack the left one is split first: depth-first, left first.
    create(start, mid, depth, node, true);
    create(mid, end, depth, node, false);
  }

  /** Stable partition of positions {@code [start, end)} by the split; returns the first right position. */
  private int partition(int start, int end, NodeSplit sp) {
    BinColumn column = data.column(sp.feature);
    int missing = data.numBins(sp.feature) - 1;
    int threshold = sp.thresholdBin;
    boolean defaultLeft = sp.defaultLeft;
    long[] bits = sp.categorical ? sp.leftBins : null;
    int l = start;
    int r = 0;
    for (int i = start; i < end; i++) {
      int row = rows[i];
      int bin = column.bin(row);
      if (Routing.binGoesLeft(bin, threshold, defaultLeft, missing, bits)) {
        rows[l] = row;
        w[l] = w[i];
        if (cls != null) {
          cls[l] = cls[i];
        } else {
          y[l] = y[i];
        }
        l++;
      } else {
        rowsTmp[r] = row;
        wTmp[r] = w[i];
        if (cls != null) {
          clsTmp[r] = cls[i];
        } else {
          yTmp[r] = y[i];
        }
        r++;
      }
    }
    System.arraycopy(rowsTmp, 0, rows, l, r);
    System.arraycopy(wTmp, 0, w, l, r);
    if (cls != null) {
      System.arraycopy(clsTmp, 0, cls, l, r);
    } else {
      System.arraycopy(yTmp, 0, y, l, r);
    }
    return l;
  }

  /**
   * Writes the statistics of positions {@code [start, end)} to {@code out[off ..]}: class weights (or
   * {@code Σw·y, Σw}), then the row count. Returns whether the node is pure (one class, or one label
   * value), which no split can improve.
   */
  private boolean stats(int start, int end, double[] out, int off) {
    Arrays.fill(out, off, off + stride, 0.0);
    out[off + c] = end - start;
    if (cls != null) {
      for (int i = start; i < end; i++) {
        out[off + cls[i]] += w[i];
      }
      int present = 0;
      for (int k = 0; k < c; k++) {
        present += out[off + k] > 0 ? 1 : 0;
      }
      return present <= 1;
    }
    double sum = 0;
    double weight = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = start; i < end; i++) {
      sum += w[i] * y[i];
      weight += w[i];
      min = Math.min(min, y[i]);
      max = Math.max(max, y[i]);
    }
    out[off] = sum;
    out[off + 1] = weight;
    return min == max;
  }
}
