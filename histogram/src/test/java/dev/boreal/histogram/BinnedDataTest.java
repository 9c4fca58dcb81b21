package dev.boreal.histogram;

import static dev.boreal.histogram.ArrowColumns.codes;
import static dev.boreal.histogram.ArrowColumns.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The whole binning pipeline against a naive reference, for both storage widths: {@code max_bin} 255
 * stores bytes, 1000 stores shorts, and every behaviour here must hold for both.
 */
class BinnedDataTest {

  /** Random features: continuous, rounded (many ties), with NaN, and a low-cardinality one. */
  static double[][] randomFeatures(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[4][rows];
    for (int r = 0; r < rows; r++) {
      x[0][r] = random.nextDouble() * 100 - 50;
      x[1][r] = Math.floor(random.nextDouble() * 2000) / 7;
      x[2][r] = random.nextInt(10) == 0 ? Double.NaN : random.nextDouble() * random.nextDouble();
      x[3][r] = random.nextInt(12) - 0.5;
    }
    return x;
  }

  static List<FeatureColumn> columns(ArrowColumns arrow, double[][] x) {
    List<FeatureColumn> columns = new ArrayList<>();
    for (int f = 0; f < x.length; f++) {
      columns.add(arrow.numeric("f" + f, x[f]));
    }
    return columns;
  }

  /** The reference: scan the bounds from the left for the first one not below the value. */
  static int naiveBin(double[] bounds, double v) {
    if (Double.isNaN(v)) {
      return bounds.length;
    }
    for (int b = 0; b < bounds.length; b++) {
      if (v <= bounds[b]) {
        return b;
      }
    }
    throw new AssertionError("no bound above " + v);
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 1000})
  void codesAgreeWithTheNaiveReference(int maxBin) {
    double[][] x = randomFeatures(30_000, 3);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = BinnedData.fit(columns(arrow, x), null, params(maxBin));
      for (int f = 0; f < x.length; f++) {
        BinMapper m = data.mapper(f);
        assertTrue(m.numBins() <= maxBin + 1, "max_bin value bins and the missing bin, feature " + f);
        double[] bounds = m.upperBounds();
        for (int r = 0; r < x[f].length; r++) {
          assertEquals(naiveBin(bounds, x[f][r]), data.column(f).bin(r), "feature " + f + " row " + r);
        }
      }
      double[] zeroBin = {-(double) 1e-35f, (double) 1e-35f};
      double[] bounds3 = data.mapper(3).upperBounds();
      assertArrayEquals(zeroBin, Arrays.copyOf(bounds3, 2), "-0.5 alone below the zero bin");
      assertArrayEquals(LightGbmBoundsTest.reference(x[3], maxBin, 3), bounds3);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 1000})
  void storageWidthFollowsTheBinCount(int maxBin) {
    double[][] x = randomFeatures(5_000, 4);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = BinnedData.fit(columns(arrow, x), null, params(maxBin));
      Class<? extends BinColumn> wide = maxBin <= 256 ? ByteBinColumn.class : ShortBinColumn.class;
      assertEquals(wide, data.column(0).getClass());
      assertInstanceOf(ByteBinColumn.class, data.column(3), "12 values fit a byte whatever max_bin");
      assertTrue(data.numBins(0) > (maxBin <= 256 ? 200 : 900), "bins " + data.numBins(0));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 1000})
  void applyOnTheSameRowsGivesTheFitCodes(int maxBin) {
    double[][] x = randomFeatures(20_000, 5);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData fitted = BinnedData.fit(columns(arrow, x), null, params(maxBin));
      BinnedData applied = BinnedData.apply(fitted.mappers(), columns(arrow, x), 2);
      double[][] head = new double[x.length][];
      for (int f = 0; f < x.length; f++) {
        head[f] = Arrays.copyOf(x[f], 777);
      }
      BinnedData part = BinnedData.apply(fitted.mappers(), columns(arrow, head), 1);
      for (int f = 0; f < x.length; f++) {
        assertArrayEquals(codes(fitted, f), codes(applied, f));
        assertArrayEquals(Arrays.copyOf(codes(fitted, f), 777), codes(part, f));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 1000})
  void threadsAndSamplingAreDeterministic(int maxBin) {
    double[][] x = randomFeatures(40_000, 6);
    BinningParams sampled = params(maxBin).withBinConstructSampleCnt(10_000).withSeed(42);
    try (ArrowColumns arrow = new ArrowColumns()) {
      List<FeatureColumn> columns = columns(arrow, x);
      BinnedData one = BinnedData.fit(columns, null, sampled);
      BinnedData two = BinnedData.fit(columns, null, sampled.withThreads(2));
      BinnedData again = BinnedData.fit(columns, null, sampled.withThreads(3));
      assertEquals(one.mappers(), two.mappers());
      assertEquals(one.mappers(), again.mappers());
      for (int f = 0; f < x.length; f++) {
        assertArrayEquals(codes(one, f), codes(two, f));
      }
    }
  }

  @Test
  void mismatchedInputIsRefused() {
    try (ArrowColumns arrow = new ArrowColumns()) {
      List<FeatureColumn> uneven = List.of(arrow.numeric("a", new double[3]), arrow.numeric("b", new double[4]));
      InputException e = assertThrows(InputException.class, () -> BinnedData.fit(uneven, null, params(255)));
      assertTrue(e.getMessage().contains("'b'"), e.getMessage());
      BinnedData numeric = BinnedData.fit(List.of(arrow.numeric("a", new double[] {1, 2})), null, params(255));
      List<FeatureColumn> categorical = List.of(arrow.categorical("a", new int[] {0}, new String[] {"x"}));
      assertThrows(InputException.class, () -> BinnedData.apply(numeric.mappers(), categorical, 1));
      assertThrows(InputException.class, () -> BinnedData.apply(numeric.mappers(), List.of(), 1));
    }
  }
}
