package dev.boreal.engine.gbdt;

import java.util.List;

/** Hears about training as it goes, for logs and progress bars; library code never prints. */
@FunctionalInterface
public interface TrainingListener {
  /** One metric on one data set after an iteration. */
  record Evaluation(String dataset, String metric, double value) {}

  /**
   * Called after each iteration.
   *
   * @param iteration iterations done so far (1-based)
   * @param total iterations asked for
   * @param evaluations metrics of this iteration on each validation set (empty when none)
   */
  void onIteration(int iteration, int total, List<Evaluation> evaluations);

  /** Called once when training ends, with why it ended (see {@link TrainingStop#sentence()}). */
  default void onStop(TrainingStop stop) {
  }

  /** A listener that ignores everything. */
  TrainingListener NONE = (iteration, total, evaluations) -> { };
}
