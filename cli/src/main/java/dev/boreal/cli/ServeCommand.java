package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.cli.serve.ScoringServer;
import dev.boreal.cli.serve.ReloadSignal;
import dev.boreal.cli.serve.ServeLimits;
import dev.boreal.cli.serve.ServeMonitoring;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code boreal serve}: scores and explains rows over HTTP with one model file until stopped. SIGHUP (or
 * {@code POST /reload}) reads the file again; SIGTERM (or Ctrl-C) stops accepting connections, lets requests in
 * flight finish, then exits.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve a model over HTTP/1.1 with JSON: POST /predict and POST /explain take "
        + "{\"rows\": [{\"feature\": value, ...}, ...]}; GET /health; GET /model gives the feature schema; "
        + "GET /metrics speaks Prometheus; GET /drift tests the last rows scored against the model's profile.",
        "The model may be a Boreal model, an XGBoost JSON model or a LightGBM text model."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M", description = "The model file (any supported format).")
  Path modelFile;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--threads", paramLabel = "N", description = "Request threads (default: the number of cores).")
  Integer threads;

  @Option(names = "--max-body", defaultValue = "" + ServeLimits.DEFAULT_MAX_BODY, paramLabel = "BYTES",
      description = "Largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Option(names = "--max-connections", defaultValue = "" + ServeLimits.DEFAULT_MAX_CONNECTIONS, paramLabel = "N",
      description = "Open connections served; a request on one beyond them gets 503 (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--header-timeout", defaultValue = "" + ServeLimits.DEFAULT_HEADER_SECONDS, paramLabel = "S",
      description = "Seconds a client has to send a request's headers, from connecting or after an idle wait; "
          + "the connection is closed after (default: ${DEFAULT-VALUE}).")
  int headerSeconds;

  @Option(names = "--body-timeout", defaultValue = "" + ServeLimits.DEFAULT_BODY_SECONDS, paramLabel = "S",
      description = "Seconds a client has to send a request's body after its headers; 408 after "
          + "(default: ${DEFAULT-VALUE}).")
  int bodySeconds;

  @Option(names = "--idle-timeout", defaultValue = "" + ServeLimits.DEFAULT_IDLE_SECONDS, paramLabel = "S",
      description = "Seconds a connection may stay silent before it is closed (default: ${DEFAULT-VALUE}).")
  int idleSeconds;

  @Option(names = "--drain-seconds", defaultValue = "10", paramLabel = "S",
      description = "On SIGTERM, how long requests in flight may take to finish; an idle server stops at once "
          + "(default: ${DEFAULT-VALUE}).")
  int drainSeconds;

  @Option(names = "--drift-window", defaultValue = "" + ServeMonitoring.DEFAULT_WINDOW_ROWS, paramLabel = "ROWS",
      description = "GET /drift compares the last ROWS rows of POST /predict with the model's training profile; "
          + "the window drops its oldest tenth at a time (default: ${DEFAULT-VALUE}).")
  long driftWindow;

  @Option(names = "--no-monitor", description = "Count nothing: no GET /metrics, no GET /drift (to measure what "
      + "counting costs).")
  boolean noMonitor;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (port < 0 || port > 65_535) {
      throw new UsageException("--port must be from 0 to 65535, but it is " + port + ".");
    }
    atLeast("--threads", threadCount, 1);
    atLeast("--max-body", maxBody, 1);
    atLeast("--max-connections", maxConnections, 1);
    atLeast("--header-timeout", headerSeconds, 1);
    atLeast("--body-timeout", bodySeconds, 1);
    atLeast("--idle-timeout", idleSeconds, 1);
    atLeast("--drain-seconds", drainSeconds, 0);
    atLeast("--drift-window", driftWindow, 1);
    ServeMonitoring monitoring = noMonitor ? ServeMonitoring.off() : ServeMonitoring.window(driftWindow);
    ServeLimits limits = ServeLimits.defaults(threadCount).withMaxBody(maxBody).withMaxConnections(maxConnections)
        .withTimeouts(Duration.ofSeconds(headerSeconds), Duration.ofSeconds(bodySeconds),
            Duration.ofSeconds(idleSeconds));
    ScoringServer server;
    try {
      server = ScoringServer.start(modelFile, host, port, limits, monitoring);
    } catch (UncheckedIOException e) {
      throw new UsageException("Cannot listen on " + host + ":" + port + " (" + e.getCause().getMessage()
          + "); choose another --port or --host.");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      err.printf(Locale.ROOT, "boreal serve: stopping; requests in flight have %d s to finish%n", drainSeconds);
      err.flush();
      server.stop(Duration.ofSeconds(drainSeconds));
      err.println("boreal serve: stopped");
      err.flush();
      stopped.countDown();
    }, "boreal-serve-shutdown"));
    ReloadSignal.install(() -> {
      err.println("boreal serve: SIGHUP: " + server.reloadFromSignal());
      err.flush();
    });
    out.printf(Locale.ROOT, "Serving %s on http://%s:%d with %d threads; reload with SIGHUP or POST /reload, stop "
        + "with Ctrl-C or SIGTERM%n", modelFile, host, server.port(), threadCount);
    out.flush();
    stopped.await();
    return 0;
  }

  private static void atLeast(String option, long value, long least) {
    if (value < least) {
      throw new UsageException(option + " must be at least " + least + ", but it is " + value + ".");
    }
  }
}
