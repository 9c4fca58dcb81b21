package dev.boreal.engine.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.TestData;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.Histogram;
import dev.boreal.histogram.HistogramBuilder;
import dev.boreal.histogram.WorkerTeam;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The optimised split search against a brute force over every threshold and missing direction. */
class SplitFinderTest {
  private static TreeParams params(int minData, double l1, double l2, double maxDelta, int[] monotone) {
    return params(minData, l1, l2, maxDelta, 0, monotone);
  }

  private static TreeParams params(int minData, double l1, double l2, double maxDelta, double pathSmooth,
      int[] monotone) {
    return new TreeParams(31, -1, false, minData, 1e-3, l1, l2, 0, maxDelta, pathSmooth, 4, 10, 10, false, 32, 100,
        monotone, new int[0][], 1.0, false, dev.boreal.histogram.HistogramBuilder.Layout.AUTO);
  }

  /** Gradients that are multiples of 2^-10, so every sum is exact whatever its order. */
  private static double[] dyadic(SplittableRandom r, int n, double lo, double hi) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.round((lo + (hi - lo) * r.nextDouble()) * 1024) / 1024.0;
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void numericSplitMatchesBruteForce(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 400;
    int features = 4;
    double[][] x = new double[features][n];
    for (int f = 0; f < features; f++) {
      for (int i = 0; i < n; i++) {
        x[f][i] = r.nextDouble() < 0.1 * f ? Double.NaN : r.nextInt(12 + 5 * f);
      }
    }
    BinnedData data = TestData.bin(x, new int[0][], new String[0][], BinningParams.defaults().withThreads(1));
    double[] g = dyadic(r, n, -1, 1);
    double[] h = dyadic(r, n, 0.25, 1);
    int[] monotone = seed % 2 == 0 ? new int[] {1, 0, -1, 0} : new int[0];
    // Even seeds smooth the children's outputs towards the root's (path_smooth 3 to 6).
    TreeParams p = params((int) (seed % 3) * 7 + 2, seed % 4 == 0 ? 0.5 : 0, seed % 3 == 0 ? 1 : 0,
        seed == 5 ? 0.3 : 0, seed % 2 == 0 ? 3 + seed % 4 + seed / 4 : 0, monotone);
    SplitCandidate found = findOnAllRows(data, g, h, p);
    Brute best = bruteForce(data, g, h, p);
    assertEquals(best.feature, found.feature, "feature");
    assertEquals(best.threshold, found.thresholdBin, "threshold bin");
    assertEquals(best.defaultLeft, found.defaultLeft, "missing direction");
    assertEquals(best.gain, found.gain, 1e-12, "gain");
    assertEquals(best.leftCount, found.leftCount, "estimated left rows");
  }

  /**
   * The gain would be best cutting off the few rows with the largest values (or the missing ones), but
   * min_data_in_leaf forbids it: the scan must stop where the right side gets too small, in both missing
   * directions, while an earlier feature's split has already raised the bar the later ones are screened with.
   */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void scanStopsWhereTheRightSideGetsTooSmall(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 300;
    double[][] x = new double[3][n];
    double[] g = new double[n];
    double[] h = dyadic(r, n, 0.5, 1);
    for (int i = 0; i < n; i++) {
      x[0][i] = r.nextInt(40);
      x[1][i] = r.nextDouble() < 0.03 ? Double.NaN : i;
      x[2][i] = r.nextInt(60);
      boolean outlier = i >= n - 4 || Double.isNaN(x[1][i]);
      g[i] = Math.round(((outlier ? -8 : 0) + (x[0][i] < 20 ? 0.5 : -0.5) + r.nextDouble() - 0.5) * 1024) / 1024.0;
    }
    BinnedData data = TestData.bin(x, new int[0][], new String[0][], BinningParams.defaults().withMinDataInBin(1)
        .withThreads(1));
    TreeParams p = params(12, 0, seed % 2, 0, new int[0]);
    SplitCandidate found = findOnAllRows(data, g, h, p);
    Brute best = bruteForce(data, g, h, p);
    assertTrue(found.valid());
    assertEquals(best.feature, found.feature, "feature");
    assertEquals(best.threshold, found.thresholdBin, "threshold bin");
    assertEquals(best.defaultLeft, found.defaultLeft, "missing direction");
    assertEquals(best.gain, found.gain, 1e-12, "gain");
    assertTrue(found.leftCount >= 12 && found.rightCount >= 12, "both sides hold min_data_in_leaf rows");
  }

  @Test
  void binRowEstimatesRoundAsMathRoundDoes() {
    double below = Math.nextDown(0.5);
    double[] edges = {0, -0.0, below, 0.5, Math.nextUp(0.5), 1.5, Math.nextDown(2.5), 2.5, Math.nextDown(4_194_303.5),
        4_194_303.5, Math.nextDown(1L << 31), 1e15 + 0.5, Double.MIN_VALUE, Double.NaN};
    for (double x : edges) {
      assertEquals(Math.round(x), SplitFinder.roundHalfUp(x), "x = " + x);
    }
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 200_000; i++) {
      double x = r.nextDouble() * Math.scalb(1.0, r.nextInt(-8, 32));
      assertEquals(Math.round(x), SplitFinder.roundHalfUp(x), "x = " + x);
    }
  }

  @Test
  void noSplitWhenMinDataCannotBeMet() {
    double[][] x = {{1, 2, 3, 4, 5, 6}};
    BinnedData data = TestData.bin(x, new int[0][], new String[0][], BinningParams.defaults().withMinDataInBin(1));
    SplitCandidate found = findOnAllRows(data, new double[] {1, 1, 1, -1, -1, -1}, new double[] {1, 1, 1, 1, 1, 1},
        params(4, 0, 0, 0, new int[0]));
    assertFalse(found.valid());
  }

  @Test
  void oneVsRestCategoricalSplitPicksTheCategoryThatStandsOut() {
    int n = 300;
    int[] codes = new int[n];
    double[] g = new double[n];
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      codes[i] = i % 3;
      g[i] = codes[i] == 1 ? -1 : 0.5;
      h[i] = 1;
    }
    BinnedData data = TestData.bin(new double[0][], new int[][] {codes}, new String[][] {{"a", "b", "c"}},
        BinningParams.defaults());
    SplitCandidate found = findOnAllRows(data, g, h, params(1, 0, 0, 0, new int[0]));
    assertTrue(found.valid() && found.isCategorical());
    int binOfB = data.mapper(0).binOfCategory("b");
    assertEquals(1L << binOfB, found.leftBins[0], "only category b goes left");
    assertEquals(100, found.leftCount);
  }

  @Test
  void manyVsManyCategoricalSplitSeparatesCategoriesByGradient() {
    int n = 4000;
    int categories = 20;
    String[] names = categoryNames(categories);
    int[] codes = new int[n];
    double[] g = new double[n];
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      codes[i] = i % categories;
      g[i] = codes[i] % 2 == 0 ? -1 : 1;
      h[i] = 1;
    }
    BinnedData data = TestData.bin(new double[0][], new int[][] {codes}, new String[][] {names},
        BinningParams.defaults());
    TreeParams p = new TreeParams(31, -1, false, 1, 1e-3, 0, 0, 0, 0, 0, 4, 10, 10, false, 32, 100, new int[0],
        new int[0][], 1.0, false, dev.boreal.histogram.HistogramBuilder.Layout.AUTO);
    SplitCandidate found = findOnAllRows(data, g, h, p);
    assertTrue(found.valid() && found.isCategorical());
    for (int c = 0; c < categories; c++) {
      int bin = data.mapper(0).binOfCategory(names[c]);
      boolean left = (found.leftBins[bin >>> 6] & (1L << bin)) != 0;
      assertEquals(left, (found.leftGradient < 0) == (c % 2 == 0), "category " + c + " on the side of its sign");
    }
  }

  /**
   * With cat_l2_per_category a many-vs-many split over k ordered categories adds cat_l2 × k / max_cat_threshold to
   * each side's hessian (at most cat_l2); without it, cat_l2 in full. Twenty categories, even ones pulling down and
   * odd ones up, 200 rows of unit hessian each: the split puts the ten even categories left, G = -2000, H = 2000.
   */
  @ParameterizedTest
  @ValueSource(ints = {20, 40})
  void catL2ScalesWithTheCategoriesTheSplitOrders(int categories) {
    int n = 200 * categories;
    String[] names = categoryNames(categories);
    int[] codes = new int[n];
    double[] g = new double[n];
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      codes[i] = i % categories;
      g[i] = codes[i] % 2 == 0 ? -1 : 1;
      h[i] = 1;
    }
    BinnedData data = TestData.bin(new double[0][], new int[][] {codes}, new String[][] {names},
        BinningParams.defaults());
    for (boolean perCategory : new boolean[] {true, false}) {
      TreeParams p = new TreeParams(31, -1, false, 1, 1e-3, 0, 0, 0, 0, 0, 4, 10, 10, perCategory, 32, 100,
          new int[0], new int[0][], 1.0, false, dev.boreal.histogram.HistogramBuilder.Layout.AUTO);
      SplitCandidate found = findOnAllRows(data, g, h, p);
      double penalty = perCategory ? 10.0 * Math.min(categories, 32) / 32 : 10.0;
      double sideRows = n / 2.0;
      assertTrue(found.valid() && found.isCategorical(), "a categorical split");
      assertEquals(sideRows, Math.abs(found.leftGradient), 0, "one sign on each side");
      assertEquals(Math.signum(found.leftGradient) * -sideRows / (sideRows + penalty), found.leftOutput, 1e-15,
          "left output with cat_l2 " + penalty);
      assertEquals(2 * sideRows * sideRows / (sideRows + penalty), found.gain, 1e-9, "gain with cat_l2 " + penalty);
    }
  }

  /** Category names c0, c1, ... for {@code count} categories. */
  static String[] categoryNames(int count) {
    String[] names = new String[count];
    for (int c = 0; c < count; c++) {
      names[c] = "c" + c;
    }
    return names;
  }

  static SplitCandidate findOnAllRows(BinnedData data, double[] g, double[] h, TreeParams p) {
    HistogramBuilder builder = new HistogramBuilder(data, new WorkerTeam(1));
    Histogram hist = new Histogram(data);
    builder.buildAll(g, h, hist);
    double gs = 0;
    double hs = 0;
    for (int i = 0; i < g.length; i++) {
      gs += g[i];
      hs += h[i];
    }
    int[] features = builder.usableFeatures();
    SplitCandidate best = new SplitCandidate();
    double rootOutput = SplitMath.leafOutput(gs, hs, p.lambdaL1(), p.lambdaL2(), p.maxDeltaStep());
    new SplitFinder(p, data.mappers()).find(hist, features, features.length, gs, hs, g.length,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, rootOutput, 0, best);
    return best;
  }

  private static final class Brute {
    int feature = -1;
    int threshold = -1;
    boolean defaultLeft;
    double gain = Double.NEGATIVE_INFINITY;
    long leftCount;
  }

  /** Every numeric threshold, missing right then missing left, first maximum wins. */
  private static Brute bruteForce(BinnedData data, double[] g, double[] h, TreeParams p) {
    int n = g.length;
    double gs = 0;
    double hs = 0;
    for (int i = 0; i < n; i++) {
      gs += g[i];
      hs += h[i];
    }
    // Path smoothing as LightGBM documents it: a node of n rows outputs (n w + s w_parent) / (n + s); the root
    // is its children's parent, and its own gain is taken at its optimum smoothed towards its output.
    double s = p.pathSmooth();
    double root = SplitMath.leafOutput(gs, hs, p.lambdaL1(), p.lambdaL2(), p.maxDeltaStep());
    double parent = SplitMath.leafGainAt(gs, hs, p.lambdaL1(), p.lambdaL2(), (n * root + s * root) / (n + s));
    Brute best = new Brute();
    for (int f = 0; f < data.features(); f++) {
      if (data.mapper(f).isConstant()) {
        continue;
      }
      int missing = data.numBins(f) - 1;
      double missingHessian = 0;
      for (int i = 0; i < n; i++) {
        missingHessian += data.column(f).bin(i) == missing ? h[i] : 0;
      }
      // Rows are estimated bin by bin from hessians, as LightGBM does: round(bin hessian * rows / leaf hessian).
      double rowsPerHessian = n / hs;
      boolean anyMissing = Math.round(missingHessian * rowsPerHessian) > 0;
      for (int pass = 0; pass < (anyMissing ? 2 : 1); pass++) {
        boolean missingLeft = pass == 1;
        for (int t = 0; t <= (missingLeft ? missing - 2 : missing - 1); t++) {
          double gl = 0;
          double hl = 0;
          double[] binHessian = new double[missing + 1];
          for (int i = 0; i < n; i++) {
            int b = data.column(f).bin(i);
            if (b == missing ? missingLeft : b <= t) {
              gl += g[i];
              hl += h[i];
              binHessian[b] += h[i];
            }
          }
          long cl = 0;
          for (double binH : binHessian) {
            cl += Math.round(binH * rowsPerHessian);
          }
          long cr = n - cl;
          if (cl == 0 || cr == 0 || cl < p.minDataInLeaf() || cr < p.minDataInLeaf()
              || hl < p.minSumHessianInLeaf() || hs - hl < p.minSumHessianInLeaf()) {
            continue;
          }
          double lo = SplitMath.leafOutput(gl, hl, p.lambdaL1(), p.lambdaL2(), p.maxDeltaStep());
          double ro = SplitMath.leafOutput(gs - gl, hs - hl, p.lambdaL1(), p.lambdaL2(), p.maxDeltaStep());
          lo = (cl * lo + s * root) / (cl + s);
          ro = (cr * ro + s * root) / (cr + s);
          int mono = p.monotone(f);
          if ((mono > 0 && lo > ro) || (mono < 0 && lo < ro)) {
            continue;
          }
          double gain = SplitMath.leafGainAt(gl, hl, p.lambdaL1(), p.lambdaL2(), lo)
              + SplitMath.leafGainAt(gs - gl, hs - hl, p.lambdaL1(), p.lambdaL2(), ro) - parent;
          if (gain > p.minGainToSplit() && gain > best.gain) {
            best.feature = f;
            best.threshold = t;
            best.defaultLeft = anyMissing ? missingLeft : cl >= cr;
            best.gain = gain;
            best.leftCount = cl;
          }
        }
      }
    }
    return best;
  }
}
