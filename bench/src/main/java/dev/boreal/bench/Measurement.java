package dev.boreal.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What one library's run measured. A child JVM writes it as a properties file and the parent reads it back.
 * NaN marks a figure the library does not offer (Boreal's TreeSHAP, for now).
 *
 * @param library the library's name
 * @param constructionSeconds reading the file and building the library's training set
 * @param trainingSeconds training, every round
 * @param metricName the test metric's name
 * @param metric the test metric on the raw outputs
 * @param batchRowsPerSecond rows scored per second when the whole test matrix is scored at once, warmed up
 *     ({@link PredictionTiming})
 * @param batchFirstRowsPerSecond the same for the first pass over the test matrix, before any warm-up
 * @param singleP50Micros median latency of scoring one row alone
 * @param singleP99Micros 99th-percentile latency of scoring one row alone
 * @param shapRowsPerSecond rows explained per second (TreeSHAP), or NaN
 * @param peakRssMegabytes the child process's peak resident memory (VmHWM)
 * @param phaseSeconds where construction and training time went, phase by phase ({@code
 *     dev.boreal.engine.PhaseTimes#toMap()}); empty for a library that does not say
 */
public record Measurement(String library, double constructionSeconds, double trainingSeconds, String metricName,
    double metric, double batchRowsPerSecond, double batchFirstRowsPerSecond, double singleP50Micros,
    double singleP99Micros, double shapRowsPerSecond, double peakRssMegabytes, Map<String, Double> phaseSeconds) {
  private static final String PHASE = "phase.";

  /** Keeps an unmodifiable copy of the phases. */
  public Measurement {
    phaseSeconds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phaseSeconds));
  }

  /** The numeric figures by name, in report order. */
  public Map<String, Double> figures() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("construction_s", constructionSeconds);
    m.put("training_s", trainingSeconds);
    m.put(metricName, metric);
    m.put("batch_rows_per_s", batchRowsPerSecond);
    m.put("batch_first_rows_per_s", batchFirstRowsPerSecond);
    m.put("single_p50_us", singleP50Micros);
    m.put("single_p99_us", singleP99Micros);
    m.put("shap_rows_per_s", shapRowsPerSecond);
    m.put("peak_rss_mb", peakRssMegabytes);
    return m;
  }

  /** Writes this measurement as a properties file. */
  public void write(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("library", library);
    p.setProperty("metric_name", metricName);
    figures().forEach((k, v) -> p.setProperty(k.equals(metricName) ? "metric" : k, Double.toString(v)));
    phaseSeconds.forEach((k, v) -> p.setProperty(PHASE + k, Double.toString(v)));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, null);
    }
  }

  /** Reads a measurement written by {@link #write}. */
  public static Measurement read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, Double> phases = new java.util.TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(PHASE)) {
        phases.put(key.substring(PHASE.length()), num(p, key));
      }
    }
    return new Measurement(p.getProperty("library"), num(p, "construction_s"), num(p, "training_s"),
        p.getProperty("metric_name"), num(p, "metric"), num(p, "batch_rows_per_s"), num(p, "batch_first_rows_per_s"),
        num(p, "single_p50_us"), num(p, "single_p99_us"), num(p, "shap_rows_per_s"), num(p, "peak_rss_mb"), phases);
  }

  private static double num(Properties p, String key) {
    return Double.parseDouble(p.getProperty(key));
  }

  /**
   * The figure-by-figure median of repeated runs of one library (for an even count, the mean of the two
   * middle values).
   */
  public static Measurement median(List<Measurement> runs) {
    double[][] columns = new double[runs.get(0).figures().size()][runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      int c = 0;
      for (double v : runs.get(i).figures().values()) {
        columns[c++][i] = v;
      }
    }
    double[] m = new double[columns.length];
    for (int c = 0; c < m.length; c++) {
      m[c] = median(columns[c]);
    }
    Measurement first = runs.get(0);
    Map<String, Double> phases = new LinkedHashMap<>();
    for (String phase : first.phaseSeconds().keySet()) {
      double[] values = new double[runs.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = runs.get(i).phaseSeconds().getOrDefault(phase, Double.NaN);
      }
      phases.put(phase, median(values));
    }
    return new Measurement(first.library(), m[0], m[1], first.metricName(), m[2], m[3], m[4], m[5], m[6], m[7],
        m[8], phases);
  }

  /** The median of values (the mean of the two middle ones for an even count), NaN for none; sorts a copy. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
