package dev.boreal.io;

import dev.boreal.engine.gbdt.Continuation;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.params.Params;
import java.nio.file.Path;

/**
 * Training that continues a model file ({@code input_model}, LightGBM's rule: {@code num_iterations} more),
 * whichever format it is in: the one way {@code boreal train} and the API's trainer start such a run.
 */
public final class InputModels {
  private InputModels() {}

  /**
   * A run continuing a model.
   *
   * @param learner gradient boosting from the model's trees
   * @param params the run's parameters with the model's objective and sigmoid slope where none was given
   * @param model the model read from the file
   */
  public record Continued(Learner<Model> learner, Params params, Model model) {}

  /**
   * Reads {@code file} and continues it with {@code learner}'s algorithm.
   *
   * @throws dev.boreal.UsageException unless the learner is gradient boosting (checked before the file is read)
   * @throws dev.boreal.InputException if the file cannot be read as a model, or is a random forest
   */
  public static Continued continueFrom(Learner<?> learner, Params p, String file) {
    Learners.checkContinues(learner);
    Continuation from = Continuation.from(ModelFormats.load(Path.of(file)), file);
    return new Continued(Learners.continuing(learner, from), from.withModelObjective(p), from.model());
  }
}
