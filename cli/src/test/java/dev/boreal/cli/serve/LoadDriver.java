package dev.boreal.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load test over loopback: {@code clients} threads, each with its own kept-alive HTTP/1.1
 * connection ({@link KeepAliveClient}), send {@code requests} one-row {@code POST /predict} requests in total, and
 * every answer is compared with the prediction batch scoring gives the same row.
 */
final class LoadDriver {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a run saw.
   *
   * @param errors requests that failed or got another status than 200
   * @param mismatches answers that differ from batch prediction
   * @param latenciesNanos every request's round trip, sorted
   */
  record Result(int errors, int mismatches, long[] latenciesNanos, long wallNanos) {
    /** The latency below which {@code fraction} of the requests finished, in milliseconds. */
    double percentileMillis(double fraction) {
      int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(fraction * latenciesNanos.length) - 1);
      return latenciesNanos[Math.max(0, i)] / 1e6;
    }
  }

  private LoadDriver() {}

  /**
   * Runs the load.
   *
   * @param bodies one request body per row, {@code {"rows": [row]}}, as UTF-8
   * @param expected the batch prediction of each row
   */
  static Result run(URI predict, List<byte[]> bodies, double[] expected, int clients, int requests)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger mismatches = new AtomicInteger();
    long[] latencies = new long[requests];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          try (KeepAliveClient client = new KeepAliveClient(predict.getHost(), predict.getPort())) {
            for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
              int row = i % bodies.size();
              long t0 = System.nanoTime();
              try {
                KeepAliveClient.Response response = client.post(predict.getPath(), bodies.get(row));
                latencies[i] = System.nanoTime() - t0;
                if (response.status() != 200) {
                  errors.incrementAndGet();
                  continue;
                }
                JsonNode answer = JSON.readTree(response.body()).get("predictions").get(0);
                if (answer.doubleValue() != expected[row]) {
                  mismatches.incrementAndGet();
                }
              } catch (IOException | RuntimeException e) {
                latencies[i] = System.nanoTime() - t0;
                errors.incrementAndGet();
                client.close(); // start the next request on a fresh connection
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
    long wall = System.nanoTime() - start;
    Arrays.sort(latencies);
    return new Result(errors.get(), mismatches.get(), latencies, wall);
  }
}
