package dev.boreal.engine.tree;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.PhaseTimes;
import dev.boreal.engine.PhaseTimes.Phase;
import dev.boreal.engine.Rng;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.Histogram;
import dev.boreal.collect.IntHeap;
import java.util.ArrayDeque;

/**
 * Grows one regression tree on gradients and hessians over binned data.
 *
 * <p>The loop is LightGBM's and XGBoost's: take the best candidate leaf, partition its rows, build the
 * histograms of the smaller child only, get the larger child's by subtracting from the parent, find both
 * children's best splits, and queue them. Leaf-wise growth orders candidates by gain, depth-wise growth
 * by depth; that ordering is the only difference between the two. Histograms are summed from the float
 * gradients or, with a {@link GradientQuantization}, from integer levels ({@code LeafHistograms}).
 *
 * <p>Where the rows live is behind {@link TreeRows}: this machine's rows by default, or the sum over the
 * partitions of a distributed data set; the loop above is the same for both.
 *
 * <p>One learner serves one training and reuses its buffers (row permutation, histogram pool, scratch);
 * it is not thread-safe, but uses the training's {@link Parallel} pool inside.
 */
public final class TreeLearner {
  /** Below this many (feature, bin) pairs to scan, two children are searched on one thread. */
  static final long PARALLEL_SEARCH_BINS = 2048;

  private final BinnedData data;
  private final TreeParams p;
  private final LeafHistograms histograms;
  private final SplitFinder[] finders;
  private final Parallel parallel;
  private final PhaseTimes times;
  private final FeatureSampler[] samplers;
  private final GrownTree tree;
  private final LocalRows local;
  private final double[] rootSums = new double[3];
  private TreeRows rows;
  private final ArrayDeque<Histogram> pool = new ArrayDeque<>();

  private final Histogram[] hist;
  private final SplitCandidate[] best;
  private final int[] depth;
  private final double[] lower;
  private final double[] upper;
  private final long[][] pathFeatures;
  private final int[][] allowed;
  private final IntHeap queue;
  private long seed;

  /** A learner for {@code data} with the given limits, running on {@code parallel}, on float gradients. */
  public TreeLearner(BinnedData data, TreeParams params, Parallel parallel) {
    this(data, params, parallel, null);
  }

  /**
   * A learner for {@code data} with the given limits, running on {@code parallel}.
   *
   * @param quantization how to quantize each tree's gradients, or {@code null} to train on the float ones
   * @throws dev.boreal.UsageException when the data has too many rows for the quantization's levels
   */
  public TreeLearner(BinnedData data, TreeParams params, Parallel parallel, GradientQuantization quantization) {
    this.data = data;
    this.p = params;
    this.histograms = quantization == null ? new FloatHistograms(data, parallel.team(), params.layout())
        : new QuantizedHistograms(data, params, quantization, parallel.team());
    this.parallel = parallel;
    this.times = parallel.times();
    this.finders = new SplitFinder[] {new SplitFinder(params, data.mappers()), new SplitFinder(params, data.mappers())};
    this.samplers = new FeatureSampler[2];
    for (int i = 0; i < 2; i++) {
      samplers[i] = new FeatureSampler(data.features(), params.interactionGroups(), params.featureFractionByNode());
    }
    int maxLeaves = Math.max(2, params.numLeaves());
    this.tree = new GrownTree(new int[data.rows()], maxLeaves);
    this.local = new LocalRows(data, histograms, new RowPartition(data.rows(), parallel), tree);
    this.hist = new Histogram[maxLeaves];
    this.best = new SplitCandidate[maxLeaves];
    for (int l = 0; l < maxLeaves; l++) {
      best[l] = new SplitCandidate();
    }
    this.depth = new int[maxLeaves];
    this.lower = new double[maxLeaves];
    this.upper = new double[maxLeaves];
    this.pathFeatures = new long[maxLeaves][];
    this.allowed = new int[2][data.features()];
    this.queue = new IntHeap(maxLeaves, params.depthwise()
        ? (a, b) -> depth[a] != depth[b] ? Integer.compare(depth[a], depth[b]) : Integer.compare(a, b)
        : (a, b) -> best[a].gain != best[b].gain ? Double.compare(best[b].gain, best[a].gain)
            : Integer.compare(a, b));
  }

  /** The features no tree can split on are left out: those whose bins are all one. */
  public int[] usableFeatures() {
    return histograms.usableFeatures();
  }

  /**
   * Grows a tree.
   *
   * @param bag input: the rows to learn from, ascending, in {@code bag[0 .. count)}; {@code null} for all rows
   * @param count number of rows in the bag
   * @param gradients input, indexed by row
   * @param hessians input, indexed by row
   * @param treeFeatures input: the features this tree may use (a feature_fraction sample), ascending
   * @param treeSeed seeds by-node feature sampling and extra-trees thresholds
   * @return the grown tree; valid until the next call
   */
  public GrownTree grow(int[] bag, int count, double[] gradients, double[] hessians, int[] treeFeatures,
      long treeSeed) {
    long t = times.start();
    local.start(bag, count, gradients, hessians, treeSeed);
    times.add(Phase.GRADIENTS, t);
    grow(local, treeFeatures, treeSeed);
    histograms.finish(tree, gradients, hessians, lower, upper);
    return tree;
  }

  /**
   * Grows a tree on rows held elsewhere (for example in the partitions of a distributed data set), which
   * {@code treeRows} sums up. The learner's own data then only gives the features' bins (it may have no
   * rows), and the grown tree's leaf ranges count rows without indexing any: {@link GrownTree#rows()} is
   * not theirs.
   *
   * @param treeRows the tree's rows: root sums, leaf histograms and splits
   * @param treeFeatures input: the features this tree may use, ascending
   * @param treeSeed seeds by-node feature sampling and extra-trees thresholds
   * @return the grown tree; valid until the next call
   * @throws IllegalArgumentException if the root holds more rows than an {@code int} counts
   */
  public GrownTree grow(TreeRows treeRows, int[] treeFeatures, long treeSeed) {
    rows = treeRows;
    rows.rootSums(rootSums);
    double g = rootSums[0];
    double h = rootSums[1];
    if (rootSums[2] > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("A tree grows on at most " + Integer.MAX_VALUE + " rows, not "
          + (long) rootSums[2] + ".");
    }
    int count = (int) rootSums[2];
    seed = treeSeed;
    tree.reset(count, g, h, SplitMath.leafOutput(g, h, p.lambdaL1(), p.lambdaL2(), p.maxDeltaStep()));
    depth[0] = 0;
    lower[0] = Double.NEGATIVE_INFINITY;
    upper[0] = Double.POSITIVE_INFINITY;
    pathFeatures[0] = samplers[0].emptyPath();
    queue.clear();
    Histogram root = take();
    long t = times.start();
    rows.build(0, treeFeatures, root);
    times.add(Phase.HISTOGRAMS, t);
    hist[0] = root;
    t = times.start();
    findBest(0, 0, treeFeatures);
    times.add(Phase.SPLIT_SEARCH, t);
    queueOrRelease(0);
    while (tree.numLeaves() < maxLeaves() && !queue.isEmpty()) {
      split(queue.dequeueInt(), treeFeatures);
    }
    for (int l = 0; l < tree.numLeaves(); l++) {
      release(l);
    }
    return tree;
  }

  /**
   * Sets the leaf outputs of the tree last grown by {@link #grow(TreeRows, int[], long)} from the float
   * gradient and hessian sums of its leaves, within the leaves' output bounds: quant_train_renew_leaf when the
   * rows are held elsewhere, as single-machine quantized training does at the end of a tree.
   *
   * @param gradientSums input: each leaf's float gradient sum
   * @param hessianSums input: each leaf's float hessian sum
   */
  public void renewLeafOutputs(double[] gradientSums, double[] hessianSums) {
    for (int l = 0; l < tree.numLeaves(); l++) {
      QuantizedHistograms.renew(tree, l, gradientSums[l], hessianSums[l], p, lower, upper);
    }
  }

  private void split(int leaf, int[] treeFeatures) {
    SplitCandidate s = best[leaf];
    int f = s.feature;
    int start = tree.leafStart(leaf);
    int end = tree.leafEnd(leaf);
    long t = times.start();
    int mid = start + (int) rows.split(leaf, tree.numLeaves(), f, s.isCategorical() ? -1 : s.thresholdBin,
        s.defaultLeft, s.leftBins);
    times.add(Phase.PARTITION, t);
    double leftOut = s.leftOutput;
    double rightOut = s.rightOutput;
    int right = tree.split(leaf, s, mid);
    depth[right] = depth[leaf] + 1;
    depth[leaf] = depth[leaf] + 1;
    lower[right] = lower[leaf];
    upper[right] = upper[leaf];
    int monotone = p.monotone(f);
    if (monotone != 0) {
      double midOut = (leftOut + rightOut) / 2.0;
      int increasingSide = monotone > 0 ? right : leaf;
      int decreasingSide = monotone > 0 ? leaf : right;
      upper[decreasingSide] = Math.min(upper[decreasingSide], midOut);
      lower[increasingSide] = Math.max(lower[increasingSide], midOut);
    }
    pathFeatures[right] = samplers[0].extend(pathFeatures[leaf], f);
    pathFeatures[leaf] = pathFeatures[right];

    boolean leftSmaller = mid - start <= end - mid;
    int small = leftSmaller ? leaf : right;
    int large = leftSmaller ? right : leaf;
    Histogram parent = hist[leaf];
    // After the tree's last split its leaves are not searched: no histograms, no split search.
    boolean more = tree.numLeaves() < maxLeaves();
    boolean smallSplits = more && canSplit(small);
    boolean largeSplits = more && canSplit(large);
    hist[leaf] = null;
    t = times.start();
    if (smallSplits || largeSplits) {
      Histogram smallHist = take();
      rows.build(small, treeFeatures, smallHist);
      if (largeSplits && rows.buildsEveryLeaf()) {
        Histogram largeHist = take();
        rows.build(large, treeFeatures, largeHist);
        hist[large] = largeHist;
        pool.push(parent);
      } else if (largeSplits) {
        histograms.subtract(parent, smallHist);
        hist[large] = parent;
      } else {
        pool.push(parent);
      }
      if (smallSplits) {
        hist[small] = smallHist;
      } else {
        pool.push(smallHist);
      }
    } else {
      pool.push(parent);
    }
    times.add(Phase.HISTOGRAMS, t);
    t = times.start();
    if (smallSplits && largeSplits && (long) treeFeatures.length * data.numBins(f) >= PARALLEL_SEARCH_BINS) {
      parallel.forEach(2, (i, unused1, unused2) -> findBest(i == 0 ? small : large, i, treeFeatures));
    } else {
      findBest(small, 0, treeFeatures);
      findBest(large, 0, treeFeatures);
    }
    times.add(Phase.SPLIT_SEARCH, t);
    queueOrRelease(small);
    queueOrRelease(large);
  }

  /** Finds the leaf's best split with finder {@code slot}; safe to run for two leaves at once. */
  private void findBest(int leaf, int slot, int[] treeFeatures) {
    best[leaf].reset();
    if (hist[leaf] == null || !canSplit(leaf)) {
      return;
    }
    long leafSeed = Rng.mix(seed, leafSerial(leaf));
    int count = samplers[slot].select(treeFeatures, pathFeatures[leaf], leafSeed, allowed[slot]);
    finders[slot].find(hist[leaf], allowed[slot], count, tree.leafGradient(leaf), tree.leafHessian(leaf),
        tree.leafEnd(leaf) - tree.leafStart(leaf), lower[leaf], upper[leaf], tree.leafOutput(leaf), leafSeed,
        best[leaf]);
  }

  /** Queues the leaf when it has a split; otherwise its histogram goes back to the pool. */
  private void queueOrRelease(int leaf) {
    SplitCandidate s = best[leaf];
    if (s.valid()) {
      queue.enqueue(leaf);
      rows.candidate(leaf, s.gain, s.feature, s.isCategorical() ? -1 : s.thresholdBin, s.defaultLeft, s.leftBins);
    } else {
      release(leaf);
    }
  }

  /** Identifies a leaf by its place in the tree so that random draws do not depend on timing. */
  private long leafSerial(int leaf) {
    return ((long) tree.numLeaves() << 32) | leaf;
  }

  private int maxLeaves() {
    return Math.max(1, p.numLeaves());
  }

  private boolean canSplit(int leaf) {
    int count = tree.leafEnd(leaf) - tree.leafStart(leaf);
    return (p.maxDepth() <= 0 || depth[leaf] < p.maxDepth())
        && count >= Math.max(2, 2 * p.minDataInLeaf());
  }

  private Histogram take() {
    Histogram h = pool.poll();
    return h != null ? h : histograms.newHistogram();
  }

  private void release(int leaf) {
    if (hist[leaf] != null) {
      pool.push(hist[leaf]);
      hist[leaf] = null;
    }
  }
}
