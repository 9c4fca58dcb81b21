package dev.boreal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fixed pool of threads for one training, and loops over fixed blocks of an index range.
 *
 * <p>Blocks depend only on the range and the block size, never on the thread count, and partial results
 * are combined by the caller in block order; so the same input gives bit-identical output for any number
 * of threads.
 */
public final class Parallel implements AutoCloseable {
  /** Work on the half-open range {@code [from, to)} of block number {@code block}. */
  @FunctionalInterface
  public interface BlockTask {
    /** Processes rows {@code [from, to)}; {@code block} numbers the block from 0. */
    void run(int block, int from, int to);
  }

  private final int threads;
  private final ExecutorService pool;

  /** A pool of {@code threads} daemon threads (at least 1); 1 thread runs everything on the caller. */
  public Parallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemonThreads());
  }

  /** The number of threads. */
  public int threads() {
    return threads;
  }

  /** The pool itself, for kernels that schedule their own tasks; {@code null} when there is one thread. */
  public ExecutorService executor() {
    return pool;
  }

  /** How many blocks {@link #forBlocks} cuts {@code n} items into with this block size. */
  public static int blockCount(int n, int blockSize) {
    return n == 0 ? 0 : (n + blockSize - 1) / blockSize;
  }

  /**
   * Runs {@code task} on blocks {@code [b*blockSize, min(n, (b+1)*blockSize))} for every block b, in parallel,
   * and returns when all are done. An exception thrown by a task is rethrown here.
   */
  public void forBlocks(int n, int blockSize, BlockTask task) {
    int blocks = blockCount(n, blockSize);
    if (pool == null || blocks <= 1) {
      for (int b = 0; b < blocks; b++) {
        int from = b * blockSize;
        task.run(b, from, Math.min(n, from + blockSize));
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    List<Callable<Void>> workers = new ArrayList<>(threads);
    for (int t = 0; t < Math.min(threads, blocks); t++) {
      workers.add(() -> {
        for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
          int from = b * blockSize;
          task.run(b, from, Math.min(n, from + blockSize));
        }
        return null;
      });
    }
    invokeAll(workers);
  }

  /** Runs {@code task(i, i, i+1)} for each i in {@code [0, n)}: one item per block, e.g. one feature each. */
  public void forEach(int n, BlockTask task) {
    forBlocks(n, 1, task);
  }

  private void invokeAll(List<Callable<Void>> workers) {
    try {
      for (Future<Void> f : pool.invokeAll(workers)) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for worker threads", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error er) {
        throw er;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "boreal-worker-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
