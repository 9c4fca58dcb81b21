package dev.boreal.engine.model;

/**
 * Orders and measures of a tree's nodes from its child arrays alone ({@code left[n]}, {@code right[n]}: an
 * internal node if non-negative, else leaf {@code ~child}), for code that walks or rewrites node arrays before a
 * {@link Tree} exists: the model writers and readers, and a forest's leaf statistics; and the heavy-first order
 * of a built tree's nodes, in which the predictor lays them out.
 */
public final class NodeOrder {
  private NodeOrder() {}

  /**
   * The internal nodes of a tree in breadth-first order from the root, left child before right; reversed, an
   * order that reaches both children of a node before the node, for sums up the tree. The children must form
   * a tree rooted at node 0, as in a built or checked tree.
   *
   * @param left left child of each internal node (an internal node if non-negative, else a leaf)
   * @param right right child of each internal node
   */
  public static int[] breadthFirst(int[] left, int[] right) {
    int[] order = new int[left.length];
    int size = order.length == 0 ? 0 : 1;
    for (int head = 0; head < size; head++) {
      int n = order[head];
      if (left[n] >= 0) {
        order[size++] = left[n];
      }
      if (right[n] >= 0) {
        order[size++] = right[n];
      }
    }
    return order;
  }

  /**
   * The maximum number of internal nodes on a path from the root to a leaf; 0 for a tree of one leaf.
   *
   * @param left left child of each internal node
   * @param right right child of each internal node
   */
  public static int depth(int[] left, int[] right) {
    if (left.length == 0) {
      return 0;
    }
    int[] stack = new int[left.length];
    int[] depthOf = new int[left.length];
    int top = 0;
    int deepest = 0;
    stack[top++] = 0;
    depthOf[0] = 1;
    while (top > 0) {
      int node = stack[--top];
      deepest = Math.max(deepest, depthOf[node]);
      if (left[node] >= 0) {
        depthOf[left[node]] = depthOf[node] + 1;
        stack[top++] = left[node];
      }
      if (right[node] >= 0) {
        depthOf[right[node]] = depthOf[node] + 1;
        stack[top++] = right[node];
      }
    }
    return deepest;
  }

  /**
   * The tree's internal nodes in preorder, the heavier child's subtree first: the child more training rows
   * reached (by row count, then by hessian sum for a model without counts; the left child on a tie).
   */
  static int[] heavyFirst(Tree tree) {
    int[] order = new int[tree.numNodes()];
    int[] stack = new int[tree.numNodes()];
    int top = order.length == 0 ? 0 : 1;
    int size = 0;
    while (top > 0) {
      int n = stack[--top];
      order[size++] = n;
      int left = tree.left(n);
      int right = tree.right(n);
      boolean leftFirst = compareWeight(tree, left, right) >= 0;
      // Pushed last, popped first: the heavier child follows its parent.
      int first = leftFirst ? left : right;
      int second = leftFirst ? right : left;
      if (second >= 0) {
        stack[top++] = second;
      }
      if (first >= 0) {
        stack[top++] = first;
      }
    }
    return order;
  }

  /** Compares the training rows (then hessian sums) that reached two children. */
  private static int compareWeight(Tree tree, int a, int b) {
    int byCount = Long.compare(a >= 0 ? tree.nodeCount(a) : tree.leafCount(~a),
        b >= 0 ? tree.nodeCount(b) : tree.leafCount(~b));
    return byCount != 0 ? byCount : Double.compare(a >= 0 ? tree.nodeHessian(a) : tree.leafHessian(~a),
        b >= 0 ? tree.nodeHessian(b) : tree.leafHessian(~b));
  }
}
