package dev.boreal.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.histogram.BinMapper;
import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Routing}'s bin rule and raw-value rule send every value the same way, which is what lets a model score
 * a raw row exactly as training scored its bins; both agree with a naive statement of the rule.
 */
class RoutingTest {
  private static final double[] BOUNDS = {-2.5, -0.0, 1e-300, 0.75, 3.0, Double.POSITIVE_INFINITY};

  @Test
  void numericBinAndRawValueGoTheSameWay() {
    Random random = new Random(5);
    for (boolean zeroIsMissing : new boolean[] {false, true}) {
      BinMapper mapper = BinMapper.ofNumeric(BOUNDS, zeroIsMissing, false);
      for (int i = 0; i < 20_000; i++) {
        double v = value(random);
        int thresholdBin = random.nextInt(BOUNDS.length);
        boolean defaultLeft = random.nextBoolean();
        int bin = mapper.binOf(v);
        boolean missing = bin == mapper.missingBin();
        boolean naive = missing ? defaultLeft : v <= BOUNDS[thresholdBin];
        String what = "value " + v + ", threshold bin " + thresholdBin + ", zeros missing " + zeroIsMissing;
        assertEquals(naive, Routing.binGoesLeft(bin, thresholdBin, defaultLeft, mapper.missingBin(), null), what);
        // The predictor hands the raw rule NaN for a missing value, zeros included where they are missing.
        double encoded = missing ? Double.NaN : v;
        assertEquals(naive, Routing.valueGoesLeft(encoded, mapper.upperBound(thresholdBin), defaultLeft, null, -1),
            what);
      }
    }
  }

  @Test
  void floatThresholdsWithTheExactFallbackDecideAsTheDoubleThreshold() {
    // Thresholds a float holds exactly and ones it does not, beyond its range, tiny, signed zeros, infinite.
    double[] thresholds = {0.1, -0.1, 1.0 / 3, 0.0, -0.0, 2.0, 1e300, -1e300, 3.4028235677973366E38, 1e-40,
        -7.000000000000001, 123456.789, Double.POSITIVE_INFINITY, Double.MIN_VALUE};
    Random random = new Random(11);
    int ties = 0;
    for (double t : thresholds) {
      double[] exact = {7.0, t};
      float rounded = (float) t;
      double[] probes = {t, Math.nextUp(t), Math.nextDown(t), rounded, Math.nextUp((double) rounded),
          Math.nextDown((double) rounded), Math.nextUp(rounded), Math.nextDown(rounded), 0.0, -0.0, Double.NaN,
          Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300, t * (1 + 1e-12), t * (1 - 1e-12)};
      for (int i = 0; i < probes.length + 2_000; i++) {
        double v = i < probes.length ? probes[i] : t + random.nextGaussian() * Math.ulp(rounded) * 2;
        for (boolean defaultLeft : new boolean[] {false, true}) {
          boolean expected = Routing.valueGoesLeft(v, t, defaultLeft, null, -1);
          assertEquals(expected, Routing.numericGoesLeft(v, rounded, defaultLeft, exact, 1),
              "value " + v + ", threshold " + t + ", default left " + defaultLeft);
        }
        ties += (float) v == rounded ? 1 : 0;
      }
    }
    assertTrue(ties > 1_000, "the probes hit the float ties that need the exact threshold: " + ties);
  }

  @Test
  void categoricalBinAndEncodedValueGoTheSameWay() {
    Random random = new Random(8);
    int bins = 130;
    for (int trial = 0; trial < 200; trial++) {
      long[] bits = new long[Routing.words(bins) + 1];
      int offset = 1; // the bitset may start inside a longer array, as the flat trees keep them
      BitSet naive = new BitSet();
      for (int b = 0; b < bins; b++) {
        if (random.nextBoolean()) {
          naive.set(b);
          bits[offset + (b >>> 6)] |= 1L << b;
        }
      }
      long[] own = java.util.Arrays.copyOfRange(bits, offset, bits.length);
      for (int b = 0; b < bins; b++) {
        assertEquals(naive.get(b), Routing.binGoesLeft(b, -1, false, bins - 1, own), "bin " + b);
        assertEquals(naive.get(b), Routing.valueGoesLeft(b, Double.NaN, false, bits, offset), "bin " + b);
      }
    }
  }

  private static double value(Random random) {
    switch (random.nextInt(6)) {
      case 0: return BOUNDS[random.nextInt(BOUNDS.length - 1)];
      case 1: return Math.nextUp(BOUNDS[random.nextInt(BOUNDS.length - 1)]);
      case 2: return random.nextBoolean() ? 0.0 : -0.0;
      case 3: return Double.NaN;
      case 4: return (random.nextDouble() - 0.5) * 1e-34;
      default: return random.nextGaussian() * 3;
    }
  }
}
