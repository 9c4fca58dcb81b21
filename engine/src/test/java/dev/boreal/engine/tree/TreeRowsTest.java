package dev.boreal.engine.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.TestData;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.model.Routing;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.Histogram;
import dev.boreal.histogram.HistogramBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link TreeRows} seam: a learner with no rows of its own, growing on rows split into parts whose sums and
 * histograms are added up (as a distributed run does), grows the tree the local learner grows. Gradients are
 * multiples of 1/64, so every sum is exact in any order and the trees must be equal to the last bit.
 */
class TreeRowsTest {
  private static final int ROWS = 3000;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void partsAddedUpGrowTheLocalTree(int parts) {
    SplittableRandom random = new SplittableRandom(17);
    double[][] x = new double[3][ROWS];
    double[] g = new double[ROWS];
    double[] h = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      x[0][r] = random.nextGaussian();
      x[1][r] = random.nextDouble() < 0.1 ? Double.NaN : random.nextInt(40);
      x[2][r] = random.nextDouble();
      g[r] = (random.nextInt(129) - 64 + (x[0][r] > 0.3 ? 40 : 0) + (x[1][r] < 10 ? -30 : 0)) / 64.0;
      h[r] = (1 + random.nextInt(8)) / 64.0;
    }
    BinnedData data = TestData.bin(x, new int[0][], new String[0][], BinningParams.defaults());
    TreeParams params = Settings.tree(Params.of(Map.of("num_leaves", "12", "min_data_in_leaf", "20")), 3);
    try (Parallel parallel = new Parallel(2)) {
      TreeLearner local = new TreeLearner(data, params, parallel);
      int[] features = local.usableFeatures();
      Tree expected = local.grow(null, ROWS, g, h, features, 5).toTree(1.0, data.mappers());
      BinnedData shape = BinnedData.applyValues(data.mappers(), new double[3][0], 0);
      TreeLearner remote = new TreeLearner(shape, params, parallel);
      Tree grown = remote.grow(new PartRows(data, x, g, h, parts, parallel), features, 5)
          .toTree(1.0, data.mappers());
      assertTrue(expected.numLeaves() > 8, "a tree worth comparing");
      assertEquals(expected, grown);
    }
  }

  /** Rows cut into consecutive parts, each routing its own rows and building its own histograms. */
  private static final class PartRows implements TreeRows {
    private final BinnedData[] data;
    private final double[][] g;
    private final double[][] h;
    private final int[][] perm;
    private final int[][] start;
    private final int[][] end;
    private final HistogramBuilder[] builders;
    private final Histogram[] scratch;

    PartRows(BinnedData whole, double[][] x, double[] gradients, double[] hessians, int parts, Parallel parallel) {
      data = new BinnedData[parts];
      g = new double[parts][];
      h = new double[parts][];
      perm = new int[parts][];
      start = new int[parts][64];
      end = new int[parts][64];
      builders = new HistogramBuilder[parts];
      scratch = new Histogram[parts];
      for (int p = 0; p < parts; p++) {
        int from = p * ROWS / parts;
        int to = (p + 1) * ROWS / parts;
        double[][] columns = new double[x.length][];
        for (int f = 0; f < x.length; f++) {
          columns[f] = Arrays.copyOfRange(x[f], from, to);
        }
        data[p] = BinnedData.applyValues(whole.mappers(), columns, to - from);
        g[p] = Arrays.copyOfRange(gradients, from, to);
        h[p] = Arrays.copyOfRange(hessians, from, to);
        perm[p] = new int[to - from];
        for (int i = 0; i < perm[p].length; i++) {
          perm[p][i] = i;
        }
        end[p][0] = to - from;
        builders[p] = new HistogramBuilder(data[p], parallel.team(), HistogramBuilder.Layout.COLUMN_WISE);
        scratch[p] = new Histogram(data[p]);
      }
    }

    @Override
    public void rootSums(double[] sums) {
      Arrays.fill(sums, 0.0);
      for (int p = 0; p < data.length; p++) {
        for (int r = 0; r < perm[p].length; r++) {
          sums[0] += g[p][r];
          sums[1] += h[p][r];
        }
        sums[2] += perm[p].length;
      }
    }

    @Override
    public void build(int leaf, int[] features, Histogram out) {
      out.clear();
      for (int p = 0; p < data.length; p++) {
        builders[p].build(perm[p], start[p][leaf], end[p][leaf], g[p], h[p], features, scratch[p]);
        for (int i = 0; i < out.data().length; i++) {
          out.data()[i] += scratch[p].data()[i];
        }
      }
    }

    @Override
    public long split(int leaf, int newLeaf, int feature, int thresholdBin, boolean defaultLeft, long[] leftBins) {
      long lefts = 0;
      for (int p = 0; p < data.length; p++) {
        int missing = data[p].numBins(feature) - 1;
        List<Integer> left = new java.util.ArrayList<>();
        List<Integer> right = new java.util.ArrayList<>();
        for (int i = start[p][leaf]; i < end[p][leaf]; i++) {
          int row = perm[p][i];
          int bin = data[p].column(feature).bin(row);
          (Routing.binGoesLeft(bin, thresholdBin, defaultLeft, missing, leftBins) ? left : right).add(row);
        }
        int at = start[p][leaf];
        for (int row : left) {
          perm[p][at++] = row;
        }
        for (int row : right) {
          perm[p][at++] = row;
        }
        start[p][newLeaf] = start[p][leaf] + left.size();
        end[p][newLeaf] = end[p][leaf];
        end[p][leaf] = start[p][newLeaf];
        lefts += left.size();
      }
      return lefts;
    }
  }
}
