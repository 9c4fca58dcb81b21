package dev.boreal.spark;

import dev.boreal.api.Boreal;
import dev.boreal.collect.IntSorts;
import dev.boreal.engine.model.Model;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code boreal bench spark}: Boreal on Spark against MLlib's {@code GBTClassifier} (same trees, depth and bins,
 * learning rate 0.1) and against single-JVM Boreal, on the Higgs-like rows of {@code boreal demo} (training seed
 * 42, test seed 43), in {@code local[2]}. Prints one Markdown table: training seconds and test AUC.
 *
 * <p>It lives beside the spark module's tests because it needs MLlib on the classpath (provided scope), and the
 * bench module's shaded jar carries xgboost4j's Scala 2.12, which Spark 4's Scala 2.13 cannot share.
 * MLlib's trees have no missing values, so its copy of the data has them filled with 0; Boreal sees them missing.
 *
 * <p>Options: {@code --rows N} (training rows, default 1,000,000), {@code --test-rows N} (200,000),
 * {@code --trees N} (100), {@code --depth N} (6; Boreal also gets {@code num_leaves = 2^depth}), {@code --bins N}
 * (63), {@code --partitions N} (4).
 */
public final class SparkBench {
  private SparkBench() {
  }

  /** Runs the comparison; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    int rows = option(args, "--rows", 1_000_000);
    int testRows = option(args, "--test-rows", 200_000);
    int trees = option(args, "--trees", 100);
    int depth = option(args, "--depth", 6);
    int bins = option(args, "--bins", 63);
    int partitions = option(args, "--partitions", 4);
    Path dir = Files.createTempDirectory("boreal-bench-spark");
    Path trainFile = dir.resolve("train.csv");
    Path testFile = dir.resolve("test.csv");
    SyntheticData.writeCsv(trainFile, rows, 42);
    SyntheticData.writeCsv(testFile, testRows, 43);

    SparkSession spark = SparkSession.builder().master("local[2]").appName("boreal-bench-spark")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", Integer.toString(partitions))
        .getOrCreate();
    List<String> table = new ArrayList<>();
    table.add(String.format(Locale.ROOT, "%d training rows, %d test rows, %d trees, depth %d, %d bins, local[2], "
        + "%d partitions", rows, testRows, trees, depth, bins, partitions));
    table.add("");
    table.add("| contender | training s | test AUC |");
    table.add("| --- | ---: | ---: |");

    PipelineModel features = features(spark, trainFile, false);
    Dataset<Row> train = read(spark, trainFile, partitions, false, features);
    Dataset<Row> test = read(spark, testFile, partitions, false, features);
    BorealClassifier boreal = new BorealClassifier().setNumIterations(trees).setMaxDepth(depth)
        .setNumLeaves(1 << depth).setMaxBin(bins).setLearningRate(0.1);
    double[] onSpark = row("Boreal on Spark", () -> boreal.fit(train), test, table);

    PipelineModel featuresFilled = features(spark, trainFile, true);
    Dataset<Row> trainFilled = read(spark, trainFile, partitions, true, featuresFilled);
    Dataset<Row> testFilled = read(spark, testFile, partitions, true, featuresFilled);
    GBTClassifier mllib = new GBTClassifier().setMaxIter(trees).setMaxDepth(depth).setMaxBins(bins)
        .setStepSize(0.1).setSeed(42);
    double[] mllibResult = row("MLlib GBTClassifier", () -> mllib.fit(trainFilled), testFilled, table);
    spark.stop();

    ReadOptions options = ReadOptions.defaults().withLabel(SyntheticData.LABEL);
    long start = System.nanoTime();
    Model local;
    try (Table t = Boreal.read(trainFile, options)) {
      local = Boreal.gradientBoosting().objective("binary").numIterations(trees).maxDepth(depth)
          .numLeaves(1 << depth).param("max_bin", Integer.toString(bins)).threads(2).build().fit(t);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double auc;
    try (Table t = Boreal.read(testFile, options)) {
      double[] scores = new double[t.rowCount()];
      local.predictor().predictRaw(t.features(), scores);
      auc = auc(scores, t.numericColumn(SyntheticData.LABEL));
    }
    table.add(String.format(Locale.ROOT, "| Boreal, one JVM (2 threads) | %.1f | %.4f |", seconds, auc));
    table.add("");
    table.add(String.format(Locale.ROOT, "Boreal on Spark trains %.1fx as fast as MLlib (AUC %+.4f) and takes %.1fx "
        + "the time of one JVM.", mllibResult[0] / onSpark[0], onSpark[1] - mllibResult[1], onSpark[0] / seconds));
    System.out.println(String.join("\n", table));
    Files.deleteIfExists(trainFile);
    Files.deleteIfExists(testFile);
    Files.deleteIfExists(dir);
  }

  /** A fit to time. */
  private interface Fit {
    org.apache.spark.ml.Model<?> fit();
  }

  /** Fits, scores the test rows, adds the table row; returns training seconds and test AUC. */
  private static double[] row(String name, Fit fit, Dataset<Row> test, List<String> table) {
    long start = System.nanoTime();
    org.apache.spark.ml.Model<?> model = fit.fit();
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Row> scored = model.transform(test).select("probability", "label").collectAsList();
    double[] scores = new double[scored.size()];
    double[] labels = new double[scored.size()];
    for (int r = 0; r < scores.length; r++) {
      scores[r] = ((Vector) scored.get(r).get(0)).apply(1);
      labels[r] = scored.get(r).getDouble(1);
    }
    double auc = auc(scores, labels);
    table.add(String.format(Locale.ROOT, "| %s | %.1f | %.4f |", name, seconds, auc));
    return new double[] {seconds, auc};
  }

  /**
   * The feature pipeline, fitted on the training file only: the channel indexed into a categorical slot (an
   * indexer fitted on the test file too could number the channels differently there).
   */
  private static PipelineModel features(SparkSession spark, Path trainFile, boolean fillMissing) {
    String[] inputs = Arrays.copyOf(SyntheticData.numericFeatureNames(), 29);
    inputs[28] = "channel_index";
    return new Pipeline().setStages(new PipelineStage[] {
        new StringIndexer().setInputCol(SyntheticData.CHANNEL).setOutputCol("channel_index"),
        new VectorAssembler().setInputCols(inputs).setOutputCol("features").setHandleInvalid("keep")})
        .fit(raw(spark, trainFile, fillMissing));
  }

  private static Dataset<Row> raw(SparkSession spark, Path file, boolean fillMissing) {
    Dataset<Row> raw = spark.read().option("header", "true").option("inferSchema", "true").csv(file.toString());
    return fillMissing ? raw.na().fill(0.0) : raw;
  }

  /** The CSV as (features vector, label) through the training file's feature pipeline; cached. */
  private static Dataset<Row> read(SparkSession spark, Path file, int partitions, boolean fillMissing,
      PipelineModel features) {
    Dataset<Row> out = features.transform(raw(spark, file, fillMissing)).selectExpr("features", "cast(label as double) as label")
        .repartition(partitions).cache();
    out.count();
    return out;
  }

  /** Area under the ROC curve by ranks, ties sharing their mean rank. */
  static double auc(double[] scores, double[] labels) {
    int[] order = new int[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    IntSorts.stableSort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double positives = 0;
    double rankSum = 0;
    for (int i = 0; i < order.length; ) {
      int j = i;
      while (j < order.length && scores[order[j]] == scores[order[i]]) {
        j++;
      }
      double meanRank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (labels[order[k]] > 0.5) {
          positives++;
          rankSum += meanRank;
        }
      }
      i = j;
    }
    double negatives = scores.length - positives;
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
  }

  private static int option(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
