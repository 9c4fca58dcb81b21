package dev.boreal.cli;

import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.gbdt.TrainingStop;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints training progress for people: a line of metrics every {@code --log-every} iterations, and on a
 * terminal a progress bar that redraws itself in place.
 */
final class TrainingLog implements TrainingListener {
  private static final int BAR_WIDTH = 30;

  private final PrintWriter out;
  private final PrintWriter bar;
  private final int every;
  private final long start = System.nanoTime();
  private TrainingStop stop;

  /**
   * @param out where metric lines go
   * @param bar where the progress bar goes (stderr of a terminal), or {@code null} for none
   * @param every print metrics every this many iterations (0: never)
   */
  TrainingLog(PrintWriter out, PrintWriter bar, int every) {
    this.out = out;
    this.bar = bar;
    this.every = every;
  }

  /** A log for the process's own streams: a bar only when stderr is a terminal. */
  static TrainingLog forConsole(PrintWriter out, PrintWriter err, int every) {
    return new TrainingLog(out, System.console() != null ? err : null, every);
  }

  @Override
  public void onIteration(int iteration, int total, List<Evaluation> evaluations) {
    StringBuilder metrics = new StringBuilder();
    for (Evaluation e : evaluations) {
      metrics.append(String.format(Locale.ROOT, "  %s %s: %.6g", e.dataset(), e.metric(), e.value()));
    }
    onIteration(iteration, total, metrics.toString());
  }

  /**
   * Redraws the bar and, every {@code every} iterations and at the last, prints {@code [iteration]} and
   * {@code metrics}, text already formatted (cross-validation shows a mean ± a standard deviation).
   *
   * @param metrics the line after the iteration number; empty for none
   */
  void onIteration(int iteration, int total, String metrics) {
    double seconds = (System.nanoTime() - start) / 1e9;
    if (bar != null) {
      int filled = (int) ((long) BAR_WIDTH * iteration / Math.max(1, total));
      bar.printf(Locale.ROOT, "\r[%s%s] %d/%d  %.1f s", "#".repeat(filled), ".".repeat(BAR_WIDTH - filled),
          iteration, total, seconds);
      bar.flush();
    }
    if (every > 0 && (iteration % every == 0 || iteration == total) && !metrics.isEmpty()) {
      clearBar();
      out.println(String.format(Locale.ROOT, "[%d]", iteration) + metrics);
      out.flush();
    }
  }

  @Override
  public void onStop(TrainingStop how) {
    stop = how;
  }

  /** Why boosting ended, or null when the algorithm does not say (forests run every tree). */
  TrainingStop stop() {
    return stop;
  }

  /** Ends the progress bar's line so later output starts clean. */
  void finish() {
    clearBar();
  }

  private void clearBar() {
    if (bar != null) {
      bar.print("\r" + " ".repeat(BAR_WIDTH + 30) + "\r");
      bar.flush();
    }
  }
}
