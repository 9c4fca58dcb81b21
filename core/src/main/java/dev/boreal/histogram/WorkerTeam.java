package dev.boreal.histogram;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that runs numbered tasks together with the calling thread, the way an OpenMP
 * parallel loop does: the caller takes a share of every step instead of waiting, and workers spin a
 * little before they sleep, so the many short parallel steps of tree growing (a histogram, a split search,
 * a partition, a few hundred per tree) start in well under a microsecond instead of paying a thread
 * wake-up each.
 *
 * <p>Tasks take indices from a shared counter, so a slow task does not hold a fixed share hostage; each
 * task must write only its own outputs, which makes results independent of which thread ran what. One
 * step runs at a time: a caller that finds the team busy (another thread's step, or a task that itself
 * asks for a parallel step) runs its tasks on its own thread, which gives the same results.
 *
 * <p>A step ends when its last task ends, not when every worker has looked in: a worker still waking up
 * when the caller has run all of a short step's tasks finds nothing left and costs the caller nothing. Each
 * step is a {@link Step} of its own, so a worker that wakes late can never take a task of a newer one.
 *
 * <p>If tasks fail, every other task still runs and the failure of the lowest index is rethrown, so the
 * same input gives the same error whatever the number of threads.
 */
public final class WorkerTeam implements AutoCloseable {
  /**
   * Spin-wait iterations before a worker parks: about a tenth of a millisecond, longer than the serial gaps
   * between the parallel steps of one tree and much shorter than anything a person would notice.
   */
  static final int SPINS = 1 << 12;

  private final int size;
  private final Thread[] workers;
  /** Held while a step runs; not reentrant, so a task's own parallel step runs inline. */
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicIntegerArray parked;
  /** The newest step; workers take its tasks until none is left. */
  private volatile Step current = new Step(0, null, 0, null);
  private volatile boolean closed;

  /** One parallel step: its tasks, the next index to take, the tasks ended, and the first failure. */
  private static final class Step {
    final int number;
    final IntConsumer task;
    final int count;
    final Thread caller;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();
    private int failedIndex = Integer.MAX_VALUE;
    private Throwable failure;

    Step(int number, IntConsumer task, int count, Thread caller) {
      this.number = number;
      this.task = task;
      this.count = count;
      this.caller = caller;
    }

    /** Runs tasks until none is left; the thread that ends the last one wakes the caller if it sleeps. */
    void takeTasks() {
      for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
        try {
          task.accept(i);
        } catch (Throwable e) {
          recordFailure(i, e);
        }
        if (ended.incrementAndGet() == count && Thread.currentThread() != caller) {
          LockSupport.unpark(caller);
        }
      }
    }

    synchronized void recordFailure(int index, Throwable e) {
      if (index < failedIndex) {
        failedIndex = index;
        failure = e;
      }
    }

    synchronized void rethrow() {
      Throwable f = failure;
      if (f instanceof RuntimeException re) {
        throw re;
      }
      if (f instanceof Error error) {
        throw error;
      }
      if (f != null) {
        throw new IllegalStateException("a parallel task failed", f);
      }
    }
  }

  /** A team of {@code threads} threads in all, the caller included: {@code threads - 1} daemon workers. */
  public WorkerTeam(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.size = threads;
    this.workers = new Thread[threads - 1];
    this.parked = new AtomicIntegerArray(threads - 1);
    for (int w = 0; w < workers.length; w++) {
      int id = w;
      workers[w] = new Thread(() -> work(id), "boreal-worker-" + (w + 1));
      workers[w].setDaemon(true);
      workers[w].start();
    }
  }

  /** Threads in the team, the caller included. */
  public int size() {
    return size;
  }

  /** Runs {@code task} for every index {@code 0 .. count-1} on the whole team and returns when all are done. */
  public void run(int count, IntConsumer task) {
    run(size, count, task);
  }

  /**
   * Runs {@code task} for every index {@code 0 .. count-1} and returns when all are done: on the caller's
   * thread alone when {@code threads} or {@code count} is at most 1 (work too small to share), else on
   * the whole team.
   */
  public void run(int threads, int count, IntConsumer task) {
    if (threads <= 1 || count <= 1 || workers.length == 0 || closed || !busy.compareAndSet(false, true)) {
      runInline(count, task);
      return;
    }
    try {
      Step step = new Step(current.number + 1, task, count, Thread.currentThread());
      current = step;
      for (int w = 0; w < workers.length; w++) {
        if (parked.get(w) != 0) {
          LockSupport.unpark(workers[w]);
        }
      }
      step.takeTasks();
      awaitEnd(step);
      step.rethrow();
    } finally {
      busy.set(false);
    }
  }

  private static void runInline(int count, IntConsumer task) {
    RuntimeException first = null;
    for (int i = 0; i < count; i++) {
      try {
        task.accept(i);
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Spins, then parks, until every task of the step has ended; workers write into the caller's arrays. */
  private static void awaitEnd(Step step) {
    for (int spins = 0; step.ended.get() != step.count; spins++) {
      if (spins < SPINS) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(step);
      }
    }
  }

  private void work(int id) {
    int seen = 0;
    while (true) {
      Step step = awaitStep(id, seen);
      if (step == null) {
        return;
      }
      seen = step.number;
      step.takeTasks();
    }
  }

  /** Waits for a step after number {@code seen} and returns it, or null once the team is closed. */
  private Step awaitStep(int id, int seen) {
    for (int spins = 0; ; spins++) {
      Step step = current;
      if (step.number != seen) {
        return step;
      }
      if (closed) {
        return null;
      }
      if (spins < SPINS) {
        Thread.onSpinWait();
      } else {
        // Announce the sleep, then look again (both volatile, so ordered): a step published in between
        // is seen here, or its publisher sees the flag and unparks this worker.
        parked.set(id, 1);
        if (current.number == seen && !closed) {
          LockSupport.park(this);
        }
        parked.set(id, 0);
      }
    }
  }

  /** Stops the workers; later steps run on the caller's thread. */
  @Override
  public void close() {
    closed = true;
    for (Thread worker : workers) {
      LockSupport.unpark(worker);
    }
  }
}
