package dev.boreal.engine.model;

import static dev.boreal.engine.model.PredictorFixtures.MAPPERS;
import static dev.boreal.engine.model.PredictorFixtures.naiveRaw;
import static dev.boreal.engine.model.PredictorFixtures.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ranked walk (the default predictor) against the portable walk ({@link Predictor#portable()}) and the
 * naive recursive walk, bit for bit, on random deep trees whose thresholds sit where coding by ranks could go
 * wrong: thresholds that round to the same float (1.0 and 1 + 3e-8; 1e300 and +Infinity), -0.0 beside 0.0,
 * infinities, missing values sent either way, categorical bitsets; rows at, just below and just above every
 * threshold. Boosted (one and three outputs) and averaged models, single rows, batches on one and three
 * threads, and leaf indices.
 */
class RankedWalkTest {
  /** Strictly increasing bin bounds whose neighbours round to one float. */
  private static final double[] BOUNDS = {-1e300, -2.0, -1e-300, 0.0, 1.0, Math.nextUp(1.0), 1.0 + 3e-8,
      1.00000012, 2.5, 1e300, Double.POSITIVE_INFINITY};
  private static final List<BinMapper> TIE_MAPPERS = List.of(BinMapper.ofNumeric(BOUNDS, false),
      BinMapper.ofNumeric(BOUNDS, true, false), MAPPERS.get(2));

  @Test
  void rankedScoresAndLeavesAreThePortableWalksBitForBit() {
    walksAgree(8);
  }

  /**
   * Trees of up to 13 levels, some with more nodes than a compiled method inlines, so the compiled walks call
   * methods of their own for large subtrees.
   */
  @Test
  void deepTreesCompileToTheSameScores() {
    walksAgree(13);
  }

  private static void walksAgree(int maxDepth) {
    for (long seed = 1; seed <= 4; seed++) {
      Random random = new Random(seed);
      List<Tree> trees = new ArrayList<>();
      for (int t = 0; t < 30; t++) {
        trees.add(randomTree(random, maxDepth));
      }
      if (maxDepth > 8) {
        assertTrue(trees.stream().anyMatch(t -> t.numNodes() > CompiledWalks.MAX_METHOD_NODES),
            "a tree large enough for subtree methods");
      }
      List<Model> models = List.of(
          PredictorFixtures.model(TIE_MAPPERS, Link.IDENTITY, new double[] {0.25}, trees, Model.Ensemble.SUM, 30),
          PredictorFixtures.model(TIE_MAPPERS, Link.SOFTMAX, new double[] {0.1, -0.2, 0.3}, trees,
              Model.Ensemble.SUM, 10),
          PredictorFixtures.model(TIE_MAPPERS, Link.IDENTITY, new double[] {0.0}, trees, Model.Ensemble.AVERAGE, 30));
      Object[][] rows = probeRows(random, 203);
      for (Model m : models) {
        check(m, rows);
      }
    }
  }

  private static void check(Model m, Object[][] rows) {
    Predictor fast = m.predictor();
    Predictor portable = fast.portable();
    assertNotSame(fast, portable);
    int k = m.numOutputs();
    int n = rows.length;
    double[] batch = new double[n * 3];
    for (int r = 0; r < n; r++) {
      System.arraycopy(PredictorFixtures.doubleRow(rows[r]), 0, batch, r * 3, 3);
    }
    double[] expected = new double[n * k];
    portable.predictRaw(batch, n, expected);
    double[] actual = new double[n * k];
    fast.predictRaw(batch, n, actual);
    assertBits(expected, actual, "batch");
    Predictor compiled = fast.compiled();
    compiled.predictRaw(batch, n, actual);
    assertBits(expected, actual, "compiled batch");
    try (Parallel three = new Parallel(3)) {
      fast.predictRaw(batch, n, actual, three);
      assertBits(expected, actual, "batch on three threads");
      compiled.predictRaw(batch, n, actual, three);
      assertBits(expected, actual, "compiled batch on three threads");
    }
    double[] one = new double[k];
    int[] leaves = new int[fast.iterations() * k];
    int[] portableLeaves = leaves.clone();
    for (int r = 0; r < n; r++) {
      double[] row = PredictorFixtures.doubleRow(rows[r]);
      fast.predictRaw(row, one);
      double[] naive = naiveRaw(m, fast.iterations(), rows[r]);
      for (int j = 0; j < k; j++) {
        assertBits(expected[r * k + j], one[j], "row " + r);
        assertBits(naive[j], one[j], "row " + r + " against the naive walk");
      }
      compiled.predictRaw(row, one);
      for (int j = 0; j < k; j++) {
        assertBits(expected[r * k + j], one[j], "compiled row " + r);
      }
      fast.predictLeaves(row, leaves);
      portable.predictLeaves(row, portableLeaves);
      assertArrayEquals(portableLeaves, leaves, "leaves of row " + r);
    }
  }

  private static void assertBits(double[] expected, double[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertBits(expected[i], actual[i], what + ", score " + i);
    }
  }

  private static void assertBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        () -> what + ": " + expected + " against " + actual);
  }

  /**
   * A random tree of up to {@code maxDepth} levels over f0, f1 (thresholds from {@link #BOUNDS}, 0.0 often as
   * -0.0) and f2.
   */
  private static Tree randomTree(Random random, int maxDepth) {
    List<int[]> children = new ArrayList<>();
    int[] leaves = {0};
    grow(random, 0, maxDepth, children, leaves);
    int nodes = children.size();
    int[] feature = new int[nodes];
    double[] threshold = new double[nodes];
    int[] bin = new int[nodes];
    boolean[] defaultLeft = new boolean[nodes];
    long[][] categories = new long[nodes][];
    int[] left = new int[nodes];
    int[] right = new int[nodes];
    for (int n = 0; n < nodes; n++) {
      feature[n] = random.nextInt(3);
      defaultLeft[n] = random.nextBoolean();
      if (feature[n] == 2) {
        categories[n] = new long[] {random.nextInt(32)};
        threshold[n] = Double.NaN;
        bin[n] = -1;
      } else {
        bin[n] = random.nextInt(BOUNDS.length);
        threshold[n] = BOUNDS[bin[n]] == 0.0 && random.nextBoolean() ? -0.0 : BOUNDS[bin[n]];
      }
      left[n] = children.get(n)[0];
      right[n] = children.get(n)[1];
    }
    double[] values = new double[leaves[0]];
    for (int l = 0; l < values.length; l++) {
      values[l] = random.nextGaussian() / 3;
    }
    return tree(feature, threshold, bin, defaultLeft, categories, left, right, values);
  }

  /** Adds a subtree in preorder; returns its root as a child reference (a node, or ~leaf). */
  private static int grow(Random random, int depth, int maxDepth, List<int[]> children, int[] leaves) {
    if (depth > 0 && (depth == maxDepth || random.nextInt(5) == 0)) {
      return ~leaves[0]++;
    }
    int node = children.size();
    int[] pair = new int[2];
    children.add(pair);
    pair[0] = grow(random, depth + 1, maxDepth, children, leaves);
    pair[1] = grow(random, depth + 1, maxDepth, children, leaves);
    return node;
  }

  /** Rows whose numbers sit at, just below and just above each bound, at ±0, ±Infinity and NaN. */
  private static Object[][] probeRows(Random random, int n) {
    List<Double> values = new ArrayList<>(List.of(Double.NaN, -0.0, Double.NEGATIVE_INFINITY, 1e-36));
    for (double bound : BOUNDS) {
      values.add(bound);
      values.add(Math.nextDown(bound));
      values.add(Math.nextUp(bound));
    }
    String[] categories = {"3", "7", "10", null};
    Object[][] rows = new Object[n][];
    for (int r = 0; r < n; r++) {
      rows[r] = new Object[] {values.get(random.nextInt(values.size())), values.get(random.nextInt(values.size())),
          categories[random.nextInt(categories.length)]};
    }
    return rows;
  }
}
