package dev.boreal.explain.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkupAndScaleTest {
  @Test
  void escapeHandlesMarkupAndCharactersXmlForbids() {
    assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Markup.escape("a <b> & \"c\" 'd'"));
    assertEquals("x\uFFFDy\tz", Markup.escape("x\u0001y\tz"));
    assertEquals("\uFFFD!", Markup.escape("\uD800!"), "a lone surrogate");
    assertEquals("\uD83D\uDE00", Markup.escape("\uD83D\uDE00"), "a surrogate pair is kept");
  }

  @Test
  void numbersReadWell() {
    assertEquals("0.1235", Markup.num(0.123456));
    assertEquals("\u22121.5", Markup.num(-1.5));
    assertEquals("42", Markup.num(42.0));
    assertEquals("1.235e+07", Markup.num(12345678.9));
    assertEquals("+0.25", Markup.signed(0.25));
    assertEquals("0.3", Markup.tick(0.30000000000000004, 0.1));
    assertEquals("\u22122", Markup.tick(-2, 1));
    assertEquals("12.5", Markup.px(12.46));
    assertEquals("-3", Markup.px(-3.01));
    assertEquals("ab\u2026yz", Markup.shorten("abcdefghijklmnopqrstuvwxyz", 5).substring(0, 5));
  }

  @Test
  void ticksAreNiceAndInsideTheDomain() {
    Scale s = new Scale(-0.37, 1.93, 0, 100);
    assertArrayEquals(new double[] {0, 0.5, 1, 1.5}, s.ticks(5), 1e-12);
    assertEquals(0.0, new Scale(0, 10, 100, 200).map(0) - 100, 1e-12);
    assertEquals(200.0, new Scale(0, 10, 100, 200).map(10), 1e-12);
    Scale constant = new Scale(3, 3, 0, 10);
    assertEquals(5.0, constant.map(3), 1e-9, "a constant domain is widened around its value");
  }
}
