package dev.boreal.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where one run's time went, phase by phase: reading, binning, gradients, histograms, split search, partition
 * and scoring ({@code boreal train --timings}, and the JSON of {@code bench compare}).
 *
 * <p>Each phase is timed on the thread that drives the run, around a whole step (a leaf's histograms, a
 * split search), never per row: a few clock reads per leaf, cheap enough to stay on. The run's
 * {@link Parallel} carries one, so every stage that gets the team can record into it. Not thread-safe: only
 * the driving thread records.
 */
public final class PhaseTimes {
  /** The phases, in the order a run meets them. */
  public enum Phase {
    /** Parsing the input files into columns. */
    READING("reading"),
    /** Binning the training columns and applying the bins to validation columns. */
    BINNING("binning"),
    /** Gradients and hessians of every row (and their quantization). */
    GRADIENTS("gradients"),
    /** Building and subtracting leaf histograms. */
    HISTOGRAMS("histograms"),
    /** Finding each leaf's best split from its histograms. */
    SPLIT_SEARCH("split search"),
    /** Moving a split leaf's rows to its two children. */
    PARTITION("partition"),
    /** Adding each tree to the training and validation scores, and the validation metrics. */
    SCORING("scoring");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    /** The phase as reports name it, such as {@code split search}. */
    public String label() {
      return label;
    }
  }

  private final long[] nanos = new long[Phase.values().length];

  /** The clock, for {@link #add}: {@code long t = times.start(); ...; times.add(Phase.X, t);}. */
  public long start() {
    return System.nanoTime();
  }

  /** Adds the time since {@code start} (from {@link #start()}) to {@code phase}. */
  public void add(Phase phase, long start) {
    nanos[phase.ordinal()] += System.nanoTime() - start;
  }

  /** Seconds spent in {@code phase} so far. */
  public double seconds(Phase phase) {
    return nanos[phase.ordinal()] / 1e9;
  }

  /** Seconds per phase, keyed by the phase's name in lower case ({@code split_search}), in phase order. */
  public Map<String, Double> toMap() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Phase p : Phase.values()) {
      out.put(p.name().toLowerCase(Locale.ROOT), seconds(p));
    }
    return out;
  }

  /**
   * One line for people: {@code reading 0.52 s, binning 0.31 s, ..., other 0.20 s} where "other" is what
   * {@code totalSeconds} holds beyond the phases (model building, logging, waiting).
   */
  public String describe(double totalSeconds) {
    StringBuilder s = new StringBuilder();
    double timed = 0;
    for (Phase p : Phase.values()) {
      timed += seconds(p);
      s.append(String.format(Locale.ROOT, "%s %.2f s, ", p.label(), seconds(p)));
    }
    return s.append(String.format(Locale.ROOT, "other %.2f s", Math.max(0, totalSeconds - timed))).toString();
  }
}
