package dev.boreal.explain.report;

import static dev.boreal.explain.report.Markup.escape;

import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import java.util.List;
import java.util.Map;

/**
 * The report's first section as HTML tables: what the model is (algorithm, objective, size, the training
 * parameters that shape it), what was explained (file, rows, method, expected value), and the metrics
 * training recorded per data set: at the best iteration, the best value, and at the last iteration. A neural
 * net's summary gives its layers and epochs instead of trees and iterations, and says why trees are absent.
 */
final class ModelSummary {
  /** Parameters worth a glance, in LightGBM's names; others stay in the model file. */
  private static final List<String> KEY_PARAMS = List.of("learning_rate", "num_leaves", "max_depth",
      "min_data_in_leaf", "lambda_l1", "lambda_l2", "feature_fraction", "bagging_fraction", "bagging_freq",
      "max_bin", "seed");
  /** The neural net's counterparts of {@link #KEY_PARAMS}. */
  private static final List<String> MLP_PARAMS = List.of("hidden", "activation", "optimizer", "learning_rate",
      "batch_size", "weight_decay", "dropout", "max_epochs", "patience", "seed");
  /** Why a neural net's report lacks what the trees give, in the summary. */
  static final String NO_TREES = "A neural net has no trees, so tree and iteration counts are absent; the "
      + "SHAP values are KernelSHAP estimates against background rows rather than exact TreeSHAP values.";

  private ModelSummary() {}

  /** The summary's HTML: the model's facts beside what was explained, with the training metrics below it. */
  static String render(ReportData d) {
    TrainedModel m = d.model;
    StringBuilder h = new StringBuilder(4096);
    h.append("<div class=\"facts\">\n<table class=\"kv\"><caption>Model</caption><tbody>\n");
    row(h, "algorithm", algorithmName(m.algorithm()));
    row(h, "objective", m.objective());
    row(h, "link", m.link().toString());
    if (m.link().calibration() != null) {
      row(h, "calibration", m.link().calibration().method() + ". " + ReportWriter.CALIBRATION_NOTE);
    }
    if (d.multiclass()) {
      StringBuilder classes = new StringBuilder();
      for (int k = 0; k < d.outputs; k++) {
        classes.append(k == 0 ? "" : ", ").append(d.className(k));
      }
      row(h, "classes", classes.toString());
    }
    int categorical = 0;
    for (int f = 0; f < d.features; f++) {
      categorical += m.mappers().get(f).isCategorical() ? 1 : 0;
    }
    row(h, "features", d.features + (categorical > 0 ? " (" + categorical + " categorical)" : ""));
    if (d.trees != null) {
      Model t = d.trees;
      row(h, "trees", Integer.toString(t.trees().size()));
      row(h, "iterations", Integer.toString(t.numIterations()));
      row(h, "best iteration", t.bestIteration() + (t.bestIteration() < t.numIterations()
          ? " (used for prediction)" : ""));
    } else if (m instanceof MlpModel mlp) {
      row(h, "epochs", Integer.toString(mlp.epochs()));
      row(h, "best epoch", mlp.bestEpoch() + (mlp.bestEpoch() < mlp.epochs() ? " (used for prediction)" : ""));
    }
    for (String p : d.trees != null ? KEY_PARAMS : MLP_PARAMS) {
      String v = m.params().get(p);
      if (v != null) {
        row(h, p, v);
      }
    }
    h.append("</tbody></table>\n<div>\n<table class=\"kv\"><caption>Explanation</caption><tbody>\n");
    row(h, "data", d.input.dataName());
    row(h, "rows explained", String.format(java.util.Locale.ROOT, "%,d", d.rows));
    row(h, "method", d.input.method());
    for (int k = 0; k < d.outputs; k++) {
      double expected = d.rows == 0 ? Double.NaN : d.input.shap()[k * (d.features + 1) + d.features];
      row(h, "expected value" + (d.multiclass() ? " (class " + d.className(k) + ")" : ""),
          Markup.num(expected) + " (" + d.rawName() + ")");
    }
    double mean = 0;
    for (double p : d.prediction) {
      mean += p;
    }
    row(h, "mean " + d.predictionName(), Markup.num(d.rows == 0 ? Double.NaN : mean / d.rows));
    row(h, "dots per plot", Math.min(d.rows, ReportData.MAX_DOTS) + (d.rows > ReportData.MAX_DOTS
        ? " (1 row in " + Markup.num(d.rows / (double) ReportData.MAX_DOTS) + ", evenly spaced)" : " (all rows)"));
    h.append("</tbody></table>\n");
    metrics(h, m, d.bestIteration());
    h.append("</div>\n</div>\n");
    if (d.trees == null) {
      h.append("<p class=\"note\">").append(escape(NO_TREES)).append("</p>\n");
    }
    return h.toString();
  }

  private static String algorithmName(String algorithm) {
    switch (algorithm) {
      case "gbdt":
        return "gradient-boosted trees (gbdt)";
      case "rf":
        return "random forest (rf)";
      case "mlp":
        return "neural net (mlp)";
      case "ft-transformer":
        return "neural net (ft-transformer)";
      default:
        return algorithm;
    }
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th scope=\"row\">").append(escape(key)).append("</th><td>").append(escape(value))
        .append("</td></tr>\n");
  }

  /** One line per data set and metric; "best" is the minimum or maximum by the metric's direction. */
  private static void metrics(StringBuilder h, TrainedModel m, int best) {
    Map<String, Map<String, double[]>> history = m.evalHistory();
    if (history.isEmpty()) {
      h.append("<p class=\"note\">The model keeps no training metrics (it was trained without --valid).</p>\n");
      return;
    }
    h.append("<table class=\"metrics\"><caption>Metrics recorded in training</caption>\n<thead><tr>"
        + "<th scope=\"col\">data set</th><th scope=\"col\">metric</th><th scope=\"col\">at best iteration</th>"
        + "<th scope=\"col\">best (iteration)</th><th scope=\"col\">at last iteration</th></tr></thead>\n<tbody>\n");
    history.forEach((set, metrics) -> metrics.forEach((metric, values) -> {
      if (values.length == 0) {
        return;
      }
      boolean higherIsBetter = higherIsBetter(metric);
      int arg = 0;
      for (int i = 1; i < values.length; i++) {
        if (higherIsBetter ? values[i] > values[arg] : values[i] < values[arg]) {
          arg = i;
        }
      }
      h.append("<tr><td>").append(escape(set)).append("</td><td>").append(escape(metric)).append("</td><td>")
          .append(best >= 1 && best <= values.length ? Markup.num(values[best - 1]) : "\u2013")
          .append("</td><td>").append(Markup.num(values[arg])).append(" (").append(arg + 1).append(")</td><td>")
          .append(Markup.num(values[values.length - 1])).append("</td></tr>\n");
    }));
    h.append("</tbody></table>\n");
  }

  /**
   * Boreal's higher-is-better metrics (auc, ndcg@k, map@k, r2, as {@code Metric.higherIsBetter} says) grow
   * when the model improves; losses and errors shrink. The model file keeps only names, so it is decided
   * from the name.
   */
  static boolean higherIsBetter(String metric) {
    String name = metric.toLowerCase(java.util.Locale.ROOT);
    return name.equals("auc") || name.startsWith("ndcg") || name.startsWith("map") || name.equals("r2");
  }
}
