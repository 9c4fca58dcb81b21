package dev.boreal.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boreal.api.Boreal;
import dev.boreal.api.Monitoring;
import dev.boreal.engine.model.Model;
import dev.boreal.histogram.BinMapper;
import dev.boreal.io.DriftReportJson;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ProfiledModel;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import dev.boreal.monitor.drift.DriftReport;
import dev.boreal.monitor.drift.DriftStatistics;
import dev.boreal.monitor.drift.FeatureCounts;
import dev.boreal.monitor.drift.FeatureDrift;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics}, {@code GET /drift} and the drift window over a real server: exact request counts by
 * endpoint and status after a known mix of good and bad requests, cumulative latency buckets whose count is the
 * requests, rows scored, the window's cell counts against a brute-force twin that bins the request rows itself,
 * the drift report equal to {@code boreal drift}'s for a file of the same rows, a reload that empties the
 * window, a model without a profile, and a server with counting off.
 */
class MonitoringTest {
  private static final String PREDICT_200 = "boreal_http_requests_total{endpoint=\"/predict\",code=\"200\"}";
  private static final String PREDICT_COUNT = "boreal_http_request_duration_seconds_count{endpoint=\"/predict\"}";

  @TempDir
  static Path dir;
  static ServeFixture fixture;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void train() throws Exception {
    fixture = ServeFixture.create(dir, 2000, 60, 10);
  }

  @Test
  void metricsCountRequestsErrorsLatenciesAndRows() throws Exception {
    ScoringServer server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(2));
    try {
      for (int i = 0; i < 7; i++) {
        assertEquals(200, send(server, "POST", "/predict", fixture.body(3 * i, 3 * i + 3)).statusCode());
      }
      assertEquals(200, send(server, "POST", "/explain", fixture.body(40, 42)).statusCode());
      assertEquals(400, send(server, "POST", "/predict", "{\"rows\": 1}").statusCode());
      assertEquals(405, send(server, "GET", "/predict", "").statusCode());
      assertEquals(404, send(server, "GET", "/score", "").statusCode());
      assertEquals(400, send(server, "POST", "/explain?top_k=x", fixture.body(0, 1)).statusCode());

      PrometheusText m = scrape(server, t -> t.value(PREDICT_COUNT) == 9
          && t.value("boreal_http_request_duration_seconds_count{endpoint=\"/explain\"}") == 2
          && t.value("boreal_http_request_duration_seconds_count{endpoint=\"other\"}") == 1);
      assertEquals(7, m.value(PREDICT_200));
      assertEquals(1, m.value("boreal_http_requests_total{endpoint=\"/predict\",code=\"400\"}"));
      assertEquals(1, m.value("boreal_http_requests_total{endpoint=\"/predict\",code=\"405\"}"));
      assertEquals(1, m.value("boreal_http_requests_total{endpoint=\"/explain\",code=\"200\"}"));
      assertEquals(1, m.value("boreal_http_requests_total{endpoint=\"/explain\",code=\"400\"}"));
      assertEquals(1, m.value("boreal_http_requests_total{endpoint=\"other\",code=\"404\"}"));
      assertEquals("counter", m.type("boreal_http_requests_total"));
      assertEquals("histogram", m.type("boreal_http_request_duration_seconds"));
      assertBucketsCumulative(m, "/predict", 9);
      assertBucketsCumulative(m, "/explain", 2);
      assertEquals(21, m.value("boreal_rows_scored_total{endpoint=\"/predict\"}"));
      assertEquals(2, m.value("boreal_rows_scored_total{endpoint=\"/explain\"}"));
      LiveModel live = server.live();
      assertEquals(1, m.value("boreal_model_info{algorithm=\"" + live.model().algorithm() + "\",objective=\"binary\","
          + "sha256=\"" + live.sha256() + "\",generation=\"1\"}"));
      assertEquals(21, m.value("boreal_drift_window_rows"));
      assertWindowMatchesTwin(live, 0, 21);
      assertTrue(m.has("boreal_feature_psi{feature=\"channel\"}") && m.has("boreal_prediction_psi"),
          m.samples().toString());

      assertEquals(200, send(server, "POST", "/reload", "").statusCode());
      m = scrape(server, t -> t.value("boreal_http_requests_total{endpoint=\"/reload\",code=\"200\"}") == 1);
      assertEquals(0, m.value("boreal_drift_window_rows"), "a reload starts an empty window");
      assertTrue(m.has("boreal_drift_window_rows") && !m.has("boreal_prediction_psi"), "no PSI of no rows");
      HttpResponse<String> none = send(server, "GET", "/drift", "");
      assertEquals(409, none.statusCode());
      assertTrue(json(none).get("error").textValue().startsWith("No row has been scored by POST /predict since "
          + "the model was loaded at "), none.body());
      assertTrue(m.has("boreal_model_info{algorithm=\"" + live.model().algorithm() + "\",objective=\"binary\","
          + "sha256=\"" + live.sha256() + "\",generation=\"2\"}"), m.samples().toString());
      assertEquals(7, m.value(PREDICT_200), "request counters outlive a reload");
      assertEquals(200, send(server, "POST", "/predict", fixture.body(30, 35)).statusCode());
      assertWindowMatchesTwin(server.live(), 30, 35);
    } finally {
      server.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void driftIsTheReportBorealDriftGivesForTheSameRows() throws Exception {
    ScoringServer server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(2));
    try {
      int rows = fixture.rows().size();
      for (int from = 0; from < rows; from += 7) {
        assertEquals(200, send(server, "POST", "/predict", fixture.body(from, Math.min(rows, from + 7))).statusCode());
      }
      HttpResponse<String> drift = send(server, "GET", "/drift", "");
      assertEquals(200, drift.statusCode(), drift.body());
      ProfiledModel profiled = ModelFile.readProfiled(fixture.modelFile());
      DriftReport batch;
      try (Table t = Boreal.read(dir.resolve("serve-score.csv"),
          ReadOptions.defaults().withLabel(SyntheticData.LABEL).withThreads(1))) {
        batch = Monitoring.drift(profiled.model(), profiled.profile(), t, 1);
      }
      ObjectNode expected = (ObjectNode) ServeFixture.JSON.readTree(DriftReportJson.of(batch));
      expected.putNull("importanceNdcg"); // the server computes no SHAP values for the rows it scores
      assertEquals(expected, json(drift));
      PrometheusText m = scrape(server, t -> t.has("boreal_prediction_psi"));
      for (FeatureDrift f : batch.features()) {
        assertEquals(f.psi(), m.value("boreal_feature_psi{feature=\"" + f.name() + "\"}"), 0.0, f.name());
      }
      assertEquals(batch.prediction().psi(), m.value("boreal_prediction_psi"), 0.0);
    } finally {
      server.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void driftAnswers503WhileItsThresholdsAreComputedInTheBackgroundThenTheReport() throws Exception {
    ScoringServer server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(2));
    try {
      assertEquals(200, send(server, "POST", "/predict", fixture.body(0, 60)).statusCode());
      LiveModel live = server.live();
      ArrayDeque<Runnable> background = new ArrayDeque<>();
      DriftThresholds thresholds = DriftThresholds.on(background::add);
      HttpError pending = assertThrows(HttpError.class, () -> WindowDrift.report(live, true, thresholds));
      assertEquals(503, pending.status());
      assertEquals("The drift thresholds for a window of 60 rows (400 resamples per feature) are being computed "
          + "in the background; ask again in a few seconds.", pending.getMessage());
      assertFalse(live.drift().hasThresholds(60), "the request computed nothing");
      assertThrows(HttpError.class, () -> WindowDrift.report(live, true, thresholds));
      assertEquals(1, background.size(), "a second request joins the computation under way");
      background.poll().run();
      BinWindow.Counts counts = live.window().counts();
      assertEquals(DriftReportJson.of(live.drift().compare(counts.features(), counts.scores(), null)),
          new String(WindowDrift.report(live, true, thresholds), StandardCharsets.UTF_8));
      assertTrue(background.isEmpty());
    } finally {
      server.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void aModelWithoutAProfileHasNoDriftAndNoPsiGauges() throws Exception {
    Path bare = dir.resolve("bare-model.json");
    Boreal.save(fixture.model(), bare);
    ScoringServer server = ScoringServer.start(bare, "127.0.0.1", 0, ServeLimits.defaults(2));
    try {
      assertEquals(200, send(server, "POST", "/predict", fixture.body(0, 3)).statusCode());
      HttpResponse<String> drift = send(server, "GET", "/drift", "");
      assertEquals(404, drift.statusCode());
      assertEquals(bare + " holds no drift profile to compare the scored rows with; add one with 'boreal profile "
          + "--model " + bare + " --data TRAIN' and reload.", json(drift).get("error").textValue());
      PrometheusText m = scrape(server, t -> t.value(PREDICT_200) == 1);
      assertTrue(m.samples().keySet().stream().noneMatch(k -> k.contains("psi") || k.contains("window")),
          m.samples().toString());
    } finally {
      server.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void withCountingOffMetricsAnswer404AndScoringIsUnchanged() throws Exception {
    ScoringServer server = ScoringServer.start(fixture.modelFile(), "127.0.0.1", 0, ServeLimits.defaults(2),
        ServeMonitoring.off());
    try {
      HttpResponse<String> metrics = send(server, "GET", "/metrics", "");
      assertEquals(404, metrics.statusCode());
      assertEquals("The server was started with --no-monitor, so it keeps no metrics.",
          ServeFixture.JSON.readTree(metrics.body()).get("error").textValue());
      HttpResponse<String> predicted = send(server, "POST", "/predict", fixture.body(0, 5));
      JsonNode predictions = ServeFixture.JSON.readTree(predicted.body()).get("predictions");
      for (int r = 0; r < 5; r++) {
        assertEquals(fixture.batch()[r], predictions.get(r).doubleValue(), 0.0);
      }
      assertNull(server.live().window());
      HttpResponse<String> drift = send(server, "GET", "/drift", "");
      assertEquals(404, drift.statusCode());
      assertEquals("The server was started with --no-monitor, so it counts no rows to test for drift.",
          json(drift).get("error").textValue());
    } finally {
      server.stop(Duration.ofSeconds(1));
    }
  }

  /** Buckets never decrease, +Inf and _count are the requests, and the sum of latencies is positive. */
  private static void assertBucketsCumulative(PrometheusText m, String endpoint, int requests) {
    double previous = 0;
    for (double le : ServeMetrics.BUCKET_SECONDS) {
      String key = "boreal_http_request_duration_seconds_bucket{endpoint=\"" + endpoint + "\",le=\""
          + MetricsText.number(le) + "\"}";
      assertTrue(m.has(key), key);
      assertTrue(m.value(key) >= previous, key);
      previous = m.value(key);
    }
    String end = "{endpoint=\"" + endpoint + "\"}";
    assertEquals(requests, m.value("boreal_http_request_duration_seconds_bucket{endpoint=\"" + endpoint
        + "\",le=\"+Inf\"}"));
    assertEquals(requests, m.value("boreal_http_request_duration_seconds_count" + end));
    assertTrue(m.value("boreal_http_request_duration_seconds_sum" + end) > 0);
  }

  /**
   * The window holds fixture rows {@code from} to {@code to}: their JSON values put into cells here (the
   * channel's unseen names apart from missing ones), and their batch predictions into the profile's score cells.
   */
  private static void assertWindowMatchesTwin(LiveModel live, int from, int to) {
    Model model = live.model();
    BinWindow.Counts counts = live.window().counts();
    for (int f = 0; f < model.numFeatures(); f++) {
      BinMapper mapper = model.mapper(f);
      List<String> named = List.of(mapper.categories());
      long[] expected = new long[FeatureCounts.cellCount(mapper)];
      for (int r = from; r < to; r++) {
        JsonNode value = fixture.rows().get(r).get(model.featureNames().get(f));
        if (!mapper.isCategorical()) {
          expected[mapper.binOf(value.isNull() ? Double.NaN : value.doubleValue())]++;
        } else {
          int bin = value.isNull() ? named.size() + 1 : named.indexOf(value.textValue());
          expected[bin < 0 ? named.size() : bin]++;
        }
      }
      assertArrayEquals(DriftStatistics.counts(expected), counts.features().get(f).cells(), model.featureNames().get(f));
    }
    double[] predictions = Arrays.copyOfRange(fixture.batch(), from, to);
    assertArrayEquals(live.drift().profile().predictions().countsOf(predictions), counts.scores());
  }

  /**
   * {@code GET /metrics}, read until {@code ready}: a request is counted once its answer is written, which
   * may be a moment after the client has read it.
   */
  private PrometheusText scrape(ScoringServer server, Predicate<PrometheusText> ready) throws Exception {
    PrometheusText text = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      HttpResponse<String> r = send(server, "GET", "/metrics", "");
      assertEquals(200, r.statusCode());
      assertEquals(Optional.of(MetricsText.CONTENT_TYPE), r.headers().firstValue("Content-Type"));
      text = new PrometheusText(r.body());
      if (ready.test(text)) {
        return text;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the counts never arrived: " + text.samples());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return ServeFixture.JSON.readTree(response.body());
  }

  private HttpResponse<String> send(ScoringServer server, String method, String path, String body)
      throws Exception {
    HttpRequest.BodyPublisher publisher = body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body);
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
  }
}
