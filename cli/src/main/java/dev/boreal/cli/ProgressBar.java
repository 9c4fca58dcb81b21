package dev.boreal.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar for long batch jobs (explaining many rows), drawn in place on stderr in the style of
 * {@link TrainingLog}'s: only on a terminal, so logs and pipes never fill with carriage returns.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter bar;
  private final String label;
  private final long start = System.nanoTime();

  /**
   * @param bar where to draw (stderr of a terminal), or {@code null} to draw nothing
   * @param label what is being counted, e.g. "rows explained"
   */
  ProgressBar(PrintWriter bar, String label) {
    this.bar = bar;
    this.label = label;
  }

  /** A bar on {@code err} when the process has a terminal, else a silent one. */
  static ProgressBar forConsole(PrintWriter err, String label) {
    return new ProgressBar(System.console() != null ? err : null, label);
  }

  /** Redraws the bar at {@code done} of {@code total}. */
  void update(long done, long total) {
    if (bar == null) {
      return;
    }
    int filled = (int) (WIDTH * done / Math.max(1, total));
    bar.printf(Locale.ROOT, "\r[%s%s] %,d/%,d %s  %.1f s", "#".repeat(filled), ".".repeat(WIDTH - filled), done,
        total, label, (System.nanoTime() - start) / 1e9);
    bar.flush();
  }

  /** Clears the bar's line so later output starts clean. */
  void finish() {
    if (bar != null) {
      bar.print("\r" + " ".repeat(WIDTH + 50 + label.length()) + "\r");
      bar.flush();
    }
  }
}
