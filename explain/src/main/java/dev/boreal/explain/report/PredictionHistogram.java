package dev.boreal.explain.report;

/**
 * The distribution of the explained rows' predictions (after the link: probabilities for classifiers) as a
 * histogram of all rows, with the mean marked. Probabilities always span [0, 1] so reports of different
 * files compare by eye.
 */
final class PredictionHistogram {
  private static final int BINS = 40;
  private static final int WIDTH = 1100;
  private static final int LEFT = 90;
  private static final int RIGHT = 1060;
  private static final int TOP = 30;
  private static final int BOTTOM = 270;

  private PredictionHistogram() {}

  /** The chart's SVG. */
  static String render(ReportData d) {
    boolean probability = d.model.link().name().equals("sigmoid") || d.model.link().name().equals("softmax");
    double lo = probability ? 0 : Double.POSITIVE_INFINITY;
    double hi = probability ? 1 : Double.NEGATIVE_INFINITY;
    double sum = 0;
    int finite = 0;
    for (double p : d.prediction) {
      if (Double.isFinite(p)) {
        if (!probability) {
          lo = Math.min(lo, p);
          hi = Math.max(hi, p);
        }
        sum += p;
        finite++;
      }
    }
    if (finite == 0) {
      lo = 0;
      hi = 1;
    }
    if (hi <= lo) {
      double pad = lo == 0 ? 0.5 : Math.abs(lo) * 0.05;
      lo -= pad;
      hi += pad;
    }
    long[] counts = new long[BINS];
    double width = (hi - lo) / BINS;
    for (double p : d.prediction) {
      if (Double.isFinite(p)) {
        counts[Math.min(BINS - 1, Math.max(0, (int) ((p - lo) / width)))]++;
      }
    }
    long max = 1;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    Scale x = new Scale(lo, hi, LEFT, RIGHT);
    Scale y = new Scale(0, max * 1.1, BOTTOM, TOP);
    Svg svg = new Svg(WIDTH, BOTTOM + 56, "chart histogram", "Distribution of the " + d.predictionName()
        + " over " + d.rows + " rows");
    svg.leftAxis(y, LEFT - 4, RIGHT, "rows", 5);
    svg.bottomAxis(x, BOTTOM + 2, BOTTOM, d.predictionName(), 10);
    for (int b = 0; b < BINS; b++) {
      double from = lo + b * width;
      svg.rect(x.map(from) + 0.5, y.map(counts[b]), x.map(from + width) - x.map(from) - 1,
          y.map(0) - y.map(counts[b]), Svg.BLUE, counts[b] + " rows with " + d.predictionName() + " in ["
          + Markup.num(from) + ", " + Markup.num(from + width) + ")");
    }
    if (finite > 0) {
      double mean = sum / finite;
      svg.line(x.map(mean), TOP - 6, x.map(mean), BOTTOM, "marker");
      svg.text(x.map(mean) + 5, TOP + 4, "mean " + Markup.num(mean), "marker-text", "start");
    }
    return svg.finish();
  }
}
