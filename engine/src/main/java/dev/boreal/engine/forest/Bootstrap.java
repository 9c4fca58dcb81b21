package dev.boreal.engine.forest;

import dev.boreal.engine.Rng;

/**
 * The rows one forest tree learns from, drawn from the tree's own seed so the sample depends only on the
 * forest's seed and the tree's index, never on which thread grows it or when.
 *
 * <p>With replacement (a bootstrap, scikit-learn's default) {@code round(fraction · n)} draws are made
 * and a row drawn k times gets multiplicity k: it enters the tree once, with its weight multiplied by k,
 * as scikit-learn passes bootstrap counts as sample weights. Without replacement exactly
 * {@code round(fraction · n)} distinct rows are taken (selection sampling), each with multiplicity 1.
 * Rows with multiplicity 0 are the tree's out-of-bag rows. The same draw is made again after training to
 * find them ({@link OutOfBag}), so no per-tree record of the sample is kept.
 *
 * <p>One instance is a reusable buffer for one thread; it is not thread-safe.
 */
final class Bootstrap {
  /** Names the random stream of row sampling, apart from the other uses of a tree's seed. */
  private static final long STREAM = 0x626f6f7473L;

  private final int rows;
  private final boolean withReplacement;
  private final int draws;
  private final int[] counts;

  /**
   * @param rows rows of the training set
   * @param withReplacement bootstrap (true) or subsample without replacement
   * @param fraction share of the rows to draw, in (0, 1]
   */
  Bootstrap(int rows, boolean withReplacement, double fraction) {
    this.rows = rows;
    this.withReplacement = withReplacement;
    this.draws = sampleSize(rows, fraction);
    this.counts = new int[rows];
  }

  /** Rows drawn for a tree: {@code round(fraction · n)}, at least 1. */
  static int sampleSize(int rows, double fraction) {
    return (int) Math.max(1, Math.min(rows, Math.round(fraction * rows)));
  }

  /** Whether some rows are left out of every tree's sample, so out-of-bag scoring is possible. */
  boolean leavesRowsOut() {
    return withReplacement || draws < rows;
  }

  /**
   * Draws the sample of one tree into {@link #counts()}.
   *
   * @param seed the tree's sampling seed (derived from the forest's seed and the tree index)
   */
  void draw(long seed) {
    java.util.Arrays.fill(counts, 0);
    Rng rng = new Rng(seed, STREAM);
    if (withReplacement) {
      for (int i = 0; i < draws; i++) {
        counts[rng.nextInt(rows)]++;
      }
      return;
    }
    int wanted = draws;
    for (int r = 0, remaining = rows; r < rows && wanted > 0; r++, remaining--) {
      if (rng.nextDouble() * remaining < wanted) {
        counts[r] = 1;
        wanted--;
      }
    }
  }

  /** Multiplicity of each row in the last draw (0 = out of bag); the live buffer, overwritten by each draw. */
  int[] counts() {
    return counts;
  }

  /** Rows of the training set. */
  int rows() {
    return rows;
  }
}
