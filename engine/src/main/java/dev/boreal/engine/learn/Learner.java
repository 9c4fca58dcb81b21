package dev.boreal.engine.learn;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.Training;
import dev.boreal.engine.gbdt.Continuation;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.TrainedModel;
import java.util.Optional;

/**
 * One learning algorithm behind the one training pipeline: gradient boosting, a random forest or the MLP
 * ({@link Learners}). Every caller (the CLI's {@code train}, {@code compare} and {@code cv}, the Java API,
 * the bench) prepares its data with {@link Preparation} and then either steps a {@link Training} from
 * {@link #start} (cross-validation's folds in lockstep, checkpoints) or calls {@link #fit}.
 *
 * <p>The caller owns the thread team: it creates one {@link Parallel} per run from {@code num_threads},
 * passes it to reading, preparation and the learner, and closes it after {@link Training#finish()}. The
 * model does not depend on the team's size.
 *
 * @param <M> the kind of model the algorithm learns
 */
public interface Learner<M extends TrainedModel> {
  /** "gbdt", "rf" or "mlp", as {@code --algorithm} and the model's {@code algorithm} name it. */
  String name();

  /** Whether it learns from bins (the tree learners) rather than from raw columns (the MLP). */
  boolean readsBins();

  /**
   * The model its runs start from ({@code input_model}), which {@link Preparation} bins the data for;
   * empty for a learner that starts from scratch (see {@link Learners#continuing}).
   */
  default Optional<Continuation> continuation() {
    return Optional.empty();
  }

  /**
   * A run on prepared data, ready for its first iteration; nothing is learned before its first step.
   *
   * @param data data prepared for this learner (binned or raw as {@link #readsBins()} says), with the
   *     run's parameters
   * @param listener hears each iteration and, when the run finishes, why training ended
   * @param team the run's threads
   * @throws dev.boreal.UsageException for parameters this learner cannot use with the data's objective
   * @throws dev.boreal.InputException for labels or weights it cannot train on
   */
  Training<M> start(PreparedData data, TrainingListener listener, Parallel team);

  /** Steps a run from {@link #start} to the end and returns its model. */
  default M fit(PreparedData data, TrainingListener listener, Parallel team) {
    Training<M> run = start(data, listener, team);
    while (run.step()) {
      // The run decides when training is over (iterations, early stopping, no split).
    }
    return run.finish();
  }
}
