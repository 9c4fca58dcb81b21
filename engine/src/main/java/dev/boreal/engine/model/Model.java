package dev.boreal.engine.model;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained tree ensemble: immutable and safe to share between threads.
 *
 * <p>It holds the feature schema (names and the {@link BinMapper}s training used, so raw values are
 * routed exactly as their bins were), the objective and its link, the class labels of a classifier, the
 * base scores, the trees, and what training recorded (parameters, metrics per round, best iteration).
 *
 * <p>Trees are stored iteration by iteration, {@link #numOutputs()} per iteration (one per class for
 * multiclass). The raw score of output k is {@code baseScore(k) + sum of its trees' leaf values} for a
 * boosted model, and {@code baseScore(k) + mean of its trees' leaf values} for a forest.
 */
public final class Model implements TrainedModel {
  /** How the trees of an output are combined. */
  public enum Ensemble {
    /** Gradient boosting: leaf values add up. */
    SUM,
    /** Random forest: leaf values are averaged. */
    AVERAGE
  }

  private final String algorithm;
  private final String objective;
  private final Link link;
  private final List<String> featureNames;
  private final List<BinMapper> mappers;
  private final String[] classes;
  private final double[] baseScores;
  private final List<Tree> trees;
  private final Ensemble ensemble;
  /** Whether each iteration is one tree with a leaf value per output (see {@link #multiOutputTrees()}). */
  private final boolean multiOutputTrees;
  private final int bestIteration;
  private final Map<String, String> params;
  private final Map<String, Map<String, double[]>> evalHistory;
  /** The default predictor, compiled on first use; benign race: at worst two threads compile one each. */
  private volatile Predictor defaultPredictor;

  /**
   * Creates a model; collections and arrays are copied.
   *
   * @param algorithm "gbdt" or "rf"
   * @param objective the objective's canonical name
   * @param link how raw scores become predictions
   * @param featureNames feature names in schema order
   * @param mappers one bin mapper per feature, in schema order
   * @param classes class labels of a classifier (index = class), or {@code null} for regression and ranking
   * @param baseScores the starting raw score of each output
   * @param trees {@code iterations * outputs} trees, iteration-major
   * @param ensemble how trees of one output combine
   * @param bestIteration iterations used by default at prediction (1-based count), or the total when none
   * @param params the canonical training parameters
   * @param evalHistory data-set name → metric name → value after each iteration
   * @throws IllegalArgumentException if the trees do not fit the schema (a split on a feature the schema does
   *     not have, of the wrong kind for its bin mapper, or whose threshold is not its bin's bound), a leaf
   *     value, base score or hessian sum is not finite, a row count is negative, two features share a name,
   *     the classes are fewer than two, repeated or not one per output, or the link or a Boreal objective
   *     does not suit the outputs
   */
  public Model(String algorithm, String objective, Link link, List<String> featureNames,
      List<BinMapper> mappers, String[] classes, double[] baseScores, List<Tree> trees, Ensemble ensemble,
      int bestIteration, Map<String, String> params, Map<String, Map<String, double[]>> evalHistory) {
    int outputs = baseScores.length;
    if (outputs < 1 || trees.size() % outputs != 0) {
      throw new IllegalArgumentException(trees.size() + " trees do not divide into " + outputs + " outputs");
    }
    if (featureNames.size() != mappers.size()) {
      throw new IllegalArgumentException(featureNames.size() + " feature names but " + mappers.size()
          + " bin mappers");
    }
    int iterations = trees.size() / outputs;
    if (bestIteration < 0 || bestIteration > iterations) {
      throw new IllegalArgumentException("best iteration " + bestIteration + " is outside 0.." + iterations);
    }
    ModelCheck.model(algorithm, objective, link, featureNames, mappers, classes, baseScores, trees);
    this.algorithm = algorithm;
    this.objective = objective;
    this.link = link;
    this.featureNames = List.copyOf(featureNames);
    this.mappers = List.copyOf(mappers);
    this.classes = classes == null ? null : classes.clone();
    this.baseScores = baseScores.clone();
    this.trees = List.copyOf(shareShapes(trees, outputs));
    this.multiOutputTrees = outputs > 1 && allShared(this.trees, outputs);
    this.ensemble = ensemble;
    this.bestIteration = bestIteration;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    Map<String, Map<String, double[]>> history = new LinkedHashMap<>();
    evalHistory.forEach((set, metrics) -> {
      Map<String, double[]> copy = new LinkedHashMap<>();
      metrics.forEach((metric, values) -> copy.put(metric, values.clone()));
      history.put(set, Collections.unmodifiableMap(copy));
    });
    this.evalHistory = Collections.unmodifiableMap(history);
  }

  /** "gbdt" or "rf". */
  public String algorithm() {
    return algorithm;
  }

  /** The objective's canonical name. */
  public String objective() {
    return objective;
  }

  /** How raw scores become predictions (probabilities, counts, ...). */
  public Link link() {
    return link;
  }

  /**
   * This model with {@code newLink} (the same link with or without a calibration, {@link Link#calibrated});
   * the trees and record are shared.
   *
   * @throws IllegalArgumentException if the link does not suit the model, as for the constructor
   */
  public Model withLink(Link newLink) {
    return new Model(algorithm, objective, newLink, featureNames, mappers, classes, baseScores, trees, ensemble,
        bestIteration, params, evalHistory);
  }

  /** Feature names in schema order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** Number of features. */
  public int numFeatures() {
    return featureNames.size();
  }

  /** The bin mapper of feature {@code f}. */
  public BinMapper mapper(int f) {
    return mappers.get(f);
  }

  /** All bin mappers in schema order. */
  public List<BinMapper> mappers() {
    return mappers;
  }

  /** Class labels of a classifier, index = class; {@code null} when the model is not a classifier. */
  public String[] classes() {
    return classes == null ? null : classes.clone();
  }

  /** Number of raw outputs per row (classes for multiclass, else 1). */
  public int numOutputs() {
    return baseScores.length;
  }

  /** The starting raw score of output {@code k}. */
  public double baseScore(int k) {
    return baseScores[k];
  }

  /** All trees, iteration-major. */
  public List<Tree> trees() {
    return trees;
  }

  /** The tree of output {@code k} in iteration {@code iteration} (0-based). */
  public Tree tree(int iteration, int k) {
    return trees.get(iteration * baseScores.length + k);
  }

  /**
   * Whether each iteration is one tree whose leaves hold a value per output, as a multiclass forest grows it
   * (one tree per sample, class distributions in its leaves): the {@link #numOutputs()} trees of every
   * iteration share one set of splits and statistics and differ only in leaf values. The predictor then
   * walks each iteration once, and the model file stores each such tree once. False for a single output.
   */
  public boolean multiOutputTrees() {
    return multiOutputTrees;
  }

  /** Number of iterations trained. */
  public int numIterations() {
    return trees.size() / baseScores.length;
  }

  /** Iterations used by default at prediction: the best one under early stopping, else all. */
  public int bestIteration() {
    return bestIteration;
  }

  /** How the trees of one output combine. */
  public Ensemble ensemble() {
    return ensemble;
  }

  /** The canonical training parameters. */
  public Map<String, String> params() {
    return params;
  }

  /** Data-set name → metric name → value after each iteration (copies of the arrays are not made). */
  public Map<String, Map<String, double[]>> evalHistory() {
    return evalHistory;
  }

  /**
   * The predictor over the default iterations ({@link #bestIteration()}), compiled once and then shared.
   */
  public Predictor predictor() {
    Predictor p = defaultPredictor;
    if (p == null) {
      p = new Predictor(this, bestIteration);
      defaultPredictor = p;
    }
    return p;
  }

  /**
   * A new predictor over the first {@code iterations} iterations.
   *
   * @throws dev.boreal.UsageException if {@code iterations} is negative or above {@link #numIterations()}
   */
  public Predictor predictor(int iterations) {
    return new Predictor(this, iterations);
  }

  /** Raw scores of a set of columns with the default predictor; see {@link Predictor#predictRaw(List, double[])}. */
  @Override
  public void predictRaw(List<FeatureColumn> columns, double[] outRowMajor) {
    predictor().predictRaw(columns, outRowMajor);
  }

  /** Raw scores of a set of columns on threads; see {@link Predictor#predictRaw(List, double[], Parallel)}. */
  @Override
  public void predictRaw(List<FeatureColumn> columns, double[] outRowMajor, Parallel parallel) {
    predictor().predictRaw(columns, outRowMajor, parallel);
  }

  /**
   * Raw scores of a row-major batch with the default predictor; see
   * {@link Predictor#predictRaw(double[], int, double[])}.
   */
  @Override
  public void predictRaw(double[] rowMajor, int rows, double[] out) {
    predictor().predictRaw(rowMajor, rows, out);
  }

  /** Total split gain per feature over the first {@code iterations} iterations. */
  public double[] gainImportance(int iterations) {
    double[] importance = new double[featureNames.size()];
    for (Tree t : usedTrees(iterations)) {
      for (int n = 0; n < t.numNodes(); n++) {
        importance[t.feature(n)] += t.gain(n);
      }
    }
    return importance;
  }

  /** Number of splits per feature over the first {@code iterations} iterations. */
  public long[] splitImportance(int iterations) {
    long[] importance = new long[featureNames.size()];
    for (Tree t : usedTrees(iterations)) {
      for (int n = 0; n < t.numNodes(); n++) {
        importance[t.feature(n)]++;
      }
    }
    return importance;
  }

  /**
   * The distinct trees of the first {@code iterations} iterations: an output's tree that shares its shape
   * with an earlier tree of the same iteration (one multi-output tree) is that tree again, and counted once.
   */
  private List<Tree> usedTrees(int iterations) {
    int k = baseScores.length;
    int used = Math.min(iterations, numIterations());
    List<Tree> out = new ArrayList<>(used * k);
    for (int i = 0; i < used; i++) {
      for (int j = 0; j < k; j++) {
        if (j == 0 || !tree(i, j).sharesShape(tree(i, 0))) {
          out.add(tree(i, j));
        }
      }
    }
    return out;
  }

  /**
   * The trees with each iteration's trees that have the shape of its first tree (same splits and statistics,
   * leaf values aside) remade to share that tree's arrays: a model read from a file that stores them apart
   * holds, and predicts with, the one multi-output tree a forest grows.
   */
  private static List<Tree> shareShapes(List<Tree> trees, int outputs) {
    if (outputs == 1) {
      return trees;
    }
    List<Tree> out = new ArrayList<>(trees);
    for (int at = 0; at < out.size(); at += outputs) {
      Tree first = out.get(at);
      for (int k = 1; k < outputs; k++) {
        Tree t = out.get(at + k);
        if (!t.sharesShape(first) && t.sameShape(first)) {
          out.set(at + k, first.withLeafValues(leafValues(t)));
        }
      }
    }
    return out;
  }

  private static boolean allShared(List<Tree> trees, int outputs) {
    for (int at = 0; at < trees.size(); at += outputs) {
      for (int k = 1; k < outputs; k++) {
        if (!trees.get(at + k).sharesShape(trees.get(at))) {
          return false;
        }
      }
    }
    return true;
  }

  private static double[] leafValues(Tree t) {
    double[] values = new double[t.numLeaves()];
    for (int l = 0; l < values.length; l++) {
      values[l] = t.leafValue(l);
    }
    return values;
  }
}
