package dev.boreal.histogram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sparse column ({@link FeatureColumn#sparse}) against its twin, the dense Arrow column of the same values: the
 * same reads over any range, the same slices, and the same bins, whichever way zeros are treated.
 */
class SparseColumnTest {
  /** More than one binning block, so that entries fall on both sides of a block's edge. */
  private static final int ROWS = 2 * RowSample.BLOCK + 77;

  /** A sparse column's entries and the dense values they stand for. */
  private record Twin(int[] at, double[] values, double[] dense) {
    FeatureColumn sparse(String name) {
      return FeatureColumn.sparse(name, dense.length, at, values);
    }
  }

  /**
   * About {@code percent}% of rows hold an entry: mostly values in (-5, 5) on a 0.01 grid, some NaN (missing),
   * -0.0, explicit 0.0 and infinities.
   */
  private static Twin twin(long seed, int percent) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] dense = new double[ROWS];
    int[] at = new int[ROWS];
    double[] values = new double[ROWS];
    int n = 0;
    for (int r = 0; r < ROWS; r++) {
      if (random.nextInt(100) >= percent) {
        continue;
      }
      double v = switch (random.nextInt(25)) {
        case 0 -> Double.NaN;
        case 1 -> -0.0;
        case 2 -> 0.0;
        case 3 -> Double.POSITIVE_INFINITY;
        default -> Math.round(random.nextDouble(-5, 5) * 100) / 100.0;
      };
      dense[r] = v;
      at[n] = r;
      values[n++] = v;
    }
    return new Twin(Arrays.copyOf(at, n), Arrays.copyOf(values, n), dense);
  }

  @Test
  void readsAsTheDenseColumnOverAnyRange() {
    Twin t = twin(1, 7);
    try (ArrowColumns arrow = new ArrowColumns()) {
      FeatureColumn dense = arrow.numeric("x", t.dense());
      FeatureColumn sparse = t.sparse("x");
      assertTrue(sparse.isSparse() && !dense.isSparse());
      assertEquals(ROWS, sparse.rowCount());
      FeatureColumn.Entries entries = sparse.entries();
      assertArrayEquals(t.at(), entries.rows());
      assertArrayEquals(t.values(), entries.values());
      entries.rows()[0] = -1;
      assertEquals(t.at()[0], sparse.entries().rows()[0], "entries are copies");
      assertThrows(IllegalStateException.class, dense::entries);
      SplittableRandom random = new SplittableRandom(2);
      double[] expected = new double[ROWS];
      double[] actual = new double[ROWS];
      for (int i = 0; i < 200; i++) {
        int from = random.nextInt(ROWS + 1);
        int to = i == 0 ? ROWS : from + random.nextInt(ROWS - from + 1);
        Arrays.fill(actual, 42.0);
        dense.readValues(from, to, expected);
        sparse.readValues(from, to, actual);
        assertArrayEquals(Arrays.copyOf(expected, to - from), Arrays.copyOf(actual, to - from),
            "rows [" + from + ", " + to + ")");
      }
    }
  }

  @Test
  void aSliceReadsAsThoseRowsOfTheColumn() {
    Twin t = twin(3, 10);
    FeatureColumn sparse = t.sparse("x");
    for (int[] range : new int[][] {{0, ROWS}, {5, 300}, {RowSample.BLOCK - 3, 10}, {ROWS - 1, 1}, {17, 0}}) {
      FeatureColumn slice = sparse.sparseSlice(range[0], range[1]);
      double[] read = new double[range[1]];
      slice.readValues(0, range[1], read);
      assertEquals(range[1], slice.rowCount());
      assertArrayEquals(Arrays.copyOfRange(t.dense(), range[0], range[0] + range[1]), read);
    }
  }

  @Test
  void entriesMustAscendWithinTheRows() {
    assertThrows(IllegalArgumentException.class, () -> FeatureColumn.sparse("x", 10, new int[] {3, 3},
        new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> FeatureColumn.sparse("x", 10, new int[] {4, 2},
        new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> FeatureColumn.sparse("x", 10, new int[] {10},
        new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> FeatureColumn.sparse("x", 10, new int[] {1, 2},
        new double[] {1}));
    assertThrows(IllegalStateException.class, () -> {
      try (ArrowColumns arrow = new ArrowColumns()) {
        arrow.numeric("x", new double[3]).sparseSlice(0, 1);
      }
    });
  }

  /**
   * Binned as its dense twin, bin for bin: zero a value of its own, zero as missing, missing values not used, and
   * bins learnt from a sample of the rows.
   */
  @ParameterizedTest
  @ValueSource(strings = {"defaults", "zero_as_missing", "use_missing=false", "max_bin=7", "sampled"})
  void binsAsTheDenseColumn(String setting) {
    BinningParams params = switch (setting) {
      case "zero_as_missing" -> BinningParams.defaults().withZeroAsMissing(true);
      case "sampled" -> BinningParams.defaults().withBinConstructSampleCnt(1000);
      case "use_missing=false" -> BinningParams.defaults().withUseMissing(false);
      case "max_bin=7" -> BinningParams.defaults().withMaxBin(7);
      default -> BinningParams.defaults();
    };
    List<FeatureColumn> dense = new ArrayList<>();
    List<FeatureColumn> sparse = new ArrayList<>();
    try (ArrowColumns arrow = new ArrowColumns()) {
      int[] percents = {1, 30, 60, 95};
      for (int f = 0; f < percents.length; f++) {
        Twin t = twin(10 + f, percents[f]);
        dense.add(arrow.numeric("f" + f, t.dense()));
        sparse.add(t.sparse("f" + f));
      }
      // A one-hot column: its entries are all 1.0, so only its zeros keep it from being constant.
      double[] oneHot = new double[ROWS];
      int[] hot = new int[ROWS / 20];
      for (int i = 0; i < hot.length; i++) {
        hot[i] = 20 * i + 3;
        oneHot[hot[i]] = 1.0;
      }
      double[] ones = new double[hot.length];
      Arrays.fill(ones, 1.0);
      dense.add(arrow.numeric("hot", oneHot));
      sparse.add(FeatureColumn.sparse("hot", ROWS, hot, ones));
      BinnedData expected = BinnedData.fit(dense, null, params.withThreads(2));
      BinnedData actual = BinnedData.fit(sparse, null, params.withThreads(2));
      for (int f = 0; f <= percents.length; f++) {
        assertEquals(expected.mapper(f).numBins(), actual.mapper(f).numBins(), "bins of feature " + f);
        assertEquals(expected.mapper(f).isConstant(), actual.mapper(f).isConstant(), "feature " + f + " constant");
        for (int r = 0; r < ROWS; r++) {
          assertEquals(expected.column(f).bin(r), actual.column(f).bin(r), "feature " + f + ", row " + r);
        }
      }
    }
  }
}
