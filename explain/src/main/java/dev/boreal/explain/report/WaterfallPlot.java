package dev.boreal.explain.report;

import static dev.boreal.explain.report.Markup.px;

import java.util.Arrays;

/**
 * A waterfall plot of one row: starting from the expected value at the bottom, each feature's SHAP value
 * moves the score right (red, up) or left (blue, down) until it reaches the row's raw score at the top.
 * The features with the largest |SHAP value| get a bar each, the rest share one bar, and each bar is
 * labelled with the feature's value in that row.
 */
final class WaterfallPlot {
  /** Features drawn one by one; the others are summed into one bar. */
  static final int MAX_BARS = 10;

  private static final int WIDTH = 1100;
  private static final int LABEL_RIGHT = 300;
  private static final int LEFT = 320;
  private static final int RIGHT = 1060;
  private static final int ROW = 26;
  private static final int TOP = 40;

  private WaterfallPlot() {}

  /** Features of row {@code r} by decreasing |SHAP value| (ties by schema order). */
  static int[] byMagnitude(ReportData d, int r) {
    Integer[] idx = new Integer[d.features];
    for (int f = 0; f < d.features; f++) {
      idx[f] = f;
    }
    Arrays.sort(idx, (a, b) -> {
      int c = Double.compare(Math.abs(d.shap(r, b)), Math.abs(d.shap(r, a)));
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] out = new int[d.features];
    for (int f = 0; f < d.features; f++) {
      out[f] = idx[f];
    }
    return out;
  }

  /** The plot of row {@code r}; {@code why} says why the row was picked ("highest score", ...). */
  static String render(ReportData d, int r, String why) {
    int[] order = byMagnitude(d, r);
    int shown = Math.min(d.features, d.features > MAX_BARS ? MAX_BARS - 1 : MAX_BARS);
    int others = d.features - shown;
    int bars = shown + (others > 0 ? 1 : 0);
    double base = d.expected(r);
    double[] start = new double[bars];
    double[] delta = new double[bars];
    // Bars are accumulated from the bottom (the summed rest, then the smallest shown) to the top.
    double acc = base;
    double lo = base;
    double hi = base;
    for (int b = bars - 1; b >= 0; b--) {
      double c;
      if (b == shown) {
        c = 0;
        for (int i = shown; i < d.features; i++) {
          c += d.shap(r, order[i]);
        }
      } else {
        c = d.shap(r, order[b]);
      }
      start[b] = acc;
      delta[b] = c;
      acc += c;
      lo = Math.min(lo, acc);
      hi = Math.max(hi, acc);
    }
    double fx = acc;
    int plotBottom = TOP + bars * ROW;
    Svg svg = new Svg(WIDTH, plotBottom + 90, "chart waterfall", "Waterfall plot of row " + r);
    String cls = d.multiclass() ? ", class " + d.className(d.explained[r]) : "";
    svg.text(LEFT, 16, "Row " + r + " (" + why + cls + "): " + d.predictionName() + " "
        + Markup.num(d.prediction[r]), "panel-title", "start");
    Scale x = Scale.padded(lo, hi, 0.12, LEFT, RIGHT);
    svg.bottomAxis(x, plotBottom + 6, TOP - 8, d.rawName(), 8);
    svg.line(x.map(base), TOP - 8, x.map(base), plotBottom + 6, "marker");
    svg.line(x.map(fx), TOP - 8, x.map(fx), plotBottom + 6, "marker");
    svg.text(x.map(fx), TOP - 12, "f(x) = " + Markup.num(fx), "marker-text", "middle");
    svg.text(x.map(base), plotBottom + 62, "E[f(X)] = " + Markup.num(base), "marker-text", "middle");
    for (int b = 0; b < bars; b++) {
      double y = TOP + b * ROW;
      String label;
      String tip;
      if (b == shown) {
        label = others + " other features";
        tip = label + ": " + Markup.signed(delta[b]);
      } else {
        int f = order[b];
        FeatureValues v = d.values(f);
        String value = v.isMissing(r) ? "missing" : v.isCategorical() ? v.text(r) : Markup.num(v.value(r));
        label = Markup.shorten(d.names.get(f), 30) + " = " + Markup.shorten(value, 16);
        tip = d.names.get(f) + " = " + (v.isMissing(r) ? "missing" : v.text(r)) + ": " + Markup.signed(delta[b]);
      }
      svg.text(LABEL_RIGHT, y + ROW * 0.65, label, "label", "end");
      double x0 = x.map(start[b]);
      double x1 = x.map(start[b] + delta[b]);
      String color = delta[b] >= 0 ? Svg.RED : Svg.BLUE;
      svg.path(arrow(x0, x1, y + 4, ROW - 8), color, "bar", tip);
      String text = Markup.signed(delta[b]);
      double width = Math.abs(x1 - x0);
      if (width > 7 * text.length() + 14) {
        svg.text((x0 + x1) / 2, y + ROW * 0.65, text, "bar-text", "middle");
      } else if (delta[b] >= 0) {
        svg.text(Math.max(x0, x1) + 4, y + ROW * 0.65, text, "value", "start");
      } else {
        svg.text(Math.min(x0, x1) - 4, y + ROW * 0.65, text, "value", "end");
      }
    }
    return svg.finish();
  }

  /** A bar from x0 to x1 whose far end is pointed, so its direction reads without colour. */
  static String arrow(double x0, double x1, double y, double h) {
    double dir = Math.signum(x1 - x0);
    double tip = Math.min(Math.abs(x1 - x0), 6) * dir;
    double body = x1 - tip;
    return "M" + px(x0) + " " + px(y) + "H" + px(body) + "L" + px(x1) + " " + px(y + h / 2) + "L" + px(body)
        + " " + px(y + h) + "H" + px(x0) + "Z";
  }
}
