package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The prediction timing against a library whose speed is known: a fake that takes 20 ms for its first batch
 * pass (as code still being compiled does) and 2 ms for every later one, so the cold and warm rates can each
 * only come from the right passes.
 */
class PredictionTimingTest {
  private static final int ROWS = 1_000;

  /** Counts calls; the first batch pass is slow, later ones fast. */
  private static final class FakeLibrary implements Contender {
    int batches;
    int rowCalls;
    int shapCalls;
    final boolean hasShap;

    FakeLibrary(boolean hasShap) {
      this.hasShap = hasShap;
    }

    @Override
    public void predictBatch(double[] out) {
      pause(batches++ == 0 ? 20_000_000 : 2_000_000);
      out[0] = batches;
    }

    /**
     * Waits at least {@code nanos}: a park alone may return at once (a permit left by an earlier test's
     * unpark of this thread, or a spurious wake-up).
     */
    private static void pause(long nanos) {
      long end = System.nanoTime() + nanos;
      for (long left = nanos; left > 0; left = end - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
    }

    @Override
    public void predictRow(int r, double[] out) {
      rowCalls++;
    }

    @Override
    public boolean contributions(int rows) {
      shapCalls++;
      return hasShap;
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public void load(Path train, ReadOptions options, Map<String, String> params, CategoryCodes codes) {}

    @Override
    public void train() {}

    @Override
    public List<String> features() {
      return List.of("x");
    }

    @Override
    public LabelEncoder encoder() {
      return null;
    }

    @Override
    public int numOutputs() {
      return 1;
    }

    @Override
    public void prepare(DenseData test) {}

    @Override
    public void close() {}
  }

  @Test
  void theColdRateIsTheFirstPassAndTheWarmRateTheMedianPassAfterTheWarmUp() throws Exception {
    FakeLibrary library = new FakeLibrary(true);
    double[] raw = new double[ROWS];
    PredictionTiming.BatchRates rates = new PredictionTiming(0.2).batch(library, raw, ROWS);
    // 1,000 rows in 20 ms cold, in 2 ms warm (sleeps overshoot, never undershoot).
    assertTrue(rates.first() <= 50_000 && rates.first() > 20_000, "cold rate " + rates.first());
    assertTrue(rates.warm() <= 500_000 && rates.warm() > 150_000, "warm rate " + rates.warm());
    // 0.2 s of warm-up after the 20 ms pass, then at least 0.1 s of timed passes: about 140 passes in all.
    assertTrue(library.batches > 60, "batch passes " + library.batches);
    assertEquals(library.batches, raw[0], "the scores left in raw are the last pass's");
  }

  @Test
  void withoutWarmUpThreePassesAreTimedAfterTheFirst() throws Exception {
    FakeLibrary library = new FakeLibrary(true);
    new PredictionTiming(0).batch(library, new double[ROWS], ROWS);
    assertEquals(4, library.batches);
  }

  @Test
  void singleRowsAreEachScoredInTheWarmUpAndOnceTimed() throws Exception {
    FakeLibrary library = new FakeLibrary(true);
    double[] latencies = new PredictionTiming(0).singleRows(library, 50_000, 1);
    assertEquals(PredictionTiming.SINGLE_ROWS, latencies.length);
    assertEquals(2 * PredictionTiming.SINGLE_ROWS, library.rowCalls);
    for (int i = 1; i < latencies.length; i++) {
      assertTrue(latencies[i - 1] <= latencies[i], "sorted");
    }
    FakeLibrary small = new FakeLibrary(true);
    assertEquals(300, new PredictionTiming(0).singleRows(small, 300, 1).length);
  }

  @Test
  void aLibraryWithoutShapValuesHasNoShapRate() throws Exception {
    FakeLibrary none = new FakeLibrary(false);
    assertTrue(Double.isNaN(new PredictionTiming(1).shapRate(none, ROWS)));
    assertEquals(1, none.shapCalls, "asked once, not for the whole warm-up");
    FakeLibrary some = new FakeLibrary(true);
    assertTrue(new PredictionTiming(0).shapRate(some, ROWS) > 0);
    assertEquals(2, some.shapCalls, "one warm-up call, one timed");
  }

  @Test
  void percentilesIndexTheSortedLatencies() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(6, PredictionTiming.percentile(sorted, 0.5));
    assertEquals(10, PredictionTiming.percentile(sorted, 0.99));
    assertEquals(10, PredictionTiming.percentile(sorted, 1.0));
  }
}
