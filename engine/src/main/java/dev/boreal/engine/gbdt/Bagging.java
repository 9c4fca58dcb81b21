package dev.boreal.engine.gbdt;

import dev.boreal.engine.Rng;
import dev.boreal.engine.params.Params;

/**
 * Row subsampling for boosting ({@code bagging_fraction}, {@code bagging_freq}): exactly
 * {@code round(fraction * n)} rows (or whole query groups for ranking), drawn by selection sampling so
 * the bag is ascending and depends only on the seed and the iteration.
 *
 * <p>The one draw of every trainer that bags gradient boosting: single-machine {@link Boosting} and the Spark
 * trainer, which draws the bag on its driver and sends it to the partitions, so both grow each tree on the same
 * rows.
 */
public final class Bagging {
  private final int rows;
  private final double fraction;
  private final int frequency;
  private final long seed;
  private final int[] groupStarts;
  private final int[] bag;
  private final int[] outOfBag;
  private int bagCount;
  private int outOfBagCount;

  /**
   * The row sampling {@code params} ask for (bagging_fraction, bagging_freq, bagging_seed).
   *
   * @param rows rows of the training set
   * @param groupSizes query group sizes, to bag whole groups; {@code null} to bag rows
   */
  public static Bagging of(Params params, int rows, int[] groupSizes) {
    return new Bagging(rows, params.getDouble("bagging_fraction"), params.getInt("bagging_freq"),
        Settings.seed(params, "bagging_seed"), groupSizes);
  }

  private Bagging(int rows, double fraction, int frequency, long seed, int[] groupSizes) {
    this.rows = rows;
    this.fraction = fraction;
    this.frequency = frequency;
    this.seed = seed;
    if (groupSizes != null) {
      groupStarts = new int[groupSizes.length + 1];
      for (int g = 0; g < groupSizes.length; g++) {
        groupStarts[g + 1] = groupStarts[g] + groupSizes[g];
      }
    } else {
      groupStarts = null;
    }
    boolean on = enabled();
    bag = on ? new int[rows] : null;
    outOfBag = on ? new int[rows] : null;
  }

  /** Whether rows are subsampled at all. */
  public boolean enabled() {
    return frequency > 0 && fraction < 1.0;
  }

  /** Draws a new bag when the iteration calls for one; returns whether the bag changed. */
  public boolean maybeResample(int iteration) {
    if (!enabled() || iteration % frequency != 0) {
      return false;
    }
    Rng rng = new Rng(seed, iteration);
    bagCount = 0;
    outOfBagCount = 0;
    int units = groupStarts == null ? rows : groupStarts.length - 1;
    int wanted = Math.max(1, (int) Math.round(fraction * units));
    int remaining = units;
    for (int u = 0; u < units; u++, remaining--) {
      boolean take = rng.nextDouble() * remaining < wanted;
      if (take) {
        wanted--;
      }
      int from = groupStarts == null ? u : groupStarts[u];
      int to = groupStarts == null ? u + 1 : groupStarts[u + 1];
      for (int r = from; r < to; r++) {
        if (take) {
          bag[bagCount++] = r;
        } else {
          outOfBag[outOfBagCount++] = r;
        }
      }
    }
    return true;
  }

  /**
   * Draws the bag that iteration {@code iteration} uses when a run starts there rather than at 0: the bag of
   * the last iteration at or before it that drew one, so that a resumed run bags as the uninterrupted one.
   */
  void resumeAt(int iteration) {
    if (enabled() && iteration % frequency != 0) {
      maybeResample(iteration - iteration % frequency);
    }
  }

  /** The in-bag rows, ascending, in {@code [0, bagCount())}; {@code null} when bagging is off. */
  public int[] bag() {
    return bag;
  }

  /** Rows in the bag (all rows when bagging is off). */
  public int bagCount() {
    return enabled() ? bagCount : rows;
  }

  /** The out-of-bag rows, ascending; {@code null} when bagging is off. */
  int[] outOfBag() {
    return outOfBag;
  }

  /** Rows out of the bag. */
  int outOfBagCount() {
    return enabled() ? outOfBagCount : 0;
  }
}
