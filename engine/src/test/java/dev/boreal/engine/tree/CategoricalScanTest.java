package dev.boreal.engine.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.TestData;
import dev.boreal.histogram.BinColumn;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.Histogram;
import dev.boreal.histogram.HistogramBuilder;
import dev.boreal.histogram.WorkerTeam;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The many-vs-many categorical scan, which skips partitions whose gain is surely below its bar, against a naive
 * twin that evaluates every partition LightGBM's rules allow (categories ordered by smoothed gradient ratio, both
 * directions, {@code max_cat_threshold}, {@code min_data_per_group}, {@code cat_smooth}, {@code cat_l2}) and keeps
 * the first best. One categorical feature per case, unit hessians so a bin's rows are its hessian sum exactly.
 */
class CategoricalScanTest {
  private static final int S = BinColumn.STRIDE;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void scanFindsTheTwinsBestPartition(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int categories = 6 + r.nextInt(30);
    int n = 1500;
    String[] names = SplitFinderTest.categoryNames(categories);
    int[] codes = new int[n];
    double[] g = new double[n];
    double[] h = new double[n];
    double[] pull = new double[categories];
    for (int c = 0; c < categories; c++) {
      pull[c] = r.nextDouble() * 2 - 1;
    }
    for (int i = 0; i < n; i++) {
      // Category sizes from a skewed draw, so some fall under cat_smooth or min_data_per_group.
      codes[i] = (int) (categories * Math.pow(r.nextDouble(), 1.7));
      g[i] = Math.round((pull[codes[i]] + r.nextDouble() - 0.5) * 1024) / 1024.0;
      h[i] = 1;
    }
    BinnedData data = TestData.bin(new double[0][], new int[][] {codes}, new String[][] {names},
        BinningParams.defaults().withThreads(1));
    double l1 = seed % 3 == 0 ? 2 : 0;
    double l2 = seed % 2 == 0 ? 1 : 0;
    double maxDelta = seed % 4 == 1 ? 0.05 : 0;
    double smooth = seed % 5 == 2 ? 4 : 0;
    int minData = 1 + (int) (seed % 3) * 10;
    int maxCatThreshold = seed % 4 == 3 ? 4 : 32;
    int minDataPerGroup = seed % 2 == 0 ? 1 : 50;
    TreeParams p = new TreeParams(31, -1, false, minData, 1e-3, l1, l2, 0, maxDelta, smooth, 4, 10, 10,
        seed % 3 == 1, maxCatThreshold, minDataPerGroup, new int[0], new int[0][], 1.0, false,
        HistogramBuilder.Layout.AUTO);

    SplitCandidate found = SplitFinderTest.findOnAllRows(data, g, h, p);
    Histogram hist = new Histogram(data);
    new HistogramBuilder(data, new WorkerTeam(1)).buildAll(g, h, hist);
    SplitCandidate twin = twin(hist, p, n);
    assertTrue(twin.valid(), "the twin finds a split for seed " + seed);
    assertEquals(twin.gain, found.gain, 0, "gain");
    assertArrayEquals(twin.leftBins, found.leftBins, "categories on the left");
    assertEquals(twin.leftGradient, found.leftGradient, 0, "left gradient sum");
    assertEquals(twin.leftCount, found.leftCount, "left rows");
  }

  /** Every allowed partition of feature 0, evaluated in full; the gain is reported above the parent's, as find does. */
  private static SplitCandidate twin(Histogram hist, TreeParams p, int rows) {
    double[] d = hist.data();
    int off = hist.offset(0);
    int bins = hist.numBins(0);
    double g = 0;
    double h = 0;
    for (int b = 0; b < bins; b++) {
      g += d[off + S * b];
      h += d[off + S * b + 1];
    }
    double parentOutput = SplitMath.leafOutput(g, h, p.lambdaL1(), p.lambdaL2(), p.maxDeltaStep());
    double parentGain = p.pathSmooth() > 0
        ? SplitMath.leafGainAt(g, h, p.lambdaL1(), p.lambdaL2(), output(g, h, p.lambdaL2(), p, parentOutput))
        : SplitMath.leafGain(g, h, p.lambdaL1(), p.lambdaL2(), p.maxDeltaStep());
    double minGain = parentGain + p.minGainToSplit();
    int[] order = new int[bins];
    double[] keys = new double[bins];
    int used = 0;
    for (int b = 0; b < bins; b++) {
      if (d[off + S * b + 1] >= p.catSmooth()) {
        keys[used] = d[off + S * b] / (d[off + S * b + 1] + p.catSmooth());
        order[used++] = b;
      }
    }
    BinOrder.sortByKey(keys, order, used);
    double l2 = p.lambdaL2() + p.catL2() * (p.catL2PerCategory() ? Math.min(1.0, used / (double) p.maxCatThreshold())
        : 1.0);
    SplitCandidate best = new SplitCandidate();
    for (int direction = 0; direction < 2; direction++) {
      double gl = 0;
      double hl = 0;
      long sinceLastCut = 0;
      for (int i = 0; i < used && i < Math.min(p.maxCatThreshold(), (used + 1) / 2); i++) {
        int b = order[direction == 0 ? i : used - 1 - i];
        gl += d[off + S * b];
        hl += d[off + S * b + 1];
        sinceLastCut += (long) d[off + S * b + 1];
        long cl = (long) hl;
        if (!enough(cl, hl, p)) {
          continue;
        }
        if (!enough(rows - cl, h - hl, p) || rows - cl < p.minDataPerGroup()) {
          break;
        }
        if (sinceLastCut < p.minDataPerGroup()) {
          continue;
        }
        sinceLastCut = 0;
        double lo = output(gl, hl, l2, p, parentOutput);
        double ro = output(g - gl, h - hl, l2, p, parentOutput);
        double gain = SplitMath.leafGainAt(gl, hl, p.lambdaL1(), l2, lo)
            + SplitMath.leafGainAt(g - gl, h - hl, p.lambdaL1(), l2, ro);
        double beat = best.valid() && direction == 1 ? best.gain + 1e-9 * Math.abs(best.gain) : best.gain;
        if (gain > minGain && gain > beat) {
          best.feature = 0;
          best.gain = gain;
          best.leftGradient = gl;
          best.leftCount = cl;
          best.leftBins = new long[(bins + 63) >>> 6];
          for (int k = direction == 0 ? 0 : used - 1 - i; k <= (direction == 0 ? i : used - 1); k++) {
            best.leftBins[order[k] >>> 6] |= 1L << order[k];
          }
        }
      }
    }
    best.gain -= parentGain;
    return best;
  }

  private static double output(double g, double h, double l2, TreeParams p, double parentOutput) {
    double raw = SplitMath.leafOutput(g, h, p.lambdaL1(), l2, p.maxDeltaStep());
    return SplitMath.smoothed(raw, h, p.pathSmooth(), parentOutput);
  }

  private static boolean enough(long count, double hessian, TreeParams p) {
    return count > 0 && count >= p.minDataInLeaf() && hessian >= p.minSumHessianInLeaf();
  }
}
