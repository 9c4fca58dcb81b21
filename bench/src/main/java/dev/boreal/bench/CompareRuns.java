package dev.boreal.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one comparison: every library once per repetition, in a fixed order. A library whose run fails is
 * reported as failed and not run again, and the others go on, so that one peer's crash or refusal (LightGBM's
 * quantized mode stops on some data with one thread) does not cost the figures of the rest.
 */
final class CompareRuns {
  /** Runs one library once, in a child JVM ({@link CompareChild#run}). */
  @FunctionalInterface
  interface Child {
    /**
     * The library's figures.
     *
     * @throws IllegalStateException when its run failed, with why
     */
    Measurement run(String library) throws IOException, InterruptedException;
  }

  private final Map<String, List<Measurement>> runs = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final List<String> loads = new ArrayList<>();

  private CompareRuns() {}

  /**
   * Runs {@code libraries} {@code repeat} times, printing a line before each run and the reason of each failure.
   *
   * @param libraries the libraries in report order, Boreal first
   */
  static CompareRuns run(List<String> libraries, int repeat, Child child, PrintWriter out) throws IOException,
      InterruptedException {
    CompareRuns result = new CompareRuns();
    for (int k = 0; k < repeat; k++) {
      for (String library : libraries) {
        if (result.failures.containsKey(library)) {
          continue;
        }
        out.printf("run %d/%d: %s...%n", k + 1, repeat, library);
        out.flush();
        // Other processes on the machine skew timings (OpenMP peers most): record the load around each run.
        String before = Compare.loadAverage().split(" ")[0];
        try {
          result.runs.computeIfAbsent(library, l -> new ArrayList<>()).add(child.run(library));
        } catch (IllegalStateException e) {
          result.runs.remove(library);
          result.failures.put(library, e.getMessage().lines().findFirst().orElse("no reason given"));
          out.println(e.getMessage());
        }
        result.loads.add(library + " " + before + "→" + Compare.loadAverage().split(" ")[0]);
      }
    }
    return result;
  }

  /** The median figures of each library that never failed, in report order. */
  Map<String, Measurement> medians() {
    Map<String, Measurement> medians = new LinkedHashMap<>();
    runs.forEach((library, list) -> medians.put(library, Measurement.median(list)));
    return medians;
  }

  /** Why each failed library failed (the first line of its error), in the order they failed. */
  Map<String, String> failures() {
    return Collections.unmodifiableMap(failures);
  }

  /** The 1-minute load average before and after each run, as {@code library before→after}. */
  List<String> loads() {
    return Collections.unmodifiableList(loads);
  }
}
