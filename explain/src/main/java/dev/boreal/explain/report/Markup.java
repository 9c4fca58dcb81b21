package dev.boreal.explain.report;

import java.util.Locale;

/**
 * Text for the report's markup: escaping that keeps the file well-formed XML whatever a feature or
 * category is called, and the few number formats the plots and tables use.
 */
final class Markup {
  private Markup() {}

  /**
   * Escapes text for an element's content or an attribute value. Characters XML forbids (most control
   * characters, lone surrogates) become U+FFFD, because a CSV header may hold anything and one stray byte
   * must not make the whole report unreadable.
   */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> allowed(s, i) ? null : "\uFFFD";
      };
      if (replacement != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  /** Whether the char at {@code i} may appear in XML 1.0 text (a surrogate only as half of a pair). */
  private static boolean allowed(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x20) {
      return c == '\t' || c == '\n' || c == '\r';
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
    return c != 0xFFFE && c != 0xFFFF;
  }

  /** Shortens a long label for an axis, keeping its start and end; the full text goes in a tooltip. */
  static String shorten(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int head = (max - 1) * 2 / 3;
    int tail = max - 1 - head;
    return s.substring(0, head) + "\u2026" + s.substring(s.length() - tail);
  }

  /** A coordinate in SVG: one decimal is finer than a pixel and keeps the file small. */
  static String px(double v) {
    long tenths = Math.round(v * 10);
    if (tenths % 10 == 0) {
      return Long.toString(tenths / 10);
    }
    return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
  }

  /** A number for people: four significant digits, plain notation unless very large or small. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "missing";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "\u221E" : "\u2212\u221E";
    }
    double a = Math.abs(v);
    if (a != 0 && (a >= 1e6 || a < 1e-4)) {
      return minus(String.format(Locale.ROOT, "%.3e", v));
    }
    if (v == Math.rint(v)) {
      return minus(Long.toString((long) v));
    }
    int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
    return minus(trimZeros(String.format(Locale.ROOT, "%." + decimals + "f", v)));
  }

  /** A signed contribution, "+0.123" or "−0.045", as waterfall bars are labelled. */
  static String signed(double v) {
    return (v > 0 ? "+" : "") + num(v);
  }

  /** A tick label for a tick step: as many decimals as the step needs and no more. */
  static String tick(double v, double step) {
    if (Math.abs(v) < step * 1e-9) {
      v = 0;
    }
    double a = Math.max(Math.abs(v), step);
    if (a >= 1e6 || step < 1e-4) {
      return minus(String.format(Locale.ROOT, "%.2g", v));
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return minus(String.format(Locale.ROOT, "%." + decimals + "f", v));
  }

  /** A share as a percentage with one decimal. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static String trimZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }

  /** Typographic minus: a hyphen looks too short beside digits. */
  private static String minus(String s) {
    return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
  }
}
