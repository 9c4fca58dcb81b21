package dev.boreal.engine.learn;

import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.Training;
import dev.boreal.engine.gbdt.Continuation;
import dev.boreal.engine.forest.RandomForest;
import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.nn.MlpTrainer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The learners, by name: {@link #GBDT}, {@link #RF}, {@link #MLP} and {@link #FT_TRANSFORMER}. Each adapts its
 * algorithm's step-wise run to {@link Learner}; the algorithms themselves live in {@code gbdt}, {@code forest}
 * and {@code nn}.
 */
public final class Learners {
  /** Gradient boosting ({@code boosting=gbdt}); its runs are {@link dev.boreal.engine.gbdt.Boosting}s. */
  public static final Learner<Model> GBDT = new Named<>("gbdt", true, (data, listener, team) ->
      GradientBoosting.start(data.binned(), data.binnedValids(), data.params(), data.classes(), listener, team));

  /** Random forests ({@code boosting=rf}); its runs are {@link dev.boreal.engine.forest.ForestRun}s. */
  public static final Learner<Model> RF = new Named<>("rf", true, (data, listener, team) -> {
    Settings.refuseQuantization(data.params(), "rf");
    return RandomForest.start(data.binned(), data.binnedValids(), data.params(), data.classes(), listener, team);
  });

  /** The multilayer perceptron, which reads raw columns. */
  public static final Learner<MlpModel> MLP = new Named<>("mlp", false, (data, listener, team) -> {
    Settings.refuseQuantization(data.params(), "mlp");
    return MlpTrainer.start(data.raw(), data.rawValids(), data.params().with("boosting", "mlp"), data.classes(),
        listener, team);
  });

  /** The FT-Transformer, which reads raw columns as the MLP does. */
  public static final Learner<MlpModel> FT_TRANSFORMER = new Named<>("ft-transformer", false,
      (data, listener, team) -> {
        Settings.refuseQuantization(data.params(), "ft-transformer");
        return MlpTrainer.start(data.raw(), data.rawValids(), data.params().with("boosting", "ft-transformer"),
            data.classes(), listener, team);
      });

  /** Every learner, in the order reports list them. */
  public static final List<Learner<?>> ALL = List.of(GBDT, RF, MLP, FT_TRANSFORMER);

  private Learners() {}

  /**
   * The learner of a name, in any case.
   *
   * @param name "gbdt", "rf", "mlp" or "ft-transformer"
   * @return the learner
   * @throws UsageException naming the known learners for any other name
   */
  public static Learner<?> of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Learner<?> l : ALL) {
      if (l.name().equals(n)) {
        return l;
      }
    }
    throw new UsageException("Unknown algorithm '" + name + "': expected gbdt, rf, mlp or ft-transformer.");
  }

  /**
   * The learner of {@code learner}'s algorithm whose runs start from a model rather than from scratch.
   *
   * @throws UsageException unless the learner is {@link #GBDT}: forests and the MLP train from scratch
   */
  public static Learner<Model> continuing(Learner<?> learner, Continuation from) {
    checkContinues(learner);
    return new Continuing(from);
  }

  /**
   * Checks, before an input model is read, that {@code learner} can continue one.
   *
   * @throws UsageException unless the learner is {@link #GBDT}
   */
  public static void checkContinues(Learner<?> learner) {
    if (learner != GBDT) {
      throw new UsageException("input_model continues gradient boosting only (gbdt); " + learner.name()
          + " trains from scratch.");
    }
  }

  /** How one algorithm starts a run on prepared data. */
  @FunctionalInterface
  private interface Starter<M extends TrainedModel> {
    Training<M> start(PreparedData data, TrainingListener listener, Parallel team);
  }

  /** A learner made of its name, the form of data it reads, and how it starts. */
  private record Named<M extends TrainedModel>(String name, boolean readsBins, Starter<M> starter)
      implements Learner<M> {
    @Override
    public Training<M> start(PreparedData data, TrainingListener listener, Parallel team) {
      return starter.start(data, listener, team);
    }
  }

  /** Gradient boosting from the trees of an input model. */
  private record Continuing(Continuation from) implements Learner<Model> {
    @Override
    public String name() {
      return GBDT.name();
    }

    @Override
    public boolean readsBins() {
      return true;
    }

    @Override
    public Optional<Continuation> continuation() {
      return Optional.of(from);
    }

    @Override
    public Training<Model> start(PreparedData data, TrainingListener listener, Parallel team) {
      return GradientBoosting.start(data.binned(), data.binnedValids(), data.params(), data.classes(), from,
          listener, team);
    }
  }
}
