package dev.boreal.cli.serve;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The request counters behind {@code GET /metrics}: requests by endpoint and status code, a latency histogram
 * per endpoint, and rows scored. Recording is three atomic increments into
 * arrays sized once, with no lock and no allocation, so it can sit on every request's path. Samples read while
 * requests are being recorded may be a request apart from each other (a request counted before its latency);
 * each counter on its own never goes backwards.
 */
final class ServeMetrics {
  /**
   * Upper bounds of the latency buckets, in seconds: from half a millisecond (a one-row prediction on an idle
   * server) to ten seconds (beyond any request's deadline), about three per decade as Prometheus's defaults.
   */
  static final double[] BUCKET_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
      5, 10};
  private static final long[] BUCKET_NANOS = new long[BUCKET_SECONDS.length];
  /** Status codes are counted by their number, from 100 to 599. */
  private static final int FIRST_STATUS = 100;
  private static final int STATUSES = 500;

  static {
    for (int b = 0; b < BUCKET_SECONDS.length; b++) {
      BUCKET_NANOS[b] = Math.round(BUCKET_SECONDS[b] * 1e9);
    }
  }

  private final int routes = Route.values().length;
  /** [route * STATUSES + status - FIRST_STATUS]: requests answered. */
  private final AtomicLongArray requests = new AtomicLongArray(routes * STATUSES);
  /** [route * (buckets + 1) + bucket]: requests whose latency fell in the bucket (not cumulative; +Inf last). */
  private final AtomicLongArray latencyBuckets = new AtomicLongArray(routes * (BUCKET_SECONDS.length + 1));
  /** [route]: the latencies' sum, in nanoseconds. */
  private final AtomicLongArray latencyNanos = new AtomicLongArray(routes);
  /** [route]: rows scored or explained. */
  private final AtomicLongArray rows = new AtomicLongArray(routes);

  /** Counts an answered request: its endpoint, status, and time from its headers to the end of its answer. */
  void answered(Route route, int status, long nanos) {
    int r = route.ordinal();
    int s = Math.min(Math.max(status, FIRST_STATUS), FIRST_STATUS + STATUSES - 1) - FIRST_STATUS;
    requests.getAndIncrement(r * STATUSES + s);
    int bucket = 0;
    while (bucket < BUCKET_NANOS.length && nanos > BUCKET_NANOS[bucket]) {
      bucket++;
    }
    latencyBuckets.getAndIncrement(r * (BUCKET_NANOS.length + 1) + bucket);
    latencyNanos.getAndAdd(r, nanos);
  }

  /** Counts {@code n} rows scored by {@code route}. */
  void scored(Route route, int n) {
    rows.getAndAdd(route.ordinal(), n);
  }

  /**
   * Writes the request families: {@code boreal_http_requests_total} (every endpoint and status seen),
   * {@code boreal_http_request_duration_seconds} (a histogram per endpoint that has answered) and
   * {@code boreal_rows_scored_total}.
   */
  void write(MetricsText out) {
    out.family("boreal_http_requests_total", "counter",
        "Requests answered, by endpoint and HTTP status code (errors are the codes of 400 and above).");
    for (Route route : Route.values()) {
      for (int s = 0; s < STATUSES; s++) {
        long n = requests.get(route.ordinal() * STATUSES + s);
        if (n > 0) {
          out.sample("boreal_http_requests_total", n, "endpoint", route.path(), "code",
              Integer.toString(FIRST_STATUS + s));
        }
      }
    }
    out.family("boreal_http_request_duration_seconds", "histogram",
        "Time from a request's headers to the end of its answer, by endpoint.");
    for (Route route : Route.values()) {
      writeHistogram(out, route);
    }
    out.family("boreal_rows_scored_total", "counter", "Rows predicted or explained, by endpoint.");
    out.sample("boreal_rows_scored_total", rows.get(Route.PREDICT.ordinal()), "endpoint", Route.PREDICT.path());
    out.sample("boreal_rows_scored_total", rows.get(Route.EXPLAIN.ordinal()), "endpoint", Route.EXPLAIN.path());
  }

  /**
   * Writes the live model's families: {@code boreal_model_info} (1, labelled with what the model is and which
   * version of its file is live) and {@code boreal_model_loaded_timestamp_seconds}.
   */
  static void writeModel(MetricsText out, LiveModel live) {
    out.family("boreal_model_info", "gauge", "The model answering now: 1, labelled with what it is and which "
        + "version of its file is live.");
    out.sample("boreal_model_info", 1L, "algorithm", live.model().algorithm(), "objective", live.model().objective(),
        "sha256", live.sha256(), "generation", Integer.toString(live.generation()));
    out.family("boreal_model_loaded_timestamp_seconds", "gauge", "When the live model was read, in seconds since "
        + "the Unix epoch.");
    out.sample("boreal_model_loaded_timestamp_seconds", live.loadedAt().toEpochMilli() / 1e3);
  }

  private void writeHistogram(MetricsText out, Route route) {
    int first = route.ordinal() * (BUCKET_NANOS.length + 1);
    long cumulative = 0;
    long[] upTo = new long[BUCKET_NANOS.length + 1];
    for (int b = 0; b <= BUCKET_NANOS.length; b++) {
      cumulative += latencyBuckets.get(first + b);
      upTo[b] = cumulative;
    }
    if (cumulative == 0) {
      return;
    }
    String name = "boreal_http_request_duration_seconds";
    for (int b = 0; b < BUCKET_NANOS.length; b++) {
      out.sample(name + "_bucket", upTo[b], "endpoint", route.path(), "le", MetricsText.number(BUCKET_SECONDS[b]));
    }
    out.sample(name + "_bucket", cumulative, "endpoint", route.path(), "le", "+Inf");
    out.sample(name + "_sum", latencyNanos.get(route.ordinal()) / 1e9, "endpoint", route.path());
    out.sample(name + "_count", cumulative, "endpoint", route.path());
  }
}
