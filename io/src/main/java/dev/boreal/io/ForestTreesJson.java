package dev.boreal.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.boreal.UsageException;
import dev.boreal.engine.forest.Criterion;
import dev.boreal.engine.forest.LeafClassWeights;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.NodeOrder;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.model.TreeBuilder;
import dev.boreal.histogram.BinMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The trees of model format 4, the compact encoding forests are written in (fully grown trees have tens of
 * thousands of nodes, so every field per node counts). Against format 1's trees: a multi-output tree is one
 * entry whose leaves hold a value per output ({@code tree_outputs}); a threshold is left to its bin's upper
 * bound; {@code default_left} is 0 or 1; {@code left_bins} is written only for a tree with a categorical node;
 * node counts and hessians that are the sums of their children's are left out; and a classifier whose leaves
 * are told exactly by their class weights ({@link LeafClassWeights}) stores those weights instead of leaf
 * values, hessians and gains ({@code split_criterion}). Each choice is checked on the model before it is made,
 * so a model read back is the model written, bit for bit. The layout is in {@code docs/model-format.md}.
 */
final class ForestTreesJson {
  /** The format version of this encoding. */
  static final int FORMAT_VERSION = 4;

  private ForestTreesJson() {}

  // ---- writing ----

  /** Writes {@code tree_outputs} and {@code split_criterion} when they apply, then the {@code trees}. */
  static void write(JsonGenerator g, Model m) throws IOException {
    int width = m.multiOutputTrees() ? m.numOutputs() : 1;
    Criterion criterion = classWeightCriterion(m, width);
    int classes = criterion == null ? 0 : m.classes().length;
    List<double[]> weights = new ArrayList<>();
    for (int t = 0; criterion != null && t < m.trees().size(); t += width) {
      double[] w = LeafClassWeights.recover(m.trees().subList(t, t + width).toArray(new Tree[0]), classes,
          criterion);
      if (w == null) {
        weights = null;
        break;
      }
      weights.add(w);
    }
    if (width > 1) {
      g.writeNumberField("tree_outputs", width);
    }
    if (criterion != null && weights != null) {
      g.writeStringField("split_criterion", criterion.name().toLowerCase(Locale.ROOT));
    }
    g.writeArrayFieldStart("trees");
    for (int t = 0; t < m.trees().size(); t += width) {
      writeTree(g, m.trees().subList(t, t + width), criterion == null || weights == null ? null
          : weights.get(t / width), classes);
    }
    g.writeEndArray();
  }

  /** The criterion of a classification forest whose trees could store class weights, else null. */
  private static Criterion classWeightCriterion(Model m, int width) {
    String[] classes = m.classes();
    if (classes == null || !(classes.length == 2 ? m.numOutputs() == 1 : width == classes.length)) {
      return null;
    }
    try {
      return Criterion.of(m.params().getOrDefault("criterion", ""), true);
    } catch (UsageException e) {
      return null;
    }
  }

  private static void writeTree(JsonGenerator g, List<Tree> outputs, double[] classWeights, int classes)
      throws IOException {
    Tree t = outputs.get(0);
    int nodes = t.numNodes();
    int leaves = t.numLeaves();
    int width = outputs.size();
    g.writeStartObject();
    g.writeNumberField("num_leaves", leaves);
    ModelJsonWriter.writeLongs(g, "split_feature", nodes, t::feature);
    ModelJsonWriter.writeLongs(g, "threshold_bin", nodes, t::thresholdBin);
    ModelJsonWriter.writeLongs(g, "default_left", nodes, n -> t.defaultLeft(n) ? 1 : 0);
    if (hasCategoricalNode(t)) {
      ModelJsonWriter.writeLeftBins(g, t, false);
    }
    ModelJsonWriter.writeLongs(g, "left_child", nodes, t::left);
    ModelJsonWriter.writeLongs(g, "right_child", nodes, t::right);
    if (classWeights != null) {
      ModelJsonWriter.writeLongs(g, "leaf_class_weight", leaves * classes, i -> (long) classWeights[i]);
    } else {
      ModelJsonWriter.writeDoubles(g, "split_gain", nodes, t::gain);
      double[] hessians = childSums(t, t::leafHessian, t::nodeHessian);
      if (!sameBits(hessians, nodes, t::nodeHessian)) {
        ModelJsonWriter.writeDoubles(g, "internal_hessian", nodes, t::nodeHessian);
      }
      ModelJsonWriter.writeDoubles(g, "leaf_value", leaves * width, i -> outputs.get(i % width).leafValue(i / width));
      ModelJsonWriter.writeDoubles(g, "leaf_hessian", leaves, t::leafHessian);
    }
    double[] counts = childSums(t, l -> t.leafCount(l), n -> t.nodeCount(n));
    if (!sameBits(counts, nodes, n -> t.nodeCount(n))) {
      ModelJsonWriter.writeLongs(g, "internal_count", nodes, t::nodeCount);
    }
    ModelJsonWriter.writeLongs(g, "leaf_count", leaves, t::leafCount);
    g.writeEndObject();
  }

  private static boolean hasCategoricalNode(Tree t) {
    for (int n = 0; n < t.numNodes(); n++) {
      if (t.isCategorical(n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Each internal node's value as the sum of its children's, {@code left + right}, a leaf giving
   * {@code leaf(l)}; what a reader derives when the file leaves a node field out.
   */
  private static double[] childSums(Tree t, java.util.function.IntToDoubleFunction leaf,
      java.util.function.IntToDoubleFunction node) {
    int[] left = new int[t.numNodes()];
    int[] right = new int[t.numNodes()];
    for (int n = 0; n < left.length; n++) {
      left[n] = t.left(n);
      right[n] = t.right(n);
    }
    double[] leaves = new double[t.numLeaves()];
    for (int l = 0; l < leaves.length; l++) {
      leaves[l] = leaf.applyAsDouble(l);
    }
    return sumChildren(left, right, leaves);
  }

  private static boolean sameBits(double[] derived, int n, java.util.function.IntToDoubleFunction actual) {
    for (int i = 0; i < n; i++) {
      if (Double.doubleToLongBits(derived[i]) != Double.doubleToLongBits(actual.applyAsDouble(i))) {
        return false;
      }
    }
    return true;
  }

  /** Internal node values as sums of their children's, bottom-up; the children must form a checked tree. */
  private static double[] sumChildren(int[] left, int[] right, double[] leaves) {
    double[] out = new double[left.length];
    int[] order = NodeOrder.breadthFirst(left, right);
    for (int i = order.length - 1; i >= 0; i--) {
      int n = order[i];
      out[n] = (left[n] >= 0 ? out[left[n]] : leaves[~left[n]]) + (right[n] >= 0 ? out[right[n]] : leaves[~right[n]]);
    }
    return out;
  }

  // ---- reading ----

  /**
   * The model trees of a format-4 document, {@code iterations × outputs} of them, iteration-major (a
   * multi-output tree becomes its outputs' trees, sharing one shape).
   */
  static List<Tree> read(ModelFileReader r, JsonNode root, int iterations, int outputs, String[] classes,
      List<BinMapper> mappers) {
    int width = 1;
    if (root.has("tree_outputs")) {
      width = r.integer(root, "", "tree_outputs");
      if (width != outputs || width < 2) {
        throw r.fail("tree_outputs", "must equal num_outputs (" + outputs + ") and be at least 2, but it is "
            + width);
      }
    }
    Criterion criterion = null;
    int numClasses = 0;
    if (root.has("split_criterion")) {
      String name = r.text(root, "", "split_criterion");
      if (!name.equals("gini") && !name.equals("entropy")) {
        throw r.fail("split_criterion", "must be \"gini\" or \"entropy\", but it is \"" + name + "\"");
      }
      numClasses = classes == null ? 0 : classes.length;
      if (numClasses < 2 || !(numClasses == 2 ? outputs == 1 : width == numClasses)) {
        throw r.fail("split_criterion", "needs a classifier whose trees hold one output per class (or one for two "
            + "classes)");
      }
      criterion = Criterion.of(name, true);
    }
    JsonNode treeNodes = r.array(root, "", "trees", (long) iterations * outputs / width);
    List<Tree> trees = new ArrayList<>();
    for (int t = 0; t < treeNodes.size(); t++) {
      trees.addAll(tree(r, treeNodes.get(t), t, width, criterion, numClasses, mappers));
    }
    return trees;
  }

  private static List<Tree> tree(ModelFileReader r, JsonNode node, int index, int width, Criterion criterion,
      int classes, List<BinMapper> mappers) {
    String path = "trees[" + index + "].";
    if (!node.isObject()) {
      throw r.fail(path.substring(0, path.length() - 1), "must be an object");
    }
    int leaves = r.integer(node, path, "num_leaves");
    if (leaves < 1) {
      throw r.fail(path + "num_leaves", "must be at least 1, but it is " + leaves);
    }
    int nodes = leaves - 1;
    int[] feature = r.ints(node, path, "split_feature", nodes);
    int[] thresholdBin = r.ints(node, path, "threshold_bin", nodes);
    int[] defaultLeft = r.ints(node, path, "default_left", nodes);
    int categoricalNodes = categoricalNodes(r, path, feature, mappers);
    JsonNode leftBins = node.has("left_bins") ? r.array(node, path, "left_bins", categoricalNodes) : null;
    int[] left = r.ints(node, path, "left_child", nodes);
    int[] right = r.ints(node, path, "right_child", nodes);
    long[] leafCount = r.longs(node, path, "leaf_count", leaves);
    TreeBuilder b = new TreeBuilder(nodes, leaves);
    for (int n = 0, listed = 0; n < nodes; n++) {
      if (defaultLeft[n] != 0 && defaultLeft[n] != 1) {
        throw r.fail(path + "default_left[" + n + "]", "must be 0 or 1, but it is " + defaultLeft[n]);
      }
      // The feature says which nodes are categorical (split() checks it is one), and they take the lists in turn.
      boolean categorical = mappers.get(feature[n]).isCategorical();
      if (categorical && leftBins == null) {
        throw r.fail(path + "left_bins", "is missing, but node " + n + " splits categorical feature " + feature[n]);
      }
      r.split(b, path, n, feature[n], categorical ? leftBins.get(listed++) : null, null, thresholdBin[n],
          defaultLeft[n] == 1, mappers);
      b.children(n, left[n], right[n]);
    }
    String where = r.source() + ": tree " + index;
    // The children must form a tree before anything is summed up it.
    b.check(where);
    long[] count = node.has("internal_count") ? r.longs(node, path, "internal_count", nodes)
        : countSums(r, path, left, right, leafCount);
    double[][] values = new double[width][];
    double[] leafHessian;
    double[] nodeHessian;
    double[] gain;
    if (criterion != null) {
      double[] weights = classWeights(r, node, path, leaves, classes);
      LeafClassWeights.Derived d = LeafClassWeights.derive(left, right, weights, classes, criterion);
      values = d.leafValues();
      leafHessian = d.leafWeight();
      nodeHessian = d.nodeWeight();
      gain = d.gain();
    } else {
      double[] flat = r.doubles(node, path, "leaf_value", (long) leaves * width);
      for (int k = 0; k < width; k++) {
        values[k] = new double[leaves];
        for (int l = 0; l < leaves; l++) {
          values[k][l] = flat[l * width + k];
        }
      }
      leafHessian = r.doubles(node, path, "leaf_hessian", leaves);
      gain = r.doubles(node, path, "split_gain", nodes);
      nodeHessian = node.has("internal_hessian") ? r.doubles(node, path, "internal_hessian", nodes)
          : sumChildren(left, right, leafHessian);
    }
    for (int n = 0; n < nodes; n++) {
      b.nodeStats(n, gain[n], nodeHessian[n], count[n]);
    }
    for (int l = 0; l < leaves; l++) {
      b.leaf(l, values[0][l], leafHessian[l], leafCount[l]);
    }
    List<Tree> out = new ArrayList<>(width);
    out.add(b.build(where));
    for (int k = 1; k < width; k++) {
      out.add(out.get(0).withLeafValues(values[k]));
    }
    return out;
  }

  /** How many nodes split a categorical feature, after checking every feature index. */
  private static int categoricalNodes(ModelFileReader r, String path, int[] feature, List<BinMapper> mappers) {
    int n = 0;
    for (int i = 0; i < feature.length; i++) {
      if (feature[i] < 0 || feature[i] >= mappers.size()) {
        throw r.fail(path + "split_feature[" + i + "]", "must be a feature index below " + mappers.size()
            + ", but it is " + feature[i]);
      }
      n += mappers.get(feature[i]).isCategorical() ? 1 : 0;
    }
    return n;
  }

  /** The {@code leaf_class_weight} array: finite, not negative, and some weight in every leaf. */
  private static double[] classWeights(ModelFileReader r, JsonNode node, String path, int leaves, int classes) {
    String field = "leaf_class_weight";
    double[] weights = r.doubles(node, path, field, (long) leaves * classes);
    for (int l = 0; l < leaves; l++) {
      double total = 0;
      for (int k = 0; k < classes; k++) {
        double w = weights[l * classes + k];
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw r.fail(path + field + "[" + (l * classes + k) + "]", "must be a finite weight of at least 0, but it "
              + "is " + w);
        }
        total += w;
      }
      if (!(total > 0)) {
        throw r.fail(path + field, "must give leaf " + l + " some weight, but its " + classes + " class weights are 0");
      }
    }
    return weights;
  }

  /** Node counts as the sums of their children's, refusing a sum beyond a 64-bit count. */
  private static long[] countSums(ModelFileReader r, String path, int[] left, int[] right, long[] leafCount) {
    long[] out = new long[left.length];
    int[] order = NodeOrder.breadthFirst(left, right);
    try {
      for (int i = order.length - 1; i >= 0; i--) {
        int n = order[i];
        out[n] = Math.addExact(left[n] >= 0 ? out[left[n]] : leafCount[~left[n]],
            right[n] >= 0 ? out[right[n]] : leafCount[~right[n]]);
      }
    } catch (ArithmeticException e) {
      throw r.fail(path + "leaf_count", "adds up beyond a 64-bit count");
    }
    return out;
  }
}
