package dev.boreal.explain;

import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Routing;
import dev.boreal.engine.model.Tree;
import dev.boreal.histogram.BinMapper;

/**
 * A model's trees compiled for explanation: every tree's nodes (internal nodes and leaves alike) in
 * preorder in one index space, the routing of encoded rows, and the row-independent path facts the
 * explainers share (cover ratios, the previous split on the same feature, depths).
 *
 * <p>Layout. Tree t owns global ids {@code treeBase[t] .. treeBase[t+1]-1}, its root first. An internal
 * node's left child is the next id and {@link #right} gives the right child, so children always follow
 * their parent. Per-node facts about "the edge" of a node describe the edge from its parent into it.
 * Rows are <em>encoded</em> as the predictor encodes them: numeric values raw (NaN = missing),
 * categorical features as their bin number.
 *
 * <p>Covers are {@code Tree.nodeCount} / {@code Tree.leafCount} (LightGBM's internal_count). The ratio
 * of an edge is the child's cover over the sum of both children's covers, so a node's two ratios always
 * add up to 1 even when imported covers do not add up. Two children without row counts (a model imported
 * from XGBoost, which keeps only hessian sums) are weighed by their hessian sums, XGBoost's own cover;
 * two children of zero cover get one half each.
 */
final class ShapTrees {
  /** Edge state: the row left this feature's path above the edge, so the edge adds nothing. */
  static final byte OFF = 0;
  /** Edge state: the row follows every split on this feature down to and including the edge. */
  static final byte FOLLOW = 1;
  /** Edge state: the row followed the splits on this feature above the edge but not this one. */
  static final byte LEAVE = 2;

  final int numFeatures;
  final int numOutputs;
  final int numTrees;
  /** Most nodes in one tree; also the FOLLOW sentinel index of {@link #prevLocal}. */
  final int maxNodes;
  final int maxDepth;
  /** Expected raw score of each output: base score plus every tree's cover-weighted mean leaf value. */
  final double[] expected;

  final int[] treeBase;
  final int[] treeOutput;
  /** Per tree: the most distinct features on one root-to-leaf path. */
  final int[] distinctFeatures;

  final int[] feature;
  final double[] threshold;
  final boolean[] defaultLeft;
  final int[] catOffset;
  final long[] catBits;
  final int[] right;
  /** Leaf values, divided by the iteration count for a forest; 0 at internal nodes. */
  final double[] value;
  final int[] parent;
  /** The feature the edge into the node splits on (its parent's feature); -1 at a root. */
  final int[] edgeFeature;
  /** The local index of the previous edge on the same feature, or {@link #maxNodes} when there is none. */
  final int[] prevLocal;
  /** Depth of each node, the root being 0. */
  final int[] depth;
  /** At a leaf: how many ancestors below the root have their last leaf here (they complete with it). */
  final int[] closes;
  /** 1 if the node is its parent's right child, else 0 (the root included). */
  final byte[] rightChild;
  /** The cover ratio of the edge into the node; 1 at a root. */
  final double[] ratio;
  /** The product of the cover ratios of the edges on the same feature from the root down to the node. */
  final double[] sameFeatureRatio;

  /**
   * Compiles the first {@code iterations} iterations of {@code model}; a forest's leaf values are divided
   * by the number of iterations so that every ensemble is a plain sum plus the base score.
   */
  ShapTrees(Model model, int iterations) {
    if (iterations < 0 || iterations > model.numIterations()) {
      throw new IllegalArgumentException("the model has " + model.numIterations()
          + " iterations, so an explanation cannot use " + iterations);
    }
    numFeatures = model.numFeatures();
    numOutputs = model.numOutputs();
    numTrees = iterations * numOutputs;
    int total = 0;
    int words = 0;
    int widest = 1;
    for (int t = 0; t < numTrees; t++) {
      Tree tree = model.trees().get(t);
      total += tree.numNodes() + tree.numLeaves();
      widest = Math.max(widest, tree.numNodes() + tree.numLeaves());
      for (int n = 0; n < tree.numNodes(); n++) {
        words += tree.isCategorical(n) ? wordsFor(model.mapper(tree.feature(n))) : 0;
      }
    }
    maxNodes = widest;
    treeBase = new int[numTrees + 1];
    treeOutput = new int[numTrees];
    distinctFeatures = new int[numTrees];
    feature = new int[total];
    threshold = new double[total];
    defaultLeft = new boolean[total];
    catOffset = new int[total];
    catBits = new long[words];
    right = new int[total];
    value = new double[total];
    parent = new int[total];
    edgeFeature = new int[total];
    prevLocal = new int[total];
    depth = new int[total];
    closes = new int[total];
    rightChild = new byte[total];
    ratio = new double[total];
    sameFeatureRatio = new double[total];
    expected = new double[numOutputs];
    for (int k = 0; k < numOutputs; k++) {
      expected[k] = model.baseScore(k);
    }
    double scale = model.ensemble() == Model.Ensemble.AVERAGE && iterations > 0 ? 1.0 / iterations : 1.0;
    int[] order = new int[widest];
    int[] stack = new int[widest + 1];
    int wordAt = 0;
    int deepest = 0;
    for (int t = 0; t < numTrees; t++) {
      Tree tree = model.trees().get(t);
      treeOutput[t] = t % numOutputs;
      treeBase[t + 1] = treeBase[t] + tree.numNodes() + tree.numLeaves();
      wordAt = layOut(model, tree, t, scale, wordAt, order, stack);
      deepest = Math.max(deepest, walkDown(t));
    }
    maxDepth = deepest;
  }

  /**
   * Copies tree t into its preorder ids: routing, values, parents and cover ratios; returns the next free
   * word of {@link #catBits}.
   */
  private int layOut(Model model, Tree tree, int t, double scale, int wordAt, int[] order, int[] stack) {
    int base = treeBase[t];
    int n = tree.numNodes() + tree.numLeaves();
    // Keys: internal node n is key n, leaf l is key numNodes + l (a lone leaf is key 0).
    int top = 0;
    int next = 0;
    stack[top++] = 0;
    while (top > 0) {
      int key = stack[--top];
      order[key] = next++;
      if (key < tree.numNodes()) {
        stack[top++] = key(tree, tree.right(key));
        stack[top++] = key(tree, tree.left(key));
      }
    }
    for (int key = 0; key < n; key++) {
      int g = base + order[key];
      if (key >= tree.numNodes()) {
        feature[g] = -1;
        catOffset[g] = -1;
        value[g] = tree.leafValue(key - tree.numNodes()) * scale;
        continue;
      }
      BinMapper mapper = model.mapper(tree.feature(key));
      feature[g] = tree.feature(key);
      threshold[g] = tree.threshold(key);
      defaultLeft[g] = tree.defaultLeft(key);
      catOffset[g] = -1;
      if (tree.isCategorical(key)) {
        long[] bits = tree.leftCategoryBins(key);
        System.arraycopy(bits, 0, catBits, wordAt, Math.min(bits.length, wordsFor(mapper)));
        catOffset[g] = wordAt;
        wordAt += wordsFor(mapper);
      }
      int l = base + order[key(tree, tree.left(key))];
      int r = base + order[key(tree, tree.right(key))];
      right[g] = r;
      rightChild[r] = 1;
      parent[l] = g;
      parent[r] = g;
      double cl = cover(tree, tree.left(key));
      double cr = cover(tree, tree.right(key));
      if (cl + cr == 0) {
        cl = hessianCover(tree, tree.left(key));
        cr = hessianCover(tree, tree.right(key));
      }
      ratio[l] = cl + cr > 0 ? cl / (cl + cr) : 0.5;
      ratio[r] = cl + cr > 0 ? cr / (cl + cr) : 0.5;
    }
    return wordAt;
  }

  /**
   * Top-down over tree t: each edge's feature and previous split on it, the same-feature ratio product,
   * depths, which ancestors each leaf completes, and the tree's share of the expected value; returns the
   * tree's depth.
   */
  private int walkDown(int t) {
    int base = treeBase[t];
    int n = treeBase[t + 1] - base;
    parent[base] = -1;
    edgeFeature[base] = -1;
    prevLocal[base] = maxNodes;
    ratio[base] = 1.0;
    sameFeatureRatio[base] = 1.0;
    if (n == 1) {
      expected[treeOutput[t]] += value[base];
      return 0;
    }
    // Per local node: the probability of reaching it with no feature known, and distinct features above.
    double[] reach = new double[n];
    int[] distinct = new int[n];
    reach[0] = 1.0;
    int deepest = 0;
    for (int i = 1; i < n; i++) {
      int g = base + i;
      int u = parent[g] - base;
      int f = feature[base + u];
      edgeFeature[g] = f;
      int prev = -1;
      for (int a = u; a > 0 && prev < 0; a = parent[base + a] - base) {
        if (edgeFeature[base + a] == f) {
          prev = a;
        }
      }
      prevLocal[g] = prev < 0 ? maxNodes : prev;
      sameFeatureRatio[g] = (prev < 0 ? 1.0 : sameFeatureRatio[base + prev]) * ratio[g];
      reach[i] = reach[u] * ratio[g];
      distinct[i] = distinct[u] + (prev < 0 ? 1 : 0);
      depth[g] = depth[base + u] + 1;
      distinctFeatures[t] = Math.max(distinctFeatures[t], distinct[i]);
      deepest = Math.max(deepest, depth[g]);
      if (feature[g] < 0) {
        expected[treeOutput[t]] += reach[i] * value[g];
        // A leaf completes each ancestor of which it is the last leaf: up the chain of right children.
        int count = 0;
        for (int c = g; parent[c] != base && rightChild[c] == 1; c = parent[c]) {
          count++;
        }
        closes[g] = count;
      }
    }
    return deepest;
  }

  private static int key(Tree tree, int child) {
    return child >= 0 ? child : tree.numNodes() + ~child;
  }

  private static double cover(Tree tree, int child) {
    return child >= 0 ? tree.nodeCount(child) : tree.leafCount(~child);
  }

  private static double hessianCover(Tree tree, int child) {
    return child >= 0 ? tree.nodeHessian(child) : tree.leafHessian(~child);
  }

  private static int wordsFor(BinMapper mapper) {
    return Routing.words(mapper.numBins());
  }

  /** Number of nodes (internal and leaves) of tree t. */
  int size(int t) {
    return treeBase[t + 1] - treeBase[t];
  }

  /** Whether the encoded row at {@code x[at ..]} goes left at internal node g. */
  boolean goesLeft(int g, double[] x, int at) {
    return Routing.valueGoesLeft(x[at + feature[g]], threshold[g], defaultLeft[g], catBits, catOffset[g]);
  }

  /** The global id of the leaf the encoded row at {@code x[at ..]} reaches in tree t. */
  int leafOf(int t, double[] x, int at) {
    int g = treeBase[t];
    while (feature[g] >= 0) {
      g = goesLeft(g, x, at) ? g + 1 : right[g];
    }
    return g;
  }
}
