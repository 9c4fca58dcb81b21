package dev.boreal.engine.tree;

import dev.boreal.engine.Rng;

/**
 * Chooses the features a leaf may split on: the tree's sample, narrowed by interaction constraints
 * (a branch may only combine features that share a constraint group, as in LightGBM and XGBoost) and by
 * per-node sampling ({@code feature_fraction_bynode}).
 */
final class FeatureSampler {
  private final int features;
  private final long[][] groups;
  private final double fractionByNode;
  private final int[] scratch;

  FeatureSampler(int features, int[][] interactionGroups, double fractionByNode) {
    this.features = features;
    this.fractionByNode = fractionByNode;
    this.scratch = new int[features];
    if (interactionGroups.length == 0) {
      this.groups = null;
    } else {
      this.groups = new long[interactionGroups.length][];
      for (int g = 0; g < interactionGroups.length; g++) {
        groups[g] = new long[words()];
        for (int f : interactionGroups[g]) {
          if (f >= 0 && f < features) {
            groups[g][f >>> 6] |= 1L << f;
          }
        }
      }
    }
  }

  private int words() {
    return (features + 63) >>> 6;
  }

  /** The features used above the root: none. {@code null} when there are no interaction constraints. */
  long[] emptyPath() {
    return groups == null ? null : new long[words()];
  }

  /** The path's features plus {@code f}; a new array, or {@code null} without constraints. */
  long[] extend(long[] path, int f) {
    if (path == null) {
      return null;
    }
    long[] out = path.clone();
    out[f >>> 6] |= 1L << f;
    return out;
  }

  /**
   * Writes the features the leaf may use into {@code out} (ascending) and returns how many.
   *
   * @param treeFeatures the tree's features, ascending
   * @param path the features on the leaf's branch ({@code null} without constraints)
   * @param seed seeds the by-node sample of this leaf
   */
  int select(int[] treeFeatures, long[] path, long seed, int[] out) {
    int n = 0;
    for (int f : treeFeatures) {
      if (path == null || allowed(path, f)) {
        scratch[n++] = f;
      }
    }
    int keep = n;
    if (fractionByNode < 1.0 && n > 0) {
      keep = Math.max(1, (int) (n * fractionByNode + 0.5));
      Rng rng = new Rng(seed, 0x6e6f6465L);
      for (int i = 0; i < keep; i++) {
        int j = i + rng.nextInt(n - i);
        int t = scratch[i];
        scratch[i] = scratch[j];
        scratch[j] = t;
      }
      java.util.Arrays.sort(scratch, 0, keep);
    }
    System.arraycopy(scratch, 0, out, 0, keep);
    return keep;
  }

  /** Whether some group holds every feature of the path and {@code f}. */
  private boolean allowed(long[] path, int f) {
    for (long[] g : groups) {
      if ((g[f >>> 6] & (1L << f)) == 0) {
        continue;
      }
      boolean holdsPath = true;
      for (int w = 0; w < path.length && holdsPath; w++) {
        holdsPath = (path[w] & ~g[w]) == 0;
      }
      if (holdsPath) {
        return true;
      }
    }
    return false;
  }
}
