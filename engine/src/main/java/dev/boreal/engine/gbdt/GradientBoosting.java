package dev.boreal.engine.gbdt;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.Rng;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.objective.Objective;
import dev.boreal.engine.objective.ObjectiveSettings;
import dev.boreal.engine.objective.Objectives;
import dev.boreal.engine.params.Params;
import dev.boreal.engine.tree.BinnedScorer;
import dev.boreal.engine.tree.GrownTree;
import dev.boreal.engine.tree.TreeLearner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient boosting: trees added one iteration at a time, each fitted to the gradients of the loss at
 * the current scores, with bagging, feature sampling, leaf renewal for L1-type losses, validation
 * metrics and early stopping. One iteration grows one tree per output (per class for multiclass).
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
    ObjectiveSettings settings = Settings.objective(params);
    Objective objective = Objectives.create(params.getString("objective"), settings, train.labels(),
        train.weights(), train.groupSizes());
    return fit(train, valids, params, classes, objective, listener).model();
  }

  /** Trains with a given objective (for example a user's {@link dev.boreal.engine.objective.CustomObjective}). */
  public static Model train(TrainingData train, List<TrainingData> valids, Params params, String[] classes,
      Objective objective, TrainingListener listener) {
    return fit(train, valids, params, classes, objective, listener).model();
  }

  /** Trains with a given objective and keeps the final training scores. */
  public static Trained fit(TrainingData train, List<TrainingData> valids, Params given, String[] classes,
      Objective objective, TrainingListener listener) {
    Params params = Settings.resolveDefaults(given, objective.name(), train.weights(), train.rows());
    List<Metric> metrics = valids.isEmpty() ? List.of() : Metrics.parse(params.getString("metric"),
        objective.name(), Settings.objective(params), params.getIntList("eval_at"));
    try (Parallel parallel = new Parallel(Settings.threads(params))) {
      return new Run(train, valids, params, classes, objective, metrics, parallel, listener).boost();
    }
  }

  /** The state of one training run. */
  private static final class Run {
    private final TrainingData train;
    private final List<TrainingData> valids;
    private final Params params;
    private final String[] classes;
    private final Objective objective;
    private final List<Metric> metrics;
    private final Parallel parallel;
    private final TrainingListener listener;
    private final int n;
    private final int k;

    Run(TrainingData train, List<TrainingData> valids, Params params, String[] classes, Objective objective,
        List<Metric> metrics, Parallel parallel, TrainingListener listener) {
      this.train = train;
      this.valids = valids;
      this.params = params;
      this.classes = classes;
      this.objective = objective;
      this.metrics = metrics;
      this.parallel = parallel;
      this.listener = listener;
      this.n = train.rows();
      this.k = objective.numOutputs();
    }

    Trained boost() {
      int iterations = params.getInt("num_iterations");
      double learningRate = params.getDouble("learning_rate");
      double[] base = objective.initScores();
      double[] scores = startingScores(base, n);
      double[][] validScores = new double[valids.size()][];
      for (int v = 0; v < valids.size(); v++) {
        validScores[v] = startingScores(base, valids.get(v).rows());
      }
      double[] grad = new double[k * n];
      double[] hess = new double[k * n];
      double[] gk = k == 1 ? grad : new double[n];
      double[] hk = k == 1 ? hess : new double[n];
      TreeLearner learner = new TreeLearner(train.data(), Settings.tree(params, train.data().features()),
          parallel);
      Bagging bagging = new Bagging(n, params.getDouble("bagging_fraction"), params.getInt("bagging_freq"),
          Settings.seed(params, "bagging_seed"), train.groupSizes());
      int[] usable = learner.usableFeatures();
      double featureFraction = params.getDouble("feature_fraction");
      long featureSeed = Settings.seed(params, "feature_fraction_seed");
      long treeSeed = Settings.seed(params, "extra_seed");
      EarlyStopping stopping = earlyStopping();
      Map<String, Map<String, double[]>> history = newHistory(iterations);
      List<Tree> trees = new ArrayList<>();
      int done = 0;
      TrainingStop.Reason reason = TrainingStop.Reason.COMPLETED;
      for (int it = 0; it < iterations; it++) {
        objective.gradients(scores, grad, hess, parallel);
        FiniteCheck.gradients(grad, hess, n, it + 1);
        bagging.maybeResample(it);
        int[] features = sampleFeatures(usable, featureFraction, featureSeed, it);
        List<Tree> iterationTrees = new ArrayList<>(k);
        boolean anySplit = false;
        for (int c = 0; c < k; c++) {
          if (k > 1) {
            System.arraycopy(grad, c * n, gk, 0, n);
            System.arraycopy(hess, c * n, hk, 0, n);
          }
          GrownTree grown = learner.grow(bagging.bag(), bagging.bagCount(), gk, hk, features,
              Rng.mix(treeSeed, (long) it * k + c));
          if (objective.renewsLeafOutput()) {
            for (int l = 0; l < grown.numLeaves(); l++) {
              grown.setLeafOutput(l, objective.renewLeafOutput(grown.rows(), grown.leafStart(l),
                  grown.leafEnd(l), scores, c));
            }
          }
          Tree tree = grown.toTree(learningRate, train.data().mappers());
          FiniteCheck.tree(tree, c, k, it + 1);
          anySplit |= tree.numNodes() > 0;
          addToTrainingScores(grown, tree, scores, c * n);
          if (bagging.enabled()) {
            BinnedScorer.add(tree, train.data(), bagging.outOfBag(), bagging.outOfBagCount(), scores, c * n,
                parallel);
          }
          for (int v = 0; v < valids.size(); v++) {
            BinnedScorer.add(tree, valids.get(v).data(), null, 0, validScores[v], c * valids.get(v).rows(),
                parallel);
          }
          iterationTrees.add(tree);
        }
        if (!anySplit) {
          reason = TrainingStop.Reason.NO_SPLIT;
          break;
        }
        FiniteCheck.scores(scores, n, it + 1);
        trees.addAll(iterationTrees);
        done = it + 1;
        List<TrainingListener.Evaluation> evals = evaluate(validScores, it, history);
        listener.onIteration(done, iterations, evals);
        if (stopping != null && stopping.update(it, values(evals), it == iterations - 1)) {
          reason = TrainingStop.Reason.EARLY_STOPPING;
          break;
        }
      }
      int best = stopping != null && stopping.bestIteration() > 0 ? stopping.bestIteration() : done;
      TrainingStop stop = new TrainingStop(reason, done, iterations, best, stopping == null ? 0 : stopping.rounds(),
          stopping == null ? null : stopping.decidingMetric());
      listener.onStop(stop);
      if (trees.isEmpty()) {
        // A model holds at least one iteration: here one of constant trees that add nothing to the start score.
        for (int c = 0; c < k; c++) {
          trees.add(Tree.constant(0.0, 0.0, n));
        }
        done = 1;
        best = 1;
      }
      Model model = new Model("gbdt", objective.name(), objective.link(), train.featureNames(),
          train.data().mappers(), classes, base, trees, Model.Ensemble.SUM, best, params.toCanonicalMap(),
          trimHistory(history, done));
      return new Trained(model, scores, stop);
    }

    private void addToTrainingScores(GrownTree grown, Tree tree, double[] scores, int offset) {
      int[] rows = grown.rows();
      parallel.forEach(grown.numLeaves(), (leaf, unused1, unused2) -> {
        double v = tree.leafValue(leaf);
        for (int i = grown.leafStart(leaf), end = grown.leafEnd(leaf); i < end; i++) {
          scores[offset + rows[i]] += v;
        }
      });
    }

    private static double[] startingScores(double[] base, int rows) {
      double[] s = new double[base.length * rows];
      for (int c = 0; c < base.length; c++) {
        Arrays.fill(s, c * rows, (c + 1) * rows, base[c]);
      }
      return s;
    }

    private static int[] sampleFeatures(int[] usable, double fraction, long seed, int iteration) {
      if (fraction >= 1.0 || usable.length == 0) {
        return usable;
      }
      int keep = Math.max(1, (int) (usable.length * fraction + 0.5));
      int[] pick = usable.clone();
      Rng rng = new Rng(seed, iteration);
      for (int i = 0; i < keep; i++) {
        int j = i + rng.nextInt(pick.length - i);
        int t = pick[i];
        pick[i] = pick[j];
        pick[j] = t;
      }
      int[] chosen = Arrays.copyOf(pick, keep);
      Arrays.sort(chosen);
      return chosen;
    }

    private EarlyStopping earlyStopping() {
      int rounds = params.getInt("early_stopping_round");
      if (rounds <= 0 || valids.isEmpty() || metrics.isEmpty()) {
        return null;
      }
      int pairs = valids.size() * metrics.size();
      boolean[] higher = new boolean[pairs];
      boolean[] counted = new boolean[pairs];
      String[] names = new String[pairs];
      boolean firstOnly = params.getBoolean("first_metric_only");
      for (int v = 0, i = 0; v < valids.size(); v++) {
        for (int m = 0; m < metrics.size(); m++, i++) {
          higher[i] = metrics.get(m).higherIsBetter();
          counted[i] = !firstOnly || m == 0;
          names[i] = valids.get(v).name() + " " + metrics.get(m).name();
        }
      }
      return new EarlyStopping(rounds, higher, counted, names);
    }

    private Map<String, Map<String, double[]>> newHistory(int iterations) {
      Map<String, Map<String, double[]>> history = new LinkedHashMap<>();
      for (TrainingData v : valids) {
        Map<String, double[]> perMetric = new LinkedHashMap<>();
        for (Metric m : metrics) {
          perMetric.put(m.name(), new double[iterations]);
        }
        history.put(v.name(), perMetric);
      }
      return history;
    }

    private List<TrainingListener.Evaluation> evaluate(double[][] validScores, int it,
        Map<String, Map<String, double[]>> history) {
      List<TrainingListener.Evaluation> evals = new ArrayList<>();
      for (int v = 0; v < valids.size(); v++) {
        TrainingData valid = valids.get(v);
        for (Metric m : metrics) {
          double value = m.evaluate(validScores[v], k, objective.link(), valid.labels(), valid.weights(),
              valid.groupSizes());
          history.get(valid.name()).get(m.name())[it] = value;
          evals.add(new TrainingListener.Evaluation(valid.name(), m.name(), value));
        }
      }
      return evals;
    }

    private static double[] values(List<TrainingListener.Evaluation> evals) {
      double[] out = new double[evals.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = evals.get(i).value();
      }
      return out;
    }

    private static Map<String, Map<String, double[]>> trimHistory(Map<String, Map<String, double[]>> history,
        int done) {
      Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
      history.forEach((set, perMetric) -> {
        Map<String, double[]> trimmed = new LinkedHashMap<>();
        perMetric.forEach((metric, values) -> trimmed.put(metric, Arrays.copyOf(values, done)));
        out.put(set, trimmed);
      });
      return out;
    }
  }
}
