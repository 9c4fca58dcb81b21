package dev.boreal.bench;

import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.objective.ObjectiveSettings;
import dev.boreal.io.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One library's run, start to end, in the JVM that calls it: build the training set, train, read the test
 * file with the training features, then time batch scoring, one-row scoring and SHAP values ({@link #run}, for
 * {@code bench compare}, through {@link PredictionTiming}), or only score the test file ({@link #accuracy}, for
 * {@code bench suite}), and compute the test metric with Boreal's {@link Metric} on the raw outputs so every
 * library is scored by one definition.
 */
final class Trial {
  /** The share of rows classified right; not one of Boreal's metric names, so {@link #evaluate} derives it. */
  static final String ACCURACY = "accuracy";

  private Trial() {}

  /**
   * Runs every step of one library and measures it.
   *
   * @param objective the LightGBM objective name of the comparison (decides the link and the metric's data)
   * @param metricName the test metric, by Boreal's name
   * @param shap whether to time SHAP values where the library has them
   * @param timing how long each prediction figure is warmed up before it is timed
   */
  static Measurement run(Contender c, Path train, Path test, ReadOptions options, Map<String, String> params,
      String objective, String metricName, boolean shap, PredictionTiming timing) throws Exception {
    long t0 = System.nanoTime();
    c.load(train, options(train, options), params, CategoryCodes.NONE);
    long t1 = System.nanoTime();
    c.train();
    long t2 = System.nanoTime();
    DenseData testData = c.readTest(test, options(test, options), CategoryCodes.NONE);
    c.prepare(testData);
    int n = testData.rows();
    int k = c.numOutputs();
    double[] raw = new double[n * k];
    PredictionTiming.BatchRates batch = timing.batch(c, raw, n);
    double metric = evaluate(metricName, c.link(objective), raw, k, testData.labels(), testData.groupSizes());
    double[] latencies = timing.singleRows(c, n, k);
    double shapRate = shap ? timing.shapRate(c, n) : Double.NaN;
    return new Measurement(c.name(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, metricName, metric, batch.warm(),
        batch.first(), PredictionTiming.percentile(latencies, 0.50), PredictionTiming.percentile(latencies, 0.99),
        shapRate, peakResidentMegabytes(), c.phaseSeconds());
  }

  /**
   * Builds the training set and trains, timing each, then scores the test file untimed and computes its metric.
   * Categorical (text) columns are allowed: Boreal reads them, the peers get {@link CategoryCodes} built from
   * both files. The prediction figures of the result are NaN.
   *
   * @param objective the LightGBM objective name of the run
   * @param metricName the test metric, by Boreal's name or {@code accuracy}
   */
  static Measurement accuracy(Contender c, Path train, Path test, ReadOptions options, Map<String, String> params,
      String objective, String metricName) throws Exception {
    CategoryCodes codes = CategoryCodes.of(train, test, options);
    ReadOptions read = codes.readOptions(options);
    long t0 = System.nanoTime();
    c.load(train, options(train, read), params, codes);
    long t1 = System.nanoTime();
    c.train();
    long t2 = System.nanoTime();
    Contender.TestScores s = c.score(test, options(test, read), codes);
    double metric = evaluate(metricName, c.link(objective), s.raw(), c.numOutputs(), s.labels(), s.groupSizes());
    return new Measurement(c.name(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, metricName, metric, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, peakResidentMegabytes(), c.phaseSeconds());
  }

  /** The read options of one file: a LightGBM-style {@code <file>.query} beside it gives its groups. */
  static ReadOptions options(Path file, ReadOptions base) {
    Path query = file.resolveSibling(file.getFileName() + ".query");
    return Files.exists(query) ? base.withGroupFile(query) : base;
  }

  /**
   * A metric over raw margins, through the link of the comparison's objective.
   *
   * @param rowMajorRaw raw margins, {@code row * k + output}
   * @param data the rows' encoded labels and groups
   */
  static double evaluate(String metricName, String objective, double[] rowMajorRaw, int k, DenseData data) {
    return evaluate(metricName, link(objective), rowMajorRaw, k, data.labels(), data.groupSizes());
  }

  /**
   * A metric over raw outputs. {@code accuracy} is {@code 1 - multi_error}: a row counts as right when its true
   * class scores strictly higher than every other (a tie is an error, as in LightGBM's multi_error).
   *
   * @param metricName Boreal's name of the metric, or {@code accuracy}
   * @param link the link from raw outputs to predictions
   * @param rowMajorRaw raw outputs, {@code row * k + output}
   * @param labels the rows' encoded labels
   * @param groupSizes query groups, or {@code null}
   */
  static double evaluate(String metricName, Link link, double[] rowMajorRaw, int k, double[] labels,
      int[] groupSizes) {
    boolean accuracy = metricName.equals(ACCURACY);
    // The objective only picks a default metric, and this call always names one.
    List<Metric> metrics = Metrics.parse(accuracy ? "multi_error" : metricName, "", ObjectiveSettings.defaults(),
        new int[] {5});
    int n = labels.length;
    double[] outputMajor = new double[rowMajorRaw.length];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < k; j++) {
        outputMajor[j * n + r] = rowMajorRaw[r * k + j];
      }
    }
    double value = metrics.get(0).evaluate(outputMajor, k, link, labels, null, groupSizes);
    return accuracy ? 1 - value : value;
  }

  /** The link from raw margins to predictions, as LightGBM and XGBoost define it for each objective. */
  static Link link(String objective) {
    return switch (objective) {
      case "binary" -> Link.sigmoid(1.0);
      case "multiclass" -> Link.SOFTMAX;
      default -> Link.IDENTITY;
    };
  }

  /** The process's peak resident memory in MB (VmHWM), or NaN where /proc is not available. */
  static double peakResidentMegabytes() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return Double.NaN;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        String kb = line.substring("VmHWM:".length()).replace("kB", "").trim();
        return Long.parseLong(kb) / 1024.0;
      }
    }
    return Double.NaN;
  }
}
