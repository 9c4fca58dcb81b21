package dev.boreal.histogram;

import static dev.boreal.histogram.ArrowColumns.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packed integer kernels, the quantized builder and subtraction across cell widths against a naive
 * twin that sums each row's levels feature by feature in {@code long}s: integer sums, so equality is exact.
 * Every test runs for byte storage ({@code max_bin} 15 and 255) and short (1000).
 */
class QuantizedHistogramTest {
  private static final int ROWS = 40_000;
  private static final int LEVELS = 4;

  /** Features 0-3 are random, feature 4 is constant. */
  private static double[][] features() {
    double[][] x = BinnedDataTest.randomFeatures(ROWS, 21);
    double[][] withConstant = Arrays.copyOf(x, x.length + 1);
    withConstant[x.length] = new double[ROWS];
    return withConstant;
  }

  private static BinnedData fit(ArrowColumns arrow, double[][] x, int maxBin) {
    List<FeatureColumn> columns = new ArrayList<>(BinnedDataTest.columns(arrow, x));
    return BinnedData.fit(columns, null, params(maxBin));
  }

  private static QuantizedGradients levels(long seed, WorkerTeam team) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] g = new double[ROWS];
    double[] h = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      g[r] = random.nextDouble() * 2 - 1;
      h[r] = random.nextDouble();
    }
    QuantizedGradients q = new QuantizedGradients(ROWS, LEVELS, true);
    q.quantize(g, h, seed, team);
    return q;
  }

  private static int[] shuffledRows(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] rows = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      rows[r] = r;
    }
    for (int i = ROWS - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
    return rows;
  }

  /** The naive twin: gradient-level sums at {@code [0]}, hessian-level sums at {@code [1]}, by cell. */
  private static long[][] naive(BinnedData data, double[][] x, int[] rows, int from, int to, int[] packed,
      PackedHistogram shape) {
    int cells = shape.cellOffset(shape.features() - 1) + data.numBins(shape.features() - 1);
    long[][] sums = new long[2][cells];
    for (int f = 0; f < data.features(); f++) {
      if (data.mapper(f).isConstant()) {
        continue;
      }
      double[] bounds = data.mapper(f).upperBounds();
      for (int i = from; i < to; i++) {
        int r = rows[i];
        int c = shape.cellOffset(f) + BinnedDataTest.naiveBin(bounds, x[f][r]);
        sums[0][c] += QuantizedGradients.gradientOf(packed[r]);
        sums[1][c] += QuantizedGradients.hessianOf(packed[r]);
      }
    }
    return sums;
  }

  private static long[][] sumsOf(PackedHistogram hist, BinnedData data) {
    long[][] sums = new long[2][hist.cellOffset(data.features() - 1) + data.numBins(data.features() - 1)];
    for (int f = 0; f < data.features(); f++) {
      for (int b = 0; b < data.numBins(f); b++) {
        sums[0][hist.cellOffset(f) + b] = hist.gradientSum(f, b);
        sums[1][hist.cellOffset(f) + b] = hist.hessianSum(f, b);
      }
    }
    return sums;
  }

  private static void assertSums(long[][] expected, long[][] actual, String what) {
    assertArrayEquals(expected[0], actual[0], what + ": gradient sums");
    assertArrayEquals(expected[1], actual[1], what + ": hessian sums");
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 1000})
  void columnKernelsOfBothWidthsEqualTheNaiveSums(int maxBin) {
    double[][] x = features();
    int[] rows = shuffledRows(3);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = fit(arrow, x, maxBin);
      int[] packed = levels(1, new WorkerTeam(1)).packed();
      PackedHistogram narrow = new PackedHistogram(new Histogram(data));
      PackedHistogram wide = new PackedHistogram(new Histogram(data));
      int from = 1234;
      int to = from + 16_000;
      int[] ordered = new int[to - from];
      for (int i = from; i < to; i++) {
        ordered[i - from] = packed[rows[i]];
      }
      // 200 rows of at most 4 levels fit narrow cells; 16,000 rows need wide ones.
      PackedHistogram root = new PackedHistogram(new Histogram(data));
      narrow.reset(false);
      wide.reset(true);
      root.reset(true);
      for (int f = 0; f < data.features() - 1; f++) {
        data.column(f).addOrderedPacked(rows, from, from + 200, ordered, narrow.narrowCells(), narrow.cellOffset(f));
        data.column(f).addOrderedPackedWide(rows, from, to, ordered, wide.wideCells(), wide.cellOffset(f));
        data.column(f).addRangePackedWide(0, 777, packed, root.wideCells(), root.cellOffset(f));
        data.column(f).addRangePackedWide(777, ROWS, packed, root.wideCells(), root.cellOffset(f));
      }
      assertSums(naive(data, x, rows, from, from + 200, packed, narrow), sumsOf(narrow, data), "narrow");
      assertSums(naive(data, x, rows, from, to, packed, wide), sumsOf(wide, data), "wide");
      int[] identity = new int[ROWS];
      for (int r = 0; r < ROWS; r++) {
        identity[r] = r;
      }
      assertSums(naive(data, x, identity, 0, ROWS, packed, root), sumsOf(root, data), "root, by row");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {15, 255, 1000})
  void builderEqualsTheNaiveSumsForEveryLayoutAndThreadCount(int maxBin) {
    double[][] x = features();
    int[] rows = shuffledRows(9);
    try (ArrowColumns arrow = new ArrowColumns(); WorkerTeam two = new WorkerTeam(2);
        WorkerTeam three = new WorkerTeam(3)) {
      BinnedData data = fit(arrow, x, maxBin);
      QuantizedGradients q = levels(5, two);
      for (HistogramBuilder.Layout layout : HistogramBuilder.Layout.values()) {
        for (WorkerTeam team : new WorkerTeam[] {new WorkerTeam(1), two, three}) {
          QuantizedHistogramBuilder builder = new QuantizedHistogramBuilder(data, team, layout);
          assertArrayEquals(new int[] {0, 1, 2, 3}, builder.usableFeatures());
          assertBuildsTheNaiveSums(builder, data, x, rows, q, layout + " with " + team.size() + " threads");
        }
      }
    }
  }

  /** The builder's root, a wide leaf (38,500 rows) and a narrow one (3,000 rows) against the naive twin. */
  private static void assertBuildsTheNaiveSums(QuantizedHistogramBuilder builder, BinnedData data, double[][] x,
      int[] rows, QuantizedGradients q, String what) {
    int[] identity = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      identity[r] = r;
    }
    PackedHistogram hist = new PackedHistogram(new Histogram(data));
    builder.buildAll(identity, q, hist);
    assertTrue(hist.isWide());
    assertSums(naive(data, x, identity, 0, ROWS, q.packed(), hist), sumsOf(hist, data), what + ", root");
    builder.build(rows, 500, 39_000, q, builder.usableFeatures(), hist);
    assertSums(naive(data, x, rows, 500, 39_000, q.packed(), hist), sumsOf(hist, data), what + ", wide");
    builder.build(rows, 7_000, 10_000, q, builder.usableFeatures(), hist);
    assertFalse(hist.isWide(), "3,000 rows of 4 levels fit 16-bit sums");
    assertSums(naive(data, x, rows, 7_000, 10_000, q.packed(), hist), sumsOf(hist, data), what + ", narrow");
  }

  /**
   * Mostly-zero slots take the sparse layout, whose most frequent bins come from the leaf's total less the other
   * bins: in integers that is the direct sum, so the sums equal the naive twin's (and the dense layout's) exactly,
   * for the root, a wide and a narrow leaf, on one to three threads. With {@code max_bin} 1000 the continuous
   * feature is a column beside the sparse slots.
   */
  @ParameterizedTest
  @ValueSource(ints = {255, 1000})
  void sparseSlotsEqualTheNaiveSums(int maxBin) {
    double[][] x = SparseRowBinsTest.mostlyZero(17, ROWS);
    int[] rows = shuffledRows(4);
    try (ArrowColumns arrow = new ArrowColumns(); WorkerTeam two = new WorkerTeam(2);
        WorkerTeam three = new WorkerTeam(3)) {
      BinnedData data = fit(arrow, x, maxBin);
      QuantizedGradients q = levels(8, two);
      for (WorkerTeam team : new WorkerTeam[] {new WorkerTeam(1), two, three}) {
        QuantizedHistogramBuilder builder = new QuantizedHistogramBuilder(data, team, HistogramBuilder.Layout.AUTO);
        assertTrue(builder.isSparseRowWise(), "about 36% of the slots' codes away from their most frequent: sparse");
        assertFalse(new QuantizedHistogramBuilder(data, team, HistogramBuilder.Layout.ROW_WISE).isSparseRowWise());
        assertBuildsTheNaiveSums(builder, data, x, rows, q, team.size() + " threads");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 1000})
  void subtractionAcrossWidthsEqualsADirectBuild(int maxBin) {
    double[][] x = features();
    int[] rows = shuffledRows(4);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = fit(arrow, x, maxBin);
      QuantizedGradients q = levels(6, new WorkerTeam(1));
      QuantizedHistogramBuilder builder = new QuantizedHistogramBuilder(data, new WorkerTeam(1),
          HistogramBuilder.Layout.AUTO);
      int[] all = builder.usableFeatures();
      Histogram shape = new Histogram(data);
      PackedHistogram parent = new PackedHistogram(shape);
      PackedHistogram small = new PackedHistogram(shape);
      PackedHistogram direct = new PackedHistogram(shape);
      // {parent, small child, end of sibling}: wide minus narrow, wide minus wide, narrow minus narrow.
      for (int[] cut : new int[][] {{30_000, 9_000}, {30_000, 20_000}, {10_000, 4_000}}) {
        builder.build(rows, 0, cut[0], q, all, parent);
        builder.build(rows, 0, cut[1], q, all, small);
        builder.build(rows, cut[1], cut[0], q, all, direct);
        boolean wasWide = parent.isWide();
        parent.subtract(parent, small);
        assertEquals(wasWide, parent.isWide(), "the sibling keeps its parent's width");
        assertSums(sumsOf(direct, data), sumsOf(parent, data), Arrays.toString(cut));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void floatSumsAreTheLevelSumsTimesTheScales(boolean wideCells) {
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = fit(arrow, features(), 255);
      PackedHistogram packed = new PackedHistogram(new Histogram(data));
      packed.reset(wideCells);
      int cell = packed.cellOffset(2) + 3;
      int value = QuantizedGradients.pack(-7, 12) + QuantizedGradients.pack(2, 1);
      if (wideCells) {
        packed.wideCells()[cell] = PackedHistogram.widen(value);
      } else {
        packed.narrowCells()[cell] = value;
      }
      Histogram out = new Histogram(data);
      packed.toFloat(0.25, 0.5, out);
      assertEquals(-5, packed.gradientSum(2, 3));
      assertEquals(13, packed.hessianSum(2, 3));
      assertEquals(-1.25, out.sumGradients(2, 3));
      assertEquals(6.5, out.sumHessians(2, 3));
      assertEquals(0.0, out.sumHessians(2, 2));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 16, 127})
  void levelsStayInRangeAndDependOnlyOnTheSeed(int bins) {
    SplittableRandom random = new SplittableRandom(bins);
    double[] g = new double[ROWS];
    double[] h = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      g[r] = random.nextGaussian();
      h[r] = random.nextDouble() * 3;
    }
    QuantizedGradients one = new QuantizedGradients(ROWS, bins, true);
    QuantizedGradients three = new QuantizedGradients(ROWS, bins, true);
    try (WorkerTeam team = new WorkerTeam(3)) {
      one.quantize(g, h, 42, new WorkerTeam(1));
      three.quantize(g, h, 42, team);
    }
    assertArrayEquals(one.packed(), three.packed(), "the thread count does not change a level");
    for (int v : one.packed()) {
      assertTrue(Math.abs(QuantizedGradients.gradientOf(v)) <= bins / 2);
      assertTrue(QuantizedGradients.hessianOf(v) <= bins);
    }
    int[] first = one.packed().clone();
    one.quantize(g, h, 43, new WorkerTeam(1));
    assertNotEquals(Arrays.hashCode(first), Arrays.hashCode(one.packed()), "another seed draws otherwise");
  }

  /**
   * A value 0.6 levels above zero rounds up with probability 0.6: over 200,000 rows the mean level is within
   * 0.005 of 0.6 (the standard error is 0.0011). Rounding to nearest gives 1 every time.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void stochasticRoundingIsUnbiased(boolean stochastic) {
    int rows = 200_000;
    double[] g = new double[rows];
    double[] h = new double[rows];
    Arrays.fill(g, -0.3);
    Arrays.fill(h, 0.15);
    g[0] = 1.0;
    h[0] = 1.0;
    QuantizedGradients q = new QuantizedGradients(rows, LEVELS, stochastic);
    q.quantize(g, h, 7, new WorkerTeam(1));
    assertEquals(0.5, q.gradientScale());
    assertEquals(0.25, q.hessianScale());
    double gradientLevels = 0;
    double hessianLevels = 0;
    for (int r = 1; r < rows; r++) {
      gradientLevels += QuantizedGradients.gradientOf(q.packed()[r]);
      hessianLevels += QuantizedGradients.hessianOf(q.packed()[r]);
    }
    double meanG = gradientLevels / (rows - 1);
    double meanH = hessianLevels / (rows - 1);
    assertEquals(stochastic ? -0.6 : -1.0, meanG, stochastic ? 0.005 : 0.0);
    assertEquals(stochastic ? 0.6 : 1.0, meanH, stochastic ? 0.005 : 0.0);
    assertEquals(-0.3, meanG * q.gradientScale(), stochastic ? 0.0025 : 0.21);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aConstantHessianIsOneLevelOfItsOwnValue(boolean stochastic) {
    double[] g = {0.5, -1.0, 0.25, 0.0};
    double[] h = {2.0, 2.0, 2.0, 2.0};
    QuantizedGradients q = new QuantizedGradients(4, LEVELS, stochastic);
    q.quantize(g, h, 3, new WorkerTeam(1));
    assertEquals(2.0, q.hessianScale());
    for (int v : q.packed()) {
      assertEquals(1, QuantizedGradients.hessianOf(v));
    }
    assertEquals(-2, QuantizedGradients.gradientOf(q.packed()[1]), "the largest gradient is exactly B/2 levels");
    assertEquals(0, QuantizedGradients.gradientOf(q.packed()[3]));
  }
}
