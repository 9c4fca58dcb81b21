package dev.boreal.engine.forest;

import dev.boreal.engine.model.NodeOrder;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.model.TreeBuilder;

/**
 * A classification forest tree told by the class weights of its leaves: from them follow, exactly as growing
 * computed them, each leaf's class shares (its values) and total weight (its hessian), each node's total
 * weight and each split's impurity decrease, so a model file stores the weights and derives the rest.
 *
 * <p>Growing sums the rows' weights per class (bootstrap multiplicity times sample weight), and without
 * sample weights these sums are whole numbers, which doubles add exactly; a node's class weights are then its
 * children's sums, and its gain the criterion's {@code score(left) + score(right) - parentScore(node)} on the
 * very numbers the split search used. {@link #recover} finds the weights of a grown tree and keeps them only
 * when {@link #derive} gives back every value of the tree bit for bit, so storing weights never changes a
 * model; a tree it cannot recover so (fractional sample weights) is stored value by value.
 */
public final class LeafClassWeights {
  /** Whole numbers up to this are exact in a double, and so are their sums. */
  private static final double EXACT = 0x1p52;

  private LeafClassWeights() {}

  /**
   * What a tree's leaf class weights give.
   *
   * @param leafValues per model output, the value of each leaf: the share of class 1 for a binary forest
   *     (one output), of class k for output k of a K-class forest
   * @param leafWeight the total weight of each leaf (its hessian)
   * @param nodeWeight the total weight of each internal node
   * @param gain the impurity decrease of each internal node's split
   */
  public record Derived(double[][] leafValues, double[] leafWeight, double[] nodeWeight, double[] gain) {}

  /**
   * Derives a tree's values from its leaves' class weights.
   *
   * @param left left child of each internal node (an internal node if non-negative, else leaf {@code ~c});
   *     the children must form a tree rooted at node 0 (as a checked {@link TreeBuilder} has them)
   * @param right right child of each internal node
   * @param weights {@code classes} weights per leaf, leaf-major
   * @param classes number of classes (2 or more)
   * @param criterion the forest's criterion, gini or entropy
   */
  public static Derived derive(int[] left, int[] right, double[] weights, int classes, Criterion criterion) {
    int nodes = left.length;
    int leaves = weights.length / classes;
    int outputs = classes == 2 ? 1 : classes;
    double[][] values = new double[outputs][leaves];
    double[] leafWeight = new double[leaves];
    for (int l = 0; l < leaves; l++) {
      double w = criterion.weight(weights, l * classes, classes);
      leafWeight[l] = w;
      for (int k = 0; k < outputs; k++) {
        values[k][l] = weights[l * classes + (classes == 2 ? 1 : k)] / w;
      }
    }
    double[] nodeWeights = new double[nodes * classes];
    double[] nodeWeight = new double[nodes];
    double[] gain = new double[nodes];
    int[] order = NodeOrder.breadthFirst(left, right);
    // Reversed breadth-first order reaches both children of a node before the node.
    for (int i = nodes - 1; i >= 0; i--) {
      int n = order[i];
      double[] ls = left[n] >= 0 ? nodeWeights : weights;
      double[] rs = right[n] >= 0 ? nodeWeights : weights;
      int lo = (left[n] >= 0 ? left[n] : ~left[n]) * classes;
      int ro = (right[n] >= 0 ? right[n] : ~right[n]) * classes;
      for (int k = 0; k < classes; k++) {
        nodeWeights[n * classes + k] = ls[lo + k] + rs[ro + k];
      }
      nodeWeight[n] = criterion.weight(nodeWeights, n * classes, classes);
      gain[n] = criterion.score(ls, lo, classes) + criterion.score(rs, ro, classes)
          - criterion.parentScore(nodeWeights, n * classes, classes);
    }
    return new Derived(values, leafWeight, nodeWeight, gain);
  }

  /**
   * The class weights of the leaves of one forest tree, leaf-major, when {@link #derive} gives back every
   * leaf value, leaf and node hessian and split gain of its trees bit for bit; {@code null} otherwise.
   *
   * @param outputs the tree's trees, one per model output (one for a binary forest, K sharing one shape for
   *     a K-class forest)
   * @param classes number of classes
   * @param criterion the criterion the forest grew with
   */
  public static double[] recover(Tree[] outputs, int classes, Criterion criterion) {
    Tree t = outputs[0];
    int leaves = t.numLeaves();
    double[] weights = new double[leaves * classes];
    for (int l = 0; l < leaves; l++) {
      double total = t.leafHessian(l);
      for (int k = 0; k < classes; k++) {
        // Binary: the tree holds class 1's share, and class 0 has the rest of the leaf's weight.
        double w = classes == 2 && k == 0 ? total - Math.rint(t.leafValue(l) * total)
            : Math.rint(outputs[classes == 2 ? 0 : k].leafValue(l) * total);
        if (!(w >= 0 && w <= EXACT && w == Math.rint(w))) {
          return null;
        }
        weights[l * classes + k] = w;
      }
    }
    int[] left = new int[t.numNodes()];
    int[] right = new int[t.numNodes()];
    for (int n = 0; n < left.length; n++) {
      left[n] = t.left(n);
      right[n] = t.right(n);
    }
    Derived d = derive(left, right, weights, classes, criterion);
    for (int l = 0; l < leaves; l++) {
      if (!same(d.leafWeight[l], t.leafHessian(l))) {
        return null;
      }
      for (int k = 0; k < outputs.length; k++) {
        if (!same(d.leafValues[k][l], outputs[k].leafValue(l))) {
          return null;
        }
      }
    }
    for (int n = 0; n < left.length; n++) {
      if (!same(d.nodeWeight[n], t.nodeHessian(n)) || !same(d.gain[n], t.gain(n))
          || !(d.nodeWeight[n] <= EXACT)) {
        return null;
      }
    }
    return weights;
  }

  private static boolean same(double a, double b) {
    return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
  }
}
