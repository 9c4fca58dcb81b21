package dev.boreal.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring server over 127.0.0.1: every endpoint's answer, every error status, and a bounded load test
 * (16 clients, 500 one-row requests) whose answers must all equal batch prediction.
 */
class ScoringServerTest {
  @TempDir
  static Path dir;
  static ServeFixture fixture;
  static ScoringServer server;
  static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    fixture = ServeFixture.create(dir, 3000, 400, 30);
    server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(4).withMaxBody(65_536));
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    server.stop(Duration.ofSeconds(1));
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return ServeFixture.JSON.readTree(response.body());
  }

  @Test
  void predictAnswersAsBatchPrediction() throws Exception {
    HttpResponse<String> response = post("/predict", fixture.body(0, 50));
    assertEquals(200, response.statusCode());
    assertEquals(Optional.of("application/json; charset=utf-8"), response.headers().firstValue("Content-Type"));
    JsonNode answer = json(response);
    for (int r = 0; r < 50; r++) {
      double p = answer.get("predictions").get(r).doubleValue();
      assertEquals(fixture.batch()[r], p, 0.0, "row " + r);
      assertEquals(p > 0.5 ? "1" : "0", answer.get("labels").get(r).textValue());
    }
  }

  @Test
  void explainGivesShapValuesThatAddUpAndTheTopReasons() throws Exception {
    JsonNode answer = json(post("/explain?top_k=2", fixture.body(10, 20)));
    for (int r = 0; r < 10; r++) {
      JsonNode e = answer.get("explanations").get(r);
      assertEquals(fixture.batch()[10 + r], e.get("prediction").doubleValue(), 0.0);
      double sum = e.get("expected_value").doubleValue();
      for (String name : fixture.model().featureNames()) {
        sum += e.get("shap").get(name).doubleValue();
      }
      assertEquals(e.get("raw").doubleValue(), sum, 1e-9);
      JsonNode reasons = e.get("reasons");
      assertTrue(reasons.size() <= 2);
      for (JsonNode reason : reasons) {
        String feature = reason.get("feature").textValue();
        assertEquals(e.get("shap").get(feature).doubleValue(), reason.get("contribution").doubleValue(), 0.0);
        assertEquals(fixture.rows().get(10 + r).get(feature), reason.get("value"));
      }
    }
    JsonNode first = json(post("/explain", fixture.body(0, 1))).get("explanations").get(0);
    int raising = 0;
    for (JsonNode value : first.get("shap")) {
      raising += value.doubleValue() > 0 ? 1 : 0;
    }
    assertEquals(Math.min(3, raising), first.get("reasons").size(), "three reasons by default");
  }

  @Test
  void healthAndModelDescribeTheService() throws Exception {
    HttpResponse<String> health = get("/health");
    assertEquals(200, health.statusCode());
    assertEquals("ok", json(health).get("status").textValue());
    JsonNode model = json(get("/model"));
    assertEquals("binary", model.get("objective").textValue());
    assertEquals(29, model.get("features").size());
    JsonNode channel = model.get("features").get(28);
    assertEquals("channel", channel.get("name").textValue());
    assertEquals("categorical", channel.get("type").textValue());
    assertTrue(channel.get("categories").size() >= 4);
  }

  @Test
  void badRequestsGetAStatusAndAnErrorNamingTheField() throws Exception {
    assertError(post("/predict", "{\"rows\": [{\"lepton_pt\": "), 400, null, "not valid JSON");
    assertError(post("/predict", "{\"row\": []}"), 400, "rows", "\"rows\" must be an array");
    ObjectNode row = fixture.rows().get(0).deepCopy();
    row.put("m_bb", "heavy");
    assertError(post("/predict", "{\"rows\": [" + fixture.rows().get(1) + ", " + row + "]}"), 400, "rows[1].m_bb",
        "feature 'm_bb' must be a number or null, but it is a string");
    row = fixture.rows().get(0).deepCopy();
    row.put("channel", true);
    assertError(post("/explain", "{\"rows\": [" + row + "]}"), 400, "rows[0].channel", "must be a category name");
    row.remove("channel");
    assertError(post("/predict", "{\"rows\": [" + row + "]}"), 400, "rows[0].channel", "has no value for feature");
    assertError(post("/predict", "{\"rows\": [3]}"), 400, "rows[0]", "must be an object");
    assertError(post("/explain?top_k=x", fixture.body(0, 1)), 400, "top_k", "top_k must be a whole number");
    // Repeated: a server that closes with the body unread can reset the connection before the 413 is read.
    for (int i = 0; i < 20; i++) {
      assertError(post("/predict", fixture.body(0, 200)), 413, null, "larger than the server's limit of 65536 bytes");
    }
    assertError(get("/score"), 404, null, "No endpoint /score");
    HttpResponse<String> wrongMethod = get("/predict");
    assertError(wrongMethod, 405, null, "/predict accepts POST, not GET");
    assertEquals(Optional.of("POST"), wrongMethod.headers().firstValue("Allow"));
    assertError(post("/health", "{}"), 405, null, "/health accepts GET");
    // The server still answers after all of these.
    assertEquals(200, post("/predict", fixture.body(0, 1)).statusCode());
  }

  /**
   * A request refused before its body is read (here for its query) still reads the body, so the kept-alive
   * connection serves the next request; otherwise the server closes it and a client that pooled it fails.
   */
  @Test
  void aRequestRefusedBeforeItsBodyArrivesLeavesTheConnectionUsable() throws Exception {
    byte[] body = fixture.body(0, 1).getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /explain?top_k=x HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      out.write(body);
      out.flush();
      KeepAliveClient.Response refused = KeepAliveClient.readAnswer(socket.getInputStream());
      assertEquals(400, refused.status(), refused.body());
      out.write(("POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      KeepAliveClient.Response next = KeepAliveClient.readAnswer(socket.getInputStream());
      assertEquals(200, next.status(), next.body());
    }
  }

  /**
   * A refused request whose body has no declared length (chunked) is not read to its end, which could take as
   * long as the client likes: the error goes out at once and closes the connection.
   */
  @Test
  void aRefusedChunkedRequestIsAnsweredAtOnceAndClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /score HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"ro\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      KeepAliveClient.Response refused = KeepAliveClient.readAnswer(socket.getInputStream());
      assertEquals(404, refused.status(), refused.body());
      assertTrue(refused.closes(), "the answer closes the connection");
    }
  }

  private static void assertError(HttpResponse<String> response, int status, String field, String part)
      throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode error = json(response);
    assertTrue(error.get("error").textValue().contains(part), error.toString());
    assertEquals(field, error.has("field") ? error.get("field").textValue() : null, error.toString());
  }

  @Test
  void concurrentClientsGetNoErrorsAndBatchAnswers() throws Exception {
    LoadDriver.Result result = load(server.port(), fixture, 16, 500);
    assertEquals(0, result.errors(), "failed requests");
    assertEquals(0, result.mismatches(), "answers that differ from batch prediction");
    assertEquals(500, result.latenciesNanos().length);
  }

  /**
   * The README's measurement, run on demand: {@code -Dboreal.serve.requests=10000} sends that many
   * one-row requests from 16 clients to a 100-tree model and prints the latency percentiles.
   * {@code -Dboreal.serve.monitor=off} measures the server without its counters ({@code --no-monitor}), and
   * {@code =both} measures without, with, without, with, so the two see the same machine load.
   */
  @Test
  @EnabledIfSystemProperty(named = "boreal.serve.requests", matches = "\\d+")
  void measureLatency() throws Exception {
    int requests = Integer.parseInt(System.getProperty("boreal.serve.requests"));
    String monitor = System.getProperty("boreal.serve.monitor", "on");
    boolean[] rounds = switch (monitor) {
      case "on" -> new boolean[] {true};
      case "off" -> new boolean[] {false};
      case "both" -> new boolean[] {false, true, false, true};
      default -> throw new IllegalArgumentException("boreal.serve.monitor is on, off or both, not " + monitor);
    };
    ServeFixture big = ServeFixture.create(Files.createDirectories(dir.resolve("measure")), 20_000, 2_000, 100);
    for (boolean monitored : rounds) {
      ScoringServer measured = ScoringServer.start(big.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(2),
          monitored ? ServeMonitoring.defaults() : ServeMonitoring.off());
      try {
        load(measured.port(), big, 16, 2000); // warm-up, so the JIT has compiled the paths measured
        LoadDriver.Result r = load(measured.port(), big, 16, requests);
        System.out.printf(Locale.ROOT, "[serve latency] %d one-row requests from 16 clients, 2 server threads, "
            + "100 trees x 31 leaves, 29 features, monitoring %s: p50 %.3f ms, p99 %.3f ms, %.0f requests/s, %d "
            + "errors, %d mismatches%n", requests, monitored ? "on" : "off", r.percentileMillis(0.50),
            r.percentileMillis(0.99), requests / (r.wallNanos() / 1e9), r.errors(), r.mismatches());
        assertEquals(0, r.errors());
        assertEquals(0, r.mismatches());
      } finally {
        measured.stop(Duration.ofSeconds(1));
      }
    }
  }

  static LoadDriver.Result load(int port, ServeFixture f, int clients, int requests) throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    for (int r = 0; r < f.rows().size(); r++) {
      bodies.add(f.body(r, r + 1).getBytes(StandardCharsets.UTF_8));
    }
    return LoadDriver.run(URI.create("http://127.0.0.1:" + port + "/predict"), bodies, f.batch(), clients, requests);
  }
}
