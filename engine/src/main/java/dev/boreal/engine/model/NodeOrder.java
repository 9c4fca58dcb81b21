package dev.boreal.engine.model;

/**
 * Orders and measures of a tree's nodes from its child arrays alone ({@code left[n]}, {@code right[n]}: an
 * internal node if non-negative, else leaf {@code ~child}), for code that walks or rewrites node arrays before a
 * {@link Tree} exists: the model writers and readers, and a forest's leaf statistics.
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
}
