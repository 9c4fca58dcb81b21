package dev.boreal.histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs one task per feature on a pool. Each task writes only its own feature's output, so results do
 * not depend on which worker ran which feature or on how many workers there are.
 */
final class FeatureTasks {
  private FeatureTasks() {
  }

  /**
   * Runs {@code task} for every index {@code 0 .. count-1} on up to {@code workers} pool threads (in
   * the caller's thread when one worker suffices) and returns when all are done. Workers take indices
   * from a shared counter, so a slow feature does not hold a fixed share hostage.
   *
   * <p>If tasks fail, every other task still runs and the failure of the lowest index is rethrown, so
   * the same input gives the same error whatever the thread count.
   */
  static void run(ExecutorService pool, int workers, int count, IntConsumer task) {
    RuntimeException[] failures = new RuntimeException[count];
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int f = next.getAndIncrement(); f < count; f = next.getAndIncrement()) {
        try {
          task.accept(f);
        } catch (RuntimeException e) {
          failures[f] = e;
        }
      }
    };
    int n = Math.min(workers, count);
    if (n <= 1 || pool == null) {
      worker.run();
    } else {
      List<Future<?>> futures = new ArrayList<>(n);
      for (int w = 0; w < n; w++) {
        futures.add(pool.submit(worker));
      }
      awaitAll(futures);
    }
    for (RuntimeException failure : failures) {
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static void awaitAll(List<Future<?>> futures) {
    boolean interrupted = false;
    for (Future<?> future : futures) {
      while (true) {
        try {
          future.get();
          break;
        } catch (InterruptedException e) {
          // Workers write into the caller's arrays, so returning before they finish is never safe.
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException("feature task failed", cause);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
