package dev.boreal.explain.report;

/**
 * Global importance as a horizontal bar chart: mean |SHAP value| per feature on the left (stacked by class
 * for multiclass models), and each feature's share of the model's total split gain beside it on the right,
 * so the two views can be compared row by row; a neural net, which has no splits, gets the left view only.
 * The most important features come first.
 */
final class ImportancePlot {
  /** Most features listed; the rest are summed in the text below the chart. */
  static final int MAX_FEATURES = 20;
  /** Colours for classes in stacked bars (Tableau 10, readable and distinct). */
  private static final String[] CLASS_COLORS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
      "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

  private static final int WIDTH = 1100;
  private static final int LABEL_RIGHT = 230;
  private static final int SHAP_LEFT = 240;
  private static final int SHAP_RIGHT = 700;
  private static final int GAIN_LEFT = 780;
  private static final int GAIN_RIGHT = 1060;
  private static final int ROW = 22;
  private static final int TOP = 56;

  private ImportancePlot() {}

  /** The chart's SVG; {@code gain} is null for a model without splits. */
  static String render(ReportData d, double[] gain) {
    int n = Math.min(MAX_FEATURES, d.features);
    int height = TOP + n * ROW + 58;
    Svg svg = new Svg(WIDTH, height, "chart importance", "Global feature importance: mean |SHAP value|"
        + (gain != null ? " and share of split gain" : "") + ", top " + n + " features");
    double[] total = new double[d.features];
    for (double[] m : d.meanAbs) {
      for (int f = 0; f < d.features; f++) {
        total[f] += m[f];
      }
    }
    double maxShap = 0;
    for (int i = 0; i < n; i++) {
      maxShap = Math.max(maxShap, total[d.order[i]]);
    }
    Scale x = new Scale(0, maxShap > 0 ? maxShap * 1.12 : 1, SHAP_LEFT, SHAP_RIGHT);
    double axisY = TOP + n * ROW + 4;
    svg.text(SHAP_LEFT, 20, "mean |SHAP value|", "panel-title", "start");
    if (d.multiclass()) {
      legend(svg, d);
    }
    svg.bottomAxis(x, axisY, TOP - 6, "mean |SHAP value| (average impact on the " + d.rawName() + ")", 6);
    for (int i = 0; i < n; i++) {
      int f = d.order[i];
      double y = TOP + i * ROW;
      String name = d.names.get(f);
      svg.label(LABEL_RIGHT, y + ROW * 0.68, name, 34, "label", "end");
      double left = x.map(0);
      for (int k = 0; k < d.outputs; k++) {
        double w = x.map(d.meanAbs[k][f]) - x.map(0);
        String fill = d.multiclass() ? CLASS_COLORS[k % CLASS_COLORS.length] : Svg.BLUE;
        String tip = name + (d.multiclass() ? " (class " + d.className(k) + ")" : "") + ": mean |SHAP| "
            + Markup.num(d.meanAbs[k][f]);
        svg.rect(left, y + 3, w, ROW - 6, fill, tip);
        left += w;
      }
      svg.text(left + 5, y + ROW * 0.68, Markup.num(total[f]), "value", "start");
    }
    if (gain != null) {
      gainPanel(svg, d, gain, n, axisY);
    }
    return svg.finish();
  }

  /** The right-hand view: each of the top {@code n} features' share of the total split gain. */
  private static void gainPanel(Svg svg, ReportData d, double[] gain, int n, double axisY) {
    double gainSum = 0;
    double maxGain = 0;
    for (double g : gain) {
      gainSum += g;
    }
    for (int i = 0; i < n; i++) {
      maxGain = Math.max(maxGain, share(gain[d.order[i]], gainSum));
    }
    Scale g = new Scale(0, maxGain > 0 ? Math.min(1, maxGain * 1.2) : 1, GAIN_LEFT, GAIN_RIGHT);
    svg.text(GAIN_LEFT, 20, "share of total split gain", "panel-title", "start");
    svg.bottomAxis(g, axisY, TOP - 6, "share of gain", 4);
    for (int i = 0; i < n; i++) {
      int f = d.order[i];
      double y = TOP + i * ROW;
      double s = share(gain[f], gainSum);
      svg.rect(g.map(0), y + 3, g.map(s) - g.map(0), ROW - 6, "#9aa5b1",
          d.names.get(f) + ": " + Markup.percent(s) + " of the split gain");
      svg.text(g.map(s) + 5, y + ROW * 0.68, Markup.percent(s), "value", "start");
    }
  }

  private static double share(double gain, double sum) {
    return sum > 0 ? gain / sum : 0;
  }

  private static void legend(Svg svg, ReportData d) {
    double x = SHAP_LEFT + 150;
    for (int k = 0; k < d.outputs && k < 12; k++) {
      svg.rect(x, 30, 10, 10, CLASS_COLORS[k % CLASS_COLORS.length], null);
      String label = Markup.shorten(d.className(k), 14);
      svg.text(x + 14, 39, label, "tick", "start");
      x += 24 + 7 * label.length();
    }
  }

  /** A sentence for the caption when some features are left out of the chart, else empty. */
  static String omitted(ReportData d) {
    int n = Math.min(MAX_FEATURES, d.features);
    if (d.features <= n) {
      return "";
    }
    return " The other " + (d.features - n) + " features are not drawn.";
  }
}
