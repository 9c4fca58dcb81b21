package dev.boreal.cli.serve;

/**
 * The server's endpoints by path, with the method each accepts: how requests are routed and how
 * {@code GET /metrics} labels them. Every path the server does not serve is {@link #OTHER}, so a client cannot
 * grow the metrics by inventing paths.
 */
enum Route {
  PREDICT("/predict", "POST"),
  EXPLAIN("/explain", "POST"),
  RELOAD("/reload", "POST"),
  HEALTH("/health", "GET"),
  MODEL("/model", "GET"),
  METRICS("/metrics", "GET"),
  DRIFT("/drift", "GET"),
  OTHER("other", null);

  private static final Route[] ALL = values();

  private final String path;
  private final String method;

  Route(String path, String method) {
    this.path = path;
    this.method = method;
  }

  /** The route of a request path; {@link #OTHER} for a path the server does not serve. */
  static Route of(String path) {
    for (Route r : ALL) {
      if (r.path.equals(path)) {
        return r;
      }
    }
    return OTHER;
  }

  /** The path, or "other"; the {@code endpoint} label of the metrics. */
  String path() {
    return path;
  }

  /** The one method the endpoint accepts; {@code null} for {@link #OTHER}. */
  String method() {
    return method;
  }
}
