package dev.boreal.engine.metric;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric values a training run recorded: per data set, per metric, one value per iteration (a boosting
 * round, a forest's tree, an MLP epoch). Boosting, forests and the MLP record into it as they go; a
 * cross-validation fold reads each new iteration's values from it, and the model keeps its {@link #toMap()}
 * form, which is what model files store.
 *
 * <p>Data sets and their metrics keep the order in which they were first tracked. Not thread-safe: one run
 * records from one thread at a time.
 */
public final class EvalHistory {
  /** Arrays start this long and double when an iteration goes past them. */
  private static final int INITIAL_CAPACITY = 16;

  private final Map<String, Map<String, double[]>> values = new LinkedHashMap<>();
  private int iterations;

  /**
   * Adds a data set with its metrics (its values are 0 until recorded); a set tracked again keeps its
   * values and gains the metrics it did not have yet.
   */
  public void track(String set, List<String> metrics) {
    Map<String, double[]> perMetric = values.computeIfAbsent(set, s -> new LinkedHashMap<>());
    for (String m : metrics) {
      perMetric.computeIfAbsent(m, k -> new double[Math.max(INITIAL_CAPACITY, iterations)]);
    }
  }

  /**
   * Records one metric's value on one set after iteration {@code iteration} (0-based), tracking the set and
   * the metric if needed.
   */
  public void record(int iteration, String set, String metric, double value) {
    Map<String, double[]> perMetric = values.computeIfAbsent(set, s -> new LinkedHashMap<>());
    double[] series = perMetric.get(metric);
    if (series == null || series.length <= iteration) {
      int length = series == null ? INITIAL_CAPACITY : series.length;
      while (length <= iteration) {
        length *= 2;
      }
      series = series == null ? new double[length] : Arrays.copyOf(series, length);
      perMetric.put(metric, series);
    }
    series[iteration] = value;
    iterations = Math.max(iterations, iteration + 1);
  }

  /** Records a whole series computed elsewhere (a forest's out-of-bag scores), one value per iteration. */
  public void recordAll(String set, Map<String, double[]> series) {
    series.forEach((metric, v) -> {
      for (int i = 0; i < v.length; i++) {
        record(i, set, metric, v[i]);
      }
    });
  }

  /** Iterations recorded so far: one past the last iteration any value was recorded for. */
  public int iterations() {
    return iterations;
  }

  /**
   * The value of {@code metric} on {@code set} after iteration {@code iteration} (0-based).
   *
   * @throws IllegalArgumentException if the set or metric was never tracked, or the iteration not recorded
   */
  public double value(String set, String metric, int iteration) {
    Map<String, double[]> perMetric = values.get(set);
    double[] series = perMetric == null ? null : perMetric.get(metric);
    if (series == null || iteration < 0 || iteration >= iterations) {
      throw new IllegalArgumentException("no " + metric + " on " + set + " after iteration " + (iteration + 1)
          + " was recorded");
    }
    return series[iteration];
  }

  /**
   * Data-set name → metric name → value after each recorded iteration, as models and model files hold it;
   * a fresh, unmodifiable copy.
   */
  public Map<String, Map<String, double[]>> toMap() {
    return toMap(iterations);
  }

  /**
   * The {@link #toMap()} form cut or padded to {@code count} iterations; unrecorded ones read 0. A boosted
   * model that found no split still holds one (constant) iteration, and its file one value per metric.
   */
  public Map<String, Map<String, double[]>> toMap(int count) {
    Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
    values.forEach((set, perMetric) -> {
      Map<String, double[]> trimmed = new LinkedHashMap<>();
      perMetric.forEach((metric, v) -> trimmed.put(metric, Arrays.copyOf(v, count)));
      out.put(set, Collections.unmodifiableMap(trimmed));
    });
    return Collections.unmodifiableMap(out);
  }
}
