package dev.boreal.engine.gbdt;

/**
 * LightGBM's early stopping: every (validation set, metric) pair remembers its best iteration, and
 * training stops once any of them has not improved for {@code rounds} iterations; the model's best
 * iteration is that pair's best. With {@code first_metric_only} only each set's first metric counts.
 *
 * <p>Public so that cross-validation can apply the same rule to the mean of its folds' metrics, as
 * {@code lgb.cv} applies LightGBM's callback to its aggregated results.
 */
public final class EarlyStopping {
  private final int rounds;
  private final boolean[] higherIsBetter;
  private final boolean[] counted;
  private final double[] bestValue;
  private final int[] bestIteration;
  private int stoppedBest = -1;

  /**
   * @param rounds patience in iterations; 0 turns early stopping off
   * @param higherIsBetter per tracked pair
   * @param counted per tracked pair: whether it may stop training
   */
  public EarlyStopping(int rounds, boolean[] higherIsBetter, boolean[] counted) {
    this.rounds = rounds;
    this.higherIsBetter = higherIsBetter.clone();
    this.counted = counted.clone();
    this.bestValue = new double[higherIsBetter.length];
    this.bestIteration = new int[higherIsBetter.length];
    java.util.Arrays.fill(bestIteration, -1);
  }

  /**
   * Records iteration {@code iteration}'s (0-based) values; returns true when training should stop.
   */
  public boolean update(int iteration, double[] values) {
    boolean stop = false;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      boolean better = bestIteration[i] < 0
          || (higherIsBetter[i] ? v > bestValue[i] : v < bestValue[i]);
      if (better) {
        bestValue[i] = v;
        bestIteration[i] = iteration;
      } else if (rounds > 0 && counted[i] && iteration - bestIteration[i] >= rounds && !stop) {
        stop = true;
        stoppedBest = bestIteration[i];
      }
    }
    return stop;
  }

  /** The best iteration (0-based) of the pair that stopped training, or -1 when none did. */
  public int stoppedBestIteration() {
    return stoppedBest;
  }

  /** The best iteration (0-based) so far of tracked pair {@code pair}, or -1 before any update. */
  public int bestIteration(int pair) {
    return bestIteration[pair];
  }
}
