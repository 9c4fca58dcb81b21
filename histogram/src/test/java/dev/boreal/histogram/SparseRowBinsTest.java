package dev.boreal.histogram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sparse row-wise layout against the column-wise reading: sums equal bit for bit where every sum is exact
 * (gradients on a 2^-10 grid, so the subtraction that fills a most frequent bin is exact too), and equal to
 * rounding otherwise, in the same bits for any thread count.
 */
class SparseRowBinsTest {
  private static final int ROWS = 4_000;

  private static double[][] mostlyZero(long seed) {
    return mostlyZero(seed, ROWS);
  }

  /** Ten features at 0 on about 70% of rows, else one of nine values; one feature with a value per row. */
  static double[][] mostlyZero(long seed, int rows) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[11][rows];
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < 10; f++) {
        x[f][r] = random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(9);
      }
      x[10][r] = random.nextDouble();
    }
    return x;
  }

  /**
   * Ten features at 0 on about 70% of rows, else a value in (0, 1) to three decimals: each takes the most bins,
   * so their row-wise sums (about 40 KB) outgrow {@link HistogramBuilder#ROW_WISE_ROOT_BYTES}.
   */
  private static double[][] mostlyZeroManyBins(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[10][ROWS];
    for (int r = 0; r < ROWS; r++) {
      for (int f = 0; f < 10; f++) {
        x[f][r] = random.nextInt(10) < 7 ? 0 : (1 + random.nextInt(999)) / 1000.0;
      }
    }
    return x;
  }

  private static BinnedData fit(ArrowColumns arrow, double[][] x) {
    return BinnedData.fit(BinnedDataTest.columns(arrow, x), null, BinningParams.defaults().withThreads(1));
  }

  private static double[] values(long seed, boolean dyadic, double lo, double hi) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      double v = lo + (hi - lo) * random.nextDouble();
      out[r] = dyadic ? Math.round(v * 1024) / 1024.0 : v;
    }
    return out;
  }

  @Test
  void sparseLayoutIsChosenWhereMostCodesSitAtTheirMostFrequent() {
    try (ArrowColumns arrow = new ArrowColumns(); WorkerTeam team = new WorkerTeam(2)) {
      BinnedData mostlyZero = fit(arrow, mostlyZero(1));
      assertTrue(new HistogramBuilder(mostlyZero, team).isSparseRowWise(), "about 36% of codes away: sparse");
      assertFalse(new HistogramBuilder(mostlyZero, team, HistogramBuilder.Layout.ROW_WISE).isSparseRowWise(),
          "ROW_WISE keeps every code");
      double[][] dense = new double[6][ROWS];
      SplittableRandom random = new SplittableRandom(2);
      for (double[] column : dense) {
        for (int r = 0; r < ROWS; r++) {
          column[r] = random.nextInt(40);
        }
      }
      HistogramBuilder numeric = new HistogramBuilder(fit(arrow, dense), team);
      assertTrue(numeric.isRowWise() && !numeric.isSparseRowWise(), "forty equally likely values: dense");
    }
  }

  /** The choice weighs the entries the sparse layout would keep, not the codes: wide sparse data stays sparse. */
  @Test
  void theLayoutFollowsTheEntriesItWouldKeep() {
    int[] codes = new int[1];
    long limit = (long) SparseRowBins.MAX_ENTRIES;
    assertTrue(new SparseRowBins.FrequentCodes(codes, 0.02, 50 * limit).sparse(), "2% of 50 × the entries");
    assertTrue(new SparseRowBins.FrequentCodes(codes, 0.5, 2 * limit).sparse(), "half of twice the entries");
    assertFalse(new SparseRowBins.FrequentCodes(codes, 0.5, 2 * limit + 2).sparse(), "one entry too many");
    assertTrue(new SparseRowBins.FrequentCodes(codes, 0.125, 1000 * limit).sparse(), "an eighth, at any size");
    assertFalse(new SparseRowBins.FrequentCodes(codes, 0.13, 1000 * limit).sparse(), "more than an eighth, large");
    assertFalse(new SparseRowBins.FrequentCodes(codes, 0.51, 100).sparse(), "most codes away from the frequent");
    try (ArrowColumns arrow = new ArrowColumns()) {
      SparseRowBins.FrequentCodes frequent = frequentCodes(fit(arrow, mostlyZero(3, 1000)));
      assertEquals(11_000, frequent.cells());
      assertEquals(0.3 * 10 / 11 + 1.0 / 11, frequent.density(), 0.03, "ten 30% columns and a dense one");
    }
  }

  private static SparseRowBins.FrequentCodes frequentCodes(BinnedData data) {
    byte[][] columns = new byte[data.features()][];
    for (int f = 0; f < columns.length; f++) {
      columns[f] = ((ByteBinColumn) data.column(f)).codes();
    }
    return SparseRowBins.frequentCodes(columns, data.rows());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void exactGradientsGiveTheColumnSumsBitForBit(int threads) {
    double[] g = values(3, true, -1, 1);
    double[] h = values(4, true, 0, 0.5);
    try (ArrowColumns arrow = new ArrowColumns(); WorkerTeam team = new WorkerTeam(threads)) {
      BinnedData plain = fit(arrow, mostlyZero(5));
      for (BinnedData data : new BinnedData[] {plain, plain.withBundles(0.05)}) {
        HistogramBuilder sparse = new HistogramBuilder(data, team);
        HistogramBuilder byColumn = new HistogramBuilder(data, team, HistogramBuilder.Layout.COLUMN_WISE);
        assertTrue(sparse.isSparseRowWise());
        assertArrayEquals(new double[4], largestDifferences(sparse, byColumn, data, g, h),
            "largest difference at the root and in scattered, dense and small leaves");
      }
    }
  }

  /**
   * The dense row-wise root gives way to feature-by-feature blocks once its sums outgrow L1; the sparse root makes
   * a fraction of the additions wherever it fits, so it stays row-wise (lambdarank's example: 25% less training).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void sparseRootStaysRowWiseWhenItsSumsOutgrowL1(int threads) {
    double[] g = values(11, true, -1, 1);
    double[] h = values(12, true, 0, 0.5);
    try (ArrowColumns arrow = new ArrowColumns(); WorkerTeam team = new WorkerTeam(threads)) {
      BinnedData data = fit(arrow, mostlyZeroManyBins(13));
      HistogramBuilder sparse = new HistogramBuilder(data, team);
      assertTrue(sparse.isSparseRowWise() && sparse.isRowWiseRoot(), "the sparse root is row-wise");
      assertFalse(new HistogramBuilder(data, team, HistogramBuilder.Layout.ROW_WISE).isRowWiseRoot(),
          "the dense row-wise sums outgrow L1");
      assertArrayEquals(new double[4], largestDifferences(sparse,
          new HistogramBuilder(data, team, HistogramBuilder.Layout.COLUMN_WISE), data, g, h),
          "largest difference at the root and in scattered, dense and small leaves");
    }
  }

  @Test
  void roundedSumsAreTheSameOnEveryThreadCountAndCloseToTheColumnSums() {
    double[] g = values(6, false, -1, 1);
    double[] h = values(7, false, 0.01, 0.3);
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = fit(arrow, mostlyZero(8)).withBundles(0);
      Histogram[] roots = new Histogram[3];
      Histogram[] leaves = new Histogram[3];
      int[] rows = scattered(9);
      for (int t = 0; t < 3; t++) {
        try (WorkerTeam team = new WorkerTeam(t + 1)) {
          HistogramBuilder sparse = new HistogramBuilder(data, team);
          roots[t] = new Histogram(data);
          leaves[t] = new Histogram(data);
          sparse.buildAll(g, h, roots[t]);
          sparse.build(rows, 0, rows.length, g, h, leaves[t]);
          Histogram byColumn = new Histogram(data);
          new HistogramBuilder(data, team, HistogramBuilder.Layout.COLUMN_WISE).build(rows, 0, rows.length, g, h,
              byColumn);
          assertArrayEquals(byColumn.data(), leaves[t].data(), 1e-12);
        }
      }
      for (int t = 1; t < 3; t++) {
        assertArrayEquals(roots[0].data(), roots[t].data(), "root on " + (t + 1) + " threads");
        assertArrayEquals(leaves[0].data(), leaves[t].data(), "leaf on " + (t + 1) + " threads");
      }
    }
  }

  /** Every seventh row or so, ascending: a leaf spread over the data set. */
  private static int[] scattered(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] rows = new int[ROWS];
    int n = 0;
    for (int r = 0; r < ROWS; r++) {
      rows[n] = r;
      n += random.nextInt(7) == 0 ? 1 : 0;
    }
    return java.util.Arrays.copyOf(rows, n);
  }

  /**
   * The root, a scattered leaf, a dense leaf and one small enough for the caller's thread, each built both ways:
   * per leaf the largest absolute difference between the two.
   */
  private static double[] largestDifferences(HistogramBuilder sparse, HistogramBuilder byColumn, BinnedData data,
      double[] g, double[] h) {
    Histogram expected = new Histogram(data);
    Histogram actual = new Histogram(data);
    int[] all = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      all[r] = r;
    }
    int[] scattered = scattered(10);
    double[] out = new double[4];
    byColumn.buildAll(g, h, expected);
    sparse.buildAll(g, h, actual);
    out[0] = largestDifference(expected, actual);
    byColumn.build(scattered, 0, scattered.length, g, h, expected);
    sparse.build(scattered, 0, scattered.length, g, h, actual);
    out[1] = largestDifference(expected, actual);
    byColumn.build(all, 700, 3_100, g, h, expected);
    sparse.build(all, 700, 3_100, g, h, actual);
    out[2] = largestDifference(expected, actual);
    byColumn.build(all, 10, 40, g, h, expected);
    sparse.build(all, 10, 40, g, h, actual);
    out[3] = largestDifference(expected, actual);
    return out;
  }

  private static double largestDifference(Histogram a, Histogram b) {
    double largest = 0;
    for (int i = 0; i < a.data().length; i++) {
      largest = Math.max(largest, Math.abs(a.data()[i] - b.data()[i]));
    }
    return largest;
  }
}
