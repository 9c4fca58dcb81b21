package dev.boreal.engine.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.TestData;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parallel stable partition against a plain sequential filter. */
class RowPartitionTest {
  /** Ranges below {@code MIN_SHARED_ROWS} positions are partitioned on the caller, larger ones in parallel. */
  @ParameterizedTest
  @ValueSource(ints = {3 * RowPartition.BLOCK + 1234, Parallel.MIN_SHARED_ROWS + 3 * RowPartition.BLOCK + 1234})
  void matchesSequentialStableFilterForAnyThreadCount(int n) {
    SplittableRandom r = new SplittableRandom(9);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextDouble() < 0.05 ? Double.NaN : r.nextInt(50);
    }
    BinnedData data = TestData.bin(new double[][] {x}, new int[0][], new String[0][], BinningParams.defaults());
    int missing = data.numBins(0) - 1;
    for (boolean defaultLeft : new boolean[] {false, true}) {
      SplitCandidate split = new SplitCandidate();
      split.feature = 0;
      split.thresholdBin = 20;
      split.defaultLeft = defaultLeft;
      int start = 777;
      int end = n - 55;
      int[] expected = identity(n);
      int[] lefts = new int[n];
      int[] rights = new int[n];
      int l = 0;
      int rr = 0;
      for (int i = start; i < end; i++) {
        int b = data.column(0).bin(i);
        if (b == missing ? defaultLeft : b <= 20) {
          lefts[l++] = i;
        } else {
          rights[rr++] = i;
        }
      }
      System.arraycopy(lefts, 0, expected, start, l);
      System.arraycopy(rights, 0, expected, start + l, rr);
      for (int threads = 1; threads <= 3; threads++) {
        try (Parallel parallel = new Parallel(threads)) {
          int[] rows = identity(n);
          int mid = new RowPartition(n, parallel).partition(rows, start, end, data.column(0), split, missing);
          assertEquals(start + l, mid);
          assertArrayEquals(expected, rows, threads + " threads");
        }
      }
    }
  }

  @Test
  void categoricalBitsetRoutesBins() {
    int n = 1000;
    int[] codes = new int[n];
    for (int i = 0; i < n; i++) {
      codes[i] = i % 4;
    }
    BinnedData data = TestData.bin(new double[0][], new int[][] {codes}, new String[][] {{"a", "b", "c", "d"}},
        BinningParams.defaults());
    SplitCandidate split = new SplitCandidate();
    split.feature = 0;
    split.leftBins = new long[] {(1L << data.mapper(0).binOfCategory("b")) | (1L << data.mapper(0).binOfCategory("d"))};
    try (Parallel parallel = new Parallel(2)) {
      int[] rows = identity(n);
      int mid = new RowPartition(n, parallel).partition(rows, 0, n, data.column(0), split, data.numBins(0) - 1);
      assertEquals(500, mid);
      for (int i = 0; i < n; i++) {
        assertEquals(i < mid, rows[i] % 2 == 1, "row " + rows[i]);
      }
    }
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}
