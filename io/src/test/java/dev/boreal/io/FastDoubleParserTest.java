package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both number paths (the general parser and the tokenizer's fused fast path) agree with Double.parseDouble bit for bit. */
class FastDoubleParserTest {

  private static double parse(String s) {
    byte[] b = ("#" + s + "#").getBytes(StandardCharsets.ISO_8859_1);
    return FastDoubleParser.parse(b, 1, b.length - 1);
  }

  private static void assertSameAsJdk(String token) {
    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(token)), Double.doubleToRawLongBits(parse(token)),
        token);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "-0.0", "+0", "0.0", ".5", "5.", "-.5", "+5.", "1e22", "1e23", "-1e-22",
      "9007199254740992", "9007199254740993", "123456789012345678", "1234567890123456789012345",
      "0.000000000000000000000000001", "4.9e-324", "2.4703282292062327e-324", "1.7976931348623157e308",
      "1e400", "-1e400", "1e-400", "0e999999999999", "0.8693", "-1.23456789", "3.141592653589793238462643",
      "00012.5000", "1E5", "1e+5", "7e-0", "0.1", "0.3", "2.2250738585072011e-308"})
  void edgeCasesMatchTheJdk(String token) {
    assertSameAsJdk(token);
  }

  @Test
  void infinities() {
    for (String s : new String[] {"inf", "Inf", "INF", "+inf", "infinity", "Infinity", "+Infinity"}) {
      assertEquals(Double.POSITIVE_INFINITY, parse(s), s);
    }
    assertEquals(Double.NEGATIVE_INFINITY, parse("-inf"));
    assertEquals(Double.NEGATIVE_INFINITY, parse("-Infinity"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "+", ".", "-.", "e5", "1e", "1e+", "1.2.3", "0x10", "1d", "1f", "NaN",
      " 1", "1 ", "--1", "+-1", "1,5", "infinit", "infx", "abc", "1e5.5", "١"})
  void nonNumbersAreNaN(String token) {
    assertTrue(Double.isNaN(parse(token)), token);
  }

  @Test
  void randomTokensMatchTheJdk() {
    Random random = new Random(12345);
    for (int i = 0; i < 300_000; i++) {
      assertSameAsJdk(randomToken(random));
    }
  }

  @Test
  void randomDoublesRoundTrip() {
    Random random = new Random(99);
    for (int i = 0; i < 100_000; i++) {
      double v = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(v)) {
        assertSameAsJdk(Double.toString(v));
      }
      assertSameAsJdk(Double.toString(random.nextGaussian()));
      assertSameAsJdk(String.format("%.4f", random.nextDouble()));
    }
  }

  @Test
  void tokenizerFastPathMatchesTheJdk() {
    Random random = new Random(4);
    StringBuilder line = new StringBuilder();
    String[] tokens = new String[50_000];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = randomToken(random);
      line.append(tokens[i]).append(i % 10 == 9 ? "\n" : ",");
    }
    byte[] bytes = line.toString().getBytes(StandardCharsets.ISO_8859_1);
    CsvTokenizer t = new CsvTokenizer(bytes, 0, bytes.length, (byte) ',');
    for (String token : tokens) {
      double v = t.nextPlainNumber();
      if (Double.isNaN(v)) {
        t.next();
        v = FastDoubleParser.parse(t.fieldBytes, t.fieldStart, t.fieldEnd);
      }
      assertEquals(Double.doubleToRawLongBits(Double.parseDouble(token)), Double.doubleToRawLongBits(v), token);
    }
    assertTrue(t.atEnd());
  }

  /** Decimal tokens of every shape the grammar allows, with 1 to 25 digits and exponents near the limits. */
  private static String randomToken(Random random) {
    StringBuilder b = new StringBuilder();
    int sign = random.nextInt(4);
    b.append(sign == 0 ? "-" : sign == 1 ? "+" : "");
    int intDigits = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 6 : 20);
    for (int i = 0; i < intDigits; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    int fractionDigits = random.nextInt(3) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 9 : 25);
    if (intDigits == 0 && fractionDigits == 0) {
      fractionDigits = 1;
    }
    if (fractionDigits > 0 || random.nextInt(10) == 0) {
      b.append('.');
    }
    for (int i = 0; i < fractionDigits; i++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    if (random.nextInt(3) == 0) {
      b.append(random.nextBoolean() ? 'e' : 'E');
      int e = random.nextInt(5) == 0 ? random.nextInt(700) - 350 : random.nextInt(50) - 25;
      b.append(e < 0 ? "-" : random.nextBoolean() ? "+" : "").append(Math.abs(e));
    }
    return b.toString();
  }
}
