package dev.boreal.cli.serve;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A document in the Prometheus text exposition format, version 0.0.4: each metric family opens with its
 * {@code # HELP} and {@code # TYPE} lines, then one line per sample, {@code name{label="value",...} number}.
 * Label values are escaped as the format asks (backslash, double quote, line feed), so a feature named
 * {@code a"b} cannot break the document.
 */
final class MetricsText {
  /** The Content-Type of the format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder text = new StringBuilder(4096);

  /** Opens a metric family: {@code type} is counter, gauge or histogram. */
  MetricsText family(String name, String type, String help) {
    text.append("# HELP ").append(name).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** One sample; {@code labels} alternate names and values. */
  MetricsText sample(String name, double value, String... labels) {
    startSample(name, labels);
    text.append(number(value)).append('\n');
    return this;
  }

  /** One sample with a whole-number value, written without a fraction. */
  MetricsText sample(String name, long value, String... labels) {
    startSample(name, labels);
    text.append(value).append('\n');
    return this;
  }

  private void startSample(String name, String[] labels) {
    text.append(name);
    if (labels.length > 0) {
      text.append('{');
      for (int i = 0; i < labels.length; i += 2) {
        text.append(i == 0 ? "" : ",").append(labels[i]).append("=\"");
        escape(labels[i + 1]);
        text.append('"');
      }
      text.append('}');
    }
    text.append(' ');
  }

  private void escape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '"' -> text.append("\\\"");
        case '\n' -> text.append("\\n");
        default -> text.append(c);
      }
    }
  }

  /**
   * A float as the format writes it: the shortest decimal that reads back as the same double, without an
   * exponent or a trailing ".0" ({@code 0.0005}, {@code 1}), as Prometheus's own clients write bucket bounds
   * (an {@code le} label is matched as text); the infinities and NaN by name.
   */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return value == 0 ? "0" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** The document as UTF-8. */
  byte[] bytes() {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
