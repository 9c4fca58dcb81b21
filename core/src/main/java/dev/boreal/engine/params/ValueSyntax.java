package dev.boreal.engine.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text forms of parameter values: how booleans, numbers and lists are written on a command line, in
 * a config file and in a model file, parsed and printed back.
 *
 * <p>Parsers throw {@link NumberFormatException} on malformed text and leave the user-facing message to
 * {@link ParameterSpec}, which knows the parameter's name. Printers produce text that the matching parser
 * reads back to an equal value, which is what makes {@link Params#toCanonicalMap()} a lossless store.
 */
final class ValueSyntax {

  private ValueSyntax() {}

  /** A finite double; NaN and infinities are rejected because no parameter has a use for them. */
  static double parseDouble(String text) {
    double v = Double.parseDouble(text);
    if (!Double.isFinite(v)) {
      throw new NumberFormatException(text);
    }
    return v;
  }

  /** true/false, 1/0 or yes/no in any case: LightGBM, XGBoost and YAML habits respectively. */
  static boolean parseBoolean(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new NumberFormatException(text);
    };
  }

  /** Comma-separated integers such as {@code 1,0,-1}; blank text is the empty list. */
  static int[] parseIntList(String text) {
    String[] items = split(text);
    int[] values = new int[items.length];
    for (int i = 0; i < items.length; i++) {
      values[i] = Integer.parseInt(items[i]);
    }
    return values;
  }

  /** Comma-separated finite doubles such as {@code 0,1,3}; blank text is the empty list. */
  static double[] parseDoubleList(String text) {
    String[] items = split(text);
    double[] values = new double[items.length];
    for (int i = 0; i < items.length; i++) {
      values[i] = parseDouble(items[i]);
    }
    return values;
  }

  /**
   * Bracketed, comma-separated integer lists as LightGBM writes interaction constraints:
   * {@code [0,1,2],[2,3]}. One outer pair of brackets, as Python prints a list of lists, is also accepted.
   * Blank text is no lists; an empty group {@code []} is malformed because it constrains nothing.
   */
  static int[][] parseIntLists(String text) {
    String t = text.trim();
    if (t.startsWith("[[") && t.endsWith("]]")) {
      t = t.substring(1, t.length() - 1).trim();
    }
    List<int[]> groups = new ArrayList<>();
    int pos = 0;
    while (pos < t.length()) {
      if (t.charAt(pos) != '[') {
        throw new NumberFormatException(text);
      }
      int close = t.indexOf(']', pos);
      if (close < 0 || t.substring(pos + 1, close).isBlank()) {
        throw new NumberFormatException(text);
      }
      groups.add(parseIntList(t.substring(pos + 1, close)));
      pos = skipBlanks(t, close + 1);
      if (pos < t.length()) {
        // Groups are separated by exactly one comma; a trailing comma is malformed.
        if (t.charAt(pos) != ',' || (pos = skipBlanks(t, pos + 1)) == t.length()) {
          throw new NumberFormatException(text);
        }
      }
    }
    return groups.toArray(new int[0][]);
  }

  /** A double in Java's shortest round-trip form, integral values without an exponent: 0.1, 1.0, 200000.0, 1.0E-8. */
  static String formatDouble(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return (long) v + ".0";
    }
    return Double.toString(v);
  }

  /** A list element: integral values as plain integers (3, not 3.0), others as {@link #formatDouble}. */
  static String formatNumber(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** The inverse of {@link #parseDoubleList}. */
  static String formatDoubleList(double[] values) {
    StringBuilder s = new StringBuilder();
    for (double v : values) {
      s.append(s.length() == 0 ? "" : ",").append(formatNumber(v));
    }
    return s.toString();
  }

  /** The inverse of {@link #parseIntList}. */
  static String formatIntList(int[] values) {
    StringBuilder s = new StringBuilder();
    for (int v : values) {
      s.append(s.length() == 0 ? "" : ",").append(v);
    }
    return s.toString();
  }

  /** The inverse of {@link #parseIntLists}, in LightGBM's form {@code [0,1,2],[2,3]}. */
  static String formatIntLists(int[][] groups) {
    StringBuilder s = new StringBuilder();
    for (int[] g : groups) {
      s.append(s.length() == 0 ? "[" : ",[").append(formatIntList(g)).append(']');
    }
    return s.toString();
  }

  private static String[] split(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return new String[0];
    }
    // limit -1 keeps trailing empty items, so "1,2," is reported as malformed instead of read as "1,2".
    String[] items = t.split(",", -1);
    for (int i = 0; i < items.length; i++) {
      items[i] = items[i].trim();
    }
    return items;
  }

  private static int skipBlanks(String s, int pos) {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
    return pos;
  }
}
