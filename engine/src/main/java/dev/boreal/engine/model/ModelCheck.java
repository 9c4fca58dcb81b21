package dev.boreal.engine.model;

import dev.boreal.InputException;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.util.List;

/**
 * What makes a tree a tree and a model a model, checked in one place for every way they are made (grown,
 * read from a Boreal model file, imported from XGBoost or LightGBM): {@link Tree.Builder#build} checks a
 * tree's structure and values, the {@link Model} constructor how the trees fit the model around them.
 *
 * <p>Walking a tree assumes that from the root every path ends at a leaf and every node is met once: a
 * child out of range fails or, cast to {@code int}, wraps to another node; a cycle makes prediction loop
 * forever; a node reached twice or a node with the same child on both sides breaks the explainers' layout,
 * which gives every node one parent; an unreachable node means the file does not say what it seems to. So
 * one walk from the root checks each child's range and marks each node and leaf as it is reached; a second
 * mark is a cycle (the node is an ancestor) or a shared subtree, and a node left unmarked is unreachable.
 * A NaN threshold is refused too: it routes every value right without saying so.
 *
 * <p>Leaf values are checked with the model, not the tree: one that is not finite turns every score it
 * touches into NaN or infinity, but a boosting run whose leaves overflow says so first, naming the
 * iteration, before it assembles a model.
 */
final class ModelCheck {
  private ModelCheck() {}

  /** Checks {@code b}; messages start with {@code where}. */
  static void tree(Tree.Builder b, String where) {
    int nodes = b.numNodes();
    int leaves = b.numLeaves();
    if (leaves == 0) {
      throw new InputException(where + " has no leaf.");
    }
    for (int n = 0; n < nodes; n++) {
      checkSplit(b, n, where);
      checkChild(b.left[n], "left", n, nodes, leaves, where);
      checkChild(b.right[n], "right", n, nodes, leaves, where);
      if (b.left[n] == b.right[n]) {
        throw new InputException(where + " node " + n + " has " + name(b.left[n])
            + " as both its left and its right child.");
      }
    }
    walk(b, where);
  }

  private static void checkSplit(Tree.Builder b, int n, String where) {
    if (b.feature[n] < 0) {
      throw new InputException(where + " node " + n + " splits on feature " + b.feature[n]
          + "; feature indices start at 0.");
    }
    if (b.leftBins[n] == null && Double.isNaN(b.threshold[n])) {
      throw new InputException(where + " node " + n + " has a numeric split on feature " + b.feature[n]
          + " whose threshold is NaN; a numeric split needs a number.");
    }
  }

  private static void checkChild(long child, String side, int n, int nodes, int leaves, String where) {
    if (child >= nodes || child < -(long) leaves) {
      throw new InputException(where + " node " + n + " has " + side + " child " + child + ", outside the tree's "
          + nodes + " internal nodes (0 to " + (nodes - 1) + ") and " + leaves + " leaves (-1 to -" + leaves
          + ").");
    }
  }

  /**
   * Walks from the root, marking each node and leaf as it is first reached; fails on a second mark or,
   * after the walk, on an unmarked node or leaf. Children are in range by now.
   */
  private static void walk(Tree.Builder b, String where) {
    int nodes = b.numNodes();
    int leaves = b.numLeaves();
    // The parent that first reached each internal node: following it from a node climbs its ancestors.
    int[] parent = new int[nodes];
    boolean[] leafSeen = new boolean[leaves];
    boolean[] nodeSeen = new boolean[nodes];
    int[] stack = new int[nodes];
    int top = 0;
    if (nodes == 0) {
      leafSeen[0] = true;
    } else {
      nodeSeen[0] = true;
      parent[0] = -1;
      stack[top++] = 0;
    }
    while (top > 0) {
      int n = stack[--top];
      for (long c : new long[] {b.left[n], b.right[n]}) {
        int child = (int) c;
        if (child < 0) {
          if (leafSeen[~child]) {
            throw new InputException(where + " reaches leaf " + ~child + " twice, the second time from node " + n
                + "; every leaf must hang from one node.");
          }
          leafSeen[~child] = true;
        } else if (nodeSeen[child]) {
          throw new InputException(where + " reaches node " + child + " twice, the second time from node " + n
              + (isAncestor(child, n, parent) ? ", which lies below it: its child pointers form a cycle."
                  : "; every node must hang from one parent."));
        } else {
          nodeSeen[child] = true;
          parent[child] = n;
          stack[top++] = child;
        }
      }
    }
    for (int n = 0; n < nodes; n++) {
      if (!nodeSeen[n]) {
        throw new InputException(where + " node " + n + " cannot be reached from the root.");
      }
    }
    for (int l = 0; l < leaves; l++) {
      if (!leafSeen[l]) {
        throw new InputException(where + " leaf " + l + " cannot be reached from the root.");
      }
    }
  }

  /** Whether {@code node} is {@code below} or one of its ancestors, by first parents (which end at the root). */
  private static boolean isAncestor(int node, int below, int[] parent) {
    for (int a = below; a >= 0; a = parent[a]) {
      if (a == node) {
        return true;
      }
    }
    return false;
  }

  private static String name(long child) {
    return child >= 0 ? "node " + child : "leaf " + ~child;
  }

  /**
   * Checks that the trees fit the model: every split names a feature of the schema with the kind of split
   * its bin mapper makes (a categorical bitset covering all its bins, or a threshold bin whose upper bound
   * is the threshold); leaf values and base scores are finite; the link suits the outputs (softmax needs several, a
   * classifier's outputs are not counts for {@code exp}).
   *
   * @throws IllegalArgumentException naming the tree, node or output and what is wrong
   */
  static void model(Link link, List<BinMapper> mappers, String[] classes, double[] baseScores, List<Tree> trees) {
    for (int k = 0; k < baseScores.length; k++) {
      if (!Double.isFinite(baseScores[k])) {
        throw new IllegalArgumentException("base score " + k + " is " + baseScores[k] + ", not a finite number");
      }
    }
    if (link == Link.SOFTMAX && baseScores.length < 2) {
      throw new IllegalArgumentException("a softmax link needs two or more outputs, but the model has "
          + baseScores.length);
    }
    if (link == Link.EXP && classes != null) {
      throw new IllegalArgumentException("an exp link gives counts or rates, not the probabilities a classifier of "
          + classes.length + " classes needs");
    }
    for (int t = 0; t < trees.size(); t++) {
      Tree tree = trees.get(t);
      for (int n = 0; n < tree.numNodes(); n++) {
        String at = "tree " + t + " node " + n;
        int f = tree.feature(n);
        if (f < 0 || f >= mappers.size()) {
          throw new IllegalArgumentException(at + " splits on feature " + f + " of " + mappers.size());
        }
        BinMapper mapper = mappers.get(f);
        if (tree.isCategorical(n) != mapper.isCategorical()) {
          throw new IllegalArgumentException(at + " splits feature " + f + " as "
              + (tree.isCategorical(n) ? "categorical" : "numeric") + " but its bin mapper is not");
        }
        checkBins(tree, n, mapper, at);
      }
      for (int l = 0; l < tree.numLeaves(); l++) {
        if (!Double.isFinite(tree.leafValue(l))) {
          throw new IllegalArgumentException("tree " + t + " leaf " + l + " has value " + tree.leafValue(l)
              + "; leaf values must be finite");
        }
      }
    }
  }

  private static void checkBins(Tree tree, int n, BinMapper mapper, String at) {
    if (tree.isCategorical(n)) {
      int words = tree.leftCategoryBins(n).length;
      if (words < Routing.words(mapper.numBins())) {
        throw new IllegalArgumentException(at + " has a bitset of " + words + " words, too few for the "
            + mapper.numBins() + " bins of feature " + tree.feature(n));
      }
      return;
    }
    int bin = tree.thresholdBin(n);
    if (bin < 0 || bin >= mapper.missingBin()) {
      throw new IllegalArgumentException(at + " has threshold bin " + bin + ", outside the value bins 0 to "
          + (mapper.missingBin() - 1) + " of feature " + tree.feature(n));
    }
    if (mapper.upperBound(bin) != tree.threshold(n)) {
      throw new IllegalArgumentException(at + " has threshold " + tree.threshold(n) + " but threshold bin " + bin
          + ", whose upper bound is " + mapper.upperBound(bin));
    }
  }
}
