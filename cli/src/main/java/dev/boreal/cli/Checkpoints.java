package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.Training;
import dev.boreal.engine.gbdt.Boosting;
import dev.boreal.engine.gbdt.Continuation;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.params.Params;
import dev.boreal.io.InputModels;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ModelFormats;
import dev.boreal.io.OutputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checkpoints of {@code boreal train} and where a run starts. With {@code --checkpoint FILE} a gbdt run
 * writes the model so far to FILE every {@code --checkpoint-every} iterations, atomically (a kill leaves the
 * previous checkpoint whole). With {@code -p input_model=FILE} it starts from a model: when FILE is the
 * run's own {@code --checkpoint} it resumes it up to {@code num_iterations} in all (or starts from scratch,
 * saying so, while the checkpoint does not exist yet), and from any other model it adds
 * {@code num_iterations} more iterations, as LightGBM does.
 */
final class Checkpoints {
  /** Iterations between checkpoints when {@code --checkpoint-every} is not given. */
  static final int DEFAULT_EVERY = 10;

  /**
   * Where a run starts.
   *
   * @param learner the learner to train with: the given one, or one continuing the input model
   * @param params the run's parameters; input_model cleared when the run starts from scratch
   * @param sentence what the start is, for people; empty when the run starts from scratch as asked
   */
  record Start(Learner<?> learner, Params params, String sentence) {}

  private final Path file;
  private final int every;

  private Checkpoints(Path file, int every) {
    this.file = file;
    this.every = every;
  }

  /**
   * The checkpoints a run writes, or none.
   *
   * @param file {@code --checkpoint}, or null
   * @param every {@code --checkpoint-every}, or null for the default
   * @throws UsageException for {@code --checkpoint-every} without a file or below 1, or a checkpoint of a
   *     learner other than gbdt
   */
  static Checkpoints of(Path file, Integer every, Learner<?> learner) {
    if (file == null) {
      if (every != null) {
        throw new UsageException("--checkpoint-every needs --checkpoint FILE.");
      }
      return new Checkpoints(null, 0);
    }
    if (every != null && every < 1) {
      throw new UsageException("--checkpoint-every must be at least 1; got " + every + ".");
    }
    if (learner != Learners.GBDT) {
      throw new UsageException("--checkpoint saves gradient boosting (gbdt) runs only; " + learner.name()
          + " cannot be resumed.");
    }
    OutputFile.check(file, "the checkpoint");
    return new Checkpoints(file, every == null ? DEFAULT_EVERY : every);
  }

  /**
   * Where the run starts, from {@code input_model} and the checkpoint file.
   *
   * @throws UsageException for an input model with a learner other than gbdt
   * @throws dev.boreal.InputException if the input model cannot be read
   */
  Start start(Learner<?> learner, Params p) {
    String input = p.getString("input_model");
    if (input.isEmpty()) {
      return new Start(learner, p, "");
    }
    Learners.checkContinues(learner);
    Path from = Path.of(input);
    if (file != null && sameFile(from, file)) {
      if (!Files.exists(from)) {
        return new Start(learner, p.with("input_model", ""), "No checkpoint at " + file
            + " yet: training from the start.");
      }
      Model checkpoint = ModelFormats.load(from);
      return new Start(Learners.continuing(learner, Continuation.resume(checkpoint, input)), p,
          String.format(Locale.ROOT, "Resuming checkpoint %s at iteration %d of %d.", file,
              checkpoint.numIterations(), p.getInt("num_iterations")));
    }
    InputModels.Continued continued = InputModels.continueFrom(learner, p, input);
    Model model = continued.model();
    int more = p.getInt("num_iterations");
    return new Start(continued.learner(), continued.params(),
        String.format(Locale.ROOT, "Continuing from %s, a model of %d iterations (%d trees): adding %d iterations "
            + "to reach %d.", input, model.numIterations(), model.trees().size(), more, model.numIterations() + more));
  }

  /** Writes the model so far when the run has just completed a multiple of the checkpoint interval. */
  void after(Training<?> run) {
    if (file != null && run.iterations() % every == 0 && run instanceof Boosting boosting) {
      ModelFile.write(boosting.snapshot(), file);
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // Fall back to comparing the paths: the file will be read (and its problem said) soon after.
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
