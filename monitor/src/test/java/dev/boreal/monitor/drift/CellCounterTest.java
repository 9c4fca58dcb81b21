package dev.boreal.monitor.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.boreal.InputException;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;

/** Cells of numbers and categories, the range counts, and a drift test's refusal of a profile of other bins. */
class CellCounterTest {
  private static final BinMapper NUMBERS = BinMapper.ofNumeric(new double[] {1, 2, Double.POSITIVE_INFINITY}, false);

  @Test
  void numbersFallInTheModelsBinsWithMissingLastAndTheRangeKept() {
    CellCounter reference = CellCounter.forReference(NUMBERS);
    for (double v : new double[] {0.5, 1, 1.5, 2, 7, Double.NaN}) {
      reference.addValue(v);
    }
    FeatureCounts ref = reference.counts();
    assertArrayEquals(new double[] {2, 2, 1, 1}, ref.cells());
    assertEquals(0.5, ref.min());
    assertEquals(7, ref.max());
    assertEquals(0, ref.belowRange() + ref.aboveRange());

    CellCounter fresh = CellCounter.against(NUMBERS, ref);
    for (double v : new double[] {-3, 0.5, 8, 9, Double.NaN, Double.NaN}) {
      fresh.addValue(v);
    }
    FeatureCounts counts = fresh.counts();
    assertArrayEquals(new double[] {2, 0, 2, 2}, counts.cells());
    assertEquals(1, counts.belowRange());
    assertEquals(2, counts.aboveRange());
    assertEquals(2, counts.missing());
  }

  @Test
  void categoriesWithoutABinShareTheUnseenCellApartFromMissing() {
    for (boolean unknownBin : new boolean[] {false, true}) {
      BinMapper colours = BinMapper.ofCategorical(new String[] {"red", "blue"}, unknownBin, false);
      CellCounter counter = CellCounter.forReference(colours);
      for (String c : new String[] {"red", "red", "blue", "green", "violet", null, ""}) {
        counter.addCategory(c);
      }
      FeatureCounts counts = counter.counts();
      assertArrayEquals(new double[] {2, 1, 2, 2}, counts.cells(), "unknown bin " + unknownBin);
      assertEquals(FeatureCounts.cellCount(colours), counts.size());
      assertEquals(2, FeatureCounts.unseenCell(colours));
      assertEquals(Double.NaN, counts.min());
    }
  }

  @Test
  void aWeightedColumnCountsAsItsValuesOneByOneAcrossBlocks() {
    // 4,099 rows: a full block of 4,096 and a tail of 3, shorter than the four lanes of a block search.
    int rows = 4099;
    SplittableRandom rng = new SplittableRandom(11);
    double[] weights = new double[rows];
    double[] cells = new double[4];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long above = 0;
    try (BufferAllocator allocator = new RootAllocator();
        Float8Vector vector = new Float8Vector("x", allocator)) {
      vector.allocateNew(rows);
      for (int r = 0; r < rows; r++) {
        double v = r % 17 == 0 ? Double.NaN : rng.nextDouble(-1, 9);
        weights[r] = r % 5 == 0 ? 0 : rng.nextDouble(0.5, 2);
        if (r % 23 == 0) {
          vector.setNull(r);
          v = Double.NaN;
        } else {
          vector.set(r, v);
        }
        if (weights[r] > 0) {
          cells[NUMBERS.binOf(v)] += weights[r];
          if (!Double.isNaN(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            above += v > 7 ? 1 : 0;
          }
        }
      }
      vector.setValueCount(rows);
      FeatureColumn column = FeatureColumn.numeric("x", vector);
      CellCounter counter = CellCounter.forReference(NUMBERS);
      counter.addColumn(column, weights);
      FeatureCounts counts = counter.counts();
      assertArrayEquals(cells, counts.cells());
      assertEquals(min, counts.min());
      assertEquals(max, counts.max());

      CellCounter fresh = CellCounter.against(NUMBERS, new FeatureCounts(new long[] {1, 1, 1, 1}, 0, 0, -1, 7));
      fresh.addColumn(column, weights);
      assertEquals(above, fresh.counts().aboveRange());
      assertEquals(0, fresh.counts().belowRange());
    }
  }

  /**
   * A sparse column counts as its dense twin: zeros at once and entries one by one, in range or out of it on either
   * side (zero below a reference range of [0.5, 7], or above one of [-3, -1]), with NaN and -0.0 entries; with
   * weights it reads every row.
   */
  @Test
  void aSparseColumnCountsAsItsDenseTwin() {
    int rows = 5000;
    SplittableRandom rng = new SplittableRandom(12);
    double[] dense = new double[rows];
    int[] at = new int[rows];
    double[] values = new double[rows];
    int n = 0;
    for (int r = 0; r < rows; r++) {
      if (rng.nextInt(10) == 0) {
        double v = r % 7 == 0 ? Double.NaN : r % 11 == 0 ? -0.0 : rng.nextDouble(-4, 9);
        dense[r] = v;
        at[n] = r;
        values[n++] = v;
      }
    }
    FeatureColumn sparse = FeatureColumn.sparse("x", rows, java.util.Arrays.copyOf(at, n),
        java.util.Arrays.copyOf(values, n));
    double[] weights = new double[rows];
    for (int r = 0; r < rows; r++) {
      weights[r] = r % 3 == 0 ? 0 : 1.5;
    }
    try (BufferAllocator allocator = new RootAllocator();
        Float8Vector vector = new Float8Vector("x", allocator)) {
      vector.allocateNew(rows);
      for (int r = 0; r < rows; r++) {
        vector.set(r, dense[r]);
      }
      vector.setValueCount(rows);
      FeatureColumn twin = FeatureColumn.numeric("x", vector);
      FeatureCounts positive = new FeatureCounts(new long[] {1, 1, 1, 1}, 0, 0, 0.5, 7);
      FeatureCounts negative = new FeatureCounts(new long[] {1, 1, 1, 1}, 0, 0, -3, -1);
      for (double[] w : new double[][] {null, weights}) {
        List<CellCounter[]> pairs = List.of(
            new CellCounter[] {CellCounter.forReference(NUMBERS), CellCounter.forReference(NUMBERS)},
            new CellCounter[] {CellCounter.against(NUMBERS, positive), CellCounter.against(NUMBERS, positive)},
            new CellCounter[] {CellCounter.against(NUMBERS, negative), CellCounter.against(NUMBERS, negative)});
        for (CellCounter[] pair : pairs) {
          pair[0].addColumn(twin, w);
          pair[1].addColumn(sparse, w);
          FeatureCounts expected = pair[0].counts();
          FeatureCounts actual = pair[1].counts();
          assertArrayEquals(expected.cells(), actual.cells());
          assertEquals(expected.belowRange(), actual.belowRange());
          assertEquals(expected.aboveRange(), actual.aboveRange());
          assertEquals(expected.min(), actual.min());
          assertEquals(expected.max(), actual.max());
        }
      }
      long entriesBelow = 0;
      for (int i = 0; i < n; i++) {
        entriesBelow += values[i] < 0.5 ? 1 : 0;
      }
      CellCounter below = CellCounter.against(NUMBERS, positive);
      below.addColumn(sparse);
      assertEquals(rows - n + entriesBelow, below.counts().belowRange(), "every zero is below [0.5, 7]");
    }
  }

  @Test
  void windowCountsAddCellByCell() {
    CellCounter counter = CellCounter.forReference(NUMBERS);
    counter.addCells(new long[] {1, 2, 3, 4});
    counter.addCells(new long[] {1, 0, 0, 1});
    assertArrayEquals(new double[] {2, 2, 3, 5}, counter.counts().cells());
    assertThrows(IllegalArgumentException.class, () -> counter.addCells(new long[] {1}));
  }

  @Test
  void aProfileOfOtherBinsIsRefusedInOneSentence() {
    DriftProfile profile = new DriftProfile(List.of("x"),
        List.of(new FeatureCounts(new long[] {1, 2}, 0, 0, 0, 1)),
        new ScoreHistogram(new double[0], new long[] {3, 0}), null, 0);
    InputException e = assertThrows(InputException.class, () -> DriftTest.of(profile, List.of(NUMBERS)));
    assertEquals("The drift profile does not fit the model: feature 'x' has 2 cells, but its bins make 4.",
        e.getMessage());
    e = assertThrows(InputException.class, () -> DriftTest.of(profile, List.of(NUMBERS, NUMBERS)));
    assertEquals("The drift profile does not fit the model: the model has 2 features, the profile 1.", e.getMessage());
  }

  @Test
  void multinomialDrawsSumToTheRowsAndKeepTheirMeans() {
    double[] p = {0.5, 0.3, 0.1999, 0.0001};
    SplittableRandom rng = new SplittableRandom(3);
    double[] out = new double[p.length];
    for (long n : new long[] {1, 40, 100_000}) {
      double[] mean = new double[p.length];
      int draws = 4000;
      for (int d = 0; d < draws; d++) {
        Multinomial.draw(p, n, rng, out);
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
          sum += out[c];
          mean[c] += out[c] / draws;
        }
        assertEquals(n, sum);
      }
      for (int c = 0; c < p.length; c++) {
        // Four standard errors of the mean of 4,000 draws.
        double se = Math.sqrt(n * p[c] * (1 - p[c]) / draws);
        assertEquals(n * p[c], mean[c], 4 * se + 1e-9, "n=" + n + ", cell " + c);
      }
    }
  }
}
