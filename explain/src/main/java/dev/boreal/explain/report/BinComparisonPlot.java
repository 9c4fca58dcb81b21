package dev.boreal.explain.report;

import java.util.Locale;

/**
 * One distribution before and after: for each cell (a bin, a category, missing) the reference's share of rows
 * as a grey bar and the new data's share beside it, blue, or red when the distribution drifted. Cells keep
 * their order, so a shift shows as the new bars leaning one way; hovering a bar gives the cell, its count and
 * share.
 */
final class BinComparisonPlot {
  private static final int WIDTH = 1100;
  private static final int LEFT = 90;
  private static final int RIGHT = 1060;
  private static final int TOP = 34;
  private static final int BOTTOM = 230;
  /** Most cell labels written under the axis; the others are in the tooltips. */
  private static final int LABELS = 8;

  private BinComparisonPlot() {}

  /** The chart's SVG. */
  static String render(DriftPage.Panel panel) {
    double[] ref = panel.reference();
    double[] obs = panel.observed();
    double refTotal = Math.max(1, sum(ref));
    double obsTotal = Math.max(1, sum(obs));
    double max = 0;
    for (int c = 0; c < ref.length; c++) {
      max = Math.max(max, Math.max(ref[c] / refTotal, obs[c] / obsTotal));
    }
    Scale y = new Scale(0, Math.max(max, 1e-9) * 1.1, BOTTOM, TOP);
    Svg svg = new Svg(WIDTH, BOTTOM + 50, "chart bins", panel.name() + ": reference and new share of rows per bin");
    svg.text(LEFT, 18, panel.name() + " \u00B7 " + panel.verdict(), "panel-title", "start");
    svg.text(RIGHT, 18, panel.summary(), "value", "end");
    svg.leftAxis(y, LEFT - 4, RIGHT, "share of rows", 4);
    double cell = (RIGHT - LEFT) / (double) ref.length;
    double bar = Math.max(0.6, cell * 0.42);
    String newColour = panel.drift() ? Svg.RED : Svg.BLUE;
    int every = Math.max(1, (ref.length + LABELS - 1) / LABELS);
    for (int c = 0; c < ref.length; c++) {
      double x = LEFT + c * cell;
      String label = panel.cellLabels().get(c);
      double p = ref[c] / refTotal;
      double q = obs[c] / obsTotal;
      svg.rect(x + cell * 0.08, y.map(p), bar, y.map(0) - y.map(p), Svg.GREY,
          label + ": reference " + count(ref[c]) + " rows (" + Markup.percent(p) + ")");
      svg.rect(x + cell * 0.08 + bar, y.map(q), bar, y.map(0) - y.map(q), newColour,
          label + ": new " + count(obs[c]) + " rows (" + Markup.percent(q) + ")");
      if (c % every == 0 || c == ref.length - 1) {
        svg.label(x + cell / 2, BOTTOM + 18, label, 14, "tick", "middle");
      }
    }
    svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, "axis");
    svg.rect(LEFT, BOTTOM + 30, 10, 10, Svg.GREY, null).text(LEFT + 14, BOTTOM + 39, "reference", "value", "start");
    svg.rect(LEFT + 90, BOTTOM + 30, 10, 10, newColour, null).text(LEFT + 104, BOTTOM + 39, "new data", "value",
        "start");
    return svg.finish();
  }

  private static double sum(double[] counts) {
    double s = 0;
    for (double c : counts) {
      s += c;
    }
    return s;
  }

  /** A count as people read it: whole counts without decimals, weighted ones to one decimal. */
  private static String count(double c) {
    return c == Math.rint(c) ? Long.toString((long) c) : String.format(Locale.ROOT, "%.1f", c);
  }
}
