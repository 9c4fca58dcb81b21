package dev.boreal.histogram;

import static dev.boreal.histogram.ArrowColumns.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exclusive feature bundling: the greedy grouping against a brute-force twin, the bundle column's round trip,
 * and bundled histograms against the unbundled builder's.
 */
class FeatureBundlesTest {
  private static final int ROWS = 3_000;

  /**
   * Four one-hot groups (each row sets at most one feature of a group, to 1, 2 or 3), sparse random features
   * that conflict, one dense feature and one constant.
   */
  private static double[][] sparseFeatures(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] groupSizes = {5, 3, 8, 2};
    int oneHot = Arrays.stream(groupSizes).sum();
    double[][] x = new double[oneHot + 6 + 2][ROWS];
    for (int r = 0; r < ROWS; r++) {
      for (int g = 0, first = 0; g < groupSizes.length; first += groupSizes[g], g++) {
        int pick = random.nextInt(groupSizes[g] + 2);
        if (pick < groupSizes[g]) {
          x[first + pick][r] = 1 + random.nextInt(3);
        }
      }
      for (int s = 0; s < 6; s++) {
        x[oneHot + s][r] = random.nextInt(25) == 0 ? random.nextDouble() : 0;
      }
      x[oneHot + 6][r] = random.nextDouble();
    }
    return x;
  }

  private static BinnedData fit(ArrowColumns arrow, double[][] x) {
    return BinnedData.fit(BinnedDataTest.columns(arrow, x), null, params(255));
  }

  private static int mostFrequent(BinnedData data, int f) {
    int[] counts = new int[data.numBins(f)];
    for (int r = 0; r < data.rows(); r++) {
      counts[data.column(f).bin(r)]++;
    }
    int best = 0;
    for (int b = 1; b < counts.length; b++) {
      best = counts[b] > counts[best] ? b : best;
    }
    return best;
  }

  /**
   * The brute-force twin of the greedy grouping: candidates by non-default count, each joining the first bundle
   * whose rows it shares with one of the members no more than the budget allows, conflicts counted by scanning
   * every row of every member.
   */
  private static List<List<Integer>> bruteForce(BinnedData data, double rate) {
    int rows = data.rows();
    List<Integer> candidates = new ArrayList<>();
    int[] nonDefault = new int[data.features()];
    int[] defaults = new int[data.features()];
    for (int f = 0; f < data.features(); f++) {
      defaults[f] = mostFrequent(data, f);
      for (int r = 0; r < rows; r++) {
        nonDefault[f] += data.column(f).bin(r) != defaults[f] ? 1 : 0;
      }
      if (!data.mapper(f).isConstant() && nonDefault[f] > 0 && 2 * nonDefault[f] <= rows) {
        candidates.add(f);
      }
    }
    candidates.sort((a, b) -> nonDefault[a] != nonDefault[b] ? nonDefault[b] - nonDefault[a] : a - b);
    long budget = (long) Math.floor(rate * rows);
    List<List<Integer>> bundles = new ArrayList<>();
    List<long[]> spent = new ArrayList<>();
    for (int f : candidates) {
      List<Integer> home = null;
      for (int b = 0; b < bundles.size() && home == null; b++) {
        List<Integer> bundle = bundles.get(b);
        int bins = 1 + data.numBins(f) - 1;
        long conflicts = 0;
        for (int m : bundle) {
          bins += data.numBins(m) - 1;
        }
        for (int r = 0; r < rows; r++) {
          boolean taken = false;
          for (int m : bundle) {
            taken |= data.column(m).bin(r) != defaults[m];
          }
          conflicts += taken && data.column(f).bin(r) != defaults[f] ? 1 : 0;
        }
        if (bins <= 256 && spent.get(b)[0] + conflicts <= budget) {
          home = bundle;
          spent.get(b)[0] += conflicts;
        }
      }
      if (home == null) {
        home = new ArrayList<>();
        bundles.add(home);
        spent.add(new long[1]);
      }
      home.add(f);
    }
    bundles.removeIf(b -> b.size() < 2);
    return bundles;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.01})
  void greedyGroupingMatchesTheBruteForceTwin(double rate) {
    double[][] x = sparseFeatures(7);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = fit(arrow, x);
      FeatureBundles bundles = data.withBundles(rate).bundlesOrNull();
      List<List<Integer>> expected = bruteForce(data, rate);
      assertEquals(expected.size(), bundles.count());
      int[] defaults = new int[data.features()];
      for (int f = 0; f < data.features(); f++) {
        defaults[f] = mostFrequent(data, f);
      }
      for (int b = 0; b < bundles.count(); b++) {
        assertArrayEquals(expected.get(b).stream().mapToInt(Integer::intValue).toArray(), bundles.members(b));
        int conflictRows = 0;
        for (int r = 0; r < data.rows(); r++) {
          int away = 0;
          for (int f : bundles.members(b)) {
            away += data.column(f).bin(r) != defaults[f] ? 1 : 0;
          }
          conflictRows += away > 1 ? 1 : 0;
        }
        assertTrue(conflictRows <= Math.floor(rate * data.rows()), "bundle " + b + " conflicts on " + conflictRows);
      }
      assertTrue(bundles.count() >= 2 && bundles.count() < x.length, "bundles: " + bundles.count());
      assertEquals(-1, bundles.bundleOf(x.length - 1), "the constant feature");
      assertEquals(-1, bundles.bundleOf(x.length - 2), "the dense feature");
    }
  }

  @Test
  void bundleColumnGivesBackEveryMembersBin() {
    double[][] x = sparseFeatures(8);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = fit(arrow, x);
      FeatureBundles bundles = data.withBundles(0).bundlesOrNull();
      int bundled = 0;
      for (int f = 0; f < data.features(); f++) {
        int b = bundles.bundleOf(f);
        if (b < 0) {
          continue;
        }
        bundled++;
        for (int r = 0; r < data.rows(); r++) {
          assertEquals(data.column(f).bin(r), bundles.memberBin(f, bundles.column(b).bin(r)), "feature " + f);
        }
      }
      assertTrue(bundled >= 18, "bundled features: " + bundled);
    }
  }

  /** Multiples of 2^-10 small enough that every sum of them is exact, so any order of adding agrees. */
  private static double[] dyadic(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] g = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      g[r] = random.nextInt(-2000, 2000) / 1024.0;
    }
    return g;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void bundledHistogramsEqualUnbundledOnes(int threads) {
    double[][] x = sparseFeatures(9);
    double[] g = dyadic(1);
    double[] h = dyadic(2);
    int[] rows = new int[ROWS];
    SplittableRandom random = new SplittableRandom(3);
    int n = 0;
    for (int r = 0; r < ROWS; r++) {
      rows[n] = r;
      n += random.nextInt(3) == 0 ? 1 : 0;
    }
    try (ArrowColumns arrow = new ArrowColumns(); WorkerTeam team = new WorkerTeam(threads)) {
      BinnedData data = fit(arrow, x);
      BinnedData bundled = data.withBundles(0);
      for (HistogramBuilder.Layout layout : HistogramBuilder.Layout.values()) {
        HistogramBuilder plain = new HistogramBuilder(data, team, layout);
        HistogramBuilder withBundles = new HistogramBuilder(bundled, team, layout);
        Histogram expected = new Histogram(data);
        Histogram actual = new Histogram(bundled);
        plain.buildAll(g, h, expected);
        withBundles.buildAll(g, h, actual);
        assertArrayEquals(expected.data(), actual.data(), "root, " + layout);
        plain.build(rows, 0, n, g, h, expected);
        withBundles.build(rows, 0, n, g, h, actual);
        assertArrayEquals(expected.data(), actual.data(), "leaf, " + layout);
      }
    }
  }

  /**
   * Bundles read row by row (as slots of the row-wise layout) against bundles read column by column, with
   * gradients whose sums round: every bundle code must still add its rows in row order, so the two agree bit
   * for bit, at the root, in a scattered leaf (gathered) and in a dense one (read in place), on any thread count.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void bundlesReadRowByRowSumInRowOrder(int threads) {
    double[][] x = sparseFeatures(11);
    SplittableRandom random = new SplittableRandom(5);
    double[] g = new double[ROWS];
    double[] h = new double[ROWS];
    int[] scattered = new int[ROWS];
    int[] dense = new int[ROWS];
    int n = 0;
    for (int r = 0; r < ROWS; r++) {
      g[r] = random.nextDouble() * 2 - 1;
      h[r] = random.nextDouble() * 0.3;
      dense[r] = r;
      scattered[n] = r;
      n += random.nextInt(7) == 0 ? 1 : 0;
    }
    try (ArrowColumns arrow = new ArrowColumns(); WorkerTeam team = new WorkerTeam(threads)) {
      BinnedData bundled = fit(arrow, x).withBundles(0);
      HistogramBuilder byColumn = new HistogramBuilder(bundled, team, HistogramBuilder.Layout.COLUMN_WISE);
      HistogramBuilder byRow = new HistogramBuilder(bundled, team, HistogramBuilder.Layout.ROW_WISE);
      assertTrue(byRow.isRowWise() && !byColumn.isRowWise());
      Histogram expected = new Histogram(bundled);
      Histogram actual = new Histogram(bundled);
      byColumn.buildAll(g, h, expected);
      byRow.buildAll(g, h, actual);
      assertArrayEquals(expected.data(), actual.data(), "root");
      byColumn.build(scattered, 0, n, g, h, expected);
      byRow.build(scattered, 0, n, g, h, actual);
      assertArrayEquals(expected.data(), actual.data(), "scattered leaf of " + n + " rows");
      byColumn.build(dense, 500, 2_400, g, h, expected);
      byRow.build(dense, 500, 2_400, g, h, actual);
      assertArrayEquals(expected.data(), actual.data(), "dense leaf");
      byColumn.build(dense, 10, 40, g, h, expected);
      byRow.build(dense, 10, 40, g, h, actual);
      assertArrayEquals(expected.data(), actual.data(), "a leaf small enough for the caller's thread");
    }
  }

  /** Data whose every usable feature is bundled (one-hot columns alone) is still read row by row by default. */
  @Test
  void oneHotDataAloneIsReadRowByRow() {
    double[][] all = sparseFeatures(12);
    double[][] oneHot = Arrays.copyOf(all, 18);
    try (ArrowColumns arrow = new ArrowColumns(); WorkerTeam team = new WorkerTeam(2)) {
      BinnedData bundled = fit(arrow, oneHot).withBundles(0);
      assertTrue(bundled.bundlesOrNull().count() >= BinLayout.MIN_ROW_WISE_FEATURES,
          "the one-hot groups make " + bundled.bundlesOrNull().count() + " bundles");
      HistogramBuilder builder = new HistogramBuilder(bundled, team);
      assertTrue(builder.isRowWise(), "bundles count as byte-coded columns for the row-wise layout");
      assertEquals(bundled.bundlesOrNull().count(), builder.histogramColumns());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void bundledPackedCellsEqualUnbundledOnes(int threads) {
    double[][] x = sparseFeatures(10);
    SplittableRandom random = new SplittableRandom(4);
    double[] g = new double[ROWS];
    double[] h = new double[ROWS];
    int[] identity = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      g[r] = random.nextDouble() * 2 - 1;
      h[r] = random.nextDouble();
      identity[r] = r;
    }
    try (ArrowColumns arrow = new ArrowColumns(); WorkerTeam team = new WorkerTeam(threads)) {
      QuantizedGradients q = new QuantizedGradients(ROWS, 32, true);
      q.quantize(g, h, 5, team);
      BinnedData data = fit(arrow, x);
      BinnedData bundled = data.withBundles(0);
      for (HistogramBuilder.Layout layout : HistogramBuilder.Layout.values()) {
        QuantizedHistogramBuilder plain = new QuantizedHistogramBuilder(data, team, layout);
        QuantizedHistogramBuilder withBundles = new QuantizedHistogramBuilder(bundled, team, layout);
        PackedHistogram expected = new PackedHistogram(new Histogram(data));
        PackedHistogram actual = new PackedHistogram(new Histogram(bundled));
        plain.buildAll(identity, q, expected);
        withBundles.buildAll(identity, q, actual);
        assertTrue(actual.isWide(), "3,000 rows of 32 levels need wide cells");
        assertArrayEquals(expected.wideCells(), actual.wideCells(), "root, " + layout);
        plain.build(identity, 100, 2_900, q, plain.usableFeatures(), expected);
        withBundles.build(identity, 100, 2_900, q, withBundles.usableFeatures(), actual);
        assertArrayEquals(expected.wideCells(), actual.wideCells(), "wide, " + layout);
        plain.build(identity, 1_000, 1_500, q, plain.usableFeatures(), expected);
        withBundles.build(identity, 1_000, 1_500, q, withBundles.usableFeatures(), actual);
        assertFalse(actual.isWide(), "500 rows of 32 levels fit narrow cells");
        assertArrayEquals(expected.narrowCells(), actual.narrowCells(), "narrow, " + layout);
      }
    }
  }
}
