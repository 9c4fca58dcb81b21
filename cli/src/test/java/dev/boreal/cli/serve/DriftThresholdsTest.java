package dev.boreal.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.histogram.BinMapper;
import dev.boreal.monitor.drift.DriftProfile;
import dev.boreal.monitor.drift.DriftTest;
import dev.boreal.monitor.drift.FeatureCounts;
import dev.boreal.monitor.drift.ScoreHistogram;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * GET /drift's thresholds are computed by the background executor, once per drawn size, never by the caller:
 * the executor here is a queue the test runs by hand, so every step is deterministic.
 */
class DriftThresholdsTest {
  private static DriftTest test() {
    BinMapper colours = BinMapper.ofCategorical(new String[] {"red", "blue"}, false, false);
    DriftProfile profile = new DriftProfile(List.of("colour"),
        List.of(new FeatureCounts(new long[] {300, 500, 150, 50}, 0, 0, Double.NaN, Double.NaN)),
        new ScoreHistogram(new double[] {0.5}, new long[] {600, 400, 0}), null, 0);
    return DriftTest.of(profile, List.of(colours));
  }

  @Test
  void theFirstRequestForASizeQueuesOneComputationThatLaterRequestsJoinAndTheCacheThenAnswers() {
    ArrayDeque<Runnable> queue = new ArrayDeque<>();
    DriftThresholds thresholds = DriftThresholds.on(queue::add);
    DriftTest test = test();

    CompletableFuture<Void> first = thresholds.ready(test, 5_000);
    assertFalse(first.isDone(), "nothing is computed by the caller");
    assertFalse(test.hasThresholds(5_000));
    assertSame(first, thresholds.ready(test, 5_049), "5,049 rows draw at 5,000 too: the same computation");
    assertEquals(1, queue.size());

    queue.poll().run();
    assertTrue(first.isDone() && !first.isCompletedExceptionally());
    assertTrue(test.hasThresholds(5_000) && test.hasThresholds(5_099));
    assertFalse(test.hasThresholds(5_100), "5,100 rows draw at another size");
    assertTrue(thresholds.ready(test, 5_000).isDone());
    assertTrue(queue.isEmpty(), "a computed size queues nothing");

    CompletableFuture<Void> next = thresholds.ready(test, 5_100);
    assertFalse(next.isDone());
    assertEquals(1, queue.size());
    queue.poll().run();
    assertTrue(next.isDone());
    assertEquals(test.thresholds(0, 5_100), test.thresholds(0, 5_150), "the cached thresholds of that size");
  }
}
