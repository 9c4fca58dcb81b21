package dev.boreal.histogram;

import static dev.boreal.histogram.ArrowColumns.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histogram kernels, subtraction and the parallel builder against naive twins that sum in the same
 * order, so equality is exact. Every test runs for byte storage ({@code max_bin} 255) and short (1000).
 */
class HistogramTest {
  private static final int ROWS = 40_000;

  /** Features 0-3 are random, feature 4 is constant. */
  private static double[][] features() {
    double[][] x = BinnedDataTest.randomFeatures(ROWS, 11);
    double[][] withConstant = new double[x.length + 1][];
    System.arraycopy(x, 0, withConstant, 0, x.length);
    withConstant[x.length] = new double[ROWS];
    return withConstant;
  }

  private static BinnedData fit(ArrowColumns arrow, double[][] x, int maxBin) {
    List<FeatureColumn> columns = new ArrayList<>(BinnedDataTest.columns(arrow, x));
    return BinnedData.fit(columns, null, params(maxBin));
  }

  /** Random doubles, or multiples of 2^-10 small enough that every sum of them is exact. */
  private static double[] gradients(long seed, boolean dyadic) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] g = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      g[r] = dyadic ? random.nextInt(-2000, 2000) / 1024.0 : random.nextDouble() * 2 - 1;
    }
    return g;
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

  /** The naive twin: visit rows[from .. to) in order, bin each raw value by scanning its bounds, add. */
  private static double[] naive(BinnedData data, double[][] x, int[] rows, int from, int to, double[] g,
      double[] h, Histogram shape) {
    double[] hist = new double[shape.data().length];
    for (int f = 0; f < data.features(); f++) {
      if (data.mapper(f).isConstant()) {
        continue;
      }
      double[] bounds = data.mapper(f).upperBounds();
      for (int i = from; i < to; i++) {
        int r = rows[i];
        int k = shape.offset(f) + 2 * BinnedDataTest.naiveBin(bounds, x[f][r]);
        hist[k] += g[r];
        hist[k + 1] += h[r];
      }
    }
    return hist;
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 1000})
  void kernelsEqualBruteForceSums(int maxBin) {
    double[][] x = features();
    double[] g = gradients(1, false);
    double[] h = gradients(2, false);
    int[] identity = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      identity[r] = r;
    }
    int[] rows = shuffledRows(3);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = fit(arrow, x, maxBin);
      Histogram all = new Histogram(data);
      Histogram leaf = all.emptyLike();
      int from = 1234;
      int to = 31_000;
      double[] og = new double[to - from];
      double[] oh = new double[to - from];
      for (int i = from; i < to; i++) {
        og[i - from] = g[rows[i]];
        oh[i - from] = h[rows[i]];
      }
      for (int f = 0; f < data.features() - 1; f++) {
        data.column(f).addRange(0, 777, g, h, all.data(), all.offset(f));
        data.column(f).addRange(777, ROWS, g, h, all.data(), all.offset(f));
        data.column(f).addOrdered(rows, from, to, og, oh, leaf.data(), leaf.offset(f));
      }
      assertArrayEquals(naive(data, x, identity, 0, ROWS, g, h, all), all.data());
      assertArrayEquals(naive(data, x, rows, from, to, g, h, leaf), leaf.data());
      assertEquals(sum(h, rows, from, to), hessianOf(leaf, 0), 1e-9);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 1000})
  void subtractionEqualsADirectBuild(int maxBin) {
    double[][] x = features();
    int[] rows = shuffledRows(4);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = fit(arrow, x, maxBin);
      HistogramBuilder builder = new HistogramBuilder(data, new WorkerTeam(1));
      for (boolean dyadic : new boolean[] {true, false}) {
        double[] g = gradients(5, dyadic);
        double[] h = gradients(6, dyadic);
        Histogram parent = new Histogram(data);
        Histogram small = parent.emptyLike();
        Histogram direct = parent.emptyLike();
        Histogram sibling = parent.emptyLike();
        builder.build(rows, 100, 30_000, g, h, parent);
        builder.build(rows, 100, 9_000, g, h, small);
        builder.build(rows, 9_000, 30_000, g, h, direct);
        sibling.subtract(parent, small);
        for (int f = 0; f < data.features(); f++) {
          for (int b = 0; b < data.numBins(f); b++) {
            if (dyadic) {
              assertEquals(direct.sumGradients(f, b), sibling.sumGradients(f, b));
              assertEquals(direct.sumHessians(f, b), sibling.sumHessians(f, b));
            } else {
              assertEquals(direct.sumGradients(f, b), sibling.sumGradients(f, b), 1e-9);
              assertEquals(direct.sumHessians(f, b), sibling.sumHessians(f, b), 1e-9);
            }
          }
        }
      }
    }
  }

  /** {@code max_bin} 15 makes histograms small enough for the row-wise root pass. */
  @ParameterizedTest
  @ValueSource(ints = {15, 255, 1000})
  void builderIsIdenticalForOneAndTwoThreadsAndSkipsConstantFeatures(int maxBin) {
    double[][] x = features();
    double[] g = gradients(7, false);
    double[] h = gradients(8, false);
    int[] rows = shuffledRows(9);
    try (ArrowColumns arrow = new ArrowColumns(); WorkerTeam pair = new WorkerTeam(2)) {
      BinnedData data = fit(arrow, x, maxBin);
      for (HistogramBuilder.Layout layout : HistogramBuilder.Layout.values()) {
        HistogramBuilder one = new HistogramBuilder(data, new WorkerTeam(1), layout);
        HistogramBuilder two = new HistogramBuilder(data, pair, layout);
        assertEquals(layout == HistogramBuilder.Layout.ROW_WISE
            || (layout == HistogramBuilder.Layout.AUTO && maxBin <= 255), two.isRowWise(), layout.name());
        assertArrayEquals(new int[] {0, 1, 2, 3}, one.usableFeatures());
        Histogram a = new Histogram(data);
        Histogram b = a.emptyLike();
        one.buildAll(g, h, a);
        two.buildAll(g, h, b);
        assertArrayEquals(a.data(), b.data());
        int[] identity = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
          identity[r] = r;
        }
        assertArrayEquals(naive(data, x, identity, 0, ROWS, g, h, a), a.data(), layout.name());
        one.build(rows, 500, 39_000, g, h, a);
        two.build(rows, 500, 39_000, g, h, b);
        assertArrayEquals(a.data(), b.data());
        assertArrayEquals(naive(data, x, rows, 500, 39_000, g, h, a), a.data(), layout.name());
        // Sorted leaves: a dense one is read in place, a sparse one is gathered first; both must match.
        int[] sorted = rows.clone();
        java.util.Arrays.sort(sorted, 0, 30_000);
        java.util.Arrays.sort(sorted, 30_000, 30_400);
        for (int[] range : new int[][] {{0, 30_000}, {30_000, 30_400}}) {
          one.build(sorted, range[0], range[1], g, h, a);
          two.build(sorted, range[0], range[1], g, h, b);
          assertArrayEquals(a.data(), b.data());
          assertArrayEquals(naive(data, x, sorted, range[0], range[1], g, h, a), a.data(), layout.name());
        }
        two.build(rows, 0, ROWS, g, h, new int[] {2}, b);
        if (!two.isRowWise()) {
          assertEquals(0.0, hessianOf(b, 0), "column-wise builds only the features asked for");
        }
        assertEquals(sum(h, rows, 0, ROWS), hessianOf(b, 2), 1e-9);
        assertEquals(0.0, hessianOf(b, 4), "constant feature stays zero");
      }
    }
  }

  private static double hessianOf(Histogram hist, int f) {
    double total = 0;
    for (int b = 0; b < hist.numBins(f); b++) {
      total += hist.sumHessians(f, b);
    }
    return total;
  }

  private static double sum(double[] values, int[] rows, int from, int to) {
    double total = 0;
    for (int i = from; i < to; i++) {
      total += values[rows[i]];
    }
    return total;
  }
}
