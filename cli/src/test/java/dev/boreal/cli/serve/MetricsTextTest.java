package dev.boreal.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exposition format's details: number spelling, label escaping, and a document a strict reader accepts. */
class MetricsTextTest {
  @Test
  void numbersAreWrittenAsPrometheusClientsWriteThem() {
    assertEquals("0.0005", MetricsText.number(0.0005));
    assertEquals("1", MetricsText.number(1.0));
    assertEquals("10", MetricsText.number(10));
    assertEquals("2.5", MetricsText.number(2.5));
    assertEquals("1796588943.088", MetricsText.number(1.796588943088E9));
    assertEquals("0", MetricsText.number(-0.0));
    assertEquals("+Inf", MetricsText.number(Double.POSITIVE_INFINITY));
    assertEquals("-Inf", MetricsText.number(Double.NEGATIVE_INFINITY));
    assertEquals("NaN", MetricsText.number(Double.NaN));
    assertEquals(0.1 + 0.2, Double.parseDouble(MetricsText.number(0.1 + 0.2)), 0.0, "reads back exactly");
  }

  @Test
  void labelValuesAreEscaped() {
    String text = new String(new MetricsText().family("boreal_feature_psi", "gauge", "PSI.")
        .sample("boreal_feature_psi", 0.25, "feature", "a\"b\\c\nd").bytes(), StandardCharsets.UTF_8);
    assertEquals("# HELP boreal_feature_psi PSI.\n# TYPE boreal_feature_psi gauge\n"
        + "boreal_feature_psi{feature=\"a\\\"b\\\\c\\nd\"} 0.25\n", text);
    assertEquals(0.25, new PrometheusText(text).value("boreal_feature_psi{feature=\"a\\\"b\\\\c\\nd\"}"), 0.0);
  }
}
