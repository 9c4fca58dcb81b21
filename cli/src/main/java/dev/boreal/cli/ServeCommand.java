package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.cli.serve.ScoringServer;
import dev.boreal.engine.model.Model;
import dev.boreal.io.ModelFormats;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code boreal serve}: scores and explains rows over HTTP with one model until stopped. SIGTERM (or
 * Ctrl-C) stops accepting connections, lets requests in flight finish, then exits.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve a model over HTTP/1.1 with JSON: POST /predict and POST /explain take "
        + "{\"rows\": [{\"feature\": value, ...}, ...]}; GET /health; GET /model gives the feature schema.",
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

  @Option(names = "--max-body", defaultValue = "1048576", paramLabel = "BYTES",
      description = "Largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
  long maxBody;

  @Option(names = "--drain-seconds", defaultValue = "10", paramLabel = "S",
      description = "On SIGTERM, how long requests in flight may take to finish (default: ${DEFAULT-VALUE}).")
  int drainSeconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (port < 0 || port > 65_535) {
      throw new UsageException("--port must be from 0 to 65535, but it is " + port + ".");
    }
    if (threadCount < 1) {
      throw new UsageException("--threads must be at least 1, but it is " + threadCount + ".");
    }
    if (maxBody < 1) {
      throw new UsageException("--max-body must be at least 1 byte, but it is " + maxBody + ".");
    }
    if (drainSeconds < 0) {
      throw new UsageException("--drain-seconds must not be negative, but it is " + drainSeconds + ".");
    }
    Model model = ModelFormats.load(modelFile);
    ScoringServer server;
    try {
      server = ScoringServer.start(model, modelFile.getFileName().toString(), host, port, threadCount, maxBody);
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
      server.stop(drainSeconds);
      err.println("boreal serve: stopped");
      err.flush();
      stopped.countDown();
    }, "boreal-serve-shutdown"));
    out.printf(Locale.ROOT, "Serving %s (%s, %d features) on http://%s:%d with %d threads; stop with Ctrl-C or "
        + "SIGTERM%n", modelFile, model.algorithm(), model.numFeatures(), host, server.port(), threadCount);
    out.flush();
    stopped.await();
    return 0;
  }
}
