package dev.boreal.explain.report;

/**
 * A linear map from data values to pixels, with "nice" ticks (1, 2 or 5 times a power of ten) so axes
 * read at a glance. Immutable.
 */
final class Scale {
  private final double d0;
  private final double d1;
  private final double r0;
  private final double r1;

  /**
   * Maps {@code [d0, d1]} onto {@code [r0, r1]}; an empty or non-finite domain is widened so the map stays
   * defined (a constant feature still gets a readable axis).
   */
  Scale(double d0, double d1, double r0, double r1) {
    if (!Double.isFinite(d0) || !Double.isFinite(d1)) {
      d0 = 0;
      d1 = 1;
    }
    if (d1 - d0 <= Math.abs(d0) * 1e-12 || d1 <= d0) {
      double pad = d0 == 0 ? 1 : Math.abs(d0) * 0.1;
      d0 -= pad;
      d1 += pad;
    }
    this.d0 = d0;
    this.d1 = d1;
    this.r0 = r0;
    this.r1 = r1;
  }

  /** The data range {@code [min, max]} widened by {@code pad} of its width on each side. */
  static Scale padded(double min, double max, double pad, double r0, double r1) {
    double w = max - min;
    return new Scale(min - w * pad, max + w * pad, r0, r1);
  }

  /** The pixel of a value (values outside the domain map outside the range). */
  double map(double v) {
    return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
  }

  /** Lower end of the domain. */
  double min() {
    return d0;
  }

  /** Upper end of the domain. */
  double max() {
    return d1;
  }

  /** The distance between ticks for about {@code count} of them across the domain. */
  double tickStep(int count) {
    double raw = (d1 - d0) / Math.max(1, count);
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / power;
    double nice = m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10;
    return nice * power;
  }

  /** About {@code count} nice tick values inside the domain, ascending. */
  double[] ticks(int count) {
    double step = tickStep(count);
    long first = (long) Math.ceil(d0 / step - 1e-9);
    long last = (long) Math.floor(d1 / step + 1e-9);
    int n = (int) Math.max(0, last - first + 1);
    double[] ticks = new double[n];
    for (int i = 0; i < n; i++) {
      // Multiplying (not accumulating) keeps 0.1 * 3 from drifting into 0.30000000000000004-style labels.
      ticks[i] = (first + i) * step;
    }
    return ticks;
  }
}
