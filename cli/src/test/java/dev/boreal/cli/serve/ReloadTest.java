package dev.boreal.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /reload} switches to the model file's new contents, and keeps the live model, saying why, when
 * the file is no longer a valid model; {@code GET /model} tells which version is live.
 */
class ReloadTest {
  @TempDir
  Path dir;

  @Test
  void reloadSwitchesModelsAndKeepsTheLiveOneWhenTheFileIsBad() throws Exception {
    ServeFixture first = ServeFixture.create(Files.createDirectories(dir.resolve("a")), 2000, 20, 5);
    ServeFixture second = ServeFixture.create(Files.createDirectories(dir.resolve("b")), 2000, 20, 15);
    Path served = dir.resolve("served.json");
    Files.copy(first.modelFile(), served);
    ScoringServer server = ScoringServer.start(served, "127.0.0.1", 0, ServeLimits.defaults(2));
    HttpClient client = HttpClient.newHttpClient();
    try {
      JsonNode before = json(client, server, "GET", "/model", 200);
      assertEquals(1, before.get("generation").intValue());
      assertEquals(first.batch()[3], prediction(client, server, first), 0.0);

      Files.copy(second.modelFile(), served, StandardCopyOption.REPLACE_EXISTING);
      JsonNode reloaded = json(client, server, "POST", "/reload", 200);
      assertEquals(2, reloaded.get("generation").intValue());
      assertNotEquals(before.get("sha256").textValue(), reloaded.get("sha256").textValue());
      assertEquals(second.batch()[3], prediction(client, server, first), 0.0, "the second model answers");

      Files.writeString(served, "{\"not\": \"a model\"");
      JsonNode refused = json(client, server, "POST", "/reload", 422);
      assertTrue(refused.get("error").textValue().contains("keeps the model loaded at"), refused.toString());
      assertEquals(2, json(client, server, "GET", "/model", 200).get("generation").intValue());
      assertEquals(second.batch()[3], prediction(client, server, first), 0.0, "the second model still answers");
    } finally {
      server.stop(Duration.ofSeconds(1));
    }
  }

  /** The prediction for row 3 of the fixture's rows (both fixtures score the same rows). */
  private static double prediction(HttpClient client, ScoringServer server, ServeFixture rows) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(SlowClientTest.uri(server, "/predict"))
        .POST(HttpRequest.BodyPublishers.ofString(rows.body(3, 4))).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return ServeFixture.JSON.readTree(r.body()).get("predictions").get(0).doubleValue();
  }

  private static JsonNode json(HttpClient client, ScoringServer server, String method, String path, int status)
      throws Exception {
    HttpRequest.BodyPublisher none = HttpRequest.BodyPublishers.noBody();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(SlowClientTest.uri(server, path))
        .method(method, none).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), r.body());
    return ServeFixture.JSON.readTree(r.body());
  }
}
