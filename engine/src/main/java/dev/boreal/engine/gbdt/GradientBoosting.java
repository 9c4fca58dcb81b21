package dev.boreal.engine.gbdt;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.objective.Objective;
import dev.boreal.engine.objective.ObjectiveSettings;
import dev.boreal.engine.objective.Objectives;
import dev.boreal.engine.params.Params;
import java.util.List;

/**
 * Gradient boosting: trees added one iteration at a time, each fitted to the gradients of the loss at
 * the current scores, with bagging, feature sampling, leaf renewal for L1-type losses, validation
 * metrics and early stopping. One iteration grows one tree per output (per class for multiclass).
 *
 * <p>{@link #start} gives a run that its caller steps round by round ({@link Boosting}); the other entry
 * points step it to the end on a team of {@code num_threads} threads of their own.
 */
public final class GradientBoosting {
  private GradientBoosting() {}

  /**
   * A trained model with the raw training scores it ended with (output-major, {@code k*n + row}): the
   * scores every later tree was fitted against, which prediction on the same rows must reproduce; and why
   * training ended.
   */
  public record Trained(Model model, double[] trainingScores, TrainingStop stop) {}

  /**
   * Trains a boosted model with the objective the parameters name.
   *
   * @param train the training set
   * @param valids validation sets, binned with the training set's mappers (may be empty)
   * @param params validated parameters
   * @param classes class labels of a classifier (index = encoded label), or {@code null}
   * @param listener hears each iteration, and why training ended
   * @throws dev.boreal.TrainingException naming the iteration where gradients, leaf values or scores stopped
   *     being finite (no model is returned then)
   */
  public static Model train(TrainingData train, List<TrainingData> valids, Params params, String[] classes,
      TrainingListener listener) {
    return fit(train, valids, params, classes, objective(train, params), listener).model();
  }

  /** Trains with a given objective (for example a user's {@link dev.boreal.engine.objective.CustomObjective}). */
  public static Model train(TrainingData train, List<TrainingData> valids, Params params, String[] classes,
      Objective objective, TrainingListener listener) {
    return fit(train, valids, params, classes, objective, listener).model();
  }

  /** Trains with a given objective and keeps the final training scores. */
  public static Trained fit(TrainingData train, List<TrainingData> valids, Params given, String[] classes,
      Objective objective, TrainingListener listener) {
    try (Parallel parallel = new Parallel(Settings.threads(given))) {
      Boosting run = start(train, valids, given, classes, objective, listener, parallel);
      while (run.step()) {
        // Each step is one round; the run decides when training is over.
      }
      Model model = run.finish();
      return new Trained(model, run.trainingScores(), run.stop());
    }
  }

  /**
   * A boosting run with the objective the parameters name, on the caller's team, ready for its first round.
   *
   * @param parallel the run's threads; the caller closes them after {@link Boosting#finish()}
   */
  public static Boosting start(TrainingData train, List<TrainingData> valids, Params params, String[] classes,
      TrainingListener listener, Parallel parallel) {
    return start(train, valids, params, classes, objective(train, params), listener, parallel);
  }

  /** A boosting run with a given objective, on the caller's team, ready for its first round. */
  public static Boosting start(TrainingData train, List<TrainingData> valids, Params given, String[] classes,
      Objective objective, TrainingListener listener, Parallel parallel) {
    return start(train, valids, given, classes, objective, listener, parallel, null);
  }

  /**
   * A boosting run with the objective the parameters name that starts from the trees of an input model, on
   * the caller's team: the training and validation sets must be binned with {@link Continuation#mappers}.
   *
   * @param from the model to continue, or {@code null} to start from scratch
   * @throws dev.boreal.InputException if the model's objective, outputs or classes are not the run's, or a
   *     resumed checkpoint records other parameters
   */
  public static Boosting start(TrainingData train, List<TrainingData> valids, Params params, String[] classes,
      Continuation from, TrainingListener listener, Parallel parallel) {
    return start(train, valids, params, classes, objective(train, params), listener, parallel, from);
  }

  private static Boosting start(TrainingData train, List<TrainingData> valids, Params given, String[] classes,
      Objective objective, TrainingListener listener, Parallel parallel, Continuation from) {
    Params params = Settings.resolveDefaults(given, objective.name(), train.weights(), train.rows());
    List<Metric> metrics = valids.isEmpty() ? List.of() : Metrics.parse(params.getString("metric"),
        objective.name(), Settings.objective(params), params.getIntList("eval_at"));
    return new Boosting(train, valids, params, classes, objective, metrics, parallel, listener, from);
  }

  private static Objective objective(TrainingData train, Params params) {
    ObjectiveSettings settings = Settings.objective(params);
    return Objectives.create(params.getString("objective"), settings, train.labels(), train.weights(),
        train.groupSizes());
  }
}
