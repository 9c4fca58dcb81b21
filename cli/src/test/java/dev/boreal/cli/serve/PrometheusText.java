package dev.boreal.cli.serve;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every sample must belong to a
 * family declared before it by {@code # HELP} and {@code # TYPE}, names and labels must have the format's
 * syntax, and no sample may appear twice. Samples are kept by their name and labels as written.
 */
final class PrometheusText {
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? "
          + "(\\S+)");
  private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+");
  private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) "
      + "(counter|gauge|histogram|summary|untyped)");

  private final Map<String, Double> samples = new LinkedHashMap<>();
  private final Map<String, String> types = new HashMap<>();

  PrometheusText(String text) {
    if (!text.endsWith("\n")) {
      throw new AssertionError("the document must end with a line feed");
    }
    String helped = null;
    for (String line : text.split("\n")) {
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        helped = m.group(1);
      } else if ((m = TYPE.matcher(line)).matches()) {
        if (!m.group(1).equals(helped) || types.put(m.group(1), m.group(2)) != null) {
          throw new AssertionError("TYPE without its HELP, or a family declared twice: " + line);
        }
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String family = family(m.group(1));
        if (family == null) {
          throw new AssertionError("a sample of an undeclared family: " + line);
        }
        String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
        if (samples.put(key, Double.parseDouble(m.group(4).replace("Inf", "Infinity"))) != null) {
          throw new AssertionError("a sample written twice: " + line);
        }
      } else {
        throw new AssertionError("not a line of the format: '" + line + "'");
      }
    }
  }

  private String family(String name) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
      if (base != null && "histogram".equals(types.get(base))) {
        return base;
      }
    }
    return null;
  }

  /** The value of sample {@code key} ({@code name{label="value",...}} as written), or 0 when absent. */
  double value(String key) {
    return samples.getOrDefault(key, 0.0);
  }

  /** Whether sample {@code key} is present. */
  boolean has(String key) {
    return samples.containsKey(key);
  }

  /** The family's type: counter, gauge or histogram. */
  String type(String family) {
    return types.get(family);
  }

  /** Every sample, in document order. */
  Map<String, Double> samples() {
    return samples;
  }
}
