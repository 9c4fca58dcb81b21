package dev.boreal.explain;

import java.util.Arrays;

/**
 * The per-row kernels of exact path-dependent TreeSHAP over {@link ShapTrees}, with the scratch one
 * thread needs: one instance per worker, reused for every row, so no row allocates.
 *
 * <p>The method is Linear TreeShap (Yu, Xu, Bifet and Read, NeurIPS 2022) in a division-free form. For a
 * leaf l of value v whose path holds the distinct features j with {@code q_j} (the product of the cover
 * ratios of the path's edges on j) and {@code p_j} (1 if the row follows all of them, else 0), the
 * path-dependent game is {@code v * prod_{j in S} p_j * prod_{j not in S} q_j}. Writing the Shapley
 * weight {@code |S|!(d-|S|-1)!/d!} as {@code integral_0^1 t^|S| (1-t)^(d-|S|-1) dt} gives
 * <pre>
 *   phi_i = v (p_i - q_i) integral_0^1 prod_{j != i} F_j(t) dt,   F_j(t) = q_j (1 - t) + p_j t.
 * </pre>
 * Summed over leaves and telescoped over repeated splits on a feature, every edge e contributes
 * {@code integral G_c(t) D_e(t) dt}, where {@code G_c = sum over leaves below e of v prod_j F_j} and
 * {@code D_e} is the edge's weight vector from {@link PathFactors} (zero when the row already left
 * feature j's path above e). Polynomials are held as their values at the tree's m Gauss–Legendre
 * points, so products are pointwise and integrals are dot products with the weights folded in: the cost
 * is {@code O(nodes * m)} per tree and row, against {@code O(leaves * depth^2)} for the classic
 * algorithm.
 *
 * <p>Speed. Two things dominate on a CPU: branches on the row's data, which no predictor can learn, and
 * the dependency chains of the dot products. Edge states are therefore computed with arithmetic and
 * select their vectors by index; four rows go through a tree together, sharing its control flow and
 * giving the floating-point units four independent chains; a node whose children are both leaves (a
 * cherry, about 30% of the internal nodes of a 255-leaf tree) is done in one pass with fused vectors.
 */
final class PathShapKernel {
  /**
   * Rows walked through a tree together. They share the tree's control flow (leaf or not, cherry or not,
   * which ancestors complete), so its hard-to-predict branches and index loads are paid once per group,
   * and their independent sums keep the floating-point units busy.
   */
  static final int LANES = 4;

  private final ShapTrees trees;
  private final PathFactors factors;
  /** Per local node and lane, at {@code node * LANES + lane}: 1 if the lane's row goes left, else 0. */
  private final byte[] left;
  /** Edge states, same layout, plus FOLLOW sentinels at node {@code maxNodes} for first splits. */
  private final byte[] state;
  /** Per depth d, point k and lane r at {@code (d * m + k) * LANES + r}: the factor product down the path. */
  private final double[] pathProduct;
  /** Same layout: the sum, over the finished children of the open node at depth d, of their leaves' terms. */
  private final double[] subtreeSum;
  /** Per lane: the current edge's ratio and weight vectors, a cherry's fused vectors, two running sums. */
  private final int[] ratioAt = new int[LANES];
  private final int[] weightAt = new int[LANES];
  private final int[] fusedAt = new int[LANES];
  private final double[] sum0 = new double[LANES];
  private final double[] sum1 = new double[LANES];
  /** Per lane: where its row starts, and where its values are added in the output. */
  private final int[] rowAt = new int[LANES];
  private final int[] laneAt = new int[LANES];
  /** The call's parameters the helpers share. */
  private double[] x;
  private double[] phi;
  private int lanes;
  private int m;
  private int vecAt;
  private int stride;

  PathShapKernel(ShapTrees trees, PathFactors factors) {
    this.trees = trees;
    this.factors = factors;
    this.left = new byte[trees.maxNodes * LANES];
    this.state = new byte[(trees.maxNodes + 1) * LANES];
    Arrays.fill(state, trees.maxNodes * LANES, state.length, ShapTrees.FOLLOW);
    int d = trees.maxDepth + 1;
    this.pathProduct = new double[d * factors.maxPoints * LANES];
    this.subtreeSum = new double[d * factors.maxPoints * LANES];
  }

  /**
   * Adds tree t's SHAP values for {@code lanes} (1 to {@link #LANES}) encoded rows: row r starts at
   * {@code x[xAt + r * xStride]} and its values are added to {@code phi[phiAt + r * phiStride + f]}.
   *
   * <p>One preorder pass does both directions: the factor product is carried down the current path (one
   * slot per depth), a leaf puts its term {@code v * product} into its parent's running sum (a left
   * child sets it, a right child adds to it, so nothing needs clearing), and a node whose last leaf is
   * done adds its edge's integral and passes its sum up. Edge states are computed with arithmetic, not
   * branches, and index the edge's vectors; OFF edges read a zero weight vector. A full group runs
   * loops written out for four lanes, so offsets and sums stay in registers; a partial one runs the same
   * arithmetic lane by lane.
   */
  void addTree(int t, double[] x, int xAt, int xStride, int lanes, double[] phi, int phiAt, int phiStride) {
    ShapTrees s = trees;
    int base = s.treeBase[t];
    int n = s.treeBase[t + 1] - base;
    if (n == 1) {
      return;
    }
    final int w = LANES;
    this.x = x;
    this.phi = phi;
    this.lanes = lanes;
    this.m = factors.points[t];
    this.vecAt = factors.vectorAt(t, 0);
    this.stride = PathFactors.VECTORS * m;
    for (int r = 0; r < lanes; r++) {
      rowAt[r] = xAt + r * xStride;
      laneAt[r] = phiAt + r * phiStride;
    }
    int mw = m * w;
    int[] feature = s.feature;
    int[] parent = s.parent;
    int[] prevLocal = s.prevLocal;
    int[] depth = s.depth;
    int[] closes = s.closes;
    byte[] rightChild = s.rightChild;
    byte[] st = state;
    for (int k = 0; k < mw; k++) {
      pathProduct[k] = 1.0;
    }
    for (int r = 0; r < lanes; r++) {
      left[r] = (byte) (s.goesLeft(base, x, rowAt[r]) ? 1 : 0);
    }
    for (int i = 1; i < n; i++) {
      int g = base + i;
      int u = parent[g] - base;
      int prev = prevLocal[g] * w;
      int rc = rightChild[g];
      int at = vecAt + i * stride;
      // All four lanes, even in a partial group: a constant trip count lets the JIT unroll the loop, and
      // an unused lane only reads and writes its own stale (but valid) entries.
      for (int r = 0; r < w; r++) {
        // on = the row followed every earlier split on this feature (the previous edge is FOLLOW, the only
        // odd state); follows = it takes this edge. OFF = 0, FOLLOW = 1, LEAVE = 2.
        int on = st[prev + r] & 1;
        int edge = on * (2 - (left[u * w + r] ^ rc));
        st[i * w + r] = (byte) edge;
        ratioAt[r] = at + edge * m;
        weightAt[r] = on * (at + (2 + edge) * m);
      }
      int from = (depth[g] - 1) * mw;
      if (feature[g] < 0) {
        leaf(g, from, rc);
        close(g, closes[g], base);
        continue;
      }
      int cherry = factors.cherryAt[g];
      if (cherry >= 0) {
        cherry(g, cherry, from, rc);
        close(g, closes[g + 2] - 1, base);
        i += 2;
        continue;
      }
      descend(from);
      for (int r = 0; r < lanes; r++) {
        left[i * w + r] = (byte) (s.goesLeft(g, x, rowAt[r]) ? 1 : 0);
      }
    }
  }

  /** The factor product one level down: {@code product[d+1] = product[d] * ratio}, d's slot at from. */
  private void descend(int from) {
    final int w = LANES;
    double[] product = pathProduct;
    double[] vectors = factors.vectors;
    int mw = m * w;
    if (lanes == w) {
      int r0 = ratioAt[0];
      int r1 = ratioAt[1];
      int r2 = ratioAt[2];
      int r3 = ratioAt[3];
      for (int k = 0, j = from; k < m; k++, j += w) {
        product[j + mw] = product[j] * vectors[r0 + k];
        product[j + mw + 1] = product[j + 1] * vectors[r1 + k];
        product[j + mw + 2] = product[j + 2] * vectors[r2 + k];
        product[j + mw + 3] = product[j + 3] * vectors[r3 + k];
      }
      return;
    }
    for (int r = 0; r < lanes; r++) {
      for (int k = 0, j = from + r; k < m; k++, j += w) {
        product[j + mw] = product[j] * vectors[ratioAt[r] + k];
      }
    }
  }

  /** Leaf g: its term (the ratio vectors carry its value) into the parent's sum, and its edge's integral. */
  private void leaf(int g, int from, int rightChild) {
    final int w = LANES;
    double[] product = pathProduct;
    double[] sum = subtreeSum;
    double[] vectors = factors.vectors;
    double keep = rightChild;
    int f = trees.edgeFeature[g];
    if (lanes == w) {
      int r0 = ratioAt[0];
      int r1 = ratioAt[1];
      int r2 = ratioAt[2];
      int r3 = ratioAt[3];
      int w0 = weightAt[0];
      int w1 = weightAt[1];
      int w2 = weightAt[2];
      int w3 = weightAt[3];
      double a0 = 0;
      double a1 = 0;
      double a2 = 0;
      double a3 = 0;
      for (int k = 0, j = from; k < m; k++, j += w) {
        double t0 = product[j] * vectors[r0 + k];
        double t1 = product[j + 1] * vectors[r1 + k];
        double t2 = product[j + 2] * vectors[r2 + k];
        double t3 = product[j + 3] * vectors[r3 + k];
        sum[j] = t0 + keep * sum[j];
        sum[j + 1] = t1 + keep * sum[j + 1];
        sum[j + 2] = t2 + keep * sum[j + 2];
        sum[j + 3] = t3 + keep * sum[j + 3];
        a0 = Math.fma(t0, vectors[w0 + k], a0);
        a1 = Math.fma(t1, vectors[w1 + k], a1);
        a2 = Math.fma(t2, vectors[w2 + k], a2);
        a3 = Math.fma(t3, vectors[w3 + k], a3);
      }
      phi[laneAt[0] + f] += a0;
      phi[laneAt[1] + f] += a1;
      phi[laneAt[2] + f] += a2;
      phi[laneAt[3] + f] += a3;
      return;
    }
    for (int r = 0; r < lanes; r++) {
      double a = 0;
      for (int k = 0, j = from + r; k < m; k++, j += w) {
        double term = product[j] * vectors[ratioAt[r] + k];
        sum[j] = term + keep * sum[j];
        a = Math.fma(term, vectors[weightAt[r] + k], a);
      }
      phi[laneAt[r] + f] += a;
    }
  }

  /**
   * A cherry g and its two leaves in one pass over the points (see {@link PathFactors#cherryAt}); the
   * edge into g has its ratio and weight offsets set already.
   */
  private void cherry(int g, int cherry, int from, int rightChild) {
    ShapTrees s = trees;
    final int w = LANES;
    double[] product = pathProduct;
    double[] sum = subtreeSum;
    double[] vectors = factors.vectors;
    double[] fused = factors.cherries;
    int prev = s.prevLocal[g + 1] * w;
    for (int r = 0; r < lanes; r++) {
      int leafOn = state[prev + r] & 1;
      int leafEdges = leafOn * (s.goesLeft(g, x, rowAt[r]) ? ShapTrees.FOLLOW : ShapTrees.LEAVE);
      fusedAt[r] = cherry + 2 * leafEdges * m;
    }
    double keep = rightChild;
    int childFeature = s.feature[g];
    int edgeFeature = s.edgeFeature[g];
    if (lanes == w) {
      int r0 = ratioAt[0];
      int r1 = ratioAt[1];
      int r2 = ratioAt[2];
      int r3 = ratioAt[3];
      int w0 = weightAt[0];
      int w1 = weightAt[1];
      int w2 = weightAt[2];
      int w3 = weightAt[3];
      int h0 = fusedAt[0];
      int h1 = fusedAt[1];
      int h2 = fusedAt[2];
      int h3 = fusedAt[3];
      double own0 = 0;
      double own1 = 0;
      double own2 = 0;
      double own3 = 0;
      double c0 = 0;
      double c1 = 0;
      double c2 = 0;
      double c3 = 0;
      for (int k = 0, j = from; k < m; k++, j += w) {
        double a0 = product[j] * vectors[r0 + k];
        double a1 = product[j + 1] * vectors[r1 + k];
        double a2 = product[j + 2] * vectors[r2 + k];
        double a3 = product[j + 3] * vectors[r3 + k];
        double y0 = a0 * fused[h0 + k];
        double y1 = a1 * fused[h1 + k];
        double y2 = a2 * fused[h2 + k];
        double y3 = a3 * fused[h3 + k];
        c0 = Math.fma(a0, fused[h0 + m + k], c0);
        c1 = Math.fma(a1, fused[h1 + m + k], c1);
        c2 = Math.fma(a2, fused[h2 + m + k], c2);
        c3 = Math.fma(a3, fused[h3 + m + k], c3);
        own0 = Math.fma(y0, vectors[w0 + k], own0);
        own1 = Math.fma(y1, vectors[w1 + k], own1);
        own2 = Math.fma(y2, vectors[w2 + k], own2);
        own3 = Math.fma(y3, vectors[w3 + k], own3);
        sum[j] = y0 + keep * sum[j];
        sum[j + 1] = y1 + keep * sum[j + 1];
        sum[j + 2] = y2 + keep * sum[j + 2];
        sum[j + 3] = y3 + keep * sum[j + 3];
      }
      phi[laneAt[0] + childFeature] += c0;
      phi[laneAt[1] + childFeature] += c1;
      phi[laneAt[2] + childFeature] += c2;
      phi[laneAt[3] + childFeature] += c3;
      phi[laneAt[0] + edgeFeature] += own0;
      phi[laneAt[1] + edgeFeature] += own1;
      phi[laneAt[2] + edgeFeature] += own2;
      phi[laneAt[3] + edgeFeature] += own3;
      return;
    }
    for (int r = 0; r < lanes; r++) {
      double children = 0;
      double own = 0;
      int h = fusedAt[r];
      for (int k = 0, j = from + r; k < m; k++, j += w) {
        double a = product[j] * vectors[ratioAt[r] + k];
        double y = a * fused[h + k];
        children = Math.fma(a, fused[h + m + k], children);
        own = Math.fma(y, vectors[weightAt[r] + k], own);
        sum[j] = y + keep * sum[j];
      }
      phi[laneAt[r] + childFeature] += children;
      phi[laneAt[r] + edgeFeature] += own;
    }
  }

  /**
   * Completes {@code count} ancestors of node g, nearest first: each adds its edge's integral of its
   * finished sum and passes the sum to its parent's (setting it when the ancestor is a left child).
   */
  private void close(int g, int count, int base) {
    ShapTrees s = trees;
    final int w = LANES;
    int mw = m * w;
    double[] sum = subtreeSum;
    double[] vectors = factors.vectors;
    int c = g;
    for (int j = count; j > 0; j--) {
      c = s.parent[c];
      int local = c - base;
      int at = vecAt + local * stride;
      for (int r = 0; r < lanes; r++) {
        int done = state[local * w + r];
        // (done + 1) >> 1 is 0 for OFF and 1 otherwise: OFF edges read the zero weights.
        weightAt[r] = ((done + 1) >> 1) * (at + (2 + done) * m);
      }
      int own = s.depth[c] * mw;
      double keep = s.rightChild[c];
      int f = s.edgeFeature[c];
      if (lanes == w) {
        int w0 = weightAt[0];
        int w1 = weightAt[1];
        int w2 = weightAt[2];
        int w3 = weightAt[3];
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        for (int k = 0, idx = own; k < m; k++, idx += w) {
          double y0 = sum[idx];
          double y1 = sum[idx + 1];
          double y2 = sum[idx + 2];
          double y3 = sum[idx + 3];
          sum[idx - mw] = y0 + keep * sum[idx - mw];
          sum[idx - mw + 1] = y1 + keep * sum[idx - mw + 1];
          sum[idx - mw + 2] = y2 + keep * sum[idx - mw + 2];
          sum[idx - mw + 3] = y3 + keep * sum[idx - mw + 3];
          a0 = Math.fma(y0, vectors[w0 + k], a0);
          a1 = Math.fma(y1, vectors[w1 + k], a1);
          a2 = Math.fma(y2, vectors[w2 + k], a2);
          a3 = Math.fma(y3, vectors[w3 + k], a3);
        }
        phi[laneAt[0] + f] += a0;
        phi[laneAt[1] + f] += a1;
        phi[laneAt[2] + f] += a2;
        phi[laneAt[3] + f] += a3;
        continue;
      }
      for (int r = 0; r < lanes; r++) {
        double a = 0;
        for (int k = 0, idx = own + r; k < m; k++, idx += w) {
          double y = sum[idx];
          sum[idx - mw] = y + keep * sum[idx - mw];
          a = Math.fma(y, vectors[weightAt[r] + k], a);
        }
        phi[laneAt[r] + f] += a;
      }
    }
  }
}
