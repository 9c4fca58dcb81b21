package dev.boreal.engine.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.TestData;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.params.Params;
import dev.boreal.engine.tree.TreeLearner;
import dev.boreal.engine.tree.TreeParams;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.HistogramBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A forest of one tree that sees every row and every feature is the tree the boosting learner grows
 * directly on the same data with no regularisation (lambda 0, min_sum_hessian 0, learning rate 1):
 * variance reduction is the L2 gain with {@code g = -y}, {@code h = 1}, and binary Gini is twice the
 * variance reduction of the 0/1 label. Labels are small integers so every sum is exact and the two
 * learners, which add in different orders, must make the same decision at every node.
 */
class SingleTreeTest {

  /** Five numeric features, two with missing values; integer labels in 0..classes-1. */
  static TrainingData data(int n, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[5][n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < 5; f++) {
        x[f][i] = Math.round(r.nextDouble() * 400) / 100.0 - 2;
      }
      if (r.nextDouble() < 0.1) {
        x[1][i] = Double.NaN;
      }
      if (r.nextDouble() < 0.03) {
        x[3][i] = Double.NaN;
      }
      double signal = Math.sin(2 * x[0][i]) + (Double.isNaN(x[1][i]) ? 1.2 : x[1][i] * x[2][i] * 0.5)
          + 0.3 * x[4][i] + 0.8 * r.nextGaussian();
      y[i] = Math.max(0, Math.min(classes - 1, Math.floor((signal + 2) * classes / 4)));
    }
    BinnedData binned = TestData.bin(x, new int[0][], new String[0][], BinningParams.defaults().withMaxBin(63));
    return new TrainingData("train", binned, TestData.names(5), y, null, null);
  }

  static Params params(String... pairs) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return Params.of(m);
  }

  @ParameterizedTest(name = "{0} labels, min_data_in_leaf {1}, max_depth {2}, num_leaves {3}")
  @CsvSource({"regression, 1, -1, 0", "regression, 4, -1, 0", "regression, 1, 5, 0", "regression, 1, -1, 24",
      "binary, 1, -1, 0", "binary, 3, 6, 0", "binary, 1, -1, 16"})
  void oneUnsampledTreeIsTheTreeTheBoostingLearnerGrows(String objective, int minData, int maxDepth, int leaves) {
    boolean binary = objective.equals("binary");
    TrainingData train = data(600, binary ? 2 : 5, 7);
    Params p = params("objective", objective, "num_iterations", "1", "bootstrap", "false",
        "feature_fraction_bynode", "1.0", "min_data_in_leaf", Integer.toString(minData),
        "max_depth", Integer.toString(maxDepth), "oob_score", "false", "num_threads", "1");
    if (leaves > 0) {
      p = p.with("num_leaves", Integer.toString(leaves));
    }
    Model forest = RandomForest.train(train, List.of(), p, binary ? new String[] {"0", "1"} : null,
        TrainingListener.NONE);
    assertEquals(1, forest.trees().size());

    int n = train.rows();
    double[] g = new double[n];
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = -train.labels()[i];
      h[i] = 1;
    }
    TreeParams tp = new TreeParams(leaves > 0 ? leaves : n, maxDepth, false, minData, 0, 0, 0, 0, 0, 0, 4, 10, 10,
        false, 32, 100, new int[0], new int[0][], 1.0, false, HistogramBuilder.Layout.AUTO);
    Tree direct;
    try (Parallel parallel = new Parallel(1)) {
      TreeLearner learner = new TreeLearner(train.data(), tp, parallel);
      direct = learner.grow(null, n, g, h, learner.usableFeatures(), 1).toTree(1.0, train.data().mappers());
    }
    Tree tree = forest.trees().get(0);
    assertTrue(leaves > 0 ? tree.numLeaves() == leaves : tree.numLeaves() > 20, tree.numLeaves() + " leaves");
    assertEquals(direct.numLeaves(), tree.numLeaves());
    // Binary Gini's decrease is twice the variance reduction of the 0/1 label.
    assertSameTree(direct, 0, tree, 0, binary ? 2.0 : 1.0);
  }

  /** The subtrees under {@code a}'s node {@code na} and {@code b}'s node {@code nb} are the same. */
  private static void assertSameTree(Tree a, int na, Tree b, int nb, double gainFactor) {
    if (na < 0 || nb < 0) {
      assertTrue(na < 0 && nb < 0, "a leaf against an internal node");
      int la = ~na;
      int lb = ~nb;
      // A delta of 0 accepts 0.0 for the boosting learner's -0.0 (the negated zero gradient sum).
      assertEquals(a.leafValue(la), b.leafValue(lb), 0.0, "leaf value");
      assertEquals(a.leafCount(la), b.leafCount(lb), "leaf count");
      assertEquals(a.leafHessian(la), b.leafHessian(lb), "leaf weight");
      return;
    }
    assertEquals(a.feature(na), b.feature(nb), "feature");
    assertEquals(a.thresholdBin(na), b.thresholdBin(nb), "threshold bin");
    assertEquals(a.threshold(na), b.threshold(nb), "threshold");
    assertEquals(a.defaultLeft(na), b.defaultLeft(nb), "default side");
    assertEquals(a.nodeCount(na), b.nodeCount(nb), "node count");
    if (gainFactor == 1.0) {
      assertEquals(a.gain(na), b.gain(nb), "gain");
    } else {
      assertEquals(gainFactor * a.gain(na), b.gain(nb), 1e-9 * Math.abs(b.gain(nb)), "gain");
    }
    assertSameTree(a, a.left(na), b, b.left(nb), gainFactor);
    assertSameTree(a, a.right(na), b, b.right(nb), gainFactor);
  }
}
