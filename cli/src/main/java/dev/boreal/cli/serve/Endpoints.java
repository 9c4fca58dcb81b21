package dev.boreal.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.InputException;
import dev.boreal.api.RowBatch;
import java.nio.ByteBuffer;
import java.util.Set;
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
  private static final Set<String> POST_PATHS = Set.of("/predict", "/explain", "/reload");
  private static final Set<String> GET_PATHS = Set.of("/health", "/model");

  private final ScoringServer state;
  private final ServeLimits limits;
  private final ObjectMapper parser;
  private final BufferAllocator allocator;
  private final Executor scoring;
  private final ConnectionDeadlines connections;
  private final Semaphore permits;

  Endpoints(ScoringServer state, ServeLimits limits, BufferAllocator allocator, Executor scoring,
      ConnectionDeadlines connections) {
    this.state = state;
    this.limits = limits;
    this.parser = RowsRequest.parser(limits.maxJsonDepth());
    this.allocator = allocator;
    this.scoring = scoring;
    this.connections = connections;
    this.permits = new Semaphore(limits.threads());
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Connection connection = request.getConnectionMetaData().getConnection();
    connections.requestStarted(connection);
    Callback done = Callback.from(() -> {
      connections.answered(connection);
      callback.succeeded();
    }, failure -> {
      connections.answered(connection);
      callback.failed(failure);
    });
    try {
      route(request, response, done);
    } catch (HttpError e) {
      sendError(response, done, e);
    }
    return true;
  }

  private void route(Request request, Response response, Callback done) {
    if (connections.open() > limits.maxConnections()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      throw new HttpError(503, "The server has " + limits.maxConnections() + " connections open, its limit; "
          + "try again shortly.", null);
    }
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    boolean post = POST_PATHS.contains(path);
    if (post && !method.equals("POST") || GET_PATHS.contains(path) && !method.equals("GET")) {
      response.getHeaders().put(HttpHeader.ALLOW, post ? "POST" : "GET");
      throw new HttpError(405, path + " accepts " + (post ? "POST" : "GET") + ", not " + method + ".", null);
    }
    switch (path) {
      case "/health":
        send(response, done, 200, state.live().health());
        return;
      case "/model":
        send(response, done, 200, state.live().summary());
        return;
      case "/reload":
        answerLater(response, done, state::reload);
        return;
      case "/predict":
        readBody(request, response, done, body -> predict(state.live(), rows(body)));
        return;
      case "/explain":
        int topK = RowsRequest.topK(request.getHttpURI().getQuery(), state.live().model().numFeatures());
        readBody(request, response, done, body -> explain(rows(body), topK));
        return;
      default:
        throw new HttpError(404, "No endpoint " + path + "; the server answers POST /predict, POST /explain, "
            + "GET /health, GET /model and POST /reload.", null);
    }
  }

  /** Reads the whole body without a thread, then answers (408, 413 on the way). */
  private void readBody(Request request, Response response, Callback done, BodyAnswer answer) {
    long declared = request.getLength();
    if (declared > limits.maxBody()) {
      throw tooLarge(response);
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

  /** Scores row by row through the predictor's one-row path: no columns to build for a small request. */
  private static byte[] predict(LiveModel live, JsonNode rows) {
    RowsRequest.check(rows, live.schema());
    int n = rows.size();
    int k = live.model().numOutputs();
    double[] raw = new double[n * k];
    double[] one = new double[k];
    RowsRequest.RowView view = new RowsRequest.RowView();
    for (int r = 0; r < n; r++) {
      live.predictor().predictRaw(view.show(rows.get(r)), one);
      System.arraycopy(one, 0, raw, r * k, k);
    }
    double[] predicted = raw.clone();
    for (int r = 0; r < n; r++) {
      live.model().link().transformRow(predicted, r * k, k, predicted);
    }
    return Responses.predictions(live.model(), n, raw, predicted);
  }

  private byte[] explain(JsonNode rows, int topK) {
    LiveModel live = state.live();
    try (RowBatch batch = RowsRequest.batch(rows, live.schema(), allocator)) {
      return Responses.explanations(live.model(), live.explainer().explain(batch.columns(), topK), rows);
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
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), done);
  }

  /** What a complete body is answered with. */
  @FunctionalInterface
  private interface BodyAnswer {
    byte[] answer(byte[] body);
  }
}
