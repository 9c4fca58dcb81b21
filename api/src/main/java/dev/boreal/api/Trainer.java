package dev.boreal.api;

import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.learn.PreparedData;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.params.Params;
import dev.boreal.io.Datasets;
import dev.boreal.io.InputModels;
import dev.boreal.io.Table;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One learning algorithm with validated parameters, ready to fit tables: what
 * {@link Boreal#gradientBoosting()}, {@link Boreal#randomForest()} and {@link Boreal#mlp()} build.
 * Immutable and reusable; each {@link #fit} is an independent training run.
 *
 * <p>Parameters are those of the one parameter table ({@code boreal train --help} lists them), under their
 * LightGBM names or any XGBoost or scikit-learn alias; the builder's named methods are shortcuts for the
 * most common ones.
 *
 * @param <M> the kind of model the algorithm learns
 */
public final class Trainer<M extends TrainedModel> {
  /** Collects parameters; {@link #build()} checks them all against the parameter table. */
  public static final class Builder<M extends TrainedModel> {
    private final Learner<M> algorithm;
    private final Map<String, String> params = new LinkedHashMap<>();
    private TrainingListener listener = TrainingListener.NONE;

    Builder(Learner<M> algorithm, Map<String, String> preset) {
      this.algorithm = algorithm;
      this.params.putAll(preset);
    }

    /** Any parameter by name or alias, e.g. {@code param("colsample_bytree", "0.8")}; checked by {@link #build()}. */
    public Builder<M> param(String nameOrAlias, String value) {
      params.put(nameOrAlias, value);
      return this;
    }

    /** The loss, e.g. "binary", "multiclass", "regression" (or an alias such as "binary:logistic"). */
    public Builder<M> objective(String name) {
      return param("objective", name);
    }

    /** Boosting rounds, or trees of a forest. */
    public Builder<M> numIterations(int n) {
      return param("num_iterations", Integer.toString(n));
    }

    /** Shrinkage of each tree's output (or the MLP's step size). */
    public Builder<M> learningRate(double rate) {
      return param("learning_rate", Double.toString(rate));
    }

    /** Most leaves one tree may have. */
    public Builder<M> numLeaves(int n) {
      return param("num_leaves", Integer.toString(n));
    }

    /** Deepest a tree may grow; -1 for no limit. */
    public Builder<M> maxDepth(int depth) {
      return param("max_depth", Integer.toString(depth));
    }

    /** Fewest rows a leaf may hold. */
    public Builder<M> minDataInLeaf(int n) {
      return param("min_data_in_leaf", Integer.toString(n));
    }

    /** Classes of a multiclass objective (inferred from the labels when not given). */
    public Builder<M> numClass(int n) {
      return param("num_class", Integer.toString(n));
    }

    /** Training threads; 0 uses every core. The model does not depend on it. */
    public Builder<M> threads(int n) {
      return param("num_threads", Integer.toString(n));
    }

    /** The master seed of every random choice. */
    public Builder<M> seed(long seed) {
      return param("seed", Long.toString(seed));
    }

    /** Stop when the first validation table has not improved for {@code rounds} rounds. */
    public Builder<M> earlyStoppingRounds(int rounds) {
      return param("early_stopping_round", Integer.toString(rounds));
    }

    /**
     * Continues boosting from a model file ({@code input_model}): a Boreal model, or an XGBoost JSON or LightGBM
     * text model. Its trees come first in the fitted model and score every row as they did; {@code
     * num_iterations} more iterations are added, and the objective is the model's unless one is given.
     */
    public Builder<M> inputModel(Path modelFile) {
      return param("input_model", modelFile.toString());
    }

    /** Hears each iteration (or epoch) with its validation metrics; the default ignores them. */
    public Builder<M> listener(TrainingListener l) {
      this.listener = l == null ? TrainingListener.NONE : l;
      return this;
    }

    /**
     * The trainer with these parameters.
     *
     * @throws dev.boreal.UsageException naming an unknown parameter (with the closest known name), a
     *     malformed or out-of-range value, one parameter given twice with different values, or a
     *     {@code boosting} that names another algorithm than the builder's
     */
    public Trainer<M> build() {
      Params p = Params.of(params);
      String boosting = p.getString("boosting");
      if (!boosting.equals(algorithm.name())) {
        throw new UsageException("boosting=" + boosting + " asks for another algorithm than this " + algorithm.name()
            + " trainer; build it with Boreal." + BUILDERS.get(boosting) + "() instead.");
      }
      return new Trainer<>(algorithm, p, listener);
    }
  }

  private final Learner<M> algorithm;
  private final Params params;
  private final TrainingListener listener;

  private Trainer(Learner<M> algorithm, Params params, TrainingListener listener) {
    this.algorithm = algorithm;
    this.params = params;
    this.listener = listener;
  }

  /** The validated parameters, defaults included. */
  public Params params() {
    return params;
  }

  /**
   * Learns a model from a training table, recording metrics (and early stopping) on validation tables
   * whose features are matched to the training features by name. The tables stay open; close them.
   *
   * @throws dev.boreal.UsageException if the training table has no label, or a validation table lacks a
   *     feature or holds it with another type
   * @throws dev.boreal.InputException for labels or weights the objective cannot use; for an
   *     {@code input_model} that cannot be read or whose features, objective or classes are not the data's
   * @throws dev.boreal.UsageException for an {@code input_model} with a random forest or the MLP
   */
  public M fit(Table train, Table... valid) {
    Learner<M> learner = algorithm;
    Params p = params;
    String input = params.getString("input_model");
    if (!input.isEmpty()) {
      InputModels.Continued continued = InputModels.continueFrom(algorithm, params, input);
      @SuppressWarnings("unchecked") // only gradient boosting continues a model, and its models are Models
      Learner<M> continuing = (Learner<M>) continued.learner();
      learner = continuing;
      p = continued.params();
    }
    try (Parallel team = new Parallel(Settings.threads(p))) {
      PreparedData data = Datasets.prepare(learner, train, List.of(valid), p, team);
      return learner.fit(data, listener, team);
    }
  }

  // ---- the algorithms ----

  static final Learner<Model> GRADIENT_BOOSTING = Learners.GBDT;
  static final Learner<Model> RANDOM_FOREST = Learners.RF;
  static final Learner<MlpModel> MLP = Learners.MLP;
  static final Learner<MlpModel> FT_TRANSFORMER = Learners.FT_TRANSFORMER;

  /** The {@link Boreal} method that builds each algorithm's trainer. */
  private static final Map<String, String> BUILDERS = Map.of("gbdt", "gradientBoosting", "rf", "randomForest",
      "mlp", "mlp", "ft-transformer", "ftTransformer");
}
