package dev.boreal.engine.gbdt;

import java.util.Arrays;

/**
 * LightGBM's early stopping: every (validation set, metric) pair remembers its best iteration, and
 * training stops at the first pair, in order, that has not improved for {@code rounds} iterations; the
 * model's best iteration is that pair's best. With {@code first_metric_only} only each set's first metric
 * counts. At the last iteration the first pair that counts decides, whether it stops or not, as LightGBM's
 * Python callback does.
 *
 * <p>Public so that cross-validation applies the same rule to the mean of its folds' metrics, as
 * {@code lgb.cv} applies LightGBM's callback to its aggregated results.
 */
public final class EarlyStopping {
  private final int rounds;
  private final boolean[] higherIsBetter;
  private final boolean[] counted;
  private final String[] names;
  private final double[] bestValue;
  private final int[] bestIteration;
  private int decidingPair = -1;

  /**
   * @param rounds patience in iterations, at least 1
   * @param higherIsBetter per tracked pair
   * @param counted per tracked pair: whether it may stop training
   * @param names per tracked pair, for people ("valid auc")
   */
  public EarlyStopping(int rounds, boolean[] higherIsBetter, boolean[] counted, String[] names) {
    this.rounds = rounds;
    this.higherIsBetter = higherIsBetter.clone();
    this.counted = counted.clone();
    this.names = names.clone();
    this.bestValue = new double[higherIsBetter.length];
    this.bestIteration = new int[higherIsBetter.length];
    Arrays.fill(bestIteration, -1);
  }

  /**
   * Records iteration {@code iteration}'s (0-based) values, one per pair.
   *
   * @param last whether this is the last iteration training will run
   * @return whether a pair stopped training here (at the last iteration: whether the first counted pair did)
   */
  public boolean update(int iteration, double[] values, boolean last) {
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (bestIteration[i] < 0 || (higherIsBetter[i] ? v > bestValue[i] : v < bestValue[i])) {
        bestValue[i] = v;
        bestIteration[i] = iteration;
      }
    }
    for (int i = 0; i < values.length; i++) {
      if (!counted[i]) {
        continue;
      }
      boolean stops = iteration - bestIteration[i] >= rounds;
      if (stops || last) {
        decidingPair = i;
        return stops;
      }
    }
    return false;
  }

  /** Patience in iterations. */
  public int rounds() {
    return rounds;
  }

  /** The pair that stopped training or decided at the last iteration, else the first that counts. */
  private int decidingPair() {
    if (decidingPair >= 0) {
      return decidingPair;
    }
    for (int i = 0; i < counted.length; i++) {
      if (counted[i]) {
        return i;
      }
    }
    return 0;
  }

  /** The best iteration (1-based) of the deciding pair, or 0 before any iteration was recorded. */
  public int bestIteration() {
    return bestIteration[decidingPair()] + 1;
  }

  /** The deciding pair's name, such as "valid auc". */
  public String decidingMetric() {
    return names[decidingPair()];
  }
}
