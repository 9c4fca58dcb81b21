package dev.boreal.engine.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Rng;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinnedData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Split gains against a naive computation of scikit-learn's weighted impurity decrease,
 * {@code W·imp(parent) - W_L·imp(left) - W_R·imp(right)}, with impurities computed from class proportions
 * (Gini {@code 1 - Σp²}, entropy {@code -Σ p ln p}) or as a two-pass weighted variance.
 */
class GainTest {

  /** W·impurity of the rows in {@code rows}, each weighing {@code weight[row]}. */
  /** Row indices; boxed, which a test can afford. */
  private static final class Rows extends ArrayList<Integer> {}

  static double naiveWeightedImpurity(Criterion criterion, Rows rows, double[] weight, double[] labels,
      int classes) {
    double total = 0;
    for (int r : rows) {
      total += weight[r];
    }
    if (criterion == Criterion.SQUARED_ERROR) {
      double mean = 0;
      for (int r : rows) {
        mean += weight[r] * labels[r];
      }
      mean /= total;
      double sse = 0;
      for (int r : rows) {
        sse += weight[r] * (labels[r] - mean) * (labels[r] - mean);
      }
      return sse;
    }
    double impurity = criterion == Criterion.GINI ? 1.0 : 0.0;
    for (int k = 0; k < classes; k++) {
      double wk = 0;
      for (int r : rows) {
        wk += labels[r] == k ? weight[r] : 0;
      }
      double p = wk / total;
      impurity -= criterion == Criterion.GINI ? p * p : p > 0 ? p * Math.log(p) : 0;
    }
    return total * impurity;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"GINI, 3", "ENTROPY, 3", "GINI, 2", "SQUARED_ERROR, 1"})
  void scoresGiveTheWeightedImpurityDecrease(Criterion criterion, int classes) {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 200; trial++) {
      int n = 2 + random.nextInt(40);
      double[] weight = new double[n];
      double[] labels = new double[n];
      Rows all = new Rows();
      Rows left = new Rows();
      Rows right = new Rows();
      int c = criterion.channels(classes);
      double[] sl = new double[c];
      double[] sr = new double[c];
      for (int r = 0; r < n; r++) {
        weight[r] = random.nextInt(3) + random.nextDouble();
        labels[r] = classes == 1 ? random.nextGaussian() * 3 : random.nextInt(classes);
        all.add(r);
        boolean goesLeft = r == 0 || (r != 1 && random.nextBoolean());
        (goesLeft ? left : right).add(r);
        double[] side = goesLeft ? sl : sr;
        if (classes == 1) {
          side[0] += weight[r] * labels[r];
          side[1] += weight[r];
        } else {
          side[(int) labels[r]] += weight[r];
        }
      }
      double[] sp = new double[c];
      for (int j = 0; j < c; j++) {
        sp[j] = sl[j] + sr[j];
      }
      double decrease = criterion.score(sl, 0, c) + criterion.score(sr, 0, c) - criterion.parentScore(sp, 0, c);
      double parent = naiveWeightedImpurity(criterion, all, weight, labels, classes);
      double naive = parent - naiveWeightedImpurity(criterion, left, weight, labels, classes)
          - naiveWeightedImpurity(criterion, right, weight, labels, classes);
      assertEquals(naive, decrease, 1e-9 * Math.max(1, parent), "trial " + trial);
      assertTrue(decrease >= -1e-9 * Math.max(1, parent), "a split never adds impurity");
    }
  }

  /**
   * Every node of a trained forest records the naive decrease of the rows its tree's sample sent there
   * (weights = bootstrap multiplicity × sample weight), its weight and distinct rows; every leaf holds the
   * naive class shares or mean. Covers missing values, categorical splits, sample weights and the random
   * thresholds of extra trees.
   */
  @ParameterizedTest(name = "{0}, {1} classes, extra_trees={2}")
  @CsvSource({"gini, 2, false", "entropy, 3, false", "gini, 4, false", "'', 1, false", "gini, 2, true",
      "'', 1, true"})
  void everyNodeOfATrainedForestRecordsTheNaiveDecrease(String criterionName, int classes, boolean extra) {
    TrainingData train = ForestTestData.make(600, classes, true, 3);
    Params p = ForestTestData.params(classes, "num_iterations", "4", "criterion", criterionName,
        "extra_trees", Boolean.toString(extra), "num_threads", "2");
    Model model = RandomForest.train(train, List.of(), p, ForestTestData.classes(classes), TrainingListener.NONE);
    ForestSettings s = ForestSettings.of(p, classes > 1);
    Criterion criterion = s.criterion();
    int outputs = model.numOutputs();
    Bootstrap sample = new Bootstrap(train.rows(), true, 1.0);
    for (int t = 0; t < model.numIterations(); t++) {
      sample.draw(Rng.mix(s.sampleSeed(), t));
      double[] weight = new double[train.rows()];
      for (int r = 0; r < weight.length; r++) {
        weight[r] = sample.counts()[r] * train.weights()[r];
      }
      Tree tree = model.tree(t, 0);
      Rows[] nodeRows = rowsPerNode(tree, train.data(), weight, false);
      Rows[] leafRows = rowsPerNode(tree, train.data(), weight, true);
      assertTrue(tree.numNodes() > 10, "tree " + t + " has " + tree.numNodes() + " nodes");
      for (int node = 0; node < tree.numNodes(); node++) {
        double parent = naiveWeightedImpurity(criterion, nodeRows[node], weight, train.labels(), classes);
        double naive = parent - childImpurity(tree.left(node), nodeRows, leafRows, criterion, weight, train, classes)
            - childImpurity(tree.right(node), nodeRows, leafRows, criterion, weight, train, classes);
        assertEquals(naive, tree.gain(node), 1e-9 * Math.max(1, parent), "tree " + t + " node " + node);
        assertTrue(tree.gain(node) > 0, "only splits that reduce impurity");
        assertEquals(sum(nodeRows[node], weight), tree.nodeHessian(node), 1e-9 * tree.nodeHessian(node));
        assertEquals(nodeRows[node].size(), tree.nodeCount(node));
      }
      for (int leaf = 0; leaf < tree.numLeaves(); leaf++) {
        Rows rows = leafRows[leaf];
        assertEquals(rows.size(), tree.leafCount(leaf));
        double w = sum(rows, weight);
        assertEquals(w, tree.leafHessian(leaf), 1e-9 * w);
        for (int k = 0; k < outputs; k++) {
          double expected = 0;
          for (int r : rows) {
            double label = train.labels()[r];
            int cls = classes == 2 ? 1 : k;
            expected += weight[r] * (classes == 1 ? label : label == cls ? 1 : 0);
          }
          assertEquals(expected / w, model.tree(t, k).leafValue(leaf), 1e-12, "leaf " + leaf + " output " + k);
        }
      }
    }
  }

  /** Bootstrap=false, every feature: the root's split beats every threshold and category partition, naively. */
  @ParameterizedTest(name = "{0} classes")
  @CsvSource({"1", "2"})
  void theRootSplitIsTheBestOfAllCandidates(int classes) {
    TrainingData train = ForestTestData.make(400, classes, true, 5);
    Params p = ForestTestData.params(classes, "num_iterations", "1", "bootstrap", "false",
        "feature_fraction_bynode", "1.0", "oob_score", "false");
    Model model = RandomForest.train(train, List.of(), p, ForestTestData.classes(classes), TrainingListener.NONE);
    Criterion criterion = Criterion.of("", classes > 1);
    double[] weight = train.weights();
    BinnedData data = train.data();
    Rows all = new Rows();
    for (int r = 0; r < train.rows(); r++) {
      all.add(r);
    }
    double parent = naiveWeightedImpurity(criterion, all, weight, train.labels(), classes);
    double best = Double.NEGATIVE_INFINITY;
    for (int f = 0; f < data.features(); f++) {
      int bins = data.numBins(f);
      // Numeric: bins <= t left, missing right or left; categorical: every subset of the 8 categories.
      int subsets = data.mapper(f).isCategorical() ? 1 << (bins - 1) : 2 * (bins - 1);
      for (int cand = 1; cand < subsets; cand++) {
        Rows left = new Rows();
        Rows right = new Rows();
        for (int r = 0; r < train.rows(); r++) {
          int bin = data.column(f).bin(r);
          boolean goLeft = data.mapper(f).isCategorical() ? (cand >>> bin & 1) == 1
              : bin == bins - 1 ? cand >= bins - 1 : bin <= cand % (bins - 1);
          (goLeft ? left : right).add(r);
        }
        if (!left.isEmpty() && !right.isEmpty()) {
          best = Math.max(best, parent - naiveWeightedImpurity(criterion, left, weight, train.labels(), classes)
              - naiveWeightedImpurity(criterion, right, weight, train.labels(), classes));
        }
      }
    }
    Tree tree = model.tree(0, 0);
    assertEquals(best, tree.gain(0), 1e-9 * parent, "root gain against the best of all candidates");
  }

  private static double childImpurity(int child, Rows[] nodeRows, Rows[] leafRows,
      Criterion criterion, double[] weight, TrainingData train, int classes) {
    Rows rows = child >= 0 ? nodeRows[child] : leafRows[~child];
    return naiveWeightedImpurity(criterion, rows, weight, train.labels(), classes);
  }

  /** The rows of positive weight that pass through each internal node (or reach each leaf), routed by bins. */
  private static Rows[] rowsPerNode(Tree tree, BinnedData data, double[] weight, boolean leaves) {
    Rows[] out = new Rows[leaves ? tree.numLeaves() : tree.numNodes()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Rows();
    }
    for (int r = 0; r < data.rows(); r++) {
      if (weight[r] <= 0) {
        continue;
      }
      int node = 0;
      while (node >= 0) {
        if (!leaves) {
          out[node].add(r);
        }
        int f = tree.feature(node);
        int bin = data.column(f).bin(r);
        boolean goLeft = tree.isCategorical(node) ? java.util.BitSet.valueOf(tree.leftCategoryBins(node)).get(bin)
            : bin == data.numBins(f) - 1 ? tree.defaultLeft(node) : bin <= tree.thresholdBin(node);
        node = goLeft ? tree.left(node) : tree.right(node);
      }
      if (leaves) {
        out[~node].add(r);
      }
    }
    return out;
  }

  private static double sum(Rows rows, double[] weight) {
    double s = 0;
    for (int r : rows) {
      s += weight[r];
    }
    return s;
  }
}
