package dev.boreal.engine;

import dev.boreal.engine.metric.EvalHistory;
import dev.boreal.engine.model.TrainedModel;

/**
 * One training run that its caller drives an iteration at a time: a boosting round, a forest's tree, an
 * MLP epoch. {@code boreal train} steps it to the end; cross-validation steps its folds in lockstep and
 * reads each iteration's held-out metrics from {@link #history()}; a checkpointing or distributed driver
 * can stop between iterations. Stepping to the end and then finishing gives exactly the model a one-call
 * training would.
 *
 * <p>The run keeps the count of iterations and the metric history, which every learner records the same
 * way. A run is not thread-safe: one thread steps it, and its parallel work runs on the team the caller
 * gave it.
 *
 * @param <M> the kind of model it learns
 */
public abstract class Training<M extends TrainedModel> {
  private final EvalHistory history = new EvalHistory();
  private int iterations;

  /**
   * Runs the next iteration unless training is over (every iteration ran, early stopping fired, or no tree
   * found a split).
   *
   * @return whether an iteration was added; false once training is over, and on every later call
   */
  public abstract boolean step();

  /**
   * Ends training (whether or not it was over) and returns the model of the iterations added, predicting
   * with the best one early stopping chose; tells the listener why training ended. Call it once.
   *
   * @return the model
   */
  public abstract M finish();

  /**
   * Iterations added so far.
   *
   * @return how many steps added an iteration
   */
  public final int iterations() {
    return iterations;
  }

  /**
   * The metrics recorded on the validation sets (and hold-outs) after each iteration so far; a run records
   * iteration i's values before it counts the iteration as added.
   *
   * @return the run's history, which it keeps recording into
   */
  public final EvalHistory history() {
    return history;
  }

  /** Counts one more iteration as added: a step calls it once its iteration is complete. */
  protected final void added() {
    iterations++;
  }
}
