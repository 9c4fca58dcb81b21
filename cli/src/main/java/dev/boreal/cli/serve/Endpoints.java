package dev.boreal.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.InputException;
import dev.boreal.api.RowBatch;
import dev.boreal.monitor.drift.ScoreHistogram;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's endpoints. Jetty calls {@link #handle} on one of its threads once a request's headers are in; a
 * body is then read without holding a thread, and only a complete body is scored, so slow clients cost
 * connections, never scoring. A body that is already in (the common small request) is scored at once on the
 * handling thread; one that arrives later is queued for the scoring threads. Either way at most
 * {@code threads} requests are scored at once. Every answer is JSON, and no answer names a Java class.
 */
final class Endpoints extends Handler.Abstract {
  /** A too-large body up to this many times the limit is read and dropped before the 413 goes out. */
  private static final long DRAINED_BODY_LIMITS = 8;

  private final ScoringServer state;
  private final ServeLimits limits;
  private final ObjectMapper parser;
  private final BufferAllocator allocator;
  private final Executor scoring;
  private final ConnectionDeadlines connections;
  private final Semaphore permits;
  /** The request counters, or {@code null} when the server does not count. */
  private final ServeMetrics metrics;
  /** Where {@code GET /drift}'s thresholds are computed, off the scoring threads. */
  private final DriftThresholds thresholds;

  Endpoints(ScoringServer state, ServeLimits limits, BufferAllocator allocator, Executor scoring,
      ConnectionDeadlines connections, ServeMetrics metrics, DriftThresholds thresholds) {
    this.thresholds = thresholds;
    this.state = state;
    this.limits = limits;
    this.parser = RowsRequest.parser(limits.maxJsonDepth());
    this.allocator = allocator;
    this.scoring = scoring;
    this.connections = connections;
    this.permits = new Semaphore(limits.threads());
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Connection connection = request.getConnectionMetaData().getConnection();
    connections.requestStarted(connection);
    Route route = Route.of(Request.getPathInContext(request));
    long started = System.nanoTime();
    Callback done = Callback.from(() -> {
      connections.answered(connection);
      if (metrics != null) {
        metrics.answered(route, response.getStatus(), System.nanoTime() - started);
      }
      callback.succeeded();
    }, failure -> {
      connections.answered(connection);
      callback.failed(failure);
    });
    try {
      route(route, request, response, done);
    } catch (HttpError e) {
      refuse(request, response, done, e);
    }
    return true;
  }

  private void route(Route route, Request request, Response response, Callback done) {
    if (connections.open() > limits.maxConnections()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      throw new HttpError(503, "The server has " + limits.maxConnections() + " connections open, its limit; "
          + "try again shortly.", null);
    }
    String method = request.getMethod();
    if (route != Route.OTHER && !method.equals(route.method())) {
      response.getHeaders().put(HttpHeader.ALLOW, route.method());
      throw new HttpError(405, route.path() + " accepts " + route.method() + ", not " + method + ".", null);
    }
    switch (route) {
      case HEALTH -> send(response, done, 200, state.live().health());
      case MODEL -> send(response, done, 200, state.live().summary());
      case METRICS -> send(response, done, 200, MetricsText.CONTENT_TYPE, metricsText());
      case DRIFT -> drift(response, done);
      case RELOAD -> answerLater(response, done, state::reload);
      case PREDICT -> readBody(request, response, done, body -> predict(rows(body)));
      case EXPLAIN -> {
        int topK = RowsRequest.topK(request.getHttpURI().getQuery(), state.live().model().numFeatures());
        readBody(request, response, done, body -> explain(rows(body), topK));
      }
      default -> throw new HttpError(404, "No endpoint " + Request.getPathInContext(request) + "; the server "
          + "answers POST /predict, POST /explain, GET /health, GET /model, GET /metrics, GET /drift and POST "
          + "/reload.", null);
    }
  }

  /** {@code GET /metrics}: the request counters, then the live model and the drift of its window. */
  private byte[] metricsText() {
    if (metrics == null) {
      throw new HttpError(404, "The server was started with --no-monitor, so it keeps no metrics.", null);
    }
    MetricsText text = new MetricsText();
    metrics.write(text);
    LiveModel live = state.live();
    ServeMetrics.writeModel(text, live);
    WindowDrift.writeGauges(text, live);
    return text.bytes();
  }

  /** Reads the whole body without a thread, then answers (408, 413 on the way). */
  private void readBody(Request request, Response response, Callback done, BodyAnswer answer) {
    long declared = request.getLength();
    if (declared > limits.maxBody()) {
      refuse(request, response, done, tooLarge(response));
      return;
    }
    boolean[] handling = {true};
    Content.Source.asByteArrayAsync(request, (int) Math.min(Integer.MAX_VALUE - 8, limits.maxBody()))
        .orTimeout(limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((body, failure) -> {
          if (failure == null) {
            if (handling[0] && permits.tryAcquire()) {
              answerWithPermit(response, done, () -> answer.answer(body));
            } else {
              answerLater(response, done, () -> answer.answer(body));
            }
            return;
          }
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          response.getHeaders().put(HttpHeader.CONNECTION, "close");
          if (cause instanceof TimeoutException) {
            sendError(response, done, new HttpError(408, "The body did not arrive within "
                + limits.bodyTimeout().toSeconds() + " s of the headers.", null));
          } else if (declared < 0 && cause instanceof IllegalArgumentException) {
            sendError(response, done, tooLarge(response));
          } else {
            // The client went away or broke the framing: there is nobody to tell.
            done.failed(cause);
          }
        });
    handling[0] = false;
  }

  /**
   * Answers an error once the request's body is read and dropped. Closing with a body unread resets the
   * connection: the reset can discard the answer before the client reads it, and a client that pooled the
   * connection meets it closed. A body of more than a few limits, or of unknown length, is not read; the answer
   * closes the connection instead.
   */
  private void refuse(Request request, Response response, Callback done, HttpError error) {
    long declared = request.getLength();
    boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (declared > DRAINED_BODY_LIMITS * limits.maxBody() || (declared < 0 && chunked)) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      sendError(response, done, error);
      return;
    }
    Content.Source.consumeAll(request, Callback.from(() -> sendError(response, done, error),
        failure -> sendError(response, done, error)));
  }

  /**
   * {@code GET /drift}: waits, holding no thread, up to {@link DriftThresholds#WAIT} for the thresholds of the
   * window's size to be computed in the background, then answers on a scoring thread (the report, or 503 when
   * they are still being computed).
   */
  private void drift(Response response, Callback done) {
    CompletableFuture<Void> ready = WindowDrift.thresholdsFor(state.live(), thresholds);
    Supplier<byte[]> report = () -> WindowDrift.report(state.live(), metrics != null, thresholds);
    if (ready.isDone()) {
      answerLater(response, done, report);
      return;
    }
    ready.copy().completeOnTimeout(null, DriftThresholds.WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((computed, failure) -> answerLater(response, done, report));
  }

  /** Answers on a scoring thread once a permit is free; 503 when the queue is full. */
  private void answerLater(Response response, Callback done, Supplier<byte[]> answer) {
    try {
      scoring.execute(() -> {
        permits.acquireUninterruptibly();
        answerWithPermit(response, done, answer);
      });
    } catch (RejectedExecutionException e) {
      sendError(response, done, new HttpError(503, "Every scoring thread is busy and the queue is full; try "
          + "again shortly.", null));
    }
  }

  /** Computes and sends an answer, then gives back the scoring permit the caller holds. */
  private void answerWithPermit(Response response, Callback done, Supplier<byte[]> answer) {
    try {
      send(response, done, 200, answer.get());
    } catch (HttpError e) {
      sendError(response, done, e);
    } catch (InputException e) {
      sendError(response, done, new HttpError(400, e.getMessage(), null));
    } catch (RuntimeException e) {
      // A bug, not the client's fault: the log has it, the client a sentence.
      System.err.println("boreal serve: internal error: " + e);
      sendError(response, done, new HttpError(500, "Internal error; the server's log has the details.", null));
    } finally {
      permits.release();
    }
  }

  private JsonNode rows(byte[] body) {
    return RowsRequest.rows(RowsRequest.parse(parser, body));
  }

  /**
   * Scores row by row through the predictor's one-row path: no columns to build for a small request. When the
   * server counts, each row's cells are counted from the encoded row the predictor leaves behind.
   */
  private byte[] predict(JsonNode rows) {
    LiveModel live = state.live();
    RowsRequest.check(rows, live.schema());
    int n = rows.size();
    int k = live.model().numOutputs();
    double[] raw = new double[n * k];
    double[] predicted = new double[n * k];
    double[] one = new double[k];
    RowsRequest.RowView view = new RowsRequest.RowView();
    BinWindow window = live.window();
    double[] encoded = window == null ? null : new double[live.model().numFeatures()];
    for (int r = 0; r < n; r++) {
      view.show(rows.get(r));
      if (window == null) {
        live.predictor().predictRaw(view, one);
      } else {
        live.predictor().predictRaw(view, encoded, one);
      }
      System.arraycopy(one, 0, raw, r * k, k);
      live.model().link().transformRow(raw, r * k, k, predicted);
      if (window != null) {
        window.add(encoded, view, ScoreHistogram.score(predicted, r * k, k));
      }
    }
    if (metrics != null) {
      metrics.scored(Route.PREDICT, n);
    }
    return Responses.predictions(live.model(), n, raw, predicted);
  }

  private byte[] explain(JsonNode rows, int topK) {
    LiveModel live = state.live();
    try (RowBatch batch = RowsRequest.batch(rows, live.schema(), allocator)) {
      byte[] answer = Responses.explanations(live.model(), live.explainer().explain(batch.columns(), topK), rows);
      if (metrics != null) {
        metrics.scored(Route.EXPLAIN, rows.size());
      }
      return answer;
    }
  }

  private HttpError tooLarge(Response response) {
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    return new HttpError(413, "The body is larger than the server's limit of " + limits.maxBody() + " bytes; "
        + "send fewer rows per request.", null);
  }

  private static void sendError(Response response, Callback done, HttpError e) {
    send(response, done, e.status(), Responses.error(e.getMessage(), e.field()));
  }

  static void send(Response response, Callback done, int status, byte[] body) {
    send(response, done, status, "application/json; charset=utf-8", body);
  }

  private static void send(Response response, Callback done, int status, String contentType, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), done);
  }

  /** What a complete body is answered with. */
  @FunctionalInterface
  private interface BodyAnswer {
    byte[] answer(byte[] body);
  }
}
