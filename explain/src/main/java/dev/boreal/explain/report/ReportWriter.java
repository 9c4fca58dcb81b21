package dev.boreal.explain.report;

import static dev.boreal.explain.report.Markup.escape;

import dev.boreal.engine.metric.CalibrationSummary;
import dev.boreal.explain.Importance;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the explanation report: one self-contained HTML file (inline CSS and SVG; no scripts, fonts,
 * images or network) with the model summary, global importance, the SHAP summary plot, dependence plots for
 * the top features, waterfall plots of single rows and the distribution of predictions.
 *
 * <p>The markup is also well-formed XML (XHTML), so tools can parse it, and the same input always gives
 * the same bytes: nothing random, no timestamps. Writing the file is the caller's (the command line writes
 * it through its one output seam).
 */
public final class ReportWriter {
  /** What the report and the explain command say of a calibrated model. */
  public static final String CALIBRATION_NOTE =
      "SHAP values explain the raw margin; the model's calibration is applied after.";

  private static final String CSS = String.join("\n",
      ":root { --ink: #1f2933; --muted: #52606d; --line: #d9dee4; --bg: #f4f6f8; }",
      "* { box-sizing: border-box; }",
      "body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.45 system-ui, -apple-system,"
          + " 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }",
      "header { background: #102a43; color: #fff; padding: 22px 32px 14px; }",
      "header h1 { margin: 0 0 4px; font-size: 24px; font-weight: 600; }",
      "header p { margin: 0 0 10px; color: #bcccdc; }",
      "nav a { color: #9fb3c8; margin-right: 18px; text-decoration: none; font-size: 13px; }",
      "main { max-width: 1180px; margin: 0 auto; padding: 8px 24px 32px; }",
      "section { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 18px 0;"
          + " padding: 16px 22px; }",
      "h2 { font-size: 18px; margin: 0 0 6px; }",
      "p.caption, p.note { color: var(--muted); margin: 0 0 10px; max-width: 980px; }",
      "figure { margin: 8px 0; }",
      "figcaption { color: var(--muted); font-size: 12px; margin-top: 2px; }",
      "svg.chart { display: block; max-width: 100%; height: auto; }",
      ".grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 8px 20px; }",
      ".facts { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 12px 40px; }",
      "table { border-collapse: collapse; margin: 6px 0 12px; }",
      "caption { text-align: left; font-weight: 600; padding-bottom: 4px; }",
      "th, td { padding: 3px 12px 3px 0; text-align: left; border-bottom: 1px solid #edf0f3;"
          + " vertical-align: top; }",
      "table.kv th { color: var(--muted); font-weight: normal; white-space: nowrap; }",
      "table.metrics td { font-variant-numeric: tabular-nums; }",
      "table.metrics th { color: var(--muted); font-weight: 600; font-size: 12px; }",
      "svg text { font-family: inherit; fill: var(--ink); }",
      "svg .tick { font-size: 11px; fill: var(--muted); }",
      "svg .label { font-size: 12px; }",
      "svg .value { font-size: 11px; fill: var(--muted); }",
      "svg .panel-title { font-size: 13px; font-weight: 600; }",
      "svg .axis-title { font-size: 12px; fill: var(--muted); }",
      "svg .bar-text { font-size: 11px; fill: #fff; font-weight: 600; }",
      "svg .marker-text { font-size: 11px; fill: var(--muted); }",
      "svg .axis { stroke: #7b8794; stroke-width: 1; }",
      "svg .grid { stroke: #e4e7eb; stroke-width: 1; }",
      "svg .zero { stroke: #7b8794; stroke-width: 1; stroke-dasharray: 3 3; }",
      "svg .marker { stroke: #9aa5b1; stroke-width: 1; stroke-dasharray: 4 3; }",
      "footer { text-align: center; color: var(--muted); font-size: 12px; padding: 0 0 24px; }");

  private ReportWriter() {}

  /** The report's HTML. */
  public static String render(ReportInput input) {
    return render(input, null);
  }

  /**
   * The report's HTML, with a calibration section (reliability diagrams, calibration errors, Brier
   * decomposition) when {@code calibrationOrNull} is given: the data had labels.
   */
  public static String render(ReportInput input, CalibrationSummary calibrationOrNull) {
    ReportData d = new ReportData(input);
    StringBuilder h = new StringBuilder(1 << 20);
    start(h, "Boreal explanation report: " + input.dataName());
    Map<String, String> sections = new LinkedHashMap<>();
    sections.put("model", "Model summary");
    sections.put("importance", "Global importance");
    sections.put("summary", "SHAP summary");
    sections.put("dependence", "Dependence plots");
    sections.put("waterfall", "Single rows");
    sections.put("predictions", "Predictions");
    if (calibrationOrNull != null) {
      sections.put("calibration", "Calibration");
    }
    h.append("<header>\n<h1>Explanation report</h1>\n<p>").append(escape(d.model.objective())).append(' ')
        .append(escape(d.model.algorithm())).append(" model on ").append(escape(input.dataName())).append(" \u00B7 ")
        .append(String.format(Locale.ROOT, "%,d", d.rows)).append(" rows \u00B7 ").append(escape(input.method()))
        .append("</p>\n<nav>");
    sections.forEach((id, title) -> h.append("<a href=\"#").append(id).append("\">").append(escape(title))
        .append("</a>"));
    h.append("</nav>\n</header>\n<main>\n");
    open(h, "model", sections.get("model"));
    h.append(ModelSummary.render(d));
    h.append("</section>\n");
    importance(h, d, sections.get("importance"));
    summary(h, d, sections.get("summary"));
    dependence(h, d, sections.get("dependence"));
    waterfalls(h, d, sections.get("waterfall"));
    open(h, "predictions", sections.get("predictions"));
    caption(h, "How the " + d.predictionName() + " is distributed over all "
        + String.format(Locale.ROOT, "%,d", d.rows) + " rows; the dashed line marks the mean.");
    figure(h, PredictionHistogram.render(d), null);
    h.append("</section>\n");
    if (calibrationOrNull != null) {
      open(h, "calibration", sections.get("calibration"));
      CalibrationSection.render(h, calibrationOrNull, d.model.classes());
      h.append("</section>\n");
    }
    end(h);
    return h.toString();
  }

  /** Opens a page titled {@code title}: the document head with the reports' CSS, up to {@code <body>}. */
  static void start(StringBuilder h, String title) {
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n");
  }

  /** Closes the page {@link #start} opened, after the main content. */
  static void end(StringBuilder h) {
    h.append("</main>\n<footer>Written by Boreal. This file is self-contained: inline SVG and CSS,"
        + " no scripts and no network.</footer>\n</body>\n</html>\n");
  }

  private static void importance(StringBuilder h, ReportData d, String title) {
    open(h, "importance", title);
    String shap = "the average size of each feature's SHAP value over all rows, its typical effect on the "
        + d.rawName() + (d.multiclass() ? ", stacked by class" : "") + ".";
    if (d.trees != null) {
      caption(h, "Left: " + shap + " Right: the feature's share of the loss reduction (gain) of every split in "
          + "the model, over the first " + d.trees.bestIteration() + " iterations." + ImportancePlot.omitted(d));
    } else {
      caption(h, "Bars: " + shap + " Split-gain importance needs trees, and a neural net has none, so the "
          + "features are ranked by mean |SHAP value| alone." + ImportancePlot.omitted(d));
    }
    figure(h, ImportancePlot.render(d, d.trees == null ? null : Importance.gain(d.trees)), null);
    h.append("</section>\n");
  }

  private static void summary(StringBuilder h, ReportData d, String title) {
    open(h, "summary", title);
    caption(h, "Each dot is a row (" + d.sample.length + (d.sample.length < d.rows ? ", evenly spaced through "
        + "the file," : "") + " shown). Its position is the feature's SHAP value in that row: right of the dashed"
        + " line the feature raised the " + d.rawName() + ", left of it lowered it. Colour is the row's value of "
        + "the feature as a percentile, from blue (low) to red (high); grey is missing."
        + (d.multiclass() ? " Each row is explained for its predicted class." : ""));
    figure(h, BeeswarmPlot.render(d), null);
    h.append("</section>\n");
  }

  private static void dependence(StringBuilder h, ReportData d, String title) {
    open(h, "dependence", title);
    boolean exact = d.input.interactionStrength() != null;
    caption(h, "How a top feature's value drives its SHAP value, one dot per row. Colour shows the feature it "
        + "interacts with most, " + (exact ? "by mean |SHAP interaction value|." : "estimated without "
        + "interaction values: the feature whose value best explains the vertical spread among rows with "
        + "similar values of the plotted one " + (d.trees != null ? "(rerun with --interactions for exact "
        + "interaction strengths)." : "(exact interaction values need a tree model, and this is a neural net).")));
    h.append("<div class=\"grid\">\n");
    int n = Math.min(DependencePlot.MAX_PLOTS, d.features);
    for (int i = 0; i < n; i++) {
      int f = d.order[i];
      int by = DependencePlot.colouring(d, f);
      String note = by < 0 ? "single feature: no colouring" : "coloured by " + d.names.get(by) + " ("
          + (exact ? "strongest interaction" : "estimated strongest interaction") + ")";
      figure(h, DependencePlot.render(d, f, by), note);
    }
    h.append("</div>\n</section>\n");
  }

  private static void waterfalls(StringBuilder h, ReportData d, String title) {
    open(h, "waterfall", title);
    caption(h, "Why single rows got their score: from the expected value (the average " + d.rawName()
        + (d.trees != null ? " over the data the model's trees saw" : " over the KernelSHAP background rows")
        + "), each feature's SHAP value pushes the score up (red) or down "
        + "(blue) until it reaches the row's score f(x). Rows are numbered from 0 in file order.");
    if (d.rows == 0) {
      h.append("<p class=\"note\">The data has no rows.</p>\n");
    } else {
      Map<Integer, String> rows = new LinkedHashMap<>();
      int hi = 0;
      int lo = 0;
      for (int r = 1; r < d.rows; r++) {
        hi = d.prediction[r] > d.prediction[hi] ? r : hi;
        lo = d.prediction[r] < d.prediction[lo] ? r : lo;
      }
      rows.put(hi, "highest score");
      rows.putIfAbsent(lo, "lowest score");
      for (int r : d.input.waterfallRows()) {
        rows.putIfAbsent(r, "requested with --rows");
      }
      rows.forEach((r, why) -> figure(h, WaterfallPlot.render(d, r, why), null));
    }
    h.append("</section>\n");
  }

  static void open(StringBuilder h, String id, String title) {
    h.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(title)).append("</h2>\n");
  }

  static void caption(StringBuilder h, String text) {
    h.append("<p class=\"caption\">").append(escape(text)).append("</p>\n");
  }

  static void figure(StringBuilder h, String svg, String caption) {
    h.append("<figure>\n").append(svg);
    if (caption != null) {
      h.append("<figcaption>").append(escape(caption)).append("</figcaption>\n");
    }
    h.append("</figure>\n");
  }
}
