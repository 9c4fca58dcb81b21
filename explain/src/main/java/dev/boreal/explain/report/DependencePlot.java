package dev.boreal.explain.report;

/**
 * A SHAP dependence plot for one feature: each sampled row's SHAP value for the feature against the
 * feature's value, coloured by the value of the feature it interacts with most. Missing values sit in a
 * band of their own left of the axis; categories are spread over evenly spaced columns with a little
 * deterministic jitter so that piles stay visible.
 *
 * <p>The colouring feature is the one with the largest mean |SHAP interaction value| when interactions were
 * computed; otherwise it is estimated as the shap library's {@code approximate_interactions} does: rows are
 * sorted by the plotted feature and cut into runs of similar value, and the candidate whose value correlates
 * most (summed |Pearson r| over the runs) with the plotted SHAP value wins, since that is the feature that
 * explains the vertical spread at a given x.
 */
final class DependencePlot {
  /** Number of features that get a dependence plot. */
  static final int MAX_PLOTS = 6;

  private static final int WIDTH = 540;
  private static final int HEIGHT = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 455;
  private static final int TOP = 34;
  private static final int BOTTOM = 300;
  private static final int MISSING_BAND = 34;

  private DependencePlot() {}

  /** The feature that colours the plot of {@code f}, or -1 when the model has a single feature. */
  static int colouring(ReportData d, int f) {
    double[] strength = d.input.interactionStrength();
    int best = -1;
    double bestScore = -1;
    double[] approx = strength == null ? approximateInteractions(d, f) : null;
    for (int j = 0; j < d.features; j++) {
      if (j == f) {
        continue;
      }
      double s = strength != null ? strength[f * d.features + j] : approx[j];
      if (s > bestScore) {
        bestScore = s;
        best = j;
      }
    }
    return best;
  }

  /** Per candidate feature, the summed |correlation| with f's SHAP value within runs of similar f. */
  static double[] approximateInteractions(ReportData d, int f) {
    int m = d.sample.length;
    Integer[] byValue = new Integer[m];
    for (int j = 0; j < m; j++) {
      byValue[j] = j;
    }
    FeatureValues fv = d.values(f);
    // Missing values sort last, as one run of equal value.
    java.util.Arrays.sort(byValue, (a, b) -> Double.compare(key(fv.value(d.sample[a])), key(fv.value(d.sample[b]))));
    int run = Math.max(1, Math.min(m / 10, 50));
    double[] score = new double[d.features];
    double[] ys = new double[run];
    double[] xs = new double[run];
    for (int c = 0; c < d.features; c++) {
      if (c == f) {
        continue;
      }
      FeatureValues cv = d.values(c);
      for (int start = 0; start < m; start += run) {
        int end = Math.min(m, start + run);
        int k = 0;
        for (int i = start; i < end; i++) {
          int row = d.sample[byValue[i]];
          double x = cv.value(row);
          if (!Double.isNaN(x)) {
            xs[k] = x;
            ys[k++] = d.shap(row, f);
          }
        }
        score[c] += Math.abs(correlation(xs, ys, k));
      }
    }
    return score;
  }

  private static double key(double v) {
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }

  /** Pearson correlation of the first {@code n} pairs; 0 when either side does not vary. */
  static double correlation(double[] a, double[] b, int n) {
    if (n < 2) {
      return 0;
    }
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
  }

  /** The plot of feature {@code f} coloured by feature {@code by} (-1: one colour). */
  static String render(ReportData d, int f, int by) {
    FeatureValues fv = d.values(f);
    String name = d.names.get(f);
    int m = d.sample.length;
    boolean anyMissing = false;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double ylo = 0;
    double yhi = 0;
    for (int r : d.sample) {
      double v = fv.value(r);
      anyMissing |= Double.isNaN(v);
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      ylo = Math.min(ylo, d.shap(r, f));
      yhi = Math.max(yhi, d.shap(r, f));
    }
    int left = LEFT + (anyMissing ? MISSING_BAND : 0);
    Svg svg = new Svg(WIDTH, HEIGHT, "chart dependence", "SHAP dependence plot of " + name);
    svg.label(LEFT, 18, name, 60, "panel-title", "start");
    Scale y = Scale.padded(ylo, yhi, 0.05, BOTTOM, TOP);
    svg.leftAxis(y, LEFT - 6, RIGHT, "SHAP value for " + Markup.shorten(name, 28), 6);
    svg.line(LEFT - 6, y.map(0), RIGHT, y.map(0), "zero");
    double[] px = new double[m];
    double[] py = new double[m];
    if (fv.isCategorical()) {
      categoricalAxis(svg, d, fv, left, px);
    } else {
      Scale x = Scale.padded(lo, lo <= hi ? hi : lo, 0.03, left, RIGHT);
      svg.bottomAxis(x, BOTTOM + 6, TOP, name, 6);
      for (int j = 0; j < m; j++) {
        double v = fv.value(d.sample[j]);
        px[j] = Double.isNaN(v) ? 0 : x.map(v);
      }
    }
    for (int j = 0; j < m; j++) {
      if (fv.isMissing(d.sample[j])) {
        px[j] = LEFT + MISSING_BAND / 2.0 + jitter(j) * (MISSING_BAND - 12);
      }
      py[j] = y.map(d.shap(d.sample[j], f));
    }
    if (anyMissing) {
      svg.text(LEFT + MISSING_BAND / 2.0 - 6, BOTTOM + 24, "missing", "tick", "middle");
    }
    svg.colouredDots(px, py, by < 0 ? null : d.colorBuckets(by), m, 2.4, 0.7);
    if (by >= 0) {
      svg.colorLegend(RIGHT + 18, TOP + 20, 150, Markup.shorten(d.names.get(by), 26));
    }
    return svg.finish();
  }

  /** Columns for the categories present, ticks named after them, and x positions with jitter. */
  private static void categoricalAxis(Svg svg, ReportData d, FeatureValues fv, int left, double[] px) {
    int categories = fv.categoryCount();
    boolean[] present = new boolean[categories];
    for (int r : d.sample) {
      if (!fv.isMissing(r)) {
        present[(int) fv.value(r)] = true;
      }
    }
    int[] column = new int[categories];
    int shown = 0;
    for (int c = 0; c < categories; c++) {
      column[c] = present[c] ? shown++ : -1;
    }
    double band = (RIGHT - left) / (double) Math.max(1, shown);
    int labelEvery = Math.max(1, (int) Math.ceil(shown / 12.0));
    svg.line(left, BOTTOM + 6, RIGHT, BOTTOM + 6, "axis");
    for (int c = 0; c < categories; c++) {
      if (column[c] >= 0 && column[c] % labelEvery == 0) {
        double centre = left + (column[c] + 0.5) * band;
        svg.line(centre, BOTTOM + 6, centre, BOTTOM + 11, "axis");
        svg.label(centre, BOTTOM + 24, fv.category(c), Math.max(4, (int) (band * labelEvery / 7)), "tick",
            "middle");
      }
    }
    svg.text((left + RIGHT) / 2.0, BOTTOM + 44, fv.name() + " (category)", "axis-title", "middle");
    for (int j = 0; j < d.sample.length; j++) {
      int r = d.sample[j];
      if (!fv.isMissing(r)) {
        px[j] = left + (column[(int) fv.value(r)] + 0.5 + 0.6 * jitter(j)) * band;
      }
    }
  }

  /** A fixed pseudo-random offset in [-0.5, 0.5) per sample position: the same file gives the same plot. */
  static double jitter(int j) {
    long h = (j + 1) * 0x9E3779B97F4A7C15L;
    h ^= h >>> 29;
    return ((h >>> 11) & 0xFFFF) / 65536.0 - 0.5;
  }
}
