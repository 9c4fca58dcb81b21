package dev.boreal.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.boreal.api.RowBatch;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.explain.RowExplainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * An HTTP/1.1 JSON scoring service for one model, on the JDK's {@code com.sun.net.httpserver} with a fixed
 * pool of handler threads (no other dependency):
 * <ul>
 *   <li>{@code POST /predict} {@code {"rows": [{...}, ...]}}: predictions (and class labels);</li>
 *   <li>{@code POST /explain?top_k=3}: predictions, SHAP values and the top reasons of each row;</li>
 *   <li>{@code GET /health}; {@code GET /model}: the feature schema and a summary of the model.</li>
 * </ul>
 * A body that is not JSON, a value of the wrong type or a missing feature gets 400 with a JSON error
 * naming the field; a body over the size limit 413; an unknown path 404; a known path with another method
 * 405. Predictions go row by row through the predictor's allocation-free one-row path and explanations
 * through the column path of batch explanation; both encode rows and walk the trees exactly as
 * {@code boreal predict} does, so the answers are the batch answers, bit for bit.
 *
 * <p>{@link #stop(int)} stops accepting connections, lets requests in flight finish (up to the drain time)
 * and releases the threads and memory.
 */
public final class ScoringServer {
  private static final Set<String> POST_PATHS = Set.of("/predict", "/explain");
  private static final Set<String> GET_PATHS = Set.of("/health", "/model");
  /** Most bytes of an oversized body read and dropped before answering 413. */
  private static final long SWALLOW = 8L << 20;
  /** Reasons per row when {@code top_k} is not given. */
  static final int DEFAULT_TOP_K = 3;

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body waits for the
    // client's delayed ACK (about 40 ms) on every kept-alive request. Read once, when its config loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Model model;
  private final Predictor predictor;
  private final RowExplainer explainer;
  private final RowBatch.Schema schema;
  private final long maxBody;
  private final byte[] health;
  private final byte[] summary;
  private final BufferAllocator allocator = new RootAllocator();
  private final ExecutorService pool;
  private final HttpServer server;

  private ScoringServer(Model model, String source, InetSocketAddress address, int threads, long maxBody)
      throws IOException {
    this.model = model;
    this.predictor = model.predictor();
    this.explainer = RowExplainer.of(model);
    this.schema = new RowBatch.Schema(model);
    this.maxBody = maxBody;
    this.health = Responses.health(model);
    this.summary = Responses.model(model, source);
    this.pool = Executors.newFixedThreadPool(threads, handlerThreads());
    this.server = HttpServer.create(address, 256);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
  }

  /**
   * Starts serving {@code model}.
   *
   * @param source how {@code GET /model} names where the model came from
   * @param host the address to listen on, e.g. "127.0.0.1" or "0.0.0.0"
   * @param port the port, or 0 for any free one ({@link #port()} tells which)
   * @param threads handler threads
   * @param maxBody largest request body accepted, in bytes
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ScoringServer start(Model model, String source, String host, int port, int threads, long maxBody) {
    try {
      ScoringServer s = new ScoringServer(model, source, new InetSocketAddress(host, port), threads, maxBody);
      s.server.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")", e);
    }
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Stops accepting connections, waits up to {@code drainSeconds} for requests in flight to be answered,
   * then stops the handler threads and releases memory.
   */
  public void stop(int drainSeconds) {
    server.stop(drainSeconds);
    pool.shutdown();
    try {
      pool.awaitTermination(Math.max(1, drainSeconds), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pool.shutdownNow();
    allocator.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (HttpError e) {
        send(exchange, e.status(), Responses.error(e.getMessage(), e.field()));
      } catch (RuntimeException e) {
        // A bug, not the client's fault: say so without the stack trace.
        send(exchange, 500, Responses.error("Internal error: " + e, null));
      }
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (POST_PATHS.contains(path) && !method.equals("POST") || GET_PATHS.contains(path) && !method.equals("GET")) {
      exchange.getResponseHeaders().set("Allow", POST_PATHS.contains(path) ? "POST" : "GET");
      throw new HttpError(405, path + " accepts " + (POST_PATHS.contains(path) ? "POST" : "GET") + ", not "
          + method + ".", null);
    }
    switch (path) {
      case "/health":
        send(exchange, 200, health);
        return;
      case "/model":
        send(exchange, 200, summary);
        return;
      case "/predict":
        send(exchange, 200, predict(RowsRequest.rows(RowsRequest.parse(body(exchange)))));
        return;
      case "/explain":
        int topK = topK(exchange.getRequestURI());
        send(exchange, 200, explain(RowsRequest.rows(RowsRequest.parse(body(exchange))), topK));
        return;
      default:
        throw new HttpError(404, "No endpoint " + path + "; the server answers POST /predict, POST /explain, "
            + "GET /health and GET /model.", null);
    }
  }

  /** Scores row by row through the predictor's one-row path: no columns to build for a small request. */
  private byte[] predict(JsonNode rows) {
    RowsRequest.check(rows, schema);
    int n = rows.size();
    int k = model.numOutputs();
    double[] raw = new double[n * k];
    double[] one = new double[k];
    RowsRequest.RowView view = new RowsRequest.RowView();
    for (int r = 0; r < n; r++) {
      predictor.predictRaw(view.show(rows.get(r)), one);
      System.arraycopy(one, 0, raw, r * k, k);
    }
    double[] predicted = raw.clone();
    for (int r = 0; r < n; r++) {
      model.link().transformRow(predicted, r * k, k, predicted);
    }
    return Responses.predictions(model, n, raw, predicted);
  }

  private byte[] explain(JsonNode rows, int topK) {
    try (RowBatch batch = RowsRequest.batch(rows, schema, allocator)) {
      return Responses.explanations(model, explainer.explain(batch.columns(), topK), rows);
    }
  }

  /** {@code top_k} from the query string: a whole number from 0 to the number of features. */
  private int topK(URI uri) {
    String query = uri.getRawQuery();
    if (query == null) {
      return Math.min(DEFAULT_TOP_K, model.numFeatures());
    }
    for (String part : query.split("&")) {
      if (part.startsWith("top_k=")) {
        String text = part.substring("top_k=".length());
        try {
          int k = Integer.parseInt(text);
          if (k >= 0 && k <= model.numFeatures()) {
            return k;
          }
        } catch (NumberFormatException e) {
          // falls through to the error below
        }
        throw HttpError.badRequest("top_k must be a whole number from 0 to " + model.numFeatures() + ", but it is '"
            + text + "'.", "top_k");
      }
    }
    return Math.min(DEFAULT_TOP_K, model.numFeatures());
  }

  /** The request body, refused with 413 as soon as it is known to exceed the limit. */
  private byte[] body(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    long declared;
    try {
      declared = length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      throw HttpError.badRequest("Content-Length '" + length + "' is not a number.", null);
    }
    try (InputStream in = exchange.getRequestBody()) {
      if (declared > maxBody) {
        throw tooLarge(exchange, in);
      }
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
      if (body.length > maxBody) {
        throw tooLarge(exchange, in);
      }
      return body;
    }
  }

  /**
   * A 413, after reading and dropping up to {@link #SWALLOW} bytes of the body: a client still sending
   * when the connection closes would be reset before it reads the answer. The body is never kept, and
   * the connection is closed after the answer.
   */
  private HttpError tooLarge(HttpExchange exchange, InputStream in) throws IOException {
    byte[] sink = new byte[8192];
    long dropped = 0;
    for (int n = 0; dropped < SWALLOW && n >= 0; n = in.read(sink)) {
      dropped += n;
    }
    exchange.getResponseHeaders().set("Connection", "close");
    return new HttpError(413, "The body is larger than the server's limit of " + maxBody + " bytes; send fewer "
        + "rows per request.", null);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static ThreadFactory handlerThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "boreal-serve-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
