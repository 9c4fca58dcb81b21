package dev.boreal.explain;

import java.util.Arrays;

/**
 * The per-row kernel of exact SHAP interaction values over {@link ShapTrees}, with the scratch one thread
 * needs (one instance per worker, reused for every row).
 *
 * <p>Lundberg et al. (2020) define the interaction of features i != j as half the difference of j's SHAP
 * value with i fixed "on" (following the row) and "off" (following the covers), which is the Shapley
 * interaction index. In the polynomial form of {@link PathShapKernel}, fixing i replaces its factor
 * {@code F_i(t)} by the constant {@code p_i} or {@code q_i}, so per leaf of value v
 * <pre>
 *   Phi_ij = v (p_i - q_i)(p_j - q_j) / 2 * integral_0^1 prod_{l != i, j} F_l(t) dt,
 * </pre>
 * a polynomial of lower degree than the SHAP integrand, so the tree's Gauss–Legendre points integrate it
 * exactly. The kernel works leaf by leaf: {@code O(leaves * d^2 * m)} per tree and row for d distinct
 * features on a path, which is the price of an F x F answer.
 */
final class InteractionKernel {
  private final ShapTrees trees;
  private final PathFactors factors;
  /** Per local node: 1 if the row goes left there, else 0. */
  private final byte[] left;
  /** Per feature: its slot among the current leaf's distinct features, or -1. */
  private final int[] slot;
  private final int[] leafFeature;
  private final double[] leafP;
  private final double[] leafQ;
  /** Per distinct feature i and point k at {@code i * m + k}: F_i at the point. */
  private final double[] factor;
  /** Products of the factors before slot i (prefix) and from slot i on (suffix), per point. */
  private final double[] prefix;
  private final double[] suffix;
  /** The quadrature weight times the product of the factors strictly between the pair, per point. */
  private final double[] middle;

  InteractionKernel(ShapTrees trees, PathFactors factors) {
    this.trees = trees;
    this.factors = factors;
    int d = trees.maxDepth + 1;
    int m = factors.maxPoints;
    this.left = new byte[trees.maxNodes];
    this.slot = new int[trees.numFeatures];
    Arrays.fill(slot, -1);
    this.leafFeature = new int[d];
    this.leafP = new double[d];
    this.leafQ = new double[d];
    this.factor = new double[d * m];
    this.prefix = new double[(d + 1) * m];
    this.suffix = new double[(d + 1) * m];
    this.middle = new double[m];
  }

  /**
   * Adds tree t's off-diagonal SHAP interaction values for the encoded row at {@code x[xAt ..]}:
   * {@code out[outAt + i * stride + j] += Phi_ij} for every pair of distinct features i != j. Per leaf,
   * {@code Phi_ij = v (p_i - q_i)(p_j - q_j) / 2 * integral prod_{l != i, j} F_l(t) dt}, which is half
   * the difference of feature j's SHAP value with feature i fixed on and off (Lundberg et al. 2020);
   * the products leaving out a pair come from prefix, running middle and suffix products, so no
   * division is needed.
   */
  void addTree(int t, double[] x, int xAt, double[] out, int outAt, int stride) {
    ShapTrees s = trees;
    int base = s.treeBase[t];
    int n = s.treeBase[t + 1] - base;
    int m = factors.points[t];
    double[] nodes = factors.quadNodes[m];
    double[] weights = factors.quadWeights[m];
    for (int i = 0; i < n; i++) {
      if (s.feature[base + i] >= 0) {
        left[i] = (byte) (s.goesLeft(base + i, x, xAt) ? 1 : 0);
      }
    }
    for (int leaf = base + 1; leaf < base + n; leaf++) {
      if (s.feature[leaf] >= 0) {
        continue;
      }
      int d = collectPath(leaf, base);
      for (int i = 0; i < d; i++) {
        for (int k = 0; k < m; k++) {
          factor[i * m + k] = leafQ[i] * (1 - nodes[k]) + leafP[i] * nodes[k];
        }
      }
      for (int k = 0; k < m; k++) {
        prefix[k] = 1.0;
        suffix[d * m + k] = 1.0;
      }
      for (int i = 0; i < d; i++) {
        for (int k = 0; k < m; k++) {
          prefix[(i + 1) * m + k] = prefix[i * m + k] * factor[i * m + k];
          suffix[(d - 1 - i) * m + k] = suffix[(d - i) * m + k] * factor[(d - 1 - i) * m + k];
        }
      }
      double half = 0.5 * s.value[leaf];
      for (int i = 0; i < d; i++) {
        double di = leafP[i] - leafQ[i];
        if (di == 0) {
          continue;
        }
        for (int k = 0; k < m; k++) {
          middle[k] = weights[k] * prefix[i * m + k];
        }
        for (int j = i + 1; j < d; j++) {
          double dj = leafP[j] - leafQ[j];
          double integral = 0;
          int after = (j + 1) * m;
          for (int k = 0; k < m; k++) {
            integral += middle[k] * suffix[after + k];
            middle[k] *= factor[j * m + k];
          }
          double phi = half * di * dj * integral;
          out[outAt + leafFeature[i] * stride + leafFeature[j]] += phi;
          out[outAt + leafFeature[j] * stride + leafFeature[i]] += phi;
        }
      }
    }
  }

  /**
   * Gathers the distinct features on the path to {@code leaf} with their p (1 if the row follows every
   * split on the feature) and q (product of those splits' cover ratios); returns how many there are.
   */
  private int collectPath(int leaf, int base) {
    ShapTrees s = trees;
    int d = 0;
    for (int c = leaf; s.parent[c] >= 0; c = s.parent[c]) {
      int u = s.parent[c] - base;
      boolean follows = (left[u] ^ s.rightChild[c]) == 1;
      int f = s.edgeFeature[c];
      int at = slot[f];
      if (at < 0) {
        slot[f] = d;
        leafFeature[d] = f;
        leafP[d] = follows ? 1.0 : 0.0;
        leafQ[d] = s.ratio[c];
        d++;
      } else {
        leafP[at] = follows ? leafP[at] : 0.0;
        leafQ[at] *= s.ratio[c];
      }
    }
    for (int i = 0; i < d; i++) {
      slot[leafFeature[i]] = -1;
    }
    return d;
  }
}
