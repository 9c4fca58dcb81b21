package dev.boreal.spark;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.Rng;
import dev.boreal.engine.gbdt.Bagging;
import dev.boreal.engine.gbdt.FeatureSample;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.objective.Objective;
import dev.boreal.engine.objective.Objectives;
import dev.boreal.engine.params.Params;
import dev.boreal.engine.tree.GradientQuantization;
import dev.boreal.engine.tree.GrownTree;
import dev.boreal.engine.tree.TreeLearner;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.Histogram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Gradient boosting over rows in Spark partitions, with the engine's {@link TreeLearner} on the driver.
 *
 * <p>What runs where: each partition reads its rows into primitive columns once, bins them with the driver's
 * mappers and keeps the bins cached ({@link PartitionBlock}); per iteration it computes its own gradients with the
 * same objective code, and per leaf its part of the histogram; Spark adds the parts up. The driver learns the bins
 * from a sample, holds the labels (one double per row, to compute the start score with the same objective code
 * a single machine uses), finds every split with the engine's split finder, and sends the splits back.
 *
 * <p>Row and feature subsampling are drawn on the driver with the engine's own draws, so every tree learns
 * from the rows and features it would on one machine: the bag ({@link Bagging}: bagging_fraction, bagging_freq,
 * bagging_seed) over all n rows, broadcast as a bitset once per bag drawn, each partition reading its rows' bits
 * ({@link RowBag}); the tree's features ({@link FeatureSample}: feature_fraction, feature_fraction_seed), which
 * the histograms are built over; feature_fraction_bynode inside the driver's learner. Only in-bag rows enter a
 * tree's root sums, leaves, histograms and quant_train_renew_leaf sums; quantization scales and rounding draws
 * cover every row, as one machine quantizes all its rows; every row's score gets the finished tree's value,
 * out-of-bag rows routed down its splits.
 *
 * <p>Supported: gbdt with objectives binary, multiclass and the regression losses of {@link #REGRESSION_OBJECTIVES}
 * (those without percentile leaf renewal), on float or quantized gradients
 * (use_quantized_grad, see {@link PartitionedRows}), with bagging and feature subsampling. With the rows in the
 * same order (the bag is keyed by a row's index in the whole data set), a quantized model is one machine's byte
 * for byte for any number of partitions, and a float one agrees to rounding. Validation sets and early stopping
 * are single-machine features.
 */
final class SparkBoosting {
  private SparkBoosting() {
  }

  /**
   * Trains a model.
   *
   * @param rows (features vector, label[, weight]) rows
   * @param given LightGBM-named parameters
   * @param classifier whether labels are class indices (binary for two classes, else multiclass); else regression
   * @throws InputException for bad labels or weights, or no rows
   */
  static Model train(JavaRDD<Row> rows, FeatureSchema schema, boolean weighted, Params given, boolean classifier) {
    int numFeatures = schema.size();
    JavaRDD<RowColumns> raw = rows.mapPartitions(it ->
        Collections.singletonList(RowColumns.read(it, numFeatures, weighted)).iterator());
    raw.persist(StorageLevel.MEMORY_ONLY());
    JavaRDD<PartitionBlock> blocks = null;
    try {
      List<double[]> labelParts = raw.map(RowColumns::labels).collect();
      double[] labels = concat(labelParts);
      long[] firstRows = firstRows(labelParts);
      double[] weights = weighted ? concat(raw.map(RowColumns::weights).collect()) : null;
      int n = labels.length;
      if (n == 0) {
        throw new InputException("The training data has no rows.");
      }
      TrainingLabels.check(labels, weights);
      String[] classes = null;
      Params params = given.isSet("objective") ? given : given.with("objective", "regression");
      if (!classifier) {
        checkRegressionObjective(params.getString("objective"));
      } else {
        int k = TrainingLabels.classes(labels);
        classes = new String[k];
        for (int c = 0; c < k; c++) {
          classes[c] = Integer.toString(c);
        }
        params = k == 2 ? given.with("objective", "binary")
            : given.with("objective", "multiclass").with("num_class", Integer.toString(k));
      }
      Objective objective = Objectives.create(params.getString("objective"), Settings.objective(params), labels,
          weights, null);
      Params resolved = Settings.resolveDefaults(params, objective.name(), weights, n);

      int sampleSize = resolved.getInt("bin_construct_sample_cnt");
      double fraction = Math.min(1.0, (double) sampleSize / n);
      long seed = Settings.seed(resolved, "data_random_seed");
      List<RowColumns> sample = raw.map(part -> BinSample.sample(part, fraction, seed)).collect();
      List<BinMapper> mappers = BinSample.learn(sample, schema, Settings.binning(resolved));
      ArrayList<MapperSpec> specs = MapperSpec.of(mappers);
      blocks = raw.mapPartitionsWithIndex((index, parts) -> Collections.singletonList(
          PartitionBlock.bin(MapperSpec.toMappers(specs), parts.next(), firstRows[index])).iterator(), true);
      blocks.persist(StorageLevel.MEMORY_ONLY());
      blocks.count();
      raw.unpersist(false);
      return boost(blocks, JavaSparkContext.fromSparkContext(rows.context()), schema, mappers, resolved, objective,
          classes, n);
    } finally {
      raw.unpersist(false);
      if (blocks != null) {
        blocks.unpersist(false);
      }
    }
  }

  /** The losses a regressor trains on partitions: those whose leaves are Newton steps from summed gradients. */
  static final List<String> REGRESSION_OBJECTIVES = List.of("regression", "huber", "poisson", "gamma", "tweedie");

  /**
   * Refuses a loss the regressor cannot train over partitions.
   *
   * @throws UsageException naming the loss and the ones it takes
   */
  private static void checkRegressionObjective(String name) {
    if (REGRESSION_OBJECTIVES.contains(name)) {
      return;
    }
    String takes = "BorealRegressor takes " + String.join(", ", REGRESSION_OBJECTIVES) + ".";
    if (name.equals("regression_l1") || name.equals("quantile")) {
      throw new UsageException("objective '" + name + "' sets each leaf to a percentile of its rows' residuals, which"
          + " training on Spark does not compute across partitions; " + takes);
    }
    throw new UsageException("objective '" + name + "' is not a regression loss; " + takes
        + " BorealClassifier trains binary and multiclass models.");
  }

  private static Model boost(JavaRDD<PartitionBlock> blocks, JavaSparkContext sc, FeatureSchema schema,
      List<BinMapper> mappers, Params params, Objective objective, String[] classes, int n) {
    BinnedData shape = BinnedData.applyValues(mappers, new double[schema.size()][0], 0);
    int k = objective.numOutputs();
    double[] base = objective.initScores();
    double learningRate = params.getDouble("learning_rate");
    long treeSeed = Settings.seed(params, "extra_seed");
    GradientQuantization quantization = Settings.quantization(params);
    if (quantization != null) {
      quantization.checkFits(n);
    }
    Map<String, String> stepParams = new HashMap<>(params.toCanonicalMap());
    List<Tree> trees = new ArrayList<>();
    List<TreeSteps> finished = new ArrayList<>();
    Broadcast<RowBag> bag = null;
    try (Parallel parallel = new Parallel(Settings.threads(params))) {
      TreeLearner learner = new TreeLearner(shape, Settings.tree(params, schema.size()), parallel);
      FeatureSample featureSample = FeatureSample.of(params, learner.usableFeatures());
      Bagging bagging = Bagging.of(params, n, null);
      int histogramLength = new Histogram(shape).data().length;
      int iterations = params.getInt("num_iterations");
      for (int it = 0; it < iterations; it++) {
        Broadcast<List<TreeSteps>> done = sc.broadcast(List.copyOf(finished));
        if (bagging.maybeResample(it)) {
          // Partitions replay earlier trees with every row, so the bag they were grown on is no longer needed.
          if (bag != null) {
            bag.destroy();
          }
          bag = sc.broadcast(RowBag.of(bagging, n));
        }
        Broadcast<RowBag> iterationBag = bag;
        int[] features = featureSample.ofIteration(it);
        boolean anySplit = false;
        List<Tree> iterationTrees = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
          int iteration = it;
          int output = c;
          long seed = Rng.mix(treeSeed, (long) it * k + c);
          PartitionedRows rows = new PartitionedRows(blocks, steps -> new TrainingStep(objective.name(),
              stepParams, base, done, iteration, output, iterationBag, steps), features, histogramLength,
              quantization, seed, parallel.team());
          GrownTree grown = learner.grow(rows, features, seed);
          if (quantization != null && quantization.renewLeaf()) {
            double[] gradientSums = new double[grown.numLeaves()];
            double[] hessianSums = new double[grown.numLeaves()];
            rows.leafSums(gradientSums, hessianSums);
            learner.renewLeafOutputs(gradientSums, hessianSums);
          }
          Tree tree = grown.toTree(learningRate, mappers);
          double[] values = new double[grown.numLeaves()];
          for (int l = 0; l < values.length; l++) {
            values[l] = tree.leafValue(l);
          }
          rows.tree().finish(values);
          finished.add(rows.tree());
          anySplit |= tree.numNodes() > 0;
          iterationTrees.add(tree);
        }
        done.destroy();
        if (!anySplit) {
          finished.subList(finished.size() - k, finished.size()).clear();
          break;
        }
        trees.addAll(iterationTrees);
      }
    } finally {
      if (bag != null) {
        bag.destroy();
      }
    }
    if (trees.isEmpty()) {
      for (int c = 0; c < k; c++) {
        trees.add(Tree.constant(0.0, 0.0, n));
      }
    }
    return new Model("gbdt", objective.name(), objective.link(), schema.names(), mappers, classes, base, trees,
        Model.Ensemble.SUM, trees.size() / k, params.toCanonicalMap(), Map.of());
  }

  /** The index in the whole data set of each partition's first row: partitions hold consecutive rows. */
  private static long[] firstRows(List<double[]> partLabels) {
    long[] first = new long[partLabels.size()];
    for (int p = 1; p < first.length; p++) {
      first[p] = first[p - 1] + partLabels.get(p - 1).length;
    }
    return first;
  }

  private static double[] concat(List<double[]> parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] all = new double[n];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
