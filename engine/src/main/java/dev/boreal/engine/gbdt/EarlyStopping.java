package dev.boreal.engine.gbdt;

import java.util.Arrays;

/**
 * LightGBM's early stopping: every (validation set, metric) pair remembers its best iteration, and
 * training stops once any of them has not improved for {@code rounds} iterations; the model's best
 * iteration is that pair's best. With {@code first_metric_only} only each set's first metric counts. When
 * training runs out of iterations first, the best iteration is that of the first pair that counts, as
 * LightGBM's Python callback reports it.
 */
final class EarlyStopping {
  private final int rounds;
  private final boolean[] higherIsBetter;
  private final boolean[] counted;
  private final String[] names;
  private final double[] bestValue;
  private final int[] bestIteration;
  private int stoppedPair = -1;

  /**
   * @param rounds patience in iterations, at least 1
   * @param higherIsBetter per tracked pair
   * @param counted per tracked pair: whether it may stop training
   * @param names per tracked pair, for people ("valid auc")
   */
  EarlyStopping(int rounds, boolean[] higherIsBetter, boolean[] counted, String[] names) {
    this.rounds = rounds;
    this.higherIsBetter = higherIsBetter.clone();
    this.counted = counted.clone();
    this.names = names.clone();
    this.bestValue = new double[higherIsBetter.length];
    this.bestIteration = new int[higherIsBetter.length];
    Arrays.fill(bestIteration, -1);
  }

  /**
   * Records iteration {@code iteration}'s (0-based) values; returns true when training should stop.
   */
  boolean update(int iteration, double[] values) {
    boolean stop = false;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      boolean better = bestIteration[i] < 0
          || (higherIsBetter[i] ? v > bestValue[i] : v < bestValue[i]);
      if (better) {
        bestValue[i] = v;
        bestIteration[i] = iteration;
      } else if (counted[i] && iteration - bestIteration[i] >= rounds && !stop) {
        stop = true;
        stoppedPair = i;
      }
    }
    return stop;
  }

  /** Patience in iterations. */
  int rounds() {
    return rounds;
  }

  /** The pair that stopped training, or else the first that counts. */
  private int decidingPair() {
    if (stoppedPair >= 0) {
      return stoppedPair;
    }
    for (int i = 0; i < counted.length; i++) {
      if (counted[i]) {
        return i;
      }
    }
    return 0;
  }

  /** The best iteration (1-based) of the deciding pair, or 0 before any iteration was recorded. */
  int bestIteration() {
    return bestIteration[decidingPair()] + 1;
  }

  /** The deciding pair's name, such as "valid auc". */
  String decidingMetric() {
    return names[decidingPair()];
  }
}
