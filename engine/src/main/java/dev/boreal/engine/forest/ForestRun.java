package dev.boreal.engine.forest;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.Rng;
import dev.boreal.engine.Training;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinnedData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One random-forest run, a tree per {@link #step()}. The trees are independent, so the first step grows
 * all of them at once, one per task on the caller's team (the listener hears each as it finishes); every
 * step then adds the next tree, in index order, to the validation scores and records their metrics, so
 * a driver that stops after t trees (cross-validation) sees the curve a forest of t trees would give.
 * {@link #finish()} scores the out-of-bag rows of the trees added. Built by {@link RandomForest#start}.
 */
public final class ForestRun extends Training<Model> {
  private final TrainingData train;
  private final List<TrainingData> valids;
  private final Params params;
  private final String[] classes;
  private final ForestSettings s;
  private final int[] classOf;
  private final int numClasses;
  private final int outputs;
  private final List<Metric> metrics;
  private final Parallel parallel;
  private final TrainingListener listener;
  private final ForestScores[] validScores;
  private Tree[][] forest;
  private OutOfBag outOfBag;

  ForestRun(TrainingData train, List<TrainingData> valids, Params params, String[] classes, ForestSettings s,
      int[] classOf, int numClasses, List<Metric> metrics, Parallel parallel, TrainingListener listener) {
    this.train = train;
    this.valids = valids;
    this.params = params;
    this.classes = classes;
    this.s = s;
    this.classOf = classOf;
    this.numClasses = numClasses;
    this.outputs = numClasses == 2 ? 1 : numClasses;
    this.metrics = metrics;
    this.parallel = parallel;
    this.listener = listener;
    this.validScores = new ForestScores[valids.size()];
    List<String> names = new ArrayList<>();
    for (Metric m : metrics) {
      names.add(m.name());
    }
    for (int v = 0; v < valids.size(); v++) {
      history().track(valids.get(v).name(), names);
      // No metric, no scores to keep: the set is still named in the history, with nothing under it.
      validScores[v] = metrics.isEmpty() ? null : new ForestScores(valids.get(v).data(), outputs);
    }
  }

  @Override
  public boolean step() {
    if (forest == null) {
      forest = grow();
    }
    if (iterations() >= forest.length) {
      return false;
    }
    int t = iterations();
    for (int v = 0; v < valids.size(); v++) {
      if (validScores[v] == null) {
        continue;
      }
      TrainingData valid = valids.get(v);
      validScores[v].addAll(forest[t], parallel);
      double[] mean = validScores[v].mean(t + 1);
      for (Metric m : metrics) {
        history().record(t, valid.name(), m.name(), m.evaluate(mean, outputs, Link.IDENTITY, valid.labels(),
            valid.weights(), valid.groupSizes()));
      }
    }
    added();
    return true;
  }

  /** The forest of the trees added (at least the first, which finishing adds when no step did). */
  @Override
  public Model finish() {
    if (iterations() == 0) {
      step();
    }
    Tree[][] kept = Arrays.copyOf(forest, iterations());
    Bootstrap sample = new Bootstrap(train.rows(), s.bootstrap(), s.sampleFraction());
    if (s.oobScore() && sample.leavesRowsOut()) {
      outOfBag = OutOfBag.score(kept, train.data(), sample, s.sampleSeed(), numClasses, train.labels(),
          train.weights(), parallel);
      history().recordAll("oob", outOfBag.history());
    }
    List<Tree> trees = new ArrayList<>(kept.length * outputs);
    for (Tree[] t : kept) {
      trees.addAll(List.of(t));
    }
    return new Model("rf", params.getString("objective"), Link.IDENTITY, train.featureNames(),
        train.data().mappers(), classes, new double[outputs], trees, Model.Ensemble.AVERAGE, kept.length,
        params.with("boosting", "rf").toCanonicalMap(), history().toMap());
  }

  /**
   * The training rows scored by the trees that left them out, once {@link #finish()} ran; {@code null} when
   * {@code oob_score} is off or every tree saw every row.
   */
  public OutOfBag outOfBag() {
    return outOfBag;
  }

  /** Grows every tree, one per task; tree t lands at index t whatever thread grew it. */
  private Tree[][] grow() {
    BinnedData data = train.data();
    int[] usable = usableFeatures(data);
    int maxCatToOnehot = params.getInt("max_cat_to_onehot");
    Tree[][] grown = new Tree[s.trees()][];
    // At most one set of buffers per thread: a task takes an idle set or makes one, and gives it back.
    ConcurrentLinkedQueue<Worker> idle = new ConcurrentLinkedQueue<>();
    int[] finished = new int[1];
    parallel.forEach(grown.length, (t, unused1, unused2) -> {
      Worker w = idle.poll();
      if (w == null) {
        w = new Worker(new Bootstrap(data.rows(), s.bootstrap(), s.sampleFraction()),
            new TreeGrower(data, s, classOf, Math.max(1, numClasses), train.labels(), train.weights(), usable,
                maxCatToOnehot));
      }
      try {
        w.sample.draw(Rng.mix(s.sampleSeed(), t));
        grown[t] = w.grower.grow(w.sample.counts(), t);
      } finally {
        idle.offer(w);
      }
      synchronized (finished) {
        listener.onIteration(++finished[0], grown.length, List.of());
      }
    });
    return grown;
  }

  /** One thread's reusable buffers. */
  private record Worker(Bootstrap sample, TreeGrower grower) {}

  /** Features with more than one bin: the only ones a tree can split on. */
  private static int[] usableFeatures(BinnedData data) {
    int n = 0;
    int[] out = new int[data.features()];
    for (int f = 0; f < data.features(); f++) {
      if (!data.mapper(f).isConstant() && data.numBins(f) > 1) {
        out[n++] = f;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
