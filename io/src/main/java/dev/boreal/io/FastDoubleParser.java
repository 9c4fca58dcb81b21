package dev.boreal.io;

import java.nio.charset.StandardCharsets;

/**
 * Parses a decimal number token straight from bytes, giving exactly the double {@link Double#parseDouble}
 * gives, without building a {@code String} in the common case.
 *
 * <p>The grammar is strict: {@code [+-]digits[.digits][(e|E)[+-]digits]}, also {@code .5} and {@code 5.},
 * plus {@code inf} / {@code infinity} in any case with an optional sign. Whitespace, hexadecimal,
 * Java's {@code d}/{@code f} suffixes and {@code NaN} are not numbers here.
 * A numeral beyond the double range parses to infinity, as in Java; readers ask {@link #overflows} and
 * refuse it, so that only the words mean infinity.
 *
 * <p>Clinger's fast path: when the significant digits fit in 53 bits and the power of ten is at most
 * 10^22, both are exact doubles, so one IEEE multiply or divide rounds the exact product once, which is
 * the correctly rounded result. Everything else goes to {@link Double#parseDouble}.
 */
final class FastDoubleParser {
  static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };
  private static final long MAX_EXACT_MANTISSA = 1L << 53;
  /** 18 digits always fit in a long; more would need overflow checks, and such tokens are rare. */
  private static final int MAX_DIGITS = 18;
  /** Exponents beyond this are infinity or zero anyway; clamping keeps the accumulator from overflowing. */
  private static final int EXPONENT_CLAMP = 100_000;

  private FastDoubleParser() {}

  /**
   * The value of {@code bytes[from, to)}, or {@code NaN} when the bytes are not a number in the strict
   * grammar (a number never parses to {@code NaN}, so the two cannot be confused).
   */
  static double parse(byte[] bytes, int from, int to) {
    int p = from;
    if (p >= to) {
      return Double.NaN;
    }
    boolean negative = false;
    byte first = bytes[p];
    if (first == '-' || first == '+') {
      negative = first == '-';
      p++;
      if (p >= to) {
        return Double.NaN;
      }
    }
    if ((bytes[p] | 0x20) == 'i') {
      return parseInfinity(bytes, p, to, negative);
    }
    long mantissa = 0;
    int digits = 0;
    int exponent = 0;
    boolean anyDigit = false;
    boolean truncated = false;
    int d;
    while (p < to && (d = bytes[p] - '0') >= 0 && d <= 9) {
      anyDigit = true;
      if (digits < MAX_DIGITS) {
        mantissa = mantissa * 10 + d;
        digits += mantissa == 0 ? 0 : 1;
      } else {
        truncated = true;
        exponent++;
      }
      p++;
    }
    if (p < to && bytes[p] == '.') {
      p++;
      while (p < to && (d = bytes[p] - '0') >= 0 && d <= 9) {
        anyDigit = true;
        if (digits < MAX_DIGITS) {
          mantissa = mantissa * 10 + d;
          digits += mantissa == 0 ? 0 : 1;
          exponent--;
        } else {
          truncated = true;
        }
        p++;
      }
    }
    if (!anyDigit) {
      return Double.NaN;
    }
    if (p < to && (bytes[p] | 0x20) == 'e') {
      p++;
      boolean negativeExponent = false;
      if (p < to && (bytes[p] == '-' || bytes[p] == '+')) {
        negativeExponent = bytes[p] == '-';
        p++;
      }
      if (p >= to) {
        return Double.NaN;
      }
      int e = 0;
      while (p < to && (d = bytes[p] - '0') >= 0 && d <= 9) {
        e = Math.min(e * 10 + d, EXPONENT_CLAMP);
        p++;
      }
      exponent += negativeExponent ? -e : e;
    }
    if (p != to) {
      return Double.NaN;
    }
    if (mantissa == 0 && !truncated) {
      return negative ? -0.0 : 0.0;
    }
    if (!truncated && mantissa <= MAX_EXACT_MANTISSA && exponent >= -22 && exponent <= 22) {
      double v = mantissa;
      v = exponent < 0 ? v / POWERS_OF_TEN[-exponent] : v * POWERS_OF_TEN[exponent];
      return negative ? -v : v;
    }
    return Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
  }

  /**
   * Whether {@code v}, parsed from {@code bytes[from, to)}, is infinite only because the numeral is too
   * large for a double; the words {@code inf} and {@code infinity} mean infinity and are not overflows.
   */
  static boolean overflows(double v, byte[] bytes, int from, int to) {
    if (!Double.isInfinite(v)) {
      return false;
    }
    int p = from < to && (bytes[from] == '-' || bytes[from] == '+') ? from + 1 : from;
    return p < to && (bytes[p] | 0x20) != 'i';
  }

  private static double parseInfinity(byte[] bytes, int p, int to, boolean negative) {
    int length = to - p;
    if ((length == 3 && matchesIgnoreCase(bytes, p, "inf"))
        || (length == 8 && matchesIgnoreCase(bytes, p, "infinity"))) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.NaN;
  }

  private static boolean matchesIgnoreCase(byte[] bytes, int p, String lowerCase) {
    for (int i = 0; i < lowerCase.length(); i++) {
      if ((bytes[p + i] | 0x20) != lowerCase.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
