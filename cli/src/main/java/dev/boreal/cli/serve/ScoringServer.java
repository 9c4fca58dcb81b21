package dev.boreal.cli.serve;

import dev.boreal.InputException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An HTTP/1.1 JSON scoring service for one model file:
 * <ul>
 *   <li>{@code POST /predict} {@code {"rows": [{...}, ...]}}: predictions (and class labels);</li>
 *   <li>{@code POST /explain?top_k=3}: predictions, SHAP values and the top reasons of each row;</li>
 *   <li>{@code GET /health}; {@code GET /model}: the feature schema, the model, and which file version is
 *       live; {@code POST /reload}: reads the model file again and switches to it, or keeps the live model
 *       and says why when the file is not a valid model;</li>
 *   <li>{@code GET /metrics}: request counts, latencies, rows scored and per-feature PSI in the Prometheus text
 *       format; {@code GET /drift}: the drift report of the last rows scored against the model's training
 *       profile ({@link ServeMonitoring}).</li>
 * </ul>
 * Connections are Jetty's: headers and bodies are read without holding a thread, and only complete requests
 * reach the fixed pool of scoring threads, so clients that send slowly or not at all cannot keep others from
 * being answered (see {@link ServeLimits}). Predictions go row by row through the predictor's allocation-free
 * one-row path and explanations through batch TreeSHAP; both encode rows and walk the trees as
 * {@code boreal predict} does, so the answers are the batch answers, bit for bit.
 *
 * <p>Jetty was chosen over the JDK's {@code com.sun.net.httpserver} because the JDK's server reads request
 * headers on its handler threads: two clients that send half a request held both threads of a 2-core server,
 * and it has no per-request read deadline to free them.
 */
public final class ScoringServer {
  private final Path modelFile;
  private final ServeMonitoring monitoring;
  private final AtomicReference<LiveModel> live;
  private final BufferAllocator allocator = new RootAllocator();
  private final ThreadPoolExecutor scoring;
  private final DriftThresholds thresholds = DriftThresholds.background();
  private final ConnectionDeadlines connections;
  private final GracefulHandler graceful;
  private final Server server;
  private final ServerConnector connector;

  private ScoringServer(Path modelFile, String host, int port, ServeLimits limits, ServeMonitoring monitoring) {
    this.modelFile = modelFile;
    this.monitoring = monitoring;
    this.live = new AtomicReference<>(LiveModel.load(modelFile, 1, monitoring));
    // Queued requests wait for a thread; beyond the queue a request is told to come back (503) at once.
    this.scoring = new ThreadPoolExecutor(limits.threads(), limits.threads(), 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(64 * limits.threads()), daemonThreads("boreal-serve-"));
    this.connections = new ConnectionDeadlines(limits.headerTimeout(), limits.idleTimeout());
    QueuedThreadPool jettyThreads = new QueuedThreadPool(16, 4);
    jettyThreads.setName("boreal-serve-io");
    jettyThreads.setDaemon(true);
    this.server = new Server(jettyThreads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(16 * 1024);
    http.setIdleTimeout(limits.idleTimeout().toMillis());
    this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    connector.addBean(connections);
    server.addConnector(connector);
    // Past twice the limit a connection is not even accepted; up to it, it is answered 503.
    server.addBean(new NetworkConnectionLimit(2 * limits.maxConnections() + 16, connector));
    this.graceful = new GracefulHandler(new Endpoints(this, limits, allocator, scoring, connections,
        monitoring.on() ? new ServeMetrics() : null, thresholds));
    server.setHandler(graceful);
    server.setErrorHandler(ScoringServer::jettyError);
  }

  /**
   * Reads the model file and starts serving it, counting its traffic with the default drift window.
   *
   * @param host the address to listen on, e.g. "127.0.0.1" or "0.0.0.0"
   * @param port the port, or 0 for any free one ({@link #port()} tells which)
   * @throws InputException if the model file cannot be read or is not a valid model
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ScoringServer start(Path modelFile, String host, int port, ServeLimits limits) {
    return start(modelFile, host, port, limits, ServeMonitoring.defaults());
  }

  /**
   * Reads the model file and starts serving it.
   *
   * @param host the address to listen on, e.g. "127.0.0.1" or "0.0.0.0"
   * @param port the port, or 0 for any free one ({@link #port()} tells which)
   * @param monitoring whether to count traffic for {@code GET /metrics} and {@code GET /drift}, and over how
   *     many rows
   * @throws InputException if the model file cannot be read or is not a valid model
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ScoringServer start(Path modelFile, String host, int port, ServeLimits limits,
      ServeMonitoring monitoring) {
    ScoringServer s = new ScoringServer(modelFile, host, port, limits, monitoring);
    try {
      s.server.start();
    } catch (Exception e) {
      s.release();
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")",
          e instanceof java.io.IOException io ? io : new java.io.IOException(e));
    }
    return s;
  }

  /** The port the server listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** The model answering now. */
  LiveModel live() {
    return live.get();
  }

  /**
   * Reads the model file again and switches to it; requests already started finish with the model they
   * started with. On failure the live model stays.
   *
   * @return {@code GET /model}'s answer for the new model
   * @throws HttpError 422 naming what is wrong with the file and which model stays live
   */
  synchronized byte[] reload() {
    LiveModel old = live.get();
    try {
      LiveModel next = LiveModel.load(modelFile, old.generation() + 1, monitoring);
      live.set(next);
      return next.summary();
    } catch (InputException e) {
      throw new HttpError(422, e.getMessage() + " The server keeps the model loaded at " + old.loadedAt()
          + " (sha256 " + old.sha256() + ").", null);
    }
  }

  /**
   * Reloads as {@code POST /reload} does, for a signal: one sentence saying what is live now.
   */
  public String reloadFromSignal() {
    try {
      reload();
      LiveModel now = live.get();
      return "reloaded " + modelFile + " (sha256 " + now.sha256() + ", generation " + now.generation() + ")";
    } catch (HttpError e) {
      return "reload failed: " + e.getMessage();
    }
  }

  /**
   * Stops accepting connections, lets requests in flight finish for up to {@code drain} (returning as soon as
   * none is left), then releases the threads and memory.
   */
  public void stop(Duration drain) {
    server.setStopTimeout(Math.max(1, drain.toMillis()));
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping late or uncleanly still ends with the threads and memory released below.
    }
    release();
  }

  /** Requests being answered now. */
  long requestsInFlight() {
    return graceful.getCurrentRequestCount();
  }

  private void release() {
    connections.close();
    thresholds.close();
    scoring.shutdownNow();
    try {
      scoring.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    allocator.close();
  }

  /**
   * Jetty's own refusals (a malformed request line, headers over 16 KiB, requests while stopping) as JSON,
   * with no server internals.
   */
  private static boolean jettyError(Request request, org.eclipse.jetty.server.Response response,
      org.eclipse.jetty.util.Callback callback) {
    Object code = request.getAttribute(ErrorHandler.ERROR_STATUS);
    int status = code instanceof Integer c && c >= 400 ? c : response.getStatus() >= 400 ? response.getStatus() : 400;
    // While stopping, Jetty's graceful shutdown answers requests on open connections 503.
    String message = status == 503 ? "The server is stopping; send the request again to another instance."
        : "The request was refused: " + HttpStatus.getMessage(status) + ".";
    byte[] body = Responses.error(message, null);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
