package dev.boreal.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiled walks' size limit; their scores are tested against the portable walk in {@link RankedWalkTest}. */
class CompiledWalksTest {
  /**
   * A chain of {@code splits} splits on f0, each sending values above {@code i + 0.5} right to the next and the
   * rest to leaf i, so a value v lands in leaf {@code ceil(v - 0.5)} (capped at the last leaf).
   */
  private static Tree chain(int splits) {
    int[] feature = new int[splits];
    double[] threshold = new double[splits];
    int[] bin = new int[splits];
    boolean[] defaultLeft = new boolean[splits];
    long[][] categories = new long[splits][];
    int[] left = new int[splits];
    int[] right = new int[splits];
    double[] values = new double[splits + 1];
    for (int n = 0; n < splits; n++) {
      threshold[n] = n + 0.5;
      bin[n] = n;
      left[n] = ~n;
      right[n] = n + 1 < splits ? n + 1 : ~splits;
      values[n] = n;
    }
    values[splits] = splits;
    return PredictorFixtures.tree(feature, threshold, bin, defaultLeft, categories, left, right, values);
  }

  /**
   * A balanced tree of {@code splits} splits on f0 at thresholds {@code i + 0.5} (a search tree over 0 ..
   * splits - 1), so a value v lands in leaf {@code ceil(v - 0.5)}, as in the chain.
   */
  private static Tree balanced(int splits) {
    int[] feature = new int[splits];
    double[] threshold = new double[splits];
    int[] bin = new int[splits];
    int[] left = new int[splits];
    int[] right = new int[splits];
    double[] values = new double[splits + 1];
    for (int l = 0; l <= splits; l++) {
      values[l] = l;
    }
    grow(0, splits, new int[1], threshold, bin, left, right);
    return PredictorFixtures.tree(feature, threshold, bin, new boolean[splits], new long[splits][], left, right,
        values);
  }

  /** Adds the search tree over thresholds {@code lo .. hi-1} in preorder; returns its child reference. */
  private static int grow(int lo, int hi, int[] next, double[] threshold, int[] bin, int[] left, int[] right) {
    if (lo == hi) {
      return ~lo;
    }
    int mid = (lo + hi) >>> 1;
    int node = next[0]++;
    threshold[node] = mid + 0.5;
    bin[node] = mid;
    left[node] = grow(lo, mid, next, threshold, bin, left, right);
    right[node] = grow(mid + 1, hi, next, threshold, bin, left, right);
    return node;
  }

  /**
   * Trees beyond one method's budget are cut into methods the JIT compiles (under 8,000 bytes of bytecode each),
   * whatever their shape: two halves that each fit a method but not together, a larger balanced tree, a chain.
   */
  @Test
  void everyGeneratedMethodIsSmallEnoughForTheJit() {
    int half = CompiledWalks.MAX_METHOD_NODES - 16;
    for (Tree tree : List.of(balanced(2 * half + 1), balanced(1023), chain(CompiledWalks.MAX_WALK_NODES))) {
      Model m = model(tree);
      CompiledWalks walks = CompiledWalks.compileOrNull(new NodeRecords(m, 1));
      assertTrue(walks.longestMethod() < 8_000, tree.numNodes() + " splits: " + walks.longestMethod() + " bytes");
      assertLeaves(m.predictor().compiled(), tree.numNodes());
    }
  }

  /** Scores rows at 0, 97.3, 194.6, .. through {@code compiled}: a value v lands in leaf ceil(v - 0.5). */
  private static void assertLeaves(Predictor compiled, int splits) {
    int rows = 64;
    double[] x = new double[rows * 3];
    for (int r = 0; r < rows; r++) {
      x[r * 3] = r * 97.3;
      x[r * 3 + 2] = 3;
    }
    double[] out = new double[rows];
    compiled.predictRaw(x, rows, out);
    for (int r = 0; r < rows; r++) {
      assertEquals(Math.min(splits, Math.max(0, (int) Math.ceil(r * 97.3 - 0.5))), out[r], "row " + r);
    }
  }

  /** A model of one tree, with f0 binned at every threshold {@code i + 0.5} of the longest chain. */
  private static Model model(Tree tree) {
    double[] bounds = new double[CompiledWalks.MAX_WALK_NODES + 2];
    for (int i = 0; i < bounds.length - 1; i++) {
      bounds[i] = i + 0.5;
    }
    bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
    List<BinMapper> mappers = List.of(BinMapper.ofNumeric(bounds, false), PredictorFixtures.MAPPERS.get(1),
        PredictorFixtures.MAPPERS.get(2));
    return PredictorFixtures.model(mappers, Link.IDENTITY, new double[] {0.0}, List.of(tree), Model.Ensemble.SUM, 1);
  }

  @Test
  void aTreeWithinTheLimitCompilesAndOneBeyondItKeepsTheRankedWalk() {
    int limit = CompiledWalks.MAX_WALK_NODES;
    Predictor small = model(chain(limit)).predictor();
    Predictor compiled = small.compiled();
    assertNotSame(small, compiled);
    assertSame(compiled, compiled.compiled());
    assertLeaves(compiled, limit);
    Predictor large = model(chain(limit + 1)).predictor();
    assertSame(large, large.compiled());
  }
}
