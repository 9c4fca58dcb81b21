package dev.boreal.explain;

import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.histogram.BinMapper;

/**
 * The naive references: value functions evaluated coalition by coalition with a recursive walk over
 * {@link Tree}'s getters on raw rows, and Shapley values and interaction indices by enumerating every
 * coalition of every feature. Exponential in the number of features, so only for small models.
 */
final class BruteForce {
  private BruteForce() {}

  /** Whether a raw row goes left at a node, routed by the tree's own accessors and the bin mapper. */
  static boolean goesLeft(Model m, Tree t, int node, double[] row, int at) {
    int f = t.feature(node);
    double v = row[at + f];
    BinMapper mapper = m.mapper(f);
    if (t.isCategorical(node)) {
      int bin = Double.isNaN(v) || v != Math.rint(v) ? mapper.missingBin()
          : mapper.binOfCategory(Long.toString((long) v));
      return java.util.BitSet.valueOf(t.leftCategoryBins(node)).get(bin);
    }
    return Double.isNaN(v) ? t.defaultLeft(node) : v <= t.threshold(node);
  }

  private static double cover(Tree t, int child) {
    return child >= 0 ? t.nodeCount(child) : t.leafCount(~child);
  }

  /** The path-dependent expectation of a tree given the features in {@code mask} (Lundberg's Algorithm 1). */
  static double conditional(Model m, Tree t, int node, double[] row, int at, int mask) {
    if (node < 0) {
      return t.leafValue(~node);
    }
    if ((mask >>> t.feature(node) & 1) != 0) {
      return conditional(m, t, goesLeft(m, t, node, row, at) ? t.left(node) : t.right(node), row, at, mask);
    }
    double cl = cover(t, t.left(node));
    double cr = cover(t, t.right(node));
    double wl = cl + cr > 0 ? cl / (cl + cr) : 0.5;
    return wl * conditional(m, t, t.left(node), row, at, mask)
        + (1 - wl) * conditional(m, t, t.right(node), row, at, mask);
  }

  /** The model's path-dependent value of coalition {@code mask} for output k. */
  static double pathValue(Model m, int k, double[] row, int at, int mask) {
    double sum = 0;
    int iterations = m.numIterations();
    for (int i = 0; i < iterations; i++) {
      Tree t = m.tree(i, k);
      sum += t.numNodes() == 0 ? t.leafValue(0) : conditional(m, t, 0, row, at, mask);
    }
    return m.baseScore(k) + (m.ensemble() == Model.Ensemble.SUM ? sum : sum / iterations);
  }

  /** The model's raw output k on a raw row, by the naive walk. */
  static double raw(Model m, int k, double[] row, int at) {
    return pathValue(m, k, row, at, (1 << m.numFeatures()) - 1);
  }

  /** The interventional value of {@code mask}: the mean over background rows of f(x_S, b_rest). */
  static double interventionalValue(Model m, int k, double[] row, int at, double[] background, int bgRows,
      int mask) {
    int f = m.numFeatures();
    double[] hybrid = new double[f];
    double sum = 0;
    for (int b = 0; b < bgRows; b++) {
      for (int j = 0; j < f; j++) {
        hybrid[j] = (mask >>> j & 1) != 0 ? row[at + j] : background[b * f + j];
      }
      sum += raw(m, k, hybrid, 0);
    }
    return sum / bgRows;
  }

  /** A value function over coalitions given as bit masks. */
  interface Game {
    double value(int mask);
  }

  /** Every coalition's value, indexed by mask. */
  static double[] table(int players, Game game) {
    double[] v = new double[1 << players];
    for (int mask = 0; mask < v.length; mask++) {
      v[mask] = game.value(mask);
    }
    return v;
  }

  private static double factorial(int n) {
    double r = 1;
    for (int i = 2; i <= n; i++) {
      r *= i;
    }
    return r;
  }

  /** Shapley values from a table of all coalition values. */
  static double[] shapley(int players, double[] v) {
    double[] phi = new double[players];
    for (int i = 0; i < players; i++) {
      for (int mask = 0; mask < v.length; mask++) {
        if ((mask >>> i & 1) != 0) {
          continue;
        }
        int s = Integer.bitCount(mask);
        double w = factorial(s) * factorial(players - s - 1) / factorial(players);
        phi[i] += w * (v[mask | 1 << i] - v[mask]);
      }
    }
    return phi;
  }

  /** The Shapley interaction index of features i != j (Grabisch; Lundberg's interaction values). */
  static double interaction(int players, double[] v, int i, int j) {
    double sum = 0;
    for (int mask = 0; mask < v.length; mask++) {
      if ((mask >>> i & 1) != 0 || (mask >>> j & 1) != 0) {
        continue;
      }
      int s = Integer.bitCount(mask);
      double w = factorial(s) * factorial(players - s - 2) / (2 * factorial(players - 1));
      sum += w * (v[mask | 1 << i | 1 << j] - v[mask | 1 << i] - v[mask | 1 << j] + v[mask]);
    }
    return sum;
  }
}
