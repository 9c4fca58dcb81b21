package dev.boreal.engine.gbdt;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.PhaseTimes;
import dev.boreal.engine.PhaseTimes.Phase;
import dev.boreal.engine.Rng;
import dev.boreal.engine.Training;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.objective.Objective;
import dev.boreal.engine.params.Params;
import dev.boreal.engine.tree.BinnedScorer;
import dev.boreal.engine.tree.GrownTree;
import dev.boreal.engine.tree.TreeLearner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One gradient-boosting run, a round per {@link #step()}: gradients at the current scores, one tree per
 * output fitted to them, training and validation scores updated, metrics recorded, early stopping asked.
 * Built by {@link GradientBoosting#start}; the buffers are allocated once, before the first round. The run uses
 * the caller's threads, or the caller's thread alone when the training data is too small to share
 * ({@link Settings#MIN_SHARED_CELLS}); the model is the same either way.
 */
public final class Boosting extends Training<Model> {
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
  private final int requested;
  private final double learningRate;
  private final double[] base;
  private final double[] scores;
  private final double[][] validScores;
  private final double[] grad;
  private final double[] hess;
  private final double[] gk;
  private final double[] hk;
  private final TreeLearner learner;
  private final Bagging bagging;
  private final FeatureSample featureSample;
  private final long treeSeed;
  private final EarlyStopping stopping;
  private final List<Tree> trees = new ArrayList<>();
  private boolean over;
  private TrainingStop.Reason reason = TrainingStop.Reason.COMPLETED;
  private TrainingStop stop;

  Boosting(TrainingData train, List<TrainingData> valids, Params given, String[] classes, Objective objective,
      List<Metric> metrics, Parallel parallel, TrainingListener listener, Continuation from) {
    this.train = train;
    this.valids = valids;
    this.classes = classes;
    this.objective = objective;
    this.metrics = metrics;
    this.parallel = Settings.sharesTreeWork(train.data()) ? parallel : parallel.callerOnly();
    this.listener = listener;
    this.n = train.rows();
    this.k = objective.numOutputs();
    List<Tree> initial = List.of();
    if (from != null) {
      from.checkFits(objective.name(), objective.link(), k, classes);
      from.checkSameRun(given);
      initial = from.trees(train.featureNames(), train.data().mappers());
    }
    int more = given.getInt("num_iterations");
    this.requested = from == null || from.resumes() ? more : from.iterations() + more;
    this.params = requested == more ? given : given.with("num_iterations", Integer.toString(requested));
    this.learningRate = params.getDouble("learning_rate");
    this.base = from == null ? objective.initScores() : from.baseScores();
    this.scores = startingScores(base, n);
    this.validScores = new double[valids.size()][];
    for (int v = 0; v < valids.size(); v++) {
      validScores[v] = startingScores(base, valids.get(v).rows());
    }
    this.grad = new double[k * n];
    this.hess = new double[k * n];
    this.gk = k == 1 ? grad : new double[n];
    this.hk = k == 1 ? hess : new double[n];
    this.learner = new TreeLearner(train.data(), Settings.tree(params, train.data().features()), this.parallel,
        Settings.quantization(params));
    this.bagging = Bagging.of(params, n, train.groupSizes());
    this.featureSample = FeatureSample.of(params, learner.usableFeatures());
    this.treeSeed = Settings.seed(params, "extra_seed");
    this.stopping = earlyStopping();
    List<String> names = new ArrayList<>();
    for (Metric m : metrics) {
      names.add(m.name());
    }
    for (TrainingData v : valids) {
      history().track(v.name(), names);
    }
    replay(initial);
  }

  /**
   * Starts from the trees of an input model, iteration by iteration as the run that grew them: their
   * outputs added to the training and validation scores in the same order, the metrics recorded and early
   * stopping asked after each iteration, and the bag of the coming iteration drawn. A resumed run is then
   * in the state its uninterrupted run had, down to the last bit of every score.
   */
  private void replay(List<Tree> initial) {
    for (int it = 0; it < initial.size() / k && !over; it++) {
      for (int c = 0; c < k; c++) {
        Tree tree = initial.get(it * k + c);
        BinnedScorer.add(tree, train.data(), null, 0, scores, c * n, parallel);
        for (int v = 0; v < valids.size(); v++) {
          BinnedScorer.add(tree, valids.get(v).data(), null, 0, validScores[v], c * valids.get(v).rows(), parallel);
        }
        trees.add(tree);
      }
      added();
      List<TrainingListener.Evaluation> evals = evaluate(it);
      if (stopping != null && stopping.update(it, values(evals), it == requested - 1)) {
        reason = TrainingStop.Reason.EARLY_STOPPING;
        over = true;
      }
    }
    bagging.resumeAt(iterations());
  }

  @Override
  public boolean step() {
    if (over || iterations() >= requested) {
      over = true;
      return false;
    }
    int it = iterations();
    PhaseTimes times = parallel.times();
    long t = times.start();
    objective.gradients(scores, grad, hess, parallel);
    FiniteCheck.gradients(grad, hess, n, it + 1);
    times.add(Phase.GRADIENTS, t);
    bagging.maybeResample(it);
    int[] features = featureSample.ofIteration(it);
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
          grown.setLeafOutput(l, objective.renewLeafOutput(grown.rows(), grown.leafStart(l), grown.leafEnd(l),
              scores, c));
        }
      }
      Tree tree = grown.toTree(learningRate, train.data().mappers());
      FiniteCheck.tree(tree, c, k, it + 1);
      anySplit |= tree.numNodes() > 0;
      t = times.start();
      addToTrainingScores(grown, tree, c * n);
      if (bagging.enabled()) {
        BinnedScorer.add(tree, train.data(), bagging.outOfBag(), bagging.outOfBagCount(), scores, c * n, parallel);
      }
      for (int v = 0; v < valids.size(); v++) {
        BinnedScorer.add(tree, valids.get(v).data(), null, 0, validScores[v], c * valids.get(v).rows(), parallel);
      }
      times.add(Phase.SCORING, t);
      iterationTrees.add(tree);
    }
    if (!anySplit) {
      reason = TrainingStop.Reason.NO_SPLIT;
      over = true;
      return false;
    }
    FiniteCheck.scores(scores, n, it + 1);
    trees.addAll(iterationTrees);
    added();
    t = times.start();
    List<TrainingListener.Evaluation> evals = evaluate(it);
    times.add(Phase.SCORING, t);
    listener.onIteration(iterations(), requested, evals);
    if (stopping != null && stopping.update(it, values(evals), it == requested - 1)) {
      reason = TrainingStop.Reason.EARLY_STOPPING;
      over = true;
    }
    return true;
  }

  @Override
  public Model finish() {
    int kept = iterations();
    int best = bestIteration();
    stop = new TrainingStop(reason, kept, requested, best, stopping == null ? 0 : stopping.rounds(),
        stopping == null ? null : stopping.decidingMetric());
    listener.onStop(stop);
    return model();
  }

  /**
   * The model of the iterations added so far, predicting with the best one so far: what {@link #finish()}
   * would return now, without ending the run. A checkpoint writes it; {@link Continuation#resume} reads it
   * back.
   */
  public Model snapshot() {
    return model();
  }

  private int bestIteration() {
    return stopping != null && stopping.bestIteration() > 0 ? stopping.bestIteration() : iterations();
  }

  private Model model() {
    int best = bestIteration();
    List<Tree> all = new ArrayList<>(trees);
    int iterations = iterations();
    if (all.isEmpty()) {
      // A model holds at least one iteration: here one of constant trees that add nothing to the start score.
      for (int c = 0; c < k; c++) {
        all.add(Tree.constant(0.0, 0.0, n));
      }
      best = 1;
      iterations = 1;
    }
    return new Model("gbdt", objective.name(), objective.link(), train.featureNames(), train.data().mappers(),
        classes, base, all, Model.Ensemble.SUM, best, params.toCanonicalMap(), history().toMap(iterations));
  }

  /**
   * The raw training scores the run ended with (output-major, {@code k*n + row}): the scores every later
   * tree was fitted against, which prediction on the same rows must reproduce.
   */
  public double[] trainingScores() {
    return scores;
  }

  /** Why training ended; null before {@link #finish()}. */
  public TrainingStop stop() {
    return stop;
  }

  private void addToTrainingScores(GrownTree grown, Tree tree, int offset) {
    int[] rows = grown.rows();
    parallel.forBlocks(grown.numLeaves(), 1, n >= Parallel.MIN_SHARED_ROWS, (leaf, unused1, unused2) -> {
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

  private List<TrainingListener.Evaluation> evaluate(int it) {
    List<TrainingListener.Evaluation> evals = new ArrayList<>();
    for (int v = 0; v < valids.size(); v++) {
      TrainingData valid = valids.get(v);
      for (Metric m : metrics) {
        double value = m.evaluate(validScores[v], k, objective.link(), valid.labels(), valid.weights(),
            valid.groupSizes());
        history().record(it, valid.name(), m.name(), value);
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
}
