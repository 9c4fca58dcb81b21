package dev.boreal.bench;

import java.util.Arrays;

/**
 * Times one trained library's scoring the same way for every library: batch scoring of the whole test matrix,
 * rows scored one at a time, and SHAP values. Each is warmed up for the same wall time before it is timed, so a
 * JIT-compiled library is measured at the speed a long-running service sees, as a native one is from its first
 * call; the first batch pass, before any warm-up, is kept as well, since a one-off command meets that speed.
 *
 * @param warmSeconds the wall time each of batch scoring, single rows and SHAP values runs untimed before it is
 *     timed; the timed batch passes run for at least half as long
 */
record PredictionTiming(double warmSeconds) {
  /** Rows scored one at a time for the latency percentiles (fewer when the test file is smaller). */
  static final int SINGLE_ROWS = 10_000;
  /** Rows explained for the SHAP rate: TreeSHAP on deep trees is slow, and a rate needs only a sample. */
  static final int SHAP_ROWS = 1_000;
  /** Rows explained per call while SHAP values warm up. */
  private static final int SHAP_WARM_ROWS = 64;
  /** Fewest timed batch passes, whose median is the warm rate. */
  private static final int TIMED_PASSES = 3;

  /** Batch rates in rows per second: the first pass, and the median of the timed passes after the warm-up. */
  record BatchRates(double first, double warm) {}

  /**
   * Scores the prepared test matrix of {@code rows} rows into {@code raw}: once cold, then for the warm-up time,
   * then at least {@link #TIMED_PASSES} timed passes lasting at least half the warm-up time. {@code raw} holds
   * the scores of the last pass.
   */
  BatchRates batch(Contender c, double[] raw, int rows) throws Exception {
    long start = System.nanoTime();
    c.predictBatch(raw);
    double first = rows / secondsSince(start);
    while (secondsSince(start) < warmSeconds) {
      c.predictBatch(raw);
    }
    double[] rates = new double[TIMED_PASSES];
    int passes = 0;
    long timedStart = System.nanoTime();
    while (passes < TIMED_PASSES || secondsSince(timedStart) < warmSeconds / 2) {
      long pass = System.nanoTime();
      c.predictBatch(raw);
      if (passes == rates.length) {
        rates = Arrays.copyOf(rates, 2 * passes);
      }
      rates[passes++] = rows / secondsSince(pass);
    }
    return new BatchRates(first, Measurement.median(Arrays.copyOf(rates, passes)));
  }

  /**
   * Latencies in microseconds, sorted, of scoring {@code min(SINGLE_ROWS, rows)} rows one at a time, after the
   * same rows were scored over and over for the warm-up time (at least once each).
   *
   * @param outputs the library's outputs per row
   */
  double[] singleRows(Contender c, int rows, int outputs) throws Exception {
    int count = Math.min(SINGLE_ROWS, rows);
    double[] out = new double[outputs];
    long start = System.nanoTime();
    do {
      for (int i = 0; i < count; i++) {
        c.predictRow(i, out);
      }
    } while (secondsSince(start) < warmSeconds);
    double[] micros = new double[count];
    for (int i = 0; i < count; i++) {
      long s = System.nanoTime();
      c.predictRow(i, out);
      micros[i] = (System.nanoTime() - s) / 1e3;
    }
    Arrays.sort(micros);
    return micros;
  }

  /**
   * Rows explained per second over the first {@code min(SHAP_ROWS, rows)} test rows, after explaining a few
   * rows over and over for the warm-up time; NaN when the library has no SHAP values.
   */
  double shapRate(Contender c, int rows) throws Exception {
    long start = System.nanoTime();
    do {
      if (!c.contributions(SHAP_WARM_ROWS)) {
        return Double.NaN;
      }
    } while (secondsSince(start) < warmSeconds);
    long timed = System.nanoTime();
    c.contributions(SHAP_ROWS);
    return Math.min(SHAP_ROWS, rows) / secondsSince(timed);
  }

  /** The value at quantile q of sorted values. */
  static double percentile(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
  }

  private static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
