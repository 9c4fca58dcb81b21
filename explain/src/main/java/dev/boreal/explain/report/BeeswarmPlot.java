package dev.boreal.explain.report;

/**
 * The SHAP summary ("beeswarm") plot: one row per top feature, one dot per sampled row at its SHAP value,
 * coloured by the row's feature value percentile (blue low, red high, grey missing). Dots that would
 * overlap are stacked up and down from the row's centre line, as the shap library does, so dense regions
 * look thick.
 */
final class BeeswarmPlot {
  /** Most features drawn. */
  static final int MAX_FEATURES = 15;

  private static final int WIDTH = 1100;
  private static final int LABEL_RIGHT = 230;
  private static final int LEFT = 250;
  private static final int RIGHT = 960;
  private static final int ROW = 28;
  private static final int TOP = 12;
  private static final double RADIUS = 2.2;

  private BeeswarmPlot() {}

  /** The chart's SVG. */
  static String render(ReportData d) {
    int n = Math.min(MAX_FEATURES, d.features);
    int m = d.sample.length;
    double min = 0;
    double max = 0;
    for (int i = 0; i < n; i++) {
      for (int r : d.sample) {
        double v = d.shap(r, d.order[i]);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    Scale x = Scale.padded(min, max, 0.04, LEFT, RIGHT);
    int plotBottom = TOP + n * ROW;
    Svg svg = new Svg(WIDTH, plotBottom + 56, "chart beeswarm", "SHAP summary: one dot per row for the top "
        + n + " features, x = SHAP value, colour = feature value");
    svg.bottomAxis(x, plotBottom + 2, TOP, "SHAP value (impact on the " + d.rawName() + ")", 8);
    svg.line(x.map(0), TOP, x.map(0), plotBottom, "zero");
    svg.colorLegend(RIGHT + 40, TOP + 10, Math.min(160, n * ROW - 40), "feature value");
    double[] px = new double[m];
    double[] py = new double[m];
    for (int i = 0; i < n; i++) {
      int f = d.order[i];
      double centre = TOP + i * ROW + ROW / 2.0;
      if (i % 2 == 1) {
        svg.rect(LEFT - 8, TOP + i * ROW, RIGHT - LEFT + 16, ROW, "#f6f7f9", null);
      }
      svg.label(LABEL_RIGHT, centre + 4, d.names.get(f), 34, "label", "end");
      for (int j = 0; j < m; j++) {
        px[j] = x.map(d.shap(d.sample[j], f));
      }
      swarm(px, m, centre, ROW * 0.42, py);
      svg.colouredDots(px, py, d.colorBuckets(f), m, RADIUS, 1);
    }
    return svg.finish();
  }

  /**
   * Vertical positions for dots at pixels {@code xs}: dots in the same dot-wide column of x take turns
   * above and below the centre line (0, +1, -1, +2, ...), then the offsets are squeezed so the tallest
   * pile fits {@code halfHeight}. Deterministic: ties keep sample order.
   */
  static void swarm(double[] xs, int m, double centre, double halfHeight, double[] ys) {
    double binWidth = 2 * RADIUS;
    int[] bin = new int[m];
    int maxBin = 0;
    for (int j = 0; j < m; j++) {
      bin[j] = Math.max(0, (int) ((xs[j] - LEFT + 20) / binWidth));
      maxBin = Math.max(maxBin, bin[j]);
    }
    int[] layer = new int[maxBin + 1];
    int[] offset = new int[m];
    int maxOffset = 0;
    for (int j = 0; j < m; j++) {
      int l = layer[bin[j]]++;
      int o = (l + 1) / 2 * (l % 2 == 1 ? 1 : -1);
      offset[j] = o;
      maxOffset = Math.max(maxOffset, Math.abs(o));
    }
    double spacing = Math.min(RADIUS * 1.5, halfHeight / Math.max(1, maxOffset));
    for (int j = 0; j < m; j++) {
      ys[j] = centre + offset[j] * spacing;
    }
  }
}
