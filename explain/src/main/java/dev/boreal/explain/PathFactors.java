package dev.boreal.explain;

import java.util.Arrays;

/**
 * The row-independent part of exact path-dependent TreeSHAP, precomputed once per model: for every tree
 * its Gauss–Legendre points, and for every edge the polynomial factor values the kernels multiply and
 * integrate (see {@link PathShapKernel}), plus fused vectors for "cherries".
 *
 * <p>Quadrature. Path-dependent SHAP is an integral over {@code [0,1]} of a polynomial whose degree is
 * below the number of distinct features on a root-to-leaf path, U; Gauss–Legendre with
 * {@code m = ceil(U/2)} points integrates it exactly. For each edge e into node c, splitting feature j,
 * with {@code q} the product of the cover ratios of the edges on j from the root down to c and
 * {@code qp} the same product above e (1 when e is the first split on j), and {@code F(t) = q(1-t) + p t}
 * the factor of a feature the row follows (p = 1) or leaves (p = 0) on the path, five vectors of m
 * values are kept, indexed so that an edge state ({@link ShapTrees#OFF}, {@code FOLLOW}, {@code LEAVE})
 * picks its own without a branch:
 * <ul>
 *   <li>at {@code state * m}, the factor ratio {@code F_e / F_prev}: the cover ratio for OFF (the row
 *       left j's path above, so both factors are {@code q (1-t)}), and the two cases of p for FOLLOW and
 *       LEAVE;</li>
 *   <li>at {@code (2 + state) * m} for FOLLOW and LEAVE, the quadrature-weighted contribution weights
 *       {@code (p_e - q_e)/F_e - (p_prev - q_prev)/F_prev}, whose sum over a feature's edges telescopes to
 *       the leaf's single term. OFF edges contribute nothing and read the zero vector at the start of
 *       {@link #vectors}.</li>
 * </ul>
 * At an edge into a leaf the three ratios are multiplied by the leaf's value. Memory: {@code 40 m} bytes
 * per node, so a 100-tree, 255-leaf model with m near 8 needs about 16 MB.
 */
final class PathFactors {
  /** Vectors kept per edge (see the class comment). */
  static final int VECTORS = 5;

  final int[] points;
  final int maxPoints;
  /** Gauss–Legendre nodes and weights on [0, 1] by point count (null for counts no tree uses). */
  final double[][] quadNodes;
  final double[][] quadWeights;
  private final int[] vecBase;
  final double[] vectors;
  /**
   * At an internal node (not a root) whose two children are leaves, a "cherry": where its fused vectors
   * start in {@link #cherries}, else -1. Both leaf edges split the same feature, so their states are one
   * of three cases, named by the left leaf's state: OFF (both OFF), FOLLOW (the row goes left), LEAVE
   * (it goes right). For case c, {@code cherries[at + 2cm ..]} holds {@code H = sum over the two leaves of
   * v * ratio} and {@code cherries[at + (2c+1)m ..]} holds {@code C = sum of v * ratio * weight}; the
   * cherry's sum is then {@code product * H} and its leaves' integrals {@code dot(product, C)}.
   */
  final int[] cherryAt;
  final double[] cherries;

  PathFactors(ShapTrees trees) {
    int numTrees = trees.numTrees;
    points = new int[numTrees];
    vecBase = new int[numTrees];
    int widest = 1;
    for (int t = 0; t < numTrees; t++) {
      points[t] = Math.max(1, (trees.distinctFeatures[t] + 1) / 2);
      widest = Math.max(widest, points[t]);
    }
    maxPoints = widest;
    quadNodes = new double[maxPoints + 1][];
    quadWeights = new double[maxPoints + 1][];
    // The first maxPoints values stay zero: the contribution weights of OFF edges.
    long at = maxPoints;
    long cherryValues = 0;
    cherryAt = new int[trees.feature.length];
    Arrays.fill(cherryAt, -1);
    for (int t = 0; t < numTrees; t++) {
      vecBase[t] = (int) Math.min(at, Integer.MAX_VALUE);
      at += (long) trees.size(t) * VECTORS * points[t];
      for (int g = trees.treeBase[t] + 1; g < trees.treeBase[t + 1]; g++) {
        if (isCherry(trees, g)) {
          cherryAt[g] = (int) Math.min(cherryValues, Integer.MAX_VALUE);
          cherryValues += 6L * points[t];
        }
      }
    }
    if (at > Integer.MAX_VALUE - 8 || cherryValues > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("the model is too large to explain at once: "
          + (at + cherryValues) + " precomputed values");
    }
    vectors = new double[(int) at];
    cherries = new double[(int) cherryValues];
    for (int t = 0; t < numTrees; t++) {
      int m = points[t];
      if (quadNodes[m] == null) {
        double[][] rule = GaussLegendre.onUnitInterval(m);
        quadNodes[m] = rule[0];
        quadWeights[m] = rule[1];
      }
      fillVectors(trees, t);
      fillCherries(trees, t);
    }
  }

  private static boolean isCherry(ShapTrees trees, int g) {
    return trees.feature[g] >= 0 && trees.feature[g + 1] < 0 && trees.feature[trees.right[g]] < 0;
  }

  /** Where the vectors of local node i of tree t start. */
  int vectorAt(int t, int i) {
    return vecBase[t] + i * VECTORS * points[t];
  }

  /** Writes tree t's per-edge vectors from the formulas in the class comment. */
  private void fillVectors(ShapTrees trees, int t) {
    int m = points[t];
    double[] nodes = quadNodes[m];
    double[] weights = quadWeights[m];
    int base = trees.treeBase[t];
    for (int g = base + 1; g < trees.treeBase[t + 1]; g++) {
      double qe = trees.sameFeatureRatio[g];
      int prev = trees.prevLocal[g];
      double qp = prev == trees.maxNodes ? 1.0 : trees.sameFeatureRatio[base + prev];
      double v = trees.feature[g] < 0 ? trees.value[g] : 1.0;
      int at = vectorAt(t, g - base);
      for (int k = 0; k < m; k++) {
        double s = nodes[k];
        double fp = qp * (1 - s) + s;
        double fe = qe * (1 - s) + s;
        vectors[at + ShapTrees.OFF * m + k] = v * trees.ratio[g];
        vectors[at + ShapTrees.FOLLOW * m + k] = v * (fe / fp);
        vectors[at + ShapTrees.LEAVE * m + k] = v * (qe * (1 - s) / fp);
        vectors[at + (2 + ShapTrees.FOLLOW) * m + k] = weights[k] * ((1 - qe) / fe - (1 - qp) / fp);
        vectors[at + (2 + ShapTrees.LEAVE) * m + k] = weights[k] * (-1 / (1 - s) - (1 - qp) / fp);
      }
    }
  }

  /** Writes the fused vectors of tree t's cherries from their leaves' edge vectors (values included). */
  private void fillCherries(ShapTrees trees, int t) {
    int m = points[t];
    int base = trees.treeBase[t];
    for (int g = base + 1; g < trees.treeBase[t + 1]; g++) {
      if (cherryAt[g] < 0) {
        continue;
      }
      int lAt = vectorAt(t, g + 1 - base);
      int rAt = vectorAt(t, trees.right[g] - base);
      for (int c = ShapTrees.OFF; c <= ShapTrees.LEAVE; c++) {
        // When the row goes left (left leaf FOLLOW) the right leaf is LEAVE, and the other way round.
        int rc = c == ShapTrees.OFF ? ShapTrees.OFF : 3 - c;
        int at = cherryAt[g] + 2 * c * m;
        for (int k = 0; k < m; k++) {
          double left = vectors[lAt + c * m + k];
          double right = vectors[rAt + rc * m + k];
          double lw = c == ShapTrees.OFF ? 0.0 : vectors[lAt + (2 + c) * m + k];
          double rw = rc == ShapTrees.OFF ? 0.0 : vectors[rAt + (2 + rc) * m + k];
          cherries[at + k] = left + right;
          cherries[at + m + k] = left * lw + right * rw;
        }
      }
    }
  }
}
