package dev.boreal.engine.gbdt;

import dev.boreal.engine.Rng;
import dev.boreal.engine.params.Params;
import java.util.Arrays;

/**
 * Feature subsampling per iteration for boosting ({@code feature_fraction}, {@code feature_fraction_seed}): every
 * tree of an iteration may split on {@code round(fraction * usable)} of the usable features (at least one), drawn
 * by a partial shuffle keyed by the seed and the iteration. By-node sampling ({@code feature_fraction_bynode})
 * then happens inside the tree learner.
 *
 * <p>The one draw of every trainer that boosts: single-machine {@link Boosting} and the Spark trainer's driver,
 * so both offer each tree the same features.
 */
public final class FeatureSample {
  private final int[] usable;
  private final double fraction;
  private final long seed;

  private FeatureSample(int[] usable, double fraction, long seed) {
    this.usable = usable.clone();
    this.fraction = fraction;
    this.seed = seed;
  }

  /**
   * The feature sampling {@code params} ask for.
   *
   * @param usable the features a tree can split on, ascending
   *     ({@link dev.boreal.engine.tree.TreeLearner#usableFeatures})
   */
  public static FeatureSample of(Params params, int[] usable) {
    return new FeatureSample(usable, params.getDouble("feature_fraction"),
        Settings.seed(params, "feature_fraction_seed"));
  }

  /**
   * The features the trees of an iteration may use, ascending: every usable one when feature_fraction is 1.
   * Not to be modified.
   */
  public int[] ofIteration(int iteration) {
    if (fraction >= 1.0 || usable.length == 0) {
      return usable;
    }
    int keep = Math.max(1, (int) (usable.length * fraction + 0.5));
    int[] pick = usable.clone();
    Rng rng = new Rng(seed, iteration);
    for (int i = 0; i < keep; i++) {
      int j = i + rng.nextInt(pick.length - i);
      int t = pick[i];
      pick[i] = pick[j];
      pick[j] = t;
    }
    int[] chosen = Arrays.copyOf(pick, keep);
    Arrays.sort(chosen);
    return chosen;
  }
}
