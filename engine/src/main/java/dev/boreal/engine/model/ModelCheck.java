package dev.boreal.engine.model;

import dev.boreal.InputException;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.objective.Objectives;
import dev.boreal.histogram.BinMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What makes a tree a tree and a model a model, checked in one place for every way they are made (grown,
 * read from a Boreal model file, imported from XGBoost or LightGBM): {@link TreeBuilder#build} checks a
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
  static void tree(TreeBuilder b, String where) {
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

  private static void checkSplit(TreeBuilder b, int n, String where) {
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
  private static void walk(TreeBuilder b, String where) {
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
   * Checks that the parts of a model fit each other: the classes, outputs, link and objective agree
   * ({@link #outputs}), feature names are distinct, and the trees fit the schema ({@link #trees}).
   *
   * @throws IllegalArgumentException naming the tree, node, class, feature or output and what is wrong
   */
  static void model(String algorithm, String objective, Link link, List<String> featureNames,
      List<BinMapper> mappers, String[] classes, double[] baseScores, List<Tree> trees) {
    for (int k = 0; k < baseScores.length; k++) {
      if (!Double.isFinite(baseScores[k])) {
        throw new IllegalArgumentException("base score " + k + " is " + baseScores[k] + ", not a finite number");
      }
    }
    outputs(algorithm, objective, link, classes, baseScores.length);
    Map<String, Integer> firstUse = new HashMap<>();
    for (int f = 0; f < featureNames.size(); f++) {
      Integer earlier = firstUse.putIfAbsent(featureNames.get(f), f);
      if (earlier != null) {
        throw new IllegalArgumentException("features " + earlier + " and " + f + " are both named '"
            + featureNames.get(f) + "'; feature names must be distinct");
      }
    }
    trees(mappers, trees);
  }

  /**
   * Checks that the link suits the outputs (softmax needs several, a classifier's outputs are not counts for
   * {@code exp}); that the classes of a classifier are two or more, distinct, and one per output when there
   * are several outputs (two for a single-output binary model); and that a Boreal objective has the
   * outputs, classes and link it trains with (a forest may also give its averaged leaves unchanged); and that
   * a link's calibration belongs to a classifier and reads its outputs.
   */
  private static void outputs(String algorithm, String objective, Link link, String[] classes, int outputs) {
    if (link.calibration() != null && (classes == null || link.calibration().outputs() != outputs)) {
      throw new IllegalArgumentException("a " + link.calibration().method() + " calibration of "
          + link.calibration().outputs() + " outputs needs a classifier of as many outputs, but the model has "
          + outputs + (classes == null ? " and is not a classifier" : ""));
    }
    if (link == Link.SOFTMAX && outputs < 2) {
      throw new IllegalArgumentException("a softmax link needs two or more outputs, but the model has " + outputs);
    }
    if (classes != null) {
      checkClasses(classes, outputs);
      if (link == Link.EXP) {
        throw new IllegalArgumentException("an exp link gives counts or rates, not the probabilities a classifier of "
            + classes.length + " classes needs");
      }
    }
    String expected = Objectives.linkName(objective);
    if (expected == null) {
      return;
    }
    boolean classifies = LabelEncoder.isClassification(objective);
    if (!classifies && classes != null) {
      throw new IllegalArgumentException("objective " + objective + " does not classify, but the model lists "
          + classes.length + " classes");
    }
    boolean multiclass = objective.equals("multiclass");
    if (multiclass != outputs > 1) {
      throw new IllegalArgumentException("objective " + objective + " needs " + (multiclass ? "two or more outputs"
          : "one output") + ", but the model has " + outputs);
    }
    boolean forestAverage = algorithm.equals("rf") && link == Link.IDENTITY;
    if (!link.name().equals(expected) && !forestAverage) {
      throw new IllegalArgumentException("objective " + objective + " predicts through the " + expected
          + " link, but the model's link is " + link.name());
    }
  }

  private static void checkClasses(String[] classes, int outputs) {
    if (classes.length < 2) {
      throw new IllegalArgumentException("a classifier needs two or more classes, but the model lists "
          + classes.length + (classes.length == 1 ? " ('" + classes[0] + "')" : ""));
    }
    Set<String> seen = new HashSet<>();
    for (String c : classes) {
      if (!seen.add(c)) {
        throw new IllegalArgumentException("class '" + c + "' is listed twice; class labels must be distinct");
      }
    }
    int expected = outputs == 1 ? 2 : outputs;
    if (classes.length != expected) {
      throw new IllegalArgumentException("the model lists " + classes.length + " classes for " + outputs
          + (outputs == 1 ? " output, which scores 2 classes" : " outputs; a model of several outputs has one "
          + "class per output"));
    }
  }

  /**
   * Checks that the trees fit the schema: every split names a feature of the schema with the kind of split
   * its bin mapper makes (a categorical bitset covering all its bins, or a threshold bin whose upper bound
   * is the threshold); leaf values and split gains are numbers (leaf values finite), and hessian sums and row
   * counts are finite and not negative, so explanations weigh every path by a share between 0 and 1.
   */
  private static void trees(List<BinMapper> mappers, List<Tree> trees) {
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
        checkStatistics(tree.nodeHessian(n), tree.nodeCount(n), at);
        if (Double.isNaN(tree.gain(n))) {
          throw new IllegalArgumentException(at + " has split gain NaN; a gain must be a number");
        }
      }
      for (int l = 0; l < tree.numLeaves(); l++) {
        if (!Double.isFinite(tree.leafValue(l))) {
          throw new IllegalArgumentException("tree " + t + " leaf " + l + " has value " + tree.leafValue(l)
              + "; leaf values must be finite");
        }
        checkStatistics(tree.leafHessian(l), tree.leafCount(l), "tree " + t + " leaf " + l);
      }
    }
  }

  private static void checkStatistics(double hessian, long count, String at) {
    if (!(hessian >= 0) || hessian == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(at + " has hessian sum " + hessian + "; it must be finite and not negative");
    }
    if (count < 0) {
      throw new IllegalArgumentException(at + " has row count " + count + "; counts cannot be negative");
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
