package dev.boreal.histogram;

import static dev.boreal.histogram.ArrowColumns.codes;
import static dev.boreal.histogram.ArrowColumns.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bin bounds of numeric features: their shape, their placement, and missing and constant features. */
class NumericBinningTest {
  /** LightGBM's kZeroThreshold, the upper bound of the zero bin. */
  private static final double ZERO = (double) 1e-35f;

  @Test
  void boundsStrictlyIncreaseAndEveryValueLiesInItsBin() {
    SplittableRandom random = new SplittableRandom(1);
    double[] values = new double[20_000];
    for (int r = 0; r < values.length; r++) {
      values[r] = r % 50 == 0 ? Double.NaN : Math.exp(3 * nextGaussian(random));
    }
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = BinnedData.fit(List.of(arrow.numeric("x", values)), null, params(63));
      BinMapper m = data.mapper(0);
      double[] bounds = m.upperBounds();
      assertEquals(Double.POSITIVE_INFINITY, bounds[bounds.length - 1]);
      for (int b = 1; b < bounds.length; b++) {
        assertTrue(bounds[b - 1] < bounds[b], "bound " + b);
      }
      for (int r = 0; r < values.length; r++) {
        int b = data.column(0).bin(r);
        double v = values[r];
        if (Double.isNaN(v)) {
          assertEquals(m.missingBin(), b);
        } else {
          assertTrue(b == 0 || m.upperBound(b - 1) < v, "row " + r);
          assertTrue(v <= m.upperBound(b), "row " + r);
          assertEquals(b, m.binOf(v));
        }
      }
    }
  }

  @Test
  void fewDistinctValuesGetOneBinEachJustAboveMidpointsAfterAnEmptyZeroBin() {
    double[] values = {3, 1, 2, 3, 1, 10, 2, 3};
    double inf = Double.POSITIVE_INFINITY;
    try (ArrowColumns arrow = new ArrowColumns()) {
      List<FeatureColumn> columns = List.of(arrow.numeric("x", values));
      BinnedData data = BinnedData.fit(columns, null, params(255).withMinDataInBin(1));
      BinMapper m = data.mapper(0);
      // LightGBM keeps (-inf, 1e-35f] for zero even when no value is zero or negative.
      assertArrayEquals(new double[] {ZERO, Math.nextUp(1.5), Math.nextUp(2.5), Math.nextUp(6.5), inf},
          m.upperBounds());
      assertEquals(6, m.numBins());
      assertEquals(5, m.missingBin());
      assertArrayEquals(new int[] {3, 1, 2, 3, 1, 4, 2, 3}, codes(data, 0));
      assertFalse(m.isConstant());
      assertEquals(Double.NaN, m.upperBound(m.missingBin()));
      // With min_data_in_bin 3, the value 1 (2 rows) joins the bin of 2.
      BinMapper merged = BinnedData.fit(columns, null, params(255)).mapper(0);
      assertArrayEquals(new double[] {ZERO, Math.nextUp(2.5), Math.nextUp(6.5), inf}, merged.upperBounds());
    }
  }

  @Test
  void manyValuesRespectMaxBinAndMinDataInBin() {
    SplittableRandom random = new SplittableRandom(2);
    double[] values = new double[30_000];
    for (int r = 0; r < values.length; r++) {
      // A heavy spike at 0 plus a continuous tail: the spike takes a bin, the tail still gets quantiles.
      values[r] = r % 3 == 0 ? 0.0 : random.nextDouble();
    }
    BinningParams p = params(32).withMinDataInBin(200);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = BinnedData.fit(List.of(arrow.numeric("x", values)), null, p);
      BinMapper m = data.mapper(0);
      assertTrue(m.numBins() <= 33, "32 value bins and the missing bin, but numBins " + m.numBins());
      assertTrue(m.numBins() >= 28, "quantile bins should use most of max_bin, got " + m.numBins());
      int[] perBin = new int[m.numBins()];
      for (int r = 0; r < values.length; r++) {
        perBin[data.column(0).bin(r)]++;
      }
      for (int b = 0; b < m.missingBin(); b++) {
        assertTrue(perBin[b] >= 200, "bin " + b + " holds " + perBin[b]);
      }
      assertEquals(0, perBin[m.missingBin()]);
    }
  }

  @Test
  void weightsDoNotMoveTheBinsAsInLightGbm() {
    int n = 10_000;
    double[] values = new double[n];
    double[] weights = new double[n];
    for (int r = 0; r < n; r++) {
      values[r] = r;
      weights[r] = r < n / 2 ? 9.0 : 1.0;
    }
    try (ArrowColumns arrow = new ArrowColumns()) {
      List<FeatureColumn> columns = List.of(arrow.numeric("x", values));
      BinMapper unweighted = BinnedData.fit(columns, null, params(51)).mapper(0);
      assertEquals(unweighted, BinnedData.fit(columns, weights, params(51)).mapper(0));
      assertEquals(25, boundsBelow(unweighted, n / 2), 1);
    }
  }

  @Test
  void missingValuesGoToTheLastBinWhichEveryNumericFeatureHas() {
    double[] withNulls = {1, Double.NaN, 2, Double.NaN, 3};
    double[] complete = {1, 2, 3, 4, 5};
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = BinnedData.fit(List.of(arrow.numeric("a", withNulls), arrow.numeric("b", complete)),
          null, params(255).withMinDataInBin(1));
      // Bin 0 is the (empty) zero bin; 1, 2 and 3 get a bin each.
      assertArrayEquals(new int[] {1, 4, 2, 4, 3}, codes(data, 0));
      assertEquals(4, data.mapper(0).missingBin());
      assertEquals(6, data.mapper(1).missingBin());
      assertEquals(6, data.mapper(1).binOf(Double.NaN));
      assertEquals(0, data.mapper(1).binOf(Double.NEGATIVE_INFINITY));
      assertEquals(5, data.mapper(1).binOf(1e300));
    }
  }

  @Test
  void constantFeaturesAreFlagged() {
    double nan = Double.NaN;
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = BinnedData.fit(List.of(
          arrow.numeric("same", new double[] {7, 7, 7, 7, 7, 7}),
          arrow.numeric("empty", new double[] {nan, nan, nan, nan, nan, nan}),
          arrow.numeric("valueOrMissing", new double[] {7, nan, 7, nan, 7, nan}),
          arrow.numeric("two", new double[] {7, 8, 7, 8, 7, 8}),
          arrow.numeric("twoInOneBin", new double[] {7, 8, 7, 8, 8, 8})), null, params(255));
      assertTrue(data.mapper(0).isConstant());
      assertTrue(data.mapper(1).isConstant());
      // One value and missing still splits rows into two groups, so it is kept.
      assertFalse(data.mapper(2).isConstant());
      assertFalse(data.mapper(3).isConstant());
      // Two rows of 7 are fewer than min_data_in_bin (3), so 7 shares the bin of 8: one bin, constant.
      assertTrue(data.mapper(4).isConstant());
      // The empty zero bin, the bin of 7, and the missing bin.
      assertEquals(3, data.mapper(0).numBins());
    }
  }

  @Test
  void oddValuesKeepBoundsStrictlyIncreasing() {
    double[] values = {Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        1.0, Math.nextUp(1.0)};
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = BinnedData.fit(List.of(arrow.numeric("x", values)), null, params(255).withMinDataInBin(1));
      BinMapper m = data.mapper(0);
      // -Infinity; zero; the rest. As in LightGBM, 1.0 and the next double count as one value, and so
      // do MAX_VALUE and +Infinity; the bound just above the midpoint of 1.0 and +Infinity would be
      // +Infinity, repeating the last bound, so it is dropped.
      assertEquals(3, m.numBins() - 1);
      int[] codes = codes(data, 0);
      assertEquals(codes[1], codes[2], "-0.0 and 0.0 share a bin");
      for (int r = 0; r < values.length; r++) {
        assertTrue(codes[r] == 0 || m.upperBound(codes[r] - 1) < values[r]);
        assertTrue(values[r] <= m.upperBound(codes[r]));
      }
      assertEquals(codes[5], codes[6], "adjacent doubles share a bin");
      assertEquals(codes[5], codes[4]);
      assertEquals(codes[3], codes[4]);
    }
  }

  @Test
  void everyPathBinsNaNAndTheZeroBandAsANaiveTwinDoesWhateverTheMissingFlags() {
    double inf = Double.POSITIVE_INFINITY;
    double[] learned;
    SplittableRandom random = new SplittableRandom(3);
    double[] sample = new double[5_000];
    for (int r = 0; r < sample.length; r++) {
      sample[r] = r % 4 == 0 ? 0.0 : nextGaussian(random);
    }
    try (ArrowColumns arrow = new ArrowColumns()) {
      learned = BinnedData.fit(List.of(arrow.numeric("x", sample)), null, params(31)).mapper(0).upperBounds();
    }
    double[][] boundSets = {
        learned,
        {Math.nextDown(-ZERO), -ZERO, -1e-36, 0.0, 1e-36, ZERO, Math.nextUp(ZERO), 1.0, inf},
        {-1e-35, 1e-35, inf},
        {inf}};
    double[] edges = {0.0, -0.0, 1e-35, -1e-35, 1e-36, -1e-36, ZERO, -ZERO, Math.nextUp(ZERO), Math.nextDown(ZERO),
        Math.nextUp(-ZERO), Math.nextDown(-ZERO), Double.MIN_VALUE, -Double.MIN_VALUE, Double.NaN, inf, -inf,
        1.0, -1.0, 0.5};
    double[] values = new double[4_003];
    for (int i = 0; i < values.length; i++) {
      // Edges, ordinary values, and values spread over the zero band and just beyond it.
      values[i] = i % 3 == 0 ? edges[i / 3 % edges.length]
          : i % 3 == 1 ? nextGaussian(random) : random.nextDouble() * 4e-35 - 2e-35;
    }
    // Plain, zeros missing (zero_as_missing), NaN is zero (use_missing=false); the last two exclude each other.
    boolean[][] flagSets = {{false, false}, {true, false}, {false, true}};
    for (double[] bounds : boundSets) {
      for (boolean[] flags : flagSets) {
        boolean zeroIsMissing = flags[0];
        boolean nanIsZero = flags[1];
        BinMapper m = BinMapper.ofNumeric(bounds, zeroIsMissing, nanIsZero, false);
        int[] block = new int[values.length];
        m.binValues(values, block, values.length);
        int[] tail = new int[3];
        m.binValues(new double[] {values[0], values[1], values[2]}, tail, 3);
        for (int i = 0; i < values.length; i++) {
          int expected = naiveBin(bounds, zeroIsMissing, nanIsZero, values[i]);
          String what = values[i] + " with bounds " + Arrays.toString(bounds) + ", zero is missing "
              + zeroIsMissing + ", NaN is zero " + nanIsZero;
          assertEquals(expected, m.binOf(values[i]), "binOf " + what);
          assertEquals(expected, block[i], "binValues " + what);
          assertEquals(expected == m.missingBin(), Double.isNaN(m.missingAsNaN(values[i])), "missingAsNaN " + what);
          if (i < 3) {
            assertEquals(expected, tail[i], "binValues, short block, " + what);
          }
        }
        if (nanIsZero) {
          assertEquals(m.binOf(0.0), m.binOf(Double.NaN), "NaN bins as 0.0, bounds " + Arrays.toString(bounds));
          assertEquals(0.0, m.missingAsNaN(Double.NaN), "the trees see NaN as 0.0");
        }
      }
    }
  }

  /** The bin the mapper contract gives, by a linear scan. */
  private static int naiveBin(double[] bounds, boolean zeroIsMissing, boolean nanIsZero, double v) {
    if (Double.isNaN(v) && nanIsZero) {
      v = 0.0;
    }
    if (Double.isNaN(v) || (zeroIsMissing && v >= -ZERO && v <= ZERO)) {
      return bounds.length;
    }
    int b = 0;
    while (v > bounds[b]) {
      b++;
    }
    return b;
  }

  @Test
  void zeroAsMissingCountsZerosWithNaNAndKeepsLightGbmsBounds() {
    double nan = Double.NaN;
    double[] values = {0.0, -3, 0.0, 5, -0.0, 1e-36, -3, nan, 5, -3, 5, 0.0};
    try (ArrowColumns arrow = new ArrowColumns()) {
      List<FeatureColumn> columns = List.of(arrow.numeric("x", values),
          arrow.numeric("zerosAndMissing", new double[] {0.0, nan, -0.0, 1e-36, 0.0, nan, 0, 0, 0, 0, nan, 0}),
          arrow.numeric("zerosAndSeven", new double[] {0.0, 7, 0.0, 7, 0.0, 7, 0, 7, 0, 7, 0, 7}));
      BinnedData plain = BinnedData.fit(columns, null, params(255).withMinDataInBin(1));
      BinnedData zeroAsMissing = BinnedData.fit(columns, null, params(255).withMinDataInBin(1).withZeroAsMissing(true));
      BinMapper m = zeroAsMissing.mapper(0);
      assertTrue(m.zeroIsMissing());
      assertFalse(plain.mapper(0).zeroIsMissing());
      // The bounds do not depend on zeros: -3, the (now empty) zero bin, 5.
      assertArrayEquals(new double[] {-ZERO, ZERO, Double.POSITIVE_INFINITY}, m.upperBounds());
      assertArrayEquals(plain.mapper(0).upperBounds(), m.upperBounds());
      assertArrayEquals(new int[] {3, 0, 3, 2, 3, 3, 0, 3, 2, 0, 2, 3}, codes(zeroAsMissing, 0));
      assertArrayEquals(new int[] {1, 0, 1, 2, 1, 1, 0, 3, 2, 0, 2, 1}, codes(plain, 0));
      // Only missing values: constant. Zeros that are values and missing values: two groups.
      assertTrue(zeroAsMissing.mapper(1).isConstant());
      assertFalse(plain.mapper(1).isConstant());
      assertFalse(zeroAsMissing.mapper(2).isConstant());
      // Applying the learned mappers bins new data the same way.
      assertArrayEquals(codes(zeroAsMissing, 0), codes(BinnedData.apply(zeroAsMissing.mappers(), columns, 1), 0));
    }
  }

  @Test
  void zeroAsMissingAndUseMissingFalseGiveTheValueBinsAllOfMaxBinAsLightGbmDoes() {
    double[] values = new double[600];
    for (int r = 0; r < values.length; r++) {
      values[r] = r % 10 == 0 ? Double.NaN : r % 10 == 1 ? 0.0 : r;
    }
    try (ArrowColumns arrow = new ArrowColumns()) {
      List<FeatureColumn> columns = List.of(arrow.numeric("x", values));
      // With NaN counted as missing, the missing bin is one of max_bin; with zeros missing, LightGBM's
      // missing bin is its zero bin, so the value bins (the zero bin among them) get all max_bin; without
      // use_missing, nothing is missing (LightGBM's None), so they get all max_bin too.
      assertEquals(8, BinnedData.fit(columns, null, params(8)).mapper(0).numBins());
      assertEquals(9, BinnedData.fit(columns, null, params(8).withZeroAsMissing(true)).mapper(0).numBins());
      assertEquals(9, BinnedData.fit(columns, null, params(8).withUseMissing(false)).mapper(0).numBins());
    }
  }

  @Test
  void withoutUseMissingNaNBinsAsZeroAndZeroAsMissingHasNoEffectAsInLightGbm() {
    double nan = Double.NaN;
    double[] values = {0.0, -3, nan, 5, -0.0, 1e-36, -3, nan, 5, -3, 5, nan};
    try (ArrowColumns arrow = new ArrowColumns()) {
      List<FeatureColumn> columns = List.of(arrow.numeric("x", values),
          arrow.numeric("nanAndSeven", new double[] {nan, 7, nan, 7, nan, 7, nan, 7, nan, 7, nan, 7}),
          arrow.numeric("onlyNaN", new double[] {nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan}),
          arrow.categorical("c", new int[] {0, -1, 1, 0, -1, 1, 0, 1, 0, 1, 0, 1}, new String[] {"a", "b"}));
      BinningParams base = params(255).withMinDataInBin(1);
      BinnedData plain = BinnedData.fit(columns, null, base);
      BinnedData nanIsZero = BinnedData.fit(columns, null, base.withUseMissing(false));
      BinnedData both = BinnedData.fit(columns, null, base.withUseMissing(false).withZeroAsMissing(true));
      BinMapper m = nanIsZero.mapper(0);
      assertTrue(m.nanIsZero());
      assertFalse(m.zeroIsMissing());
      assertFalse(plain.mapper(0).nanIsZero());
      // NaN rows take the zero bin, as the 0.0, -0.0 and 1e-36 rows do; the missing bin stays empty.
      assertArrayEquals(new int[] {1, 0, 1, 2, 1, 1, 0, 1, 2, 0, 2, 1}, codes(nanIsZero, 0));
      assertArrayEquals(new int[] {1, 0, 3, 2, 1, 1, 0, 3, 2, 0, 2, 3}, codes(plain, 0));
      // LightGBM's missing type is None with use_missing=false whatever zero_as_missing says.
      assertEquals(nanIsZero.mappers(), both.mappers());
      // NaN read as zero is a value: zeros and sevens split, zeros alone are constant.
      assertFalse(nanIsZero.mapper(1).isConstant());
      assertTrue(nanIsZero.mapper(2).isConstant());
      // Categorical features keep their missing bin.
      assertEquals(plain.mapper(3), nanIsZero.mapper(3));
      assertFalse(nanIsZero.mapper(3).nanIsZero());
      assertArrayEquals(codes(nanIsZero, 0), codes(BinnedData.apply(nanIsZero.mappers(), columns, 1), 0));
    }
  }

  @Test
  void aMapperRebuiltFromItsStoredArraysIsEqual() {
    BinMapper m = BinMapper.ofNumeric(new double[] {-1, 0.5, Double.POSITIVE_INFINITY}, false);
    assertEquals(m, BinMapper.ofNumeric(m.upperBounds(), m.isConstant()));
    assertThrows(InputException.class, () -> BinMapper.ofNumeric(new double[] {1, 1, Double.POSITIVE_INFINITY}, false));
    assertThrows(InputException.class, () -> BinMapper.ofNumeric(new double[] {1, 2}, false));
    assertThrows(InputException.class, () -> BinMapper.ofNumeric(new double[0], false));
    BinMapper zero = BinMapper.ofNumeric(m.upperBounds(), true, false);
    assertNotEquals(m, zero);
    assertEquals(zero, BinMapper.ofNumeric(zero.upperBounds(), zero.zeroIsMissing(), zero.isConstant()));
    assertFalse(zero.hasUnknownBin());
    assertEquals(zero.missingBin(), zero.unknownBin());
    BinMapper nanIsZero = BinMapper.ofNumeric(m.upperBounds(), false, true, false);
    assertNotEquals(m, nanIsZero);
    assertEquals(nanIsZero, BinMapper.ofNumeric(nanIsZero.upperBounds(), false, nanIsZero.nanIsZero(), false));
    InputException both = assertThrows(InputException.class,
        () -> BinMapper.ofNumeric(m.upperBounds(), true, true, false));
    assertTrue(both.getMessage().contains("use_missing=false"), both.getMessage());
  }

  @Test
  void badWeightsAreRefused() {
    try (ArrowColumns arrow = new ArrowColumns()) {
      List<FeatureColumn> columns = List.of(arrow.numeric("x", new double[] {1, 2, 3}));
      InputException e = assertThrows(InputException.class,
          () -> BinnedData.fit(columns, new double[] {1, -1, 1}, params(255)));
      assertTrue(e.getMessage().contains("row 1"), e.getMessage());
      assertThrows(InputException.class, () -> BinnedData.fit(columns, new double[] {1, 1}, params(255)));
    }
  }

  private static int boundsBelow(BinMapper m, double limit) {
    int count = 0;
    for (double b : m.upperBounds()) {
      count += b < limit ? 1 : 0;
    }
    return count;
  }

  private static double nextGaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
