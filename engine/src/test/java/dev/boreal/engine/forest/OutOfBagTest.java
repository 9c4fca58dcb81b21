package dev.boreal.engine.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.TestData;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.params.Params;
import dev.boreal.engine.tree.BinnedScorer;
import dev.boreal.histogram.BinColumn;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Out-of-bag rows are exactly those each tree's sample left out. The data make every in-bag row visible:
 * feature 0 and the label are the row's index, so a fully grown regression tree isolates each sampled row
 * in a leaf of its own whose value is the row's index and whose weight is its multiplicity. The test reads
 * each tree's sample from its leaves, not from the sampler, and recomputes the OOB predictions from it.
 */
class OutOfBagTest {
  private static final int N = 200;

  static TrainingData indexData() {
    double[][] x = new double[2][N];
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      x[0][i] = i;
      x[1][i] = (i * 37) % 11;
      y[i] = i;
    }
    BinnedData binned = TestData.bin(x, new int[0][], new String[0][],
        BinningParams.defaults().withMinDataInBin(1));
    return new TrainingData("index", binned, TestData.names(2), y, null, null);
  }

  @ParameterizedTest(name = "bootstrap={0}, bagging_fraction={1}")
  @CsvSource({"true, 1.0", "true, 0.5", "false, 0.6"})
  void outOfBagRowsAreThoseEachSampleLeftOut(boolean bootstrap, double fraction) {
    TrainingData train = indexData();
    Params p = ForestTestData.params(1, "num_iterations", "12", "bootstrap", Boolean.toString(bootstrap),
        "bagging_fraction", Double.toString(fraction), "num_threads", "2", "seed", "5");
    RandomForest.Trained trained = RandomForest.fit(train, List.of(), p, null, TrainingListener.NONE);
    Model model = trained.model();
    OutOfBag oob = trained.outOfBag();
    int draws = (int) Math.round(fraction * N);
    double[] sums = new double[N];
    int[] left = new int[N];
    double distinct = 0;
    for (int t = 0; t < model.numIterations(); t++) {
      Tree tree = model.tree(t, 0);
      boolean[] inBag = new boolean[N];
      double drawn = 0;
      for (int l = 0; l < tree.numLeaves(); l++) {
        assertEquals(1, tree.leafCount(l), "a fully grown tree isolates every sampled row");
        int row = (int) tree.leafValue(l);
        assertEquals(row, tree.leafValue(l), "the leaf holds the row's label");
        inBag[row] = true;
        drawn += tree.leafHessian(l);
        assertTrue(bootstrap || tree.leafHessian(l) == 1.0, "without replacement every multiplicity is 1");
      }
      assertEquals(draws, drawn, "multiplicities add up to the draws");
      distinct += tree.numLeaves();
      for (int r = 0; r < N; r++) {
        if (!inBag[r]) {
          sums[r] += tree.leafValue(leafOf(tree, train.data(), r));
          left[r]++;
        }
      }
    }
    if (bootstrap && fraction == 1.0) {
      double share = distinct / (N * model.numIterations());
      assertEquals(1 - Math.exp(-1), share, 0.03, "a bootstrap holds about 63% of the rows");
    }
    for (int r = 0; r < N; r++) {
      assertEquals(left[r], oob.treesLeftOut(r), "row " + r);
      assertEquals(left[r] == 0 ? Double.NaN : sums[r] / left[r], oob.prediction(r, 0), "row " + r);
    }
    double[] r2 = model.evalHistory().get("oob").get("r2");
    assertEquals(model.numIterations(), r2.length);
    assertEquals(naiveR2(oob, train.labels()), r2[r2.length - 1], 1e-12);
  }

  @Test
  void withEveryRowInEveryTreeThereIsNoOutOfBagScore() {
    TrainingData train = indexData();
    Params p = ForestTestData.params(1, "num_iterations", "3", "bootstrap", "false");
    RandomForest.Trained trained = RandomForest.fit(train, List.of(), p, null, TrainingListener.NONE);
    assertNull(trained.outOfBag());
    assertTrue(trained.model().evalHistory().isEmpty());
  }

  @Test
  void classifierOutOfBagScoresAreAccuracyAndAuc() {
    TrainingData train = ForestTestData.make(800, 2, false, 9);
    Params p = ForestTestData.params(2, "num_iterations", "30");
    RandomForest.Trained trained = RandomForest.fit(train, List.of(), p, ForestTestData.classes(2),
        TrainingListener.NONE);
    OutOfBag oob = trained.outOfBag();
    double right = 0;
    int scored = 0;
    for (int r = 0; r < train.rows(); r++) {
      double prob = oob.prediction(r, 0);
      if (!Double.isNaN(prob)) {
        scored++;
        right += (prob > 0.5 ? 1 : 0) == train.labels()[r] ? 1 : 0;
      }
    }
    assertEquals(oob.rowsScored(), scored);
    var history = trained.model().evalHistory().get("oob");
    assertEquals(List.of("accuracy", "auc"), List.copyOf(history.keySet()));
    assertEquals(right / scored, history.get("accuracy")[29], 1e-12);
    double auc = history.get("auc")[29];
    assertTrue(auc > 0.75 && auc < 1, "oob auc " + auc);
  }

  private static int leafOf(Tree tree, BinnedData data, int row) {
    BinColumn[] columns = new BinColumn[data.features()];
    int[] missing = new int[data.features()];
    for (int f = 0; f < columns.length; f++) {
      columns[f] = data.column(f);
      missing[f] = data.numBins(f) - 1;
    }
    return BinnedScorer.leafOf(tree, columns, missing, row);
  }

  private static double naiveR2(OutOfBag oob, double[] labels) {
    double mean = 0;
    int m = 0;
    for (int r = 0; r < labels.length; r++) {
      if (oob.treesLeftOut(r) > 0) {
        mean += labels[r];
        m++;
      }
    }
    mean /= m;
    double residual = 0;
    double total = 0;
    for (int r = 0; r < labels.length; r++) {
      if (oob.treesLeftOut(r) > 0) {
        double e = labels[r] - oob.prediction(r, 0);
        residual += e * e;
        total += (labels[r] - mean) * (labels[r] - mean);
      }
    }
    return 1 - residual / total;
  }
}
