package dev.boreal.histogram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerTeamTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8})
  void everyIndexRunsExactlyOnceInEveryStep(int threads) {
    try (WorkerTeam team = new WorkerTeam(threads)) {
      assertEquals(threads, team.size());
      for (int step = 0; step < 2_000; step++) {
        int count = step % 37;
        AtomicIntegerArray runs = new AtomicIntegerArray(count);
        team.run(count, i -> runs.incrementAndGet(i));
        for (int i = 0; i < count; i++) {
          assertEquals(1, runs.get(i), "step " + step + " index " + i);
        }
      }
    }
  }

  @Test
  void workersSeeTheCallersWritesAndTheCallerSeesTheirs() {
    try (WorkerTeam team = new WorkerTeam(2)) {
      long[] values = new long[1 << 12];
      for (int step = 1; step <= 500; step++) {
        int s = step;
        // Plain (non-volatile) arrays: the team's hand-over must order these writes.
        team.run(values.length, i -> values[i] += s);
        long expected = (long) step * (step + 1) / 2;
        for (long v : values) {
          assertEquals(expected, v);
        }
      }
    }
  }

  @Test
  void theCallerWorksAndWorkersWakeAfterSleeping() throws Exception {
    try (WorkerTeam team = new WorkerTeam(2)) {
      team.run(64, i -> { });
      Thread.sleep(50); // long past the spin: the worker is parked now
      // Each task waits until both threads have taken one: the step can only finish when the caller
      // took a share and the parked worker woke up, however the scheduler interleaves them.
      Set<String> threadsSeen = ConcurrentHashMap.newKeySet();
      AtomicIntegerArray runs = new AtomicIntegerArray(2);
      team.run(2, i -> {
        runs.incrementAndGet(i);
        threadsSeen.add(Thread.currentThread().getName());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (threadsSeen.size() < 2 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
      });
      assertEquals(1, runs.get(0));
      assertEquals(1, runs.get(1));
      assertEquals(Set.of(Thread.currentThread().getName(), "boreal-worker-1"), threadsSeen);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void theLowestFailingIndexIsRethrownAfterEveryTaskRan(int threads) {
    try (WorkerTeam team = new WorkerTeam(threads)) {
      AtomicIntegerArray runs = new AtomicIntegerArray(100);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(100, i -> {
        runs.incrementAndGet(i);
        if (i == 17 || i == 60 || i == 99) {
          throw new IllegalStateException("task " + i);
        }
      }));
      assertEquals("task 17", e.getMessage());
      for (int i = 0; i < 100; i++) {
        assertEquals(1, runs.get(i));
      }
      // The team is still usable after a failure.
      int[] out = new int[10];
      team.run(10, i -> out[i] = i * i);
      assertArrayEquals(new int[] {0, 1, 4, 9, 16, 25, 36, 49, 64, 81}, out);
    }
  }

  @Test
  void anErrorIsRethrownAsItself() {
    try (WorkerTeam team = new WorkerTeam(2)) {
      AssertionError error = new AssertionError("boom");
      assertSame(error, assertThrows(AssertionError.class, () -> team.run(8, i -> {
        if (i == 5) {
          throw error;
        }
      })));
    }
  }

  @Test
  void aNestedStepRunsOnItsCaller() {
    try (WorkerTeam team = new WorkerTeam(2)) {
      int[][] out = new int[6][6];
      team.run(6, i -> team.run(6, j -> out[i][j] = i * 10 + j));
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          assertEquals(i * 10 + j, out[i][j]);
        }
      }
    }
  }

  @Test
  void concurrentCallersEachGetAllTheirTasksRun() throws Exception {
    try (WorkerTeam team = new WorkerTeam(2)) {
      int callers = 4;
      CountDownLatch start = new CountDownLatch(1);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread[] threads = new Thread[callers];
      for (int c = 0; c < callers; c++) {
        threads[c] = new Thread(() -> {
          try {
            start.await();
            for (int step = 0; step < 300; step++) {
              long[] sums = new long[50];
              team.run(50, i -> sums[i] = i);
              for (int i = 0; i < 50; i++) {
                if (sums[i] != i) {
                  throw new AssertionError("index " + i + " did not run");
                }
              }
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        });
        threads[c].start();
      }
      start.countDown();
      for (Thread t : threads) {
        t.join(60_000);
      }
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
    }
  }

  @Test
  void aClosedTeamRunsStepsOnTheCaller() {
    WorkerTeam team = new WorkerTeam(3);
    team.close();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    team.run(20, i -> seen.add(Thread.currentThread().getName()));
    assertEquals(Set.of(Thread.currentThread().getName()), seen);
  }

  @Test
  void refusesFewerThanOneThread() {
    assertThrows(IllegalArgumentException.class, () -> new WorkerTeam(0));
  }
}
