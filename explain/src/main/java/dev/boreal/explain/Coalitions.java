package dev.boreal.explain;

import dev.boreal.engine.Rng;
import dev.boreal.collect.LongIntMap;

/**
 * The coalitions KernelSHAP evaluates and their Shapley-kernel weights, chosen as the {@code shap}
 * library's KernelExplainer chooses them; one instance per thread, reused row after row.
 *
 * <p>The Shapley kernel gives a coalition of size s among M players the weight
 * {@code (M-1) / (C(M,s) s (M-s))}; the empty and full coalitions are left out, because the caller
 * enforces them as constraints. When all {@code 2^M - 2} coalitions fit in the budget they are all
 * enumerated, and the regression then returns the exact Shapley values. Otherwise sizes are taken in
 * pairs from both ends (s and M-s, where the kernel puts most of its mass): a pair of sizes is enumerated
 * completely while the budget's share for it covers all its coalitions, and the rest of the budget is
 * sampled, each draw a random size from the remaining kernel mass, a random coalition of that size and
 * its complement (paired sampling, which cancels the odd-order terms of the error). Repeated draws add
 * weight to the coalition drawn before instead of costing an evaluation.
 */
final class Coalitions {
  private final int capacity;
  private final int maxPlayers;
  private final byte[] members;
  private final double[] weights;
  private final int[] scratch;
  /** Kernel mass of each size pair (s and M-s) for the current row. */
  private final double[] mass;
  private final LongIntMap seen = new LongIntMap(-1);
  private int players;
  private int count;

  /** Room for {@code capacity} coalitions of up to {@code maxPlayers} players. */
  Coalitions(int capacity, int maxPlayers) {
    this.capacity = capacity;
    this.maxPlayers = Math.max(1, maxPlayers);
    this.members = new byte[capacity * this.maxPlayers];
    this.weights = new double[capacity];
    this.scratch = new int[this.maxPlayers];
    this.mass = new double[this.maxPlayers / 2 + 1];
  }

  /** Number of coalitions chosen. */
  int count() {
    return count;
  }

  /** Whether player j is in coalition c. */
  boolean contains(int c, int j) {
    return members[c * maxPlayers + j] != 0;
  }

  /** The regression weight of coalition c (weights sum to 1). */
  double weight(int c) {
    return weights[c];
  }

  /** Whether every proper, non-empty coalition of {@code players} fits in the budget. */
  boolean exhaustive(int players) {
    return players < 31 && (1L << players) - 2 <= capacity;
  }

  /** Chooses the coalitions of {@code players} players (2 or more), drawing randomness from {@code rng}. */
  void choose(int players, Rng rng) {
    this.players = players;
    this.count = 0;
    seen.clear();
    if (exhaustive(players)) {
      for (int s = 1; s < players; s++) {
        addAllOfSize(s, kernel(players, s) / binomial(players, s), false);
      }
      normalise();
      return;
    }
    int sizes = players / 2;
    for (int s = 1; s <= sizes; s++) {
      // Sizes s and M-s carry the same kernel weight; when they are one size (M = 2s) count it once.
      mass[s] = kernel(players, s) * (2 * s == players ? 1 : 2);
    }
    double massLeft = 0;
    for (int s = 1; s <= sizes; s++) {
      massLeft += mass[s];
    }
    int full = 0;
    for (int s = 1; s <= sizes; s++) {
      double subsets = binomial(players, s) * (2 * s == players ? 1 : 2);
      if ((capacity - count) * (mass[s] / massLeft) / subsets < 1 - 1e-8) {
        break;
      }
      boolean paired = 2 * s != players;
      double each = kernel(players, s) / binomial(players, s);
      addAllOfSize(s, each, paired);
      massLeft -= mass[s];
      full = s;
    }
    int fixed = count;
    if (full < sizes) {
      sample(full, sizes, massLeft, rng);
      // Sampled coalitions share the kernel mass of the sizes they stand for.
      double sampled = 0;
      for (int c = fixed; c < count; c++) {
        sampled += weights[c];
      }
      for (int c = fixed; c < count; c++) {
        weights[c] *= massLeft / sampled;
      }
    }
    normalise();
  }

  private void sample(int full, int sizes, double massLeft, Rng rng) {
    int attempts = 4 * (capacity - count);
    int[] order = scratch;
    while (count < capacity && attempts-- > 0) {
      double u = rng.nextDouble() * massLeft;
      int s = full + 1;
      for (double acc = mass[s]; acc < u && s < sizes; acc += mass[++s]) {
        // walk to the size whose cumulative mass passes u
      }
      for (int j = 0; j < players; j++) {
        order[j] = j;
      }
      long key = 0;
      int at = count;
      for (int j = 0; j < s; j++) {
        int pick = j + rng.nextInt(players - j);
        int tmp = order[j];
        order[j] = order[pick];
        order[pick] = tmp;
      }
      for (int j = 0; j < players; j++) {
        members[at * maxPlayers + j] = 0;
      }
      for (int j = 0; j < s; j++) {
        members[at * maxPlayers + order[j]] = 1;
        key |= players <= 62 ? 1L << order[j] : 0;
      }
      int before = players <= 62 ? seen.get(key) : -1;
      boolean paired = 2 * s != players;
      if (before >= 0) {
        weights[before] += 1.0;
        if (paired) {
          weights[before + 1] += 1.0;
        }
        continue;
      }
      if (players <= 62) {
        seen.put(key, at);
      }
      weights[at] = 1.0;
      count++;
      if (paired && count < capacity) {
        complement(at, count);
        weights[count] = 1.0;
        count++;
      } else if (paired) {
        // The budget ends on an unpaired draw; the loop stops here, so no repeat can credit its pair.
        break;
      }
    }
  }

  /** Adds every coalition of size s with the given weight, and each one's complement if paired. */
  private void addAllOfSize(int s, double weight, boolean paired) {
    int[] pick = scratch;
    for (int j = 0; j < s; j++) {
      pick[j] = j;
    }
    while (true) {
      int at = count++;
      for (int j = 0; j < players; j++) {
        members[at * maxPlayers + j] = 0;
      }
      for (int j = 0; j < s; j++) {
        members[at * maxPlayers + pick[j]] = 1;
      }
      weights[at] = weight;
      if (paired) {
        complement(at, count);
        weights[count++] = weight;
      }
      int j = s - 1;
      while (j >= 0 && pick[j] == players - s + j) {
        j--;
      }
      if (j < 0) {
        return;
      }
      pick[j]++;
      for (int i = j + 1; i < s; i++) {
        pick[i] = pick[i - 1] + 1;
      }
    }
  }

  private void complement(int from, int to) {
    for (int j = 0; j < players; j++) {
      members[to * maxPlayers + j] = (byte) (1 - members[from * maxPlayers + j]);
    }
  }

  private void normalise() {
    double total = 0;
    for (int c = 0; c < count; c++) {
      total += weights[c];
    }
    for (int c = 0; c < count; c++) {
      weights[c] /= total;
    }
  }

  /** The Shapley kernel's total weight of all coalitions of size s: {@code (M-1) / (s (M-s))}. */
  static double kernel(int players, int s) {
    return (players - 1.0) / ((double) s * (players - s));
  }

  static double binomial(int n, int k) {
    double r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return r;
  }
}
