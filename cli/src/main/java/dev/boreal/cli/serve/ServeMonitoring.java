package dev.boreal.cli.serve;

/**
 * What the scoring server counts about its traffic: request counts, latencies and rows for
 * {@code GET /metrics}, and, when the model file holds a drift profile, the per-feature cell counts of the last
 * {@code windowRows} rows scored by {@code POST /predict} that {@code GET /drift} and the PSI gauges compare
 * with it. Off, the server counts nothing and both endpoints answer 404; that is how the cost of counting is
 * measured.
 *
 * @param on whether the server counts
 * @param windowRows rows the drift window holds (see {@link BinWindow}); at least 1
 */
public record ServeMonitoring(boolean on, long windowRows) {
  /** The drift window when none is given: enough rows for a bin with a 1% share to hold about a thousand. */
  public static final long DEFAULT_WINDOW_ROWS = 100_000;

  /** Checks the window holds at least one row. */
  public ServeMonitoring {
    if (windowRows < 1) {
      throw new IllegalArgumentException("the drift window must hold at least one row");
    }
  }

  /** Counting on, with the default window. */
  public static ServeMonitoring defaults() {
    return new ServeMonitoring(true, DEFAULT_WINDOW_ROWS);
  }

  /** Counting off. */
  public static ServeMonitoring off() {
    return new ServeMonitoring(false, DEFAULT_WINDOW_ROWS);
  }

  /** Counting on, with a window of {@code rows} rows. */
  public static ServeMonitoring window(long rows) {
    return new ServeMonitoring(true, rows);
  }
}
