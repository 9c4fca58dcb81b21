package dev.boreal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.boreal.UsageException;
import dev.boreal.io.OutputFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table {@code boreal compare} prints: one row per algorithm, one column per metric, then training
 * seconds, prediction rows per second and model size; under {@code --folds} each cell is the mean over the
 * folds ± their sample standard deviation. Rendered as aligned text for the console, and as Markdown, HTML
 * or JSON for {@code --out} (chosen by the file's extension, written to a temporary file and moved into
 * place).
 */
final class CompareReport {
  private final String setup;
  private final List<String> algorithms;
  private final List<CompareRun.Column> columns;
  private final List<List<CompareRun.Result>> results;
  private final int splits;

  /**
   * @param setup one sentence on the data, the split and the settings
   * @param results per algorithm, its result on each split, in split order
   */
  CompareReport(String setup, List<String> algorithms, List<CompareRun.Column> columns,
      List<List<CompareRun.Result>> results) {
    this.setup = setup;
    this.algorithms = List.copyOf(algorithms);
    this.columns = List.copyOf(columns);
    this.results = List.copyOf(results);
    this.splits = results.get(0).size();
  }

  /** Mean and sample standard deviation (0 for a single value) of one figure over the splits. */
  private record Stat(double mean, double std, double[] values) {
    static Stat of(double[] values) {
      double mean = 0;
      for (double v : values) {
        mean += v;
      }
      mean /= values.length;
      double squares = 0;
      for (double v : values) {
        squares += (v - mean) * (v - mean);
      }
      return new Stat(mean, values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0, values);
    }
  }

  /** Figure {@code c} of algorithm {@code a}: metric columns first, then seconds, rows/s and bytes. */
  private Stat stat(int a, int c) {
    double[] v = new double[splits];
    for (int s = 0; s < splits; s++) {
      CompareRun.Result r = results.get(a).get(s);
      v[s] = c < columns.size() ? r.metrics()[c] : c == columns.size() ? r.trainSeconds()
          : c == columns.size() + 1 ? r.predictRowsPerSecond() : r.modelBytes();
    }
    return Stat.of(v);
  }

  private List<String> headers() {
    List<String> h = new ArrayList<>();
    h.add("algorithm");
    for (CompareRun.Column c : columns) {
      h.add(c.header());
    }
    h.add("train s");
    h.add("predict rows/s");
    h.add("model size");
    return h;
  }

  /** The algorithm with the best mean of metric column c. */
  private int best(int c) {
    int best = 0;
    for (int a = 1; a < algorithms.size(); a++) {
      double m = stat(a, c).mean();
      double b = stat(best, c).mean();
      if (columns.get(c).higherIsBetter() ? m > b : m < b) {
        best = a;
      }
    }
    return best;
  }

  private String cell(int a, int c) {
    Stat s = stat(a, c);
    String mean;
    String std;
    if (c < columns.size()) {
      mean = String.format(Locale.ROOT, "%.4f", s.mean());
      std = String.format(Locale.ROOT, "%.4f", s.std());
    } else if (c == columns.size()) {
      mean = String.format(Locale.ROOT, "%.2f", s.mean());
      std = String.format(Locale.ROOT, "%.2f", s.std());
    } else if (c == columns.size() + 1) {
      mean = String.format(Locale.ROOT, "%,.0f", s.mean());
      std = String.format(Locale.ROOT, "%,.0f", s.std());
    } else {
      mean = bytes(s.mean());
      std = bytes(s.std());
    }
    return splits > 1 ? mean + " ± " + std : mean;
  }

  private static String bytes(double b) {
    return b >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", b / (1 << 20))
        : String.format(Locale.ROOT, "%.1f KB", b / 1024);
  }

  private List<List<String>> rows(boolean markBest) {
    List<List<String>> rows = new ArrayList<>();
    for (int a = 0; a < algorithms.size(); a++) {
      List<String> row = new ArrayList<>();
      row.add(algorithms.get(a));
      for (int c = 0; c < columns.size() + 3; c++) {
        String cell = cell(a, c);
        row.add(markBest && c < columns.size() && algorithms.size() > 1 && best(c) == a ? cell + " *" : cell);
      }
      rows.add(row);
    }
    return rows;
  }

  private String footnote() {
    return (splits > 1 ? "Each cell is the mean over " + splits + " folds ± their standard deviation. " : "")
        + "* marks the best value of each metric. Training seconds include binning (trees) or preprocessing "
        + "(neural nets); prediction is one thread over the test rows; model size is the model file's.";
  }

  /** The table as aligned plain text, for the console (which has shown the setup sentence already). */
  String text() {
    List<String> h = headers();
    List<List<String>> rows = rows(true);
    int[] width = new int[h.size()];
    for (int c = 0; c < h.size(); c++) {
      width[c] = h.get(c).length();
      for (List<String> r : rows) {
        width[c] = Math.max(width[c], r.get(c).length());
      }
    }
    StringBuilder s = new StringBuilder();
    appendAligned(s, h, width);
    for (List<String> r : rows) {
      appendAligned(s, r, width);
    }
    return s.append('\n').append(footnote()).append('\n').toString();
  }

  private static void appendAligned(StringBuilder s, List<String> cells, int[] width) {
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(width[c] - cell.length());
      // Names read left to right; numbers line up on the right.
      s.append(c == 0 ? cell + pad : pad + cell).append(c + 1 < cells.size() ? "  " : "\n");
    }
  }

  /** The table in Markdown. */
  String markdown() {
    StringBuilder s = new StringBuilder(setup).append("\n\n| ").append(String.join(" | ", headers())).append(" |\n|");
    for (int c = 0; c < headers().size(); c++) {
      s.append(c == 0 ? " --- |" : " ---: |");
    }
    s.append('\n');
    for (List<String> r : rows(true)) {
      s.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    return s.append('\n').append(footnote()).append('\n').toString();
  }

  /** The table as a self-contained HTML page. */
  String html() {
    StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>boreal compare</title><style>body{font-family:system-ui,sans-serif;margin:2em}"
        + "table{border-collapse:collapse}th,td{padding:.3em .8em;border-bottom:1px solid #ccc}"
        + "td{text-align:right}td:first-child{text-align:left}</style></head><body>\n<p>")
        .append(escape(setup)).append("</p>\n<table>\n<tr>");
    for (String h : headers()) {
      s.append("<th>").append(escape(h)).append("</th>");
    }
    s.append("</tr>\n");
    for (List<String> r : rows(true)) {
      s.append("<tr>");
      for (String cell : r) {
        s.append("<td>").append(escape(cell)).append("</td>");
      }
      s.append("</tr>\n");
    }
    return s.append("</table>\n<p>").append(escape(footnote())).append("</p>\n</body></html>\n").toString();
  }

  private static String escape(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /**
   * The figures as JSON: per algorithm, each figure's value on every split with their mean and standard
   * deviation, under snake-case keys ({@code auc}, {@code log_loss}, {@code ndcg@5}, {@code train_seconds},
   * {@code predict_rows_per_second}, {@code model_bytes}).
   */
  String json() throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("setup", setup);
    root.put("splits", splits);
    List<Object> algs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (CompareRun.Column c : columns) {
      keys.add(c.header().toLowerCase(Locale.ROOT).replace(' ', '_'));
    }
    keys.add("train_seconds");
    keys.add("predict_rows_per_second");
    keys.add("model_bytes");
    for (int a = 0; a < algorithms.size(); a++) {
      Map<String, Object> alg = new LinkedHashMap<>();
      alg.put("algorithm", algorithms.get(a));
      for (int c = 0; c < columns.size() + 3; c++) {
        Stat st = stat(a, c);
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("mean", st.mean());
        figure.put("std", st.std());
        figure.put("values", st.values());
        alg.put(keys.get(c), figure);
      }
      algs.add(alg);
    }
    root.put("algorithms", algs);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
  }

  /** Checks that {@code --out} names a format compare writes, before any training. */
  static void checkOut(Path out) {
    format(out);
    OutputFile.check(out, "the table");
  }

  private static String format(Path out) {
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".md") || name.endsWith(".markdown")) {
      return "md";
    }
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return "html";
    }
    if (name.endsWith(".json")) {
      return "json";
    }
    throw new UsageException("--out must end in .md, .html or .json (the table's format); got " + out + ".");
  }

  /** Writes the table to {@code out} in the format its extension names; the file appears whole or not at all. */
  void write(Path out) throws IOException {
    String format = format(out);
    String body = format.equals("md") ? markdown() : format.equals("html") ? html() : json();
    OutputFile.writeString(out, "the table", body);
  }
}
