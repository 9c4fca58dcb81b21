package dev.boreal.api;

import dev.boreal.engine.TrainingData;
import dev.boreal.engine.forest.RandomForest;
import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpData;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.nn.MlpTrainer;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.engine.params.Params;
import dev.boreal.io.Datasets;
import dev.boreal.io.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
  /** How one algorithm learns from a training table and validation tables. */
  @FunctionalInterface
  interface Algorithm<M> {
    M fit(Table train, List<Table> valids, Params params, TrainingListener listener);
  }

  /** Collects parameters; {@link #build()} checks them all against the parameter table. */
  public static final class Builder<M extends TrainedModel> {
    private final Algorithm<M> algorithm;
    private final Map<String, String> params = new LinkedHashMap<>();
    private TrainingListener listener = TrainingListener.NONE;

    Builder(Algorithm<M> algorithm, Map<String, String> preset) {
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

    /** Hears each iteration (or epoch) with its validation metrics; the default ignores them. */
    public Builder<M> listener(TrainingListener l) {
      this.listener = l == null ? TrainingListener.NONE : l;
      return this;
    }

    /**
     * The trainer with these parameters.
     *
     * @throws dev.boreal.UsageException naming an unknown parameter (with the closest known name), a
     *     malformed or out-of-range value, or one parameter given twice with different values
     */
    public Trainer<M> build() {
      return new Trainer<>(algorithm, Params.of(params), listener);
    }
  }

  private final Algorithm<M> algorithm;
  private final Params params;
  private final TrainingListener listener;

  private Trainer(Algorithm<M> algorithm, Params params, TrainingListener listener) {
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
   * @throws dev.boreal.InputException for labels or weights the objective cannot use
   */
  public M fit(Table train, Table... valid) {
    return algorithm.fit(train, List.of(valid), params, listener);
  }

  // ---- the algorithms ----

  static final Algorithm<Model> GRADIENT_BOOSTING = (train, valids, p, l) -> trees(train, valids, p, l, false);
  static final Algorithm<Model> RANDOM_FOREST = (train, valids, p, l) -> trees(train, valids, p, l, true);
  static final Algorithm<MlpModel> MLP = Trainer::mlp;

  private static Model trees(Table train, List<Table> valids, Params p, TrainingListener l, boolean forest) {
    String objective = p.getString("objective");
    Datasets.Training training = Datasets.training(train, objective, numClass(p), Settings.binning(p));
    LabelEncoder encoder = training.labels();
    Params params = withClasses(p, encoder);
    TrainingData data = training.data();
    int threads = Settings.threads(params);
    List<TrainingData> validation = new ArrayList<>();
    for (Table v : valids) {
      validation.add(Datasets.matching(v, data.featureNames(), data.data().mappers(), encoder, threads));
    }
    String[] classes = encoder.isClassifier() ? encoder.classNames() : null;
    return forest ? RandomForest.train(data, validation, params, classes, l)
        : GradientBoosting.train(data, validation, params, classes, l);
  }

  private static MlpModel mlp(Table train, List<Table> valids, Params p, TrainingListener l) {
    LabelEncoder encoder = Datasets.labelEncoder(train, p.getString("objective"), numClass(p));
    Params params = withClasses(p, encoder);
    MlpData data = mlpData(train, encoder);
    List<MlpData> validation = new ArrayList<>();
    for (Table v : valids) {
      validation.add(mlpData(v, encoder));
    }
    return MlpTrainer.train(data, validation, params, encoder.isClassifier() ? encoder.classNames() : null, l);
  }

  private static MlpData mlpData(Table table, LabelEncoder encoder) {
    return new MlpData(table.source().getFileName().toString(), table.features(), Datasets.labels(table, encoder),
        table.weights(), table.groupSizes());
  }

  private static int numClass(Params p) {
    return p.isSet("num_class") ? p.getInt("num_class") : 0;
  }

  /** A multiclass objective learns as many classes as the labels hold unless num_class says otherwise. */
  private static Params withClasses(Params p, LabelEncoder encoder) {
    boolean multiclass = p.getString("objective").toLowerCase(Locale.ROOT).equals("multiclass");
    return multiclass && !p.isSet("num_class") ? p.with("num_class", Integer.toString(encoder.numClasses())) : p;
  }
}
