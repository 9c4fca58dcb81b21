package dev.boreal.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send slowly, or not at all, cannot keep the server from answering others: a 2-thread server
 * answers {@code /health} and {@code /predict} within a second while two and then fifty connections drip
 * their headers or bodies a byte at a time, and the header and body deadlines close such connections.
 */
class SlowClientTest {
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  @TempDir
  static Path dir;
  static ServeFixture fixture;
  static HttpClient client;

  @BeforeAll
  static void train() throws Exception {
    fixture = ServeFixture.create(dir, 2000, 20, 10);
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(ONE_SECOND).build();
  }

  @AfterAll
  static void close() {
    client = null;
  }

  @Test
  void twoAndThenFiftySlowClientsCannotStopHealthOrPredict() throws Exception {
    ScoringServer server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(2));
    List<Socket> slow = new ArrayList<>();
    try {
      // Two half-open requests: headers begun and never finished, as the attack that stopped the old server.
      for (int i = 0; i < 2; i++) {
        slow.add(send(server, "POST /predict HTTP/1.1\r\nHost: x\r\n"));
      }
      answersWithinASecond(server);
      // Fifty more: half drip headers, half have sent headers and drip a body they promised.
      for (int i = 0; i < 50; i++) {
        slow.add(send(server, i % 2 == 0 ? "POST /predict HTTP/1.1\r\nHost: x\r\nX-Slow: "
            : "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{\"rows\": ["));
      }
      for (int round = 0; round < 5; round++) {
        for (Socket s : slow) {
          drip(s);
        }
        answersWithinASecond(server);
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
      server.stop(ONE_SECOND);
    }
  }

  @Test
  void theHeaderDeadlineClosesAConnectionThatDripsItsHeaders() throws Exception {
    ScoringServer server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(2)
        .withTimeouts(ONE_SECOND, Duration.ofSeconds(30), Duration.ofSeconds(30)));
    try (Socket s = send(server, "GET /health HTTP/1.1\r\nHost: x\r\n")) {
      long start = System.nanoTime();
      assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
        // A byte every 100 ms keeps the connection from ever being idle; the deadline still ends it.
        while (drip(s)) {
          Thread.sleep(100);
        }
      });
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(seconds >= 0.8 && seconds < 3, "closed after " + seconds + " s");
    } finally {
      server.stop(ONE_SECOND);
    }
  }

  @Test
  void aBodyThatDoesNotArriveInTimeGets408() throws Exception {
    ScoringServer server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(2)
        .withTimeouts(Duration.ofSeconds(10), ONE_SECOND, Duration.ofSeconds(30)));
    try (Socket s = send(server, "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"rows\"")) {
      String answer = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> readAll(s));
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      assertTrue(answer.contains("did not arrive within 1 s of the headers"), answer);
    } finally {
      server.stop(ONE_SECOND);
    }
  }

  @Test
  void connectionsBeyondTheLimitGet503AndAreServedOnceOthersClose() throws Exception {
    ScoringServer server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0,
        ServeLimits.defaults(2).withMaxConnections(3));
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        idle.add(send(server, ""));
      }
      Thread.sleep(200);
      HttpResponse<String> refused = get(server, "/health");
      assertEquals(503, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("3 connections open, its limit"), refused.body());
      for (Socket s : idle) {
        s.close();
      }
      Thread.sleep(300);
      assertEquals(200, get(server, "/health").statusCode());
    } finally {
      server.stop(ONE_SECOND);
    }
  }

  @Test
  void deepJsonAndHugeHeadersGetTheApisWordsNotJavas() throws Exception {
    ScoringServer server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(2));
    try {
      String deep = "{\"rows\": " + "[".repeat(1001) + "]".repeat(1001) + "}";
      HttpResponse<String> nested = client.send(HttpRequest.newBuilder(uri(server, "/predict"))
          .POST(HttpRequest.BodyPublishers.ofString(deep)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, nested.statusCode());
      assertTrue(nested.body().contains("nested deeper than 32 levels"), nested.body());
      HttpResponse<String> trailing = client.send(HttpRequest.newBuilder(uri(server, "/predict"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"rows\": []} []")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, trailing.statusCode());
      assertTrue(trailing.body().contains("text follows the document"), trailing.body());
      try (Socket s = send(server, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
          + "\r\n\r\n")) {
        String answer = readAll(s);
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
        assertTrue(answer.contains("{\"error\":"), answer);
        for (String body : List.of(nested.body(), trailing.body(), answer)) {
          for (String internal : List.of("java", "jackson", "jetty", "Exception", "com.", "org.")) {
            assertFalse(body.toLowerCase(java.util.Locale.ROOT).contains(internal.toLowerCase(
                java.util.Locale.ROOT)), internal + " in " + body);
          }
        }
      }
    } finally {
      server.stop(ONE_SECOND);
    }
  }

  @Test
  void anIdleServerStopsAtOnce() {
    ScoringServer server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(2));
    long start = System.nanoTime();
    server.stop(Duration.ofSeconds(30));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 2, "stopped after " + seconds + " s with 30 s to drain");
  }

  /** /health and a one-row /predict, each answered within a second, the prediction the batch one. */
  private static void answersWithinASecond(ScoringServer server) throws Exception {
    assertEquals(200, get(server, "/health").statusCode());
    HttpResponse<String> predicted = client.send(HttpRequest.newBuilder(uri(server, "/predict")).timeout(ONE_SECOND)
        .POST(HttpRequest.BodyPublishers.ofString(fixture.body(0, 1))).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, predicted.statusCode(), predicted.body());
    JsonNode answer = ServeFixture.JSON.readTree(predicted.body());
    assertEquals(fixture.batch()[0], answer.get("predictions").get(0).doubleValue(), 0.0);
  }

  static HttpResponse<String> get(ScoringServer server, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(uri(server, path)).timeout(ONE_SECOND).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static URI uri(ScoringServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  /** A raw connection that has sent {@code start} and nothing more. */
  private static Socket send(ScoringServer server, String start) throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    s.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    return s;
  }

  /** Sends one more byte; false once the server has closed the connection. */
  private static boolean drip(Socket s) {
    try {
      OutputStream out = s.getOutputStream();
      out.write('a');
      out.flush();
      s.setSoTimeout(1);
      return s.getInputStream().read() != -1;
    } catch (java.net.SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String readAll(Socket s) throws IOException {
    s.setSoTimeout(5000);
    InputStream in = s.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
