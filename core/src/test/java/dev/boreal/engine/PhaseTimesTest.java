package dev.boreal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.PhaseTimes.Phase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Phase times add up per phase, and print and map in phase order with "other" taking the rest. */
class PhaseTimesTest {
  @Test
  void timesAddUpPerPhaseInPhaseOrder() throws InterruptedException {
    PhaseTimes times = new PhaseTimes();
    long t = times.start();
    Thread.sleep(20);
    times.add(Phase.HISTOGRAMS, t);
    times.add(Phase.HISTOGRAMS, times.start());
    assertTrue(times.seconds(Phase.HISTOGRAMS) >= 0.02, "at least the sleep: " + times.seconds(Phase.HISTOGRAMS));
    assertEquals(0.0, times.seconds(Phase.PARTITION));
    Map<String, Double> map = times.toMap();
    assertEquals(List.of("reading", "binning", "gradients", "histograms", "split_search", "partition", "scoring"),
        List.copyOf(map.keySet()));
    assertEquals(times.seconds(Phase.HISTOGRAMS), map.get("histograms"));
    String line = times.describe(10.0);
    assertTrue(line.startsWith("reading 0.00 s, binning 0.00 s, gradients 0.00 s, histograms 0.0"), line);
    assertTrue(line.contains(", split search 0.00 s, partition 0.00 s, scoring 0.00 s, other 9.9"), line);
  }
}
