/**
 * {@code boreal serve}: the HTTP scoring service on an embedded Jetty. {@link dev.boreal.cli.serve.ScoringServer}
 * starts, reloads and stops it; {@code Endpoints} routes and answers requests; {@code ConnectionDeadlines}
 * closes connections that take too long over their headers; {@link dev.boreal.cli.serve.ServeLimits} says how
 * long and how large; {@code LiveModel} is the model answering now; {@code RowsRequest} reads and checks
 * request bodies; {@code Responses} writes the JSON answers. {@link dev.boreal.cli.serve.ServeMonitoring} says
 * what the server counts: {@code Route} names the endpoints, {@code ServeMetrics} counts requests, latencies and
 * rows, {@code MetricsText} writes them in the Prometheus text format, and {@code BinWindow} counts the last rows
 * scored into the cells drift is measured on.
 */
package dev.boreal.cli.serve;
