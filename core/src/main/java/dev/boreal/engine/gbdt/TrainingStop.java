package dev.boreal.engine.gbdt;

import java.util.Locale;

/**
 * Why a boosting run ended and which iteration its model predicts with, so that no run ends early
 * without saying why.
 *
 * @param reason why the loop ended
 * @param iterations iterations the model keeps
 * @param requested iterations asked for ({@code num_iterations})
 * @param bestIteration the iteration the model predicts with by default (1-based): early stopping's best
 *     when early stopping was on, otherwise every iteration the model keeps
 * @param earlyStoppingRounds patience of early stopping, 0 when it was off
 * @param metric the validation set and metric whose best iteration is kept ("valid auc"), or null
 */
public record TrainingStop(Reason reason, int iterations, int requested, int bestIteration,
    int earlyStoppingRounds, String metric) {

  /** Why the loop ended. */
  public enum Reason {
    /** Every requested iteration ran. */
    COMPLETED,
    /** A validation metric stopped improving for {@code early_stopping_round} iterations. */
    EARLY_STOPPING,
    /** No tree of an iteration found a split that passes the limits, so later ones would not either. */
    NO_SPLIT
  }

  /** One sentence for people: how training ended and what the model keeps. */
  public String sentence() {
    String keeps = earlyStoppingRounds > 0
        ? String.format(Locale.ROOT, "the model predicts with the best iteration by %s, %d", metric, bestIteration)
        : "the model keeps every iteration";
    switch (reason) {
      case EARLY_STOPPING:
        return String.format(Locale.ROOT, "Early stopping at iteration %d of %d: %s did not improve for %d "
            + "iterations; %s.", iterations, requested, metric, earlyStoppingRounds, keeps);
      case NO_SPLIT:
        return String.format(Locale.ROOT, "Training stopped at iteration %d of %d: no tree found a split that "
            + "passes min_data_in_leaf, min_sum_hessian_in_leaf and min_gain_to_split (the data is fitted as well "
            + "as these limits allow); %s.", iterations + 1, requested, iterations == 0
            ? "the model predicts its starting score for every row" : earlyStoppingRounds > 0 ? keeps
            : String.format(Locale.ROOT, "the model keeps the %d iterations before it", iterations));
      default:
        return String.format(Locale.ROOT, "Trained all %d iterations; %s.", iterations, keeps);
    }
  }
}
