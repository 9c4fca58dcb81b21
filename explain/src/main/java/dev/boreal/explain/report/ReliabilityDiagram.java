package dev.boreal.explain.report;

import dev.boreal.engine.metric.ReliabilityBins;
import java.util.Locale;

/**
 * A reliability diagram: for each bin of forecasts a bar as high as the observed frequency of the event,
 * spanning the bin's edges, a dot at (mean forecast, observed frequency) and the diagonal of perfect
 * calibration; below it, each bin's row count as a bar (labelled when the bin is wide enough). Every bin's
 * numbers are in its tooltip.
 */
final class ReliabilityDiagram {
  private static final int WIDTH = 540;
  private static final int LEFT = 70;
  private static final int RIGHT = 520;
  private static final int TOP = 34;
  private static final int BOTTOM = 324;
  private static final int COUNT_TOP = 344;
  private static final int COUNT_BOTTOM = 404;
  /** Bins narrower than this (pixels) get no count label, which would overlap; the tooltips still carry it. */
  private static final int MIN_LABELLED_WIDTH = 26;
  private static final String BAR = "#a9cdf2";

  private ReliabilityDiagram() {}

  /** The diagram's SVG, titled {@code title}, with {@code forecastName} on the horizontal axis. */
  static String render(ReliabilityBins bins, String title, String forecastName) {
    Scale x = new Scale(0, 1, LEFT, RIGHT);
    Scale y = new Scale(0, 1, BOTTOM, TOP);
    long maxRows = 1;
    for (int b = 0; b < bins.bins(); b++) {
      maxRows = Math.max(maxRows, bins.rows(b));
    }
    Scale count = new Scale(0, maxRows, COUNT_BOTTOM, COUNT_TOP + 12);
    Svg svg = new Svg(WIDTH, COUNT_BOTTOM + 56, "chart reliability", "Reliability diagram: " + title);
    svg.text(LEFT, TOP - 14, title, "panel-title", "start");
    svg.leftAxis(y, LEFT - 4, RIGHT, "observed frequency", 5);
    svg.text(LEFT - 8, COUNT_TOP + 14, "rows", "tick", "end");
    double[] dotX = new double[bins.bins()];
    double[] dotY = new double[bins.bins()];
    int dots = 0;
    for (int b = 0; b < bins.bins(); b++) {
      double lo = x.map(Math.max(0, bins.lower(b)));
      double hi = x.map(Math.min(1, bins.upper(b)));
      String tip = tooltip(bins, b, forecastName);
      svg.rect(lo + 0.5, count.map(bins.rows(b)), hi - lo - 1, count.map(0) - count.map(bins.rows(b)), Svg.GREY, tip);
      if (hi - lo >= MIN_LABELLED_WIDTH && bins.rows(b) > 0) {
        svg.text((lo + hi) / 2, count.map(bins.rows(b)) - 3, String.format(Locale.ROOT, "%,d", bins.rows(b)),
            "value", "middle");
      }
      if (bins.weight(b) > 0) {
        svg.rect(lo + 0.5, y.map(bins.observed(b)), hi - lo - 1, y.map(0) - y.map(bins.observed(b)), BAR, tip);
        dotX[dots] = x.map(bins.meanForecast(b));
        dotY[dots++] = y.map(bins.observed(b));
      }
    }
    svg.line(x.map(0), y.map(0), x.map(1), y.map(1), "zero");
    svg.dots(dotX, dotY, dots, 4, Svg.RED, 1);
    svg.line(LEFT, COUNT_BOTTOM, RIGHT, COUNT_BOTTOM, "axis");
    svg.bottomAxis(x, COUNT_BOTTOM, COUNT_BOTTOM, forecastName + " (bars span bins; dots at the bin's mean)", 5);
    return svg.finish();
  }

  private static String tooltip(ReliabilityBins bins, int b, String forecastName) {
    String range = (b == 0 ? "[" : "(") + Markup.num(bins.lower(b)) + ", " + Markup.num(bins.upper(b)) + "]";
    if (bins.weight(b) <= 0) {
      return "bin " + range + ": " + String.format(Locale.ROOT, "%,d", bins.rows(b)) + " rows, no weight";
    }
    return "bin " + range + ": " + String.format(Locale.ROOT, "%,d", bins.rows(b)) + " rows, mean "
        + forecastName + " " + Markup.num(bins.meanForecast(b)) + ", observed frequency "
        + Markup.num(bins.observed(b));
  }
}
