package dev.boreal.cli.serve;

import dev.boreal.monitor.drift.DriftTest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Computes {@code GET /drift}'s size-aware thresholds ({@link DriftTest#DRAWS} resamples per feature, a second
 * or more on a wide model) on one background thread instead of a scoring thread: the first request for a
 * window size (rounded as {@link DriftTest#drawnSize}) starts the computation, later ones for the same size
 * join it, and a size once computed is answered from the test's cache. A request waits for it at most
 * {@link #WAIT} without holding a thread, and is then told that the thresholds are still being computed.
 */
final class DriftThresholds implements AutoCloseable {
  /** How long {@code GET /drift} waits for thresholds being computed before answering that they are pending. */
  static final Duration WAIT = Duration.ofSeconds(5);

  /** A computation under way: one test (one loaded model) at one drawn size. */
  private record Key(DriftTest test, long size) {}

  private final Executor executor;
  private final ExecutorService owned;
  private final ConcurrentHashMap<Key, CompletableFuture<Void>> underWay = new ConcurrentHashMap<>();

  private DriftThresholds(Executor executor, ExecutorService owned) {
    this.executor = executor;
    this.owned = owned;
  }

  /** Thresholds computed on a daemon thread of their own, released by {@link #close}. */
  static DriftThresholds background() {
    ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, "boreal-serve-drift-thresholds");
      t.setDaemon(true);
      return t;
    });
    return new DriftThresholds(thread, thread);
  }

  /** Thresholds computed by {@code executor} (a test runs the tasks when it chooses). */
  static DriftThresholds on(Executor executor) {
    return new DriftThresholds(executor, null);
  }

  /**
   * A future that completes once {@code test} holds every threshold a comparison of {@code rows} new rows
   * needs: already complete when it does, else the computation for that size, started now or joined.
   */
  CompletableFuture<Void> ready(DriftTest test, long rows) {
    if (test.hasThresholds(rows)) {
      return CompletableFuture.completedFuture(null);
    }
    Key key = new Key(test, DriftTest.drawnSize(rows));
    CompletableFuture<Void> computing = underWay.computeIfAbsent(key,
        k -> CompletableFuture.runAsync(() -> test.computeThresholds(rows), executor));
    computing.whenComplete((done, failure) -> underWay.remove(key, computing));
    return computing;
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
