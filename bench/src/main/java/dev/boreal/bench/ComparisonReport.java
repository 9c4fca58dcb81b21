package dev.boreal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what the comparison measured: the parameters each library was given, a table of median figures
 * with each peer's ratio to Boreal beside its figure, and the same as JSON.
 */
final class ComparisonReport {
  /** One library at one size of the scaling run, with where its time went (empty for the peers). */
  record ScalePoint(String library, long rows, double constructionSeconds, double trainingSeconds,
      double peakRssMegabytes, Map<String, Double> phaseSeconds) {}

  private static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("construction_s", "data set construction (s)");
    LABELS.put("training_s", "training (s)");
    LABELS.put("batch_rows_per_s", "batch prediction (rows/s)");
    LABELS.put("batch_first_rows_per_s", "  first pass, cold (rows/s)");
    LABELS.put("single_p50_us", "single-row p50 (µs)");
    LABELS.put("single_p99_us", "single-row p99 (µs)");
    LABELS.put("shap_rows_per_s", "TreeSHAP (rows/s)");
    LABELS.put("peak_rss_mb", "peak RSS (MB)");
  }

  private ComparisonReport() {}

  /** The parameter maps, one line per library. */
  static void printParameters(PrintWriter out, Map<String, Map<String, String>> maps) {
    out.println("parameters (checked equivalent: leaves, rounds, learning rate, threads, and bins and seed where"
        + " set):");
    maps.forEach((library, params) -> {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-18s", library));
      params.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
      out.println(line);
    });
  }

  /**
   * The table of medians, a column per library; the first library is the base of every ratio. A failed library's
   * column says "failed" and a line under the table says why (each reason names its library); without the base's
   * figures there are no ratios.
   *
   * @param libraries every library of the comparison, in report order
   * @param medians the figures of the libraries that ran
   * @param failures why each of the others failed
   */
  static void printTable(PrintWriter out, List<String> libraries, Map<String, Measurement> medians,
      Map<String, String> failures, int repeat) {
    if (medians.isEmpty()) {
      out.println("no library finished a run, so there is no table.");
    } else {
      Measurement base = medians.get(libraries.get(0));
      out.printf(Locale.ROOT, "median of %d run%s; %s%n", repeat, repeat == 1 ? "" : "s", base == null
          ? "no ratios: " + libraries.get(0) + " failed" : "ratio = peer / " + libraries.get(0));
      StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-28s", "figure"));
      for (String library : libraries) {
        header.append(String.format(Locale.ROOT, " %22s", library));
      }
      out.println(header);
      for (String key : medians.values().iterator().next().figures().keySet()) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s",
            LABELS.getOrDefault(key, "test " + key)));
        for (String library : libraries) {
          Measurement m = medians.get(library);
          String cell = m == null ? "failed" : format(m.figures().get(key));
          double ratio = m == null || base == null || m == base ? Double.NaN
              : m.figures().get(key) / base.figures().get(key);
          if (!Double.isNaN(ratio) && !Double.isInfinite(ratio)) {
            cell += String.format(Locale.ROOT, " (x%.2f)", ratio);
          }
          line.append(String.format(Locale.ROOT, " %22s", cell));
        }
        out.println(line);
      }
    }
    failures.values().forEach(out::println);
  }

  /**
   * The scaling table: per size and library, construction and training time, each with its growth over the
   * library's previous size, peak memory, and training time as a ratio of the first library's at that size.
   */
  static void printScaling(PrintWriter out, List<ScalePoint> points) {
    out.println("scaling (growth = time / the same library's time at the previous size; ratio = training time"
        + " / " + points.get(0).library() + "'s at that size):");
    out.printf(Locale.ROOT, "%12s %-20s %18s %8s %14s %8s %14s %8s%n", "rows", "library", "construction (s)",
        "growth", "training (s)", "growth", "peak RSS (MB)", "ratio");
    Map<String, ScalePoint> previous = new LinkedHashMap<>();
    Map<Long, ScalePoint> firstAtSize = new LinkedHashMap<>();
    for (ScalePoint p : points) {
      ScalePoint before = previous.put(p.library(), p);
      ScalePoint base = firstAtSize.computeIfAbsent(p.rows(), r -> p);
      out.printf(Locale.ROOT, "%12d %-20s %18s %8s %14s %8s %14s %8s%n", p.rows(), p.library(),
          format(p.constructionSeconds()),
          before == null ? "" : factor(p.constructionSeconds() / before.constructionSeconds()),
          format(p.trainingSeconds()), before == null ? "" : factor(p.trainingSeconds() / before.trainingSeconds()),
          format(p.peakRssMegabytes()), factor(p.trainingSeconds() / base.trainingSeconds()));
    }
  }

  private static String factor(double ratio) {
    return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "" : String.format(Locale.ROOT, "x%.2f", ratio);
  }

  /**
   * Writes everything printed as JSON (NaN as null), whole or not at all; a failed library's result is
   * {@code {"failed": why}}.
   */
  static void writeJson(Path file, Map<String, Object> context, Map<String, Map<String, String>> maps,
      Map<String, Measurement> medians, Map<String, String> failures, List<ScalePoint> scaling) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("context", context);
    root.put("parameters", maps);
    Map<String, Object> results = new LinkedHashMap<>();
    Measurement base = medians.get(maps.keySet().iterator().next());
    for (String library : maps.keySet()) {
      Measurement m = medians.get(library);
      if (m == null) {
        results.put(library, Map.of("failed", failures.getOrDefault(library, "did not run")));
        continue;
      }
      Map<String, Object> figures = new LinkedHashMap<>();
      m.figures().forEach((k, v) -> {
        figures.put(k, Double.isNaN(v) ? null : v);
        double ratio = base == null ? Double.NaN : v / base.figures().get(k);
        figures.put(k + "_ratio", Double.isNaN(ratio) || Double.isInfinite(ratio) ? null : ratio);
      });
      if (!m.phaseSeconds().isEmpty()) {
        figures.put("phases_s", m.phaseSeconds());
      }
      results.put(library, figures);
    }
    root.put("results", results);
    if (!scaling.isEmpty()) {
      root.put("scaling", scaling);
    }
    writeJsonFile(file, root);
  }

  /** Writes a value as indented JSON to a temporary file beside {@code file}, then moves it into place. */
  static void writeJsonFile(Path file, Object root) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), root);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A figure with about four significant digits; "n/a" for a figure the library does not offer. */
  static String format(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 10_000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.3f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
