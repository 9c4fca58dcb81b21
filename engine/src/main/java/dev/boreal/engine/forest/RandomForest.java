package dev.boreal.engine.forest;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.params.Params;
import java.util.List;

/**
 * Random forests ({@code boosting=rf}): independent deep trees, each on its own sample of the rows and
 * trying a random choice of features at every node, averaged (Breiman; scikit-learn's
 * {@code RandomForestClassifier} and {@code RandomForestRegressor}, or extremely randomised trees with
 * {@code extra_trees=true}) for the {@code regression}, {@code binary} and {@code multiclass} objectives.
 *
 * <p><b>How a forest is stored in a {@link Model}.</b> {@code algorithm} is "rf", the ensemble is
 * {@link Model.Ensemble#AVERAGE}, the base scores are 0 and the link is {@link Link#IDENTITY}: the trees'
 * leaves already hold predictions, so the raw score is the prediction. A regression tree's leaf holds the
 * weighted mean label of its rows; a binary forest has one output whose leaves hold the weighted share of
 * class 1, so it predicts the mean of the trees' class-1 shares as scikit-learn's {@code predict_proba}
 * does; a K-class forest grows one tree per sample whose leaves hold class distributions (scikit-learn's
 * multi-output tree), kept as one multi-output tree ({@link Model#multiOutputTrees()}): K {@link
 * dev.boreal.engine.model.Tree}s per iteration that share one set of splits and statistics, tree k's leaves
 * holding the share of class k. The predictor walks such a tree once and the model file stores it once.
 * Predictor, model files, {@code predict}, {@code eval} and explanations then read a forest like any other
 * model.
 *
 * <p><b>Determinism.</b> Tree t's sample is drawn from {@code mix(sample seed, t)} and its feature and
 * threshold choices from its own seeds, so a tree does not depend on the thread that grows it: the
 * forest is bit-identical for any thread count. Trees are grown one per task on the training's pool,
 * each thread reusing one set of buffers ({@link TreeGrower}); validation and out-of-bag scores are then
 * added tree by tree in index order ({@link ForestRun}).
 */
public final class RandomForest {
  private RandomForest() {}

  /**
   * A trained forest and its out-of-bag predictions.
   *
   * @param model the forest
   * @param outOfBag the training rows scored by the trees that left them out, or {@code null} when
   *     {@code oob_score} is off or every tree saw every row
   */
  public record Trained(Model model, OutOfBag outOfBag) {}

  /** Trains a forest; see {@link #fit}. */
  public static Model train(TrainingData train, List<TrainingData> valids, Params params, String[] classes,
      TrainingListener listener) {
    return fit(train, valids, params, classes, listener).model();
  }

  /**
   * Trains a forest for the objective the parameters name, with metrics on each validation set after each
   * tree and, when {@code oob_score} is on, the OOB score after each tree under the data-set name "oob".
   *
   * @param train the training set; labels encoded (classes 0..K-1 for classifiers)
   * @param valids validation sets binned with the training set's mappers (may be empty)
   * @param params validated parameters; the categorical split limits not given are scaled to the rows as
   *     boosting's are ({@link Settings#resolveCategoricalDefaults})
   * @param classes class labels of a classifier (index = encoded label), or {@code null}
   * @param listener hears each finished tree (in the order they finish, without evaluations)
   * @throws UsageException for an objective a forest does not learn, or a criterion that does not fit it
   * @throws InputException for labels that are not classes of a classifier, or negative weights
   */
  public static Trained fit(TrainingData train, List<TrainingData> valids, Params params, String[] classes,
      TrainingListener listener) {
    try (Parallel parallel = new Parallel(Settings.threads(params))) {
      ForestRun run = start(train, valids, params, classes, listener, parallel);
      while (run.step()) {
        // Each step adds one tree to the validation curves.
      }
      Model model = run.finish();
      return new Trained(model, run.outOfBag());
    }
  }

  /**
   * A forest run on the caller's team, ready for its first step; see {@link #fit} for the arguments (cat_smooth,
   * when not given, is scaled to the rows as boosting's is, by {@link Settings#resolveCategoricalDefaults};
   * min_data_per_group is the forest's own fixed default, 5).
   *
   * @param parallel the run's threads; the caller closes them after {@link ForestRun#finish()}
   * @throws UsageException for an objective a forest does not learn, or a criterion that does not fit it
   * @throws InputException for labels that are not classes of a classifier, or negative weights
   */
  public static ForestRun start(TrainingData train, List<TrainingData> valids, Params given, String[] classes,
      TrainingListener listener, Parallel parallel) {
    Params params = Settings.resolveCategoricalDefaults(given, train.rows());
    if (!given.isSet("min_data_per_group")) {
      // A small fixed minimum, not boosting's row-scaled one: see CommonCategories.FOREST_DEFAULT.
      params = params.with("min_data_per_group", Integer.toString(CommonCategories.FOREST_DEFAULT));
    }
    String objective = params.getString("objective");
    int numClasses = numClasses(objective, params);
    ForestSettings s = ForestSettings.of(params, numClasses > 1);
    int[] classOf = numClasses > 1 ? classIndices(train, numClasses) : null;
    checkLabelsAndWeights(train, numClasses);
    List<Metric> metrics = valids.isEmpty() ? List.of() : Metrics.parse(params.getString("metric"), objective,
        Settings.objective(params), params.getIntList("eval_at"));
    return new ForestRun(train, valids, params, classes, s, classOf, numClasses, metrics, parallel, listener);
  }

  /** 1 for regression, 2 for binary, num_class for multiclass. */
  private static int numClasses(String objective, Params params) {
    switch (objective) {
      case "regression":
        return 1;
      case "binary":
        return 2;
      case "multiclass":
        int k = params.getInt("num_class");
        if (k < 2) {
          throw new UsageException("multiclass needs num_class of at least 2, got " + k + ".");
        }
        return k;
      default:
        throw new UsageException("A random forest learns the objectives regression, binary and multiclass, not "
            + objective + ".");
    }
  }

  private static int[] classIndices(TrainingData train, int numClasses) {
    double[] labels = train.labels();
    int[] out = new int[labels.length];
    for (int r = 0; r < labels.length; r++) {
      double v = labels[r];
      if (!(v >= 0 && v < numClasses && v == Math.rint(v))) {
        throw new InputException(train.name() + ": label at row " + r + " is " + v + "; a classifier with "
            + numClasses + " classes needs class indices 0 to " + (numClasses - 1) + ".");
      }
      out[r] = (int) v;
    }
    return out;
  }

  private static void checkLabelsAndWeights(TrainingData train, int numClasses) {
    double[] labels = train.labels();
    for (int r = 0; r < labels.length && numClasses == 1; r++) {
      if (!Double.isFinite(labels[r])) {
        throw new InputException(train.name() + ": label at row " + r + " is " + labels[r]
            + "; regression needs a finite number for every row.");
      }
    }
    double[] weights = train.weights();
    boolean positive = weights == null;
    for (int r = 0; weights != null && r < weights.length; r++) {
      if (!(weights[r] >= 0) || Double.isInfinite(weights[r])) {
        throw new InputException(train.name() + ": weight at row " + r + " is " + weights[r]
            + "; weights must be finite and not negative.");
      }
      positive |= weights[r] > 0;
    }
    if (!positive) {
      throw new InputException(train.name() + ": every weight is 0, so there is nothing to learn from.");
    }
  }
}
