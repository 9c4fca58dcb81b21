package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.api.Boreal;
import dev.boreal.engine.model.Model;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boreal serve} as a process: it announces its port, answers, and on SIGTERM drains the requests in
 * flight and exits, so no client ever sees a failed or cut-off answer; bad options fail with one line.
 */
class ServeCommandTest {
  private static final Pattern ADDRESS = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dir;

  @Test
  void badOptionsFailWithOneLine() {
    CliRunner r = CliRunner.run("serve", "--model", dir.resolve("m.json").toString(), "--port", "70000");
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("--port must be from 0 to 65535, but it is 70000."), r.err);
    r = CliRunner.run("serve", "--model", dir.resolve("m.json").toString(), "--max-body", "0");
    assertEquals(2, r.exitCode);
    assertTrue(r.err.contains("--max-body must be at least 1, but it is"), r.err);
    r = CliRunner.run("serve", "--model", dir.resolve("m.json").toString(), "--drift-window", "0");
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("--drift-window must be at least 1, but it is 0."), r.err);
    r = CliRunner.run("serve", "--model", dir.resolve("missing.json").toString(), "--port", "0");
    assertEquals(1, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("missing.json: does not exist."), r.err);
  }

  @Test
  void sigtermDrainsRequestsInFlightAndExits() throws Exception {
    Model model = trainModel(20);
    Process server = serve("--drain-seconds", "5");
    try {
      int port = port(server);
      String body = "{\"rows\": [{" + rowJson(model) + "}]}";
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger answered = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      List<String> bad = Collections.synchronizedList(new ArrayList<>());
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        Thread t = new Thread(() -> hammer(port, body, running, answered, refused, bad));
        t.start();
        clients.add(t);
      }
      while (answered.get() < 50) {
        Thread.sleep(10);
      }
      server.destroy(); // SIGTERM
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server exits after SIGTERM");
      running.set(false);
      for (Thread t : clients) {
        t.join(10_000);
      }
      assertEquals(List.of(), bad, "answers that failed or were cut off");
      String stderr = Files.readString(dir.resolve("stderr.txt"));
      assertTrue(stderr.contains("boreal serve: stopped"), stderr);
      assertTrue(answered.get() >= 50);
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void anIdleServerStopsAtOnceOnSigtermAndReloadsOnSighup() throws Exception {
    Model first = trainModel(5);
    Process server = serve("--drain-seconds", "30");
    try {
      int port = port(server);
      Model second = trainModel(12);
      assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).start().waitFor());
      String stderr = "";
      for (int wait = 0; wait < 100 && !stderr.contains("SIGHUP"); wait++) {
        Thread.sleep(50);
        stderr = Files.readString(dir.resolve("stderr.txt"));
      }
      assertTrue(stderr.contains("boreal serve: SIGHUP: reloaded") && stderr.contains("generation 2"), stderr);
      assertTrue(first.numIterations() != second.numIterations());
      assertTrue(httpGet(port, "/model").contains("\"generation\":2"));
      long start = System.nanoTime();
      server.destroy(); // SIGTERM
      assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server exits after SIGTERM");
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(seconds < 5, "an idle server took " + seconds + " s of its 30 s drain time to stop");
    } finally {
      server.destroyForcibly();
    }
  }

  /** Trains a binary model of {@code rounds} rounds on seeded synthetic data and saves it as model.json. */
  private Model trainModel(int rounds) throws IOException {
    Path train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 1500, 4);
    Model model;
    try (Table t = Boreal.read(train, ReadOptions.defaults().withLabel(SyntheticData.LABEL).withThreads(2))) {
      model = Boreal.gradientBoosting().objective("binary").numIterations(rounds).threads(2).build().fit(t);
    }
    Boreal.save(model, dir.resolve("model.json"));
    return model;
  }

  /** {@code boreal serve} on model.json in a child JVM, any free port, 2 threads; stderr goes to stderr.txt. */
  private Process serve(String... options) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--model",
        dir.resolve("model.json").toString(), "--port", "0", "--threads", "2"));
    command.addAll(List.of(options));
    return new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
  }

  private static String httpGet(int port, String path) throws IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create("http://127.0.0.1:" + port
        + path).toURL().openConnection();
    try (java.io.InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Reads the announcement line and returns the port it names. */
  private static int port(Process server) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertNotNull(line, "the server printed nothing");
    Matcher m = ADDRESS.matcher(line);
    assertTrue(m.find(), line);
    return Integer.parseInt(m.group(1));
  }

  /** A row with every feature set: numbers 0.5, the channel "ee". */
  private static String rowJson(Model model) {
    StringBuilder row = new StringBuilder();
    for (String name : model.featureNames()) {
      row.append(row.length() == 0 ? "" : ", ").append('"').append(name).append("\": ")
          .append(name.equals(SyntheticData.CHANNEL) ? "\"ee\"" : "0.5");
    }
    return row.toString();
  }

  /**
   * Sends requests until told to stop: a refused or reset connection, or a 503 saying the server is stopping,
   * counts as refused (the server had stopped accepting, or closed an idle connection); any other status than
   * 200, an answer cut short or a body that is not a whole answer is bad.
   */
  private static void hammer(int port, String body, AtomicBoolean running, AtomicInteger answered,
      AtomicInteger refused, List<String> bad) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ObjectMapper json = new ObjectMapper();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    while (running.get()) {
      HttpResponse<String> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        // A body shorter than its Content-Length is an answer cut off by the shutdown.
        if (String.valueOf(e.getMessage()).contains("content-length")) {
          bad.add("cut off: " + e.getMessage());
        } else {
          refused.incrementAndGet();
        }
        continue;
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (response.statusCode() == 503 && response.body().contains("The server is stopping")) {
          refused.incrementAndGet();
        } else if (response.statusCode() != 200
            || !json.readTree(response.body()).get("predictions").get(0).isNumber()) {
          bad.add(response.statusCode() + " " + response.body());
        } else {
          answered.incrementAndGet();
        }
      } catch (IOException | RuntimeException e) {
        bad.add("unreadable answer: " + response.body());
      }
    }
  }
}
