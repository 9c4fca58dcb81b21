package dev.boreal.explain.report;

import static dev.boreal.explain.report.Markup.escape;
import static dev.boreal.explain.report.Markup.px;

/**
 * Writes one inline SVG chart: shapes, text, axes with ticks and titles, dot clouds and the blue-to-red
 * colour scale. Styling lives in the report's CSS classes ({@code axis}, {@code grid}, {@code label}, ...)
 * so each element carries only its geometry. Every text is escaped, so names with {@code <}, {@code &} or
 * quotes are safe.
 */
final class Svg {
  /** Pushes the score up (and high feature values): the red of the shap library's palette. */
  static final String RED = "#ff0d57";
  /** Pushes the score down (and low feature values): the blue of the shap library's palette. */
  static final String BLUE = "#1e88e5";
  /** Missing feature values. */
  static final String GREY = "#a0a4a8";
  /** Colour buckets of the value scale: dots are grouped per bucket, one path each, to keep files small. */
  static final int BUCKETS = 16;
  /** Interleaved drawing passes of {@link #colouredDots}. */
  static final int PASSES = 4;

  private final StringBuilder out = new StringBuilder(4096);

  /**
   * Starts a chart {@code width} by {@code height} user units wide; {@code title} is read by screen
   * readers and shown as a tooltip.
   */
  Svg(int width, int height, String cssClass, String title) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cssClass)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" role=\"img\"><title>").append(escape(title)).append("</title>\n");
  }

  /** A line with a CSS class. */
  Svg line(double x1, double y1, double x2, double y2, String cssClass) {
    out.append("<line x1=\"").append(px(x1)).append("\" y1=\"").append(px(y1)).append("\" x2=\"")
        .append(px(x2)).append("\" y2=\"").append(px(y2)).append("\" class=\"").append(cssClass)
        .append("\"/>\n");
    return this;
  }

  /** A filled rectangle; {@code tooltip} (may be null) shows on hover. */
  Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
    out.append("<rect x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" width=\"")
        .append(px(Math.max(0, w))).append("\" height=\"").append(px(Math.max(0, h))).append("\" fill=\"")
        .append(fill).append('"');
    if (tooltip == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(escape(tooltip)).append("</title></rect>\n");
    }
    return this;
  }

  /** Raw path data with a fill and a CSS class, for shapes such as waterfall arrows. */
  Svg path(String d, String fill, String cssClass, String tooltip) {
    out.append("<path d=\"").append(d).append("\" fill=\"").append(fill).append("\" class=\"")
        .append(cssClass).append('"');
    if (tooltip == null) {
      out.append("/>\n");
    } else {
      out.append("><title>").append(escape(tooltip)).append("</title></path>\n");
    }
    return this;
  }

  /** Text anchored at ({@code x}, {@code y}); {@code anchor} is start, middle or end. */
  Svg text(double x, double y, String text, String cssClass, String anchor) {
    out.append("<text x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" class=\"")
        .append(cssClass).append("\" text-anchor=\"").append(anchor).append("\">").append(escape(text))
        .append("</text>\n");
    return this;
  }

  /** Text shortened to {@code max} characters, with the full text as a tooltip when it was cut. */
  Svg label(double x, double y, String text, int max, String cssClass, String anchor) {
    String shown = Markup.shorten(text, max);
    if (shown.equals(text)) {
      return text(x, y, text, cssClass, anchor);
    }
    out.append("<text x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" class=\"")
        .append(cssClass).append("\" text-anchor=\"").append(anchor).append("\"><title>").append(escape(text))
        .append("</title>").append(escape(shown)).append("</text>\n");
    return this;
  }

  /** Text turned a quarter anticlockwise around its anchor, for vertical axis titles. */
  Svg verticalText(double x, double y, String text, String cssClass) {
    out.append("<text transform=\"translate(").append(px(x)).append(',').append(px(y))
        .append(") rotate(-90)\" class=\"").append(cssClass).append("\" text-anchor=\"middle\">")
        .append(escape(text)).append("</text>\n");
    return this;
  }

  /**
   * Round dots of one colour, as one path of zero-length segments with round caps: about 14 bytes a dot
   * instead of 50 for a circle element, which is what keeps a 2,000-row beeswarm small.
   */
  Svg dots(double[] xs, double[] ys, int count, double radius, String color, double opacity) {
    if (count == 0) {
      return this;
    }
    out.append("<path fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"").append(px(2 * radius))
        .append("\" stroke-linecap=\"round\"");
    if (opacity < 1) {
      out.append(" stroke-opacity=\"").append(px(opacity)).append('"');
    }
    out.append(" d=\"");
    for (int i = 0; i < count; i++) {
      out.append('M').append(px(xs[i])).append(' ').append(px(ys[i])).append("h0");
    }
    out.append("\"/>\n");
    return this;
  }

  /**
   * Dots coloured by value bucket ({@code -1}: missing, grey; {@code null} buckets: all blue). Dot j is
   * drawn in pass {@code j % PASSES}, and passes alternate the bucket order, so in a dense pile no colour is
   * always painted last (drawing bucket by bucket would bury everything under red). One path per colour and
   * pass keeps the file small.
   */
  Svg colouredDots(double[] xs, double[] ys, int[] buckets, int m, double radius, double opacity) {
    double[] bx = new double[m];
    double[] by = new double[m];
    for (int pass = 0; pass < PASSES; pass++) {
      for (int i = -1; i < BUCKETS; i++) {
        int b = buckets == null ? 0 : pass % 2 == 0 ? i : (i < 0 ? -1 : BUCKETS - 1 - i);
        int count = 0;
        for (int j = pass; j < m; j += PASSES) {
          if ((buckets == null ? 0 : buckets[j]) == b) {
            bx[count] = xs[j];
            by[count++] = ys[j];
          }
        }
        dots(bx, by, count, radius, buckets == null ? BLUE : b < 0 ? GREY : bucketColor(b), opacity);
        if (buckets == null) {
          break;
        }
      }
    }
    return this;
  }

  /**
   * A horizontal axis at {@code y} from the scale's range: a baseline, ticks with labels, optional grid
   * lines up to {@code gridTop}, and the axis title centred below.
   */
  Svg bottomAxis(Scale x, double y, double gridTop, String title, int tickCount) {
    double lo = Math.min(x.map(x.min()), x.map(x.max()));
    double hi = Math.max(x.map(x.min()), x.map(x.max()));
    double step = x.tickStep(tickCount);
    for (double t : x.ticks(tickCount)) {
      double p = x.map(t);
      if (gridTop < y) {
        line(p, gridTop, p, y, "grid");
      }
      line(p, y, p, y + 5, "axis");
      text(p, y + 18, Markup.tick(t, step), "tick", "middle");
    }
    line(lo, y, hi, y, "axis");
    text((lo + hi) / 2, y + 38, title, "axis-title", "middle");
    return this;
  }

  /** A vertical axis at {@code x}: baseline, ticks with labels, optional grid lines to {@code gridRight}. */
  Svg leftAxis(Scale y, double x, double gridRight, String title, int tickCount) {
    double top = Math.min(y.map(y.min()), y.map(y.max()));
    double bottom = Math.max(y.map(y.min()), y.map(y.max()));
    double step = y.tickStep(tickCount);
    for (double t : y.ticks(tickCount)) {
      double p = y.map(t);
      if (gridRight > x) {
        line(x, p, gridRight, p, "grid");
      }
      line(x - 5, p, x, p, "axis");
      text(x - 8, p + 4, Markup.tick(t, step), "tick", "end");
    }
    line(x, top, x, bottom, "axis");
    verticalText(x - 48, (top + bottom) / 2, title, "axis-title");
    return this;
  }

  /**
   * The vertical colour legend of the value scale: low (blue) at the bottom to high (red) at the top,
   * with a grey swatch for missing values and {@code title} beside it.
   */
  Svg colorLegend(double x, double top, double height, String title) {
    double h = height / BUCKETS;
    for (int b = 0; b < BUCKETS; b++) {
      rect(x, top + height - (b + 1) * h, 10, h + 0.5, bucketColor(b), null);
    }
    text(x + 15, top + 9, "high", "tick", "start");
    text(x + 15, top + height, "low", "tick", "start");
    rect(x, top + height + 10, 10, 10, GREY, null);
    text(x + 15, top + height + 19, "missing", "tick", "start");
    verticalText(x + 48, top + height / 2, title, "axis-title");
    return this;
  }

  /** The colour of bucket {@code b} of {@link #BUCKETS}, from blue through purple to red. */
  static String bucketColor(int b) {
    return color(b / (double) (BUCKETS - 1));
  }

  /** The bucket of a percentile in [0, 1]. */
  static int bucket(double percentile) {
    return Math.min(BUCKETS - 1, Math.max(0, (int) (percentile * BUCKETS)));
  }

  /**
   * Blue to red through a saturated purple, as the shap library's colour map does; a straight RGB blend
   * would pass through a muddy grey that reads as "missing".
   */
  static String color(double t) {
    double[][] stops = {{0x1e, 0x88, 0xe5}, {0x7c, 0x3a, 0xed}, {0xff, 0x0d, 0x57}};
    double s = Math.min(1, Math.max(0, t)) * 2;
    int i = Math.min(1, (int) s);
    double f = s - i;
    int r = (int) Math.round(stops[i][0] + (stops[i + 1][0] - stops[i][0]) * f);
    int g = (int) Math.round(stops[i][1] + (stops[i + 1][1] - stops[i][1]) * f);
    int b = (int) Math.round(stops[i][2] + (stops[i + 1][2] - stops[i][2]) * f);
    return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  /** Closes the element and returns the markup. */
  String finish() {
    return out.append("</svg>\n").toString();
  }
}
