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
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code boreal bench spark}: Boreal on Spark against MLlib's {@code GBTClassifier} (same trees, depth and bins,
 * steps of matched size) and against single-JVM Boreal, on the Higgs-like rows of {@code boreal demo} (training
 * seed 42, test seed 43), in {@code local[2]}. Prints one Markdown table: training seconds and test AUC.
 *
 * <p>Why the learning rates differ: MLlib's log loss is taken on a margin F with probability 1/(1+e^(-2F)), so the
 * log-odds are 2F; its trees fit the mean of the pseudo-residuals 4(y - p), and its first tree has weight 1. A
 * leaf's step in log-odds is then 2 · stepSize · 4(y - p) = 0.8(y - p) at MLlib's default 0.1, where a Newton step
 * at learning rate η is η (y - p) / (p(1 - p)), 0.4(y - p) at η = 0.1 and p = 1/2. Boreal's default learning rate
 * here is therefore 0.2, MLlib's step size 0.1; either can be set.
 *
 * <p>It lives beside the spark module's tests because it needs MLlib on the classpath (provided scope), and the
 * bench module's shaded jar carries xgboost4j's Scala 2.12, which Spark 4's Scala 2.13 cannot share.
 * MLlib's trees have no missing values, so its copy of the data has them filled with 0; Boreal sees them missing.
 *
 * <p>Options: {@code --rows N} (training rows, default 1,000,000), {@code --test-rows N} (200,000),
 * {@code --trees N} (100), {@code --depth N} (6; Boreal also gets {@code num_leaves = 2^depth}), {@code --bins N}
 * (63), {@code --partitions N} (4), {@code --grow-policy leafwise|depthwise} (Boreal's; depthwise, as MLlib grows),
 * {@code --learning-rate X} (Boreal's, 0.2), {@code --step-size X} (MLlib's, 0.1), {@code --repeat N} (1: rounds
 * that each fit Boreal on Spark, then MLlib; the table gives the median seconds).
 */
public final class SparkBench {
  private static final String JOB_GROUP = "boreal-on-spark";

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
    int repeat = option(args, "--repeat", 1);
    String growPolicy = stringOption(args, "--grow-policy", "depthwise");
    double learningRate = Double.parseDouble(stringOption(args, "--learning-rate", "0.2"));
    double stepSize = Double.parseDouble(stringOption(args, "--step-size", "0.1"));
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
        + "%d partitions, grow_policy %s, Boreal's learning rate %s, MLlib's step size %s, median of %d", rows,
        testRows, trees, depth, bins, partitions, growPolicy, learningRate, stepSize, repeat));
    table.add("");
    table.add("| contender | training s | test AUC |");
    table.add("| --- | ---: | ---: |");

    PipelineModel features = features(spark, trainFile, false);
    Dataset<Row> train = read(spark, trainFile, partitions, false, features);
    Dataset<Row> test = read(spark, testFile, partitions, false, features);
    BorealClassifier boreal = new BorealClassifier().setNumIterations(trees).setMaxDepth(depth)
        .setNumLeaves(1 << depth).setMaxBin(bins).setLearningRate(learningRate).setGrowPolicy(growPolicy);
    PipelineModel featuresFilled = features(spark, trainFile, true);
    Dataset<Row> trainFilled = read(spark, trainFile, partitions, true, featuresFilled);
    Dataset<Row> testFilled = read(spark, testFile, partitions, true, featuresFilled);
    GBTClassifier mllib = new GBTClassifier().setMaxIter(trees).setMaxDepth(depth).setMaxBins(bins)
        .setStepSize(stepSize).setSeed(42);

    // Rounds alternate the two, so that a loaded machine slows both alike.
    double[] borealSeconds = new double[repeat];
    double[] mllibSeconds = new double[repeat];
    // Boreal's fits run in a job group, whose jobs a listener counts (it hears them later, on Spark's bus).
    AtomicInteger jobs = new AtomicInteger();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        if (start.properties() != null && JOB_GROUP.equals(start.properties().getProperty("spark.jobGroup.id"))) {
          jobs.incrementAndGet();
        }
      }
    });
    org.apache.spark.ml.Model<?> borealModel = null;
    org.apache.spark.ml.Model<?> mllibModel = null;
    for (int round = 0; round < repeat; round++) {
      spark.sparkContext().setJobGroup(JOB_GROUP, "Boreal on Spark", false);
      long start = System.nanoTime();
      borealModel = boreal.fit(train);
      borealSeconds[round] = (System.nanoTime() - start) / 1e9;
      spark.sparkContext().clearJobGroup();
      start = System.nanoTime();
      mllibModel = mllib.fit(trainFilled);
      mllibSeconds[round] = (System.nanoTime() - start) / 1e9;
      System.err.printf(Locale.ROOT, "round %d: Boreal on Spark %.1f s, MLlib %.1f s (%.2fx)%n", round + 1,
          borealSeconds[round], mllibSeconds[round], mllibSeconds[round] / borealSeconds[round]);
    }
    double[] onSpark = row("Boreal on Spark", median(borealSeconds), borealModel, test, table);
    double[] mllibResult = row("MLlib GBTClassifier", median(mllibSeconds), mllibModel, testFilled, table);
    int borealJobs = jobs.get() / repeat;
    spark.stop();

    ReadOptions options = ReadOptions.defaults().withLabel(SyntheticData.LABEL);
    long start = System.nanoTime();
    Model local;
    try (Table t = Boreal.read(trainFile, options)) {
      local = Boreal.gradientBoosting().objective("binary").numIterations(trees).maxDepth(depth)
          .numLeaves(1 << depth).learningRate(learningRate).param("max_bin", Integer.toString(bins))
          .param("grow_policy", growPolicy).threads(2).build().fit(t);
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
        + "the time of one JVM; it ran %d Spark jobs (about %.1f a tree, the data's loading included).",
        mllibResult[0] / onSpark[0], onSpark[1] - mllibResult[1], onSpark[0] / seconds, borealJobs,
        (double) borealJobs / trees));
    System.out.println(String.join("\n", table));
    Files.deleteIfExists(trainFile);
    Files.deleteIfExists(testFile);
    Files.deleteIfExists(dir);
  }

  /** Scores the test rows, adds the table row; returns training seconds and test AUC. */
  private static double[] row(String name, double seconds, org.apache.spark.ml.Model<?> model, Dataset<Row> test,
      List<String> table) {
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

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String stringOption(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  private static int option(String[] args, String name, int fallback) {
    return Integer.parseInt(stringOption(args, name, Integer.toString(fallback)));
  }
}
