package dev.boreal.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

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

  /** A model of one chain, with f0 binned at every threshold {@code i + 0.5} of the longest chain. */
  private static Predictor model(Tree chain) {
    double[] bounds = new double[CompiledWalks.MAX_WALK_NODES + 2];
    for (int i = 0; i < bounds.length - 1; i++) {
      bounds[i] = i + 0.5;
    }
    bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
    List<BinMapper> mappers = List.of(BinMapper.ofNumeric(bounds, false), PredictorFixtures.MAPPERS.get(1),
        PredictorFixtures.MAPPERS.get(2));
    return PredictorFixtures.model(mappers, Link.IDENTITY, new double[] {0.0}, List.of(chain), Model.Ensemble.SUM, 1)
        .predictor();
  }

  @Test
  void aTreeWithinTheLimitCompilesAndOneBeyondItKeepsTheRankedWalk() {
    int limit = CompiledWalks.MAX_WALK_NODES;
    Predictor small = model(chain(limit));
    Predictor compiled = small.compiled();
    assertNotSame(small, compiled);
    assertSame(compiled, compiled.compiled());
    int rows = 64;
    double[] x = new double[rows * 3];
    for (int r = 0; r < rows; r++) {
      x[r * 3] = r * 97.3;
      x[r * 3 + 2] = 3;
    }
    double[] out = new double[rows];
    compiled.predictRaw(x, rows, out);
    for (int r = 0; r < rows; r++) {
      assertEquals(Math.min(limit, Math.max(0, (int) Math.ceil(r * 97.3 - 0.5))), out[r], "row " + r);
    }
    Predictor large = model(chain(limit + 1));
    assertSame(large, large.compiled());
  }
}
