package dev.boreal.bench;

import dev.boreal.bench.SuiteResults.Gap;
import dev.boreal.bench.SuiteResults.Run;
import dev.boreal.bench.SuiteResults.SetResult;
import dev.boreal.bench.SuiteResults.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Shows {@link SuiteResults}: one aligned table (per set, each library's test metric, the reference scores beside,
 * Boreal's gaps, the neural nets' metrics and gaps to the best tree, then the training seconds), summary lines per
 * algorithm, and the same as JSON. Reference models
 * get short column names ({@code sklearn-hgb-1.2.1} → {@code sk-hgb}, {@code xgboost-1.7.4} → {@code xgb-1.7}:
 * the version stays where the same library also runs live).
 */
final class SuiteReport {
  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");

  /** A column of the table: its header, its side, and its cell for a set. */
  private record Column(String header, boolean left, Function<SetResult, String> cell) {}

  private final SuiteResults results;
  private final List<String> libraries;
  /** Reference model → its column name. */
  private final Map<String, String> labels;

  /**
   * A report of the given results.
   *
   * @param libraries the libraries that ran, in table order ({@link SuiteResults#GBDT}, peers,
   *     {@link SuiteResults#RF}, {@link SuiteResults#NETS})
   * @param referenceModels the reference models, in reference.tsv's order (empty without one)
   */
  SuiteReport(SuiteResults results, List<String> libraries, List<String> referenceModels) {
    this.results = results;
    this.libraries = List.copyOf(libraries);
    this.labels = labels(referenceModels);
  }

  /** Short column names of reference models; the full names wherever two would share one. */
  static Map<String, String> labels(List<String> models) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String model : models) {
      String[] parts = model.toLowerCase(Locale.ROOT).split("-");
      String library = parts[0];
      boolean live = library.equals("xgboost") || library.equals("lightgbm");
      StringBuilder label = new StringBuilder(switch (library) {
        case "sklearn", "scikit" -> "sk";
        case "xgboost" -> "xgb";
        case "lightgbm" -> "lgbm";
        default -> library;
      });
      for (int i = 1; i < parts.length; i++) {
        if (!VERSION.matcher(parts[i]).matches()) {
          label.append('-').append(parts[i]);
        } else if (live) {
          String[] numbers = parts[i].split("\\.");
          label.append('-').append(numbers[0]).append(numbers.length > 1 ? "." + numbers[1] : "");
        }
      }
      out.put(model, label.toString());
    }
    if (out.values().stream().distinct().count() < out.size()) {
      out.replaceAll((model, label) -> model);
    }
    return out;
  }

  /** The table, then a summary line per algorithm. */
  void print(PrintWriter out) {
    List<Column> columns = columns();
    List<String[]> rows = new ArrayList<>();
    rows.add(columns.stream().map(Column::header).toArray(String[]::new));
    for (SetResult r : results.all()) {
      rows.add(columns.stream().map(c -> c.cell().apply(r)).toArray(String[]::new));
    }
    int[] widths = new int[columns.size()];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        String format = "%" + (columns.get(c).left() ? "-" : "") + widths[c] + "s";
        line.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, format, row[c]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println();
    if (libraries.contains(SuiteResults.GBDT)) {
      out.println(summaryLine("gbdt", results.gbdtSummary(), boostingPeers()));
    }
    if (libraries.contains(SuiteResults.RF)) {
      out.println(summaryLine("rf  ", results.rfSummary(), forestPeers()));
    }
    for (String net : nets()) {
      out.println(summaryLine(net, results.netSummary(net), treeModels()));
    }
  }

  private List<Column> columns() {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("set", true, r -> r.set().name()));
    columns.add(new Column("task", true, r -> r.set().task().objective()));
    columns.add(new Column("metric", true, r -> r.set().task().metric));
    if (libraries.contains(SuiteResults.GBDT)) {
      for (String library : libraries) {
        if (!library.equals(SuiteResults.RF) && !SuiteResults.NETS.contains(library)) {
          columns.add(new Column(library, false, r -> value(r.runs().get(library))));
        }
      }
      addReference(columns, false);
      if (!boostingPeers().isEmpty()) {
        columns.add(new Column("gbdt gap", false, r -> percent(r.gbdtGap().value())));
      }
    }
    if (libraries.contains(SuiteResults.RF)) {
      columns.add(new Column(SuiteResults.RF, false, r -> value(r.runs().get(SuiteResults.RF))));
      addReference(columns, true);
      if (!forestPeers().isEmpty()) {
        columns.add(new Column("rf gap", false, r -> percent(r.rfGap().value())));
      }
    }
    for (String net : nets()) {
      columns.add(new Column(net, false, r -> value(r.runs().get(net))));
    }
    if (!nets().isEmpty() && !treeModels().isEmpty()) {
      for (String net : nets()) {
        columns.add(new Column(net + " gap", false, r -> percent(r.netGap(net).value())));
      }
    }
    for (String library : libraries) {
      columns.add(new Column(library + " s", false, r -> seconds(r.runs().get(library))));
    }
    return columns;
  }

  private void addReference(List<Column> columns, boolean forests) {
    labels.forEach((model, label) -> {
      if (SuiteResults.isForest(model) == forests) {
        columns.add(new Column(label, false, r -> r.reference().containsKey(model)
            ? ComparisonReport.format(r.reference().get(model)) : "-"));
      }
    });
  }

  /** The neural nets that ran, in table order. */
  private List<String> nets() {
    return libraries.stream().filter(SuiteResults.NETS::contains).toList();
  }

  /** Column names of what the neural nets are measured against: every tree model, live or reference. */
  private List<String> treeModels() {
    List<String> trees = new ArrayList<>();
    for (String library : libraries) {
      if (!SuiteResults.NETS.contains(library)) {
        trees.add(library);
      }
    }
    trees.addAll(labels.values());
    return trees;
  }

  /** Column names of what Boreal's boosting is measured against. */
  private List<String> boostingPeers() {
    List<String> peers = new ArrayList<>();
    for (String library : libraries) {
      if (!library.equals(SuiteResults.GBDT) && !library.equals(SuiteResults.RF)
          && !SuiteResults.NETS.contains(library)) {
        peers.add(library);
      }
    }
    labels.forEach((model, label) -> {
      if (!SuiteResults.isForest(model)) {
        peers.add(label);
      }
    });
    return peers;
  }

  /** Column names of what Boreal's forest is measured against. */
  private List<String> forestPeers() {
    List<String> peers = new ArrayList<>();
    labels.forEach((model, label) -> {
      if (SuiteResults.isForest(model)) {
        peers.add(label);
      }
    });
    return peers;
  }

  private static String summaryLine(String algorithm, Summary s, List<String> peers) {
    if (peers.isEmpty()) {
      return algorithm + ": no peer to measure against (the folder's reference.tsv has none)";
    }
    String against = "; gap to the best of " + String.join(", ", peers);
    if (s.sets() == 0) {
      return algorithm + ": no set has a gap" + against;
    }
    return String.format(Locale.ROOT, "%s: median gap %s, wins %d of %d (gap <= 0), worst %s (%s)%s", algorithm,
        percent(s.median()), s.wins(), s.sets(), percent(s.worst()), s.worstSet(), against);
  }

  private static String value(Run run) {
    return run == null ? "-" : run.error() != null ? "failed" : ComparisonReport.format(run.value());
  }

  private static String seconds(Run run) {
    return run == null ? "-" : run.error() != null ? "failed" : String.format(Locale.ROOT, "%.2f", run.seconds());
  }

  /** A gap as a signed percentage with one decimal: {@code +1.2%}; "-" when there is none. */
  static String percent(double gap) {
    return Double.isNaN(gap) ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * gap);
  }

  /**
   * Writes the report as JSON, whole or not at all: per set its task, metric, each library's value and seconds
   * (or error), the reference values and the gaps (as fractions, positive when Boreal is worse), then the summary.
   */
  void writeJson(Path file, Map<String, Object> context, Map<String, Map<String, String>> parameters,
      List<String> notes) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("context", context);
    root.put("parameters", parameters);
    root.put("reference_models", invert(labels));
    root.put("notes", notes);
    List<Object> sets = new ArrayList<>();
    for (SetResult r : results.all()) {
      Map<String, Object> set = new LinkedHashMap<>();
      set.put("name", r.set().name());
      set.put("task", r.set().task().objective());
      set.put("rows", r.set().rows());
      set.put("features", r.set().features());
      set.put("classes", r.set().classes());
      set.put("metric", r.set().task().metric);
      Map<String, Object> runs = new LinkedHashMap<>();
      r.runs().forEach((library, run) -> runs.put(library, json(run)));
      set.put("results", runs);
      Map<String, Object> reference = new LinkedHashMap<>();
      r.reference().forEach((model, value) -> reference.put(labels.get(model), value));
      set.put("reference", reference);
      if (libraries.contains(SuiteResults.GBDT)) {
        putGap(set, "gbdt", r.gbdtGap());
      }
      if (libraries.contains(SuiteResults.RF)) {
        putGap(set, "rf", r.rfGap());
      }
      for (String net : nets()) {
        putGap(set, net, r.netGap(net));
      }
      sets.add(set);
    }
    root.put("sets", sets);
    Map<String, Object> summary = new LinkedHashMap<>();
    if (libraries.contains(SuiteResults.GBDT)) {
      summary.put("gbdt", json(results.gbdtSummary(), boostingPeers()));
    }
    if (libraries.contains(SuiteResults.RF)) {
      summary.put("rf", json(results.rfSummary(), forestPeers()));
    }
    for (String net : nets()) {
      summary.put(net, json(results.netSummary(net), treeModels()));
    }
    root.put("summary", summary);
    ComparisonReport.writeJsonFile(file, root);
  }

  private void putGap(Map<String, Object> set, String algorithm, Gap gap) {
    set.put(algorithm + "_gap", number(gap.value()));
    Map<String, Object> best = null;
    if (gap.bestBy() != null) {
      best = new LinkedHashMap<>();
      best.put("by", labels.getOrDefault(gap.bestBy(), gap.bestBy()));
      best.put("value", gap.best());
    }
    set.put(algorithm + "_best", best);
  }

  private static Map<String, Object> json(Run run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", number(run.value()));
    m.put("train_s", number(run.seconds()));
    if (run.error() != null) {
      m.put("error", run.error());
    }
    return m;
  }

  private static Map<String, Object> json(Summary s, List<String> against) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("against", against);
    m.put("sets", s.sets());
    m.put("median_gap", number(s.median()));
    m.put("wins", s.wins());
    m.put("worst_gap", number(s.worst()));
    m.put("worst_set", s.worstSet());
    return m;
  }

  private static Map<String, String> invert(Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>();
    labels.forEach((model, label) -> out.put(label, model));
    return out;
  }

  /** JSON has no NaN: a figure that does not exist is null. */
  private static Double number(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
