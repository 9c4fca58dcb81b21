package dev.boreal.engine.gbdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.TestData;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.objective.ObjectiveSettings;
import dev.boreal.engine.objective.Objectives;
import dev.boreal.engine.params.Params;
import dev.boreal.engine.tree.BinnedScorer;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GradientBoostingTest {
  static Params params(String... pairs) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return Params.of(m);
  }

  /** A nonlinear regression problem with missing values and a categorical feature. */
  static TrainingData regressionData(int n, long seed, BinnedData like) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[4][n];
    int[] cat = new int[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < 4; f++) {
        x[f][i] = r.nextDouble() * 4 - 2;
      }
      if (r.nextDouble() < 0.05) {
        x[2][i] = Double.NaN;
      }
      cat[i] = r.nextInt(6);
      y[i] = Math.sin(2 * x[0][i]) + x[1][i] * x[1][i] + (Double.isNaN(x[2][i]) ? 1.5 : x[2][i] * 0.3)
          + (cat[i] % 3) * 0.7 + 0.1 * r.nextDouble();
    }
    String[][] names = {{"a", "b", "c", "d", "e", "f"}};
    BinnedData data = like == null
        ? TestData.bin(x, new int[][] {cat}, names, BinningParams.defaults())
        : TestData.apply(like, x, new int[][] {cat}, names);
    return new TrainingData("train", data, TestData.names(5), y, null, null);
  }

  @Test
  void oneAndTwoThreadsGiveTheSameModelBitForBit() {
    TrainingData train = regressionData(320_000, 1, null);
    assertTrue(Settings.sharesTreeWork(train.data()), "enough data for two threads to share the trees");
    Params base = params("objective", "regression", "num_iterations", "8", "num_leaves", "63",
        "bagging_fraction", "0.7", "bagging_freq", "2", "feature_fraction", "0.8", "seed", "5");
    Model one = GradientBoosting.train(train, List.of(), base.with("num_threads", "1"), null, TrainingListener.NONE);
    Model two = GradientBoosting.train(train, List.of(), base.with("num_threads", "2"), null, TrainingListener.NONE);
    assertEquals(one.trees().size(), two.trees().size());
    for (int t = 0; t < one.trees().size(); t++) {
      assertEquals(one.trees().get(t), two.trees().get(t), "tree " + t);
    }
    assertEquals(one.baseScore(0), two.baseScore(0));
  }

  @Test
  void leafValuesFollowTheClosedForm() {
    double[] y = {1, 2, 3, 10, 11, 12};
    double[][] x = {{0, 0, 0, 1, 1, 1}};
    BinnedData data = TestData.bin(x, new int[0][], new String[0][], BinningParams.defaults().withMinDataInBin(1));
    TrainingData train = new TrainingData("t", data, TestData.names(1), y, null, null);
    Model m = GradientBoosting.train(train, List.of(), params("objective", "regression", "num_iterations", "1",
        "learning_rate", "1", "lambda_l2", "1", "min_data_in_leaf", "1", "min_sum_hessian_in_leaf", "0",
        "boost_from_average", "false"), null, TrainingListener.NONE);
    Tree t = m.trees().get(0);
    assertEquals(2, t.numLeaves());
    // L2 loss from score 0: g = -y, h = 1, so a leaf outputs sum(y) / (count + lambda_l2).
    assertEquals(6.0 / 4.0, t.leafValue(~t.left(0)), 1e-12);
    assertEquals(33.0 / 4.0, t.leafValue(~t.right(0)), 1e-12);
  }

  @Test
  void pathSmoothingMovesEachLeafTowardsItsParentByItsRows() {
    double[] y = {1, 2, 3, 10, 11, 12};
    double[][] x = {{0, 0, 0, 1, 1, 1}};
    BinnedData data = TestData.bin(x, new int[0][], new String[0][], BinningParams.defaults().withMinDataInBin(1));
    TrainingData train = new TrainingData("t", data, TestData.names(1), y, null, null);
    Model m = GradientBoosting.train(train, List.of(), params("objective", "regression", "num_iterations", "1",
        "num_leaves", "2", "learning_rate", "1", "path_smooth", "2", "min_data_in_leaf", "1",
        "min_sum_hessian_in_leaf", "0", "boost_from_average", "false"), null, TrainingListener.NONE);
    Tree t = m.trees().get(0);
    assertEquals(2, t.numLeaves());
    // From score 0, g = -y and h = 1: the root (not smoothed) outputs 39/6 = 6.5, and a leaf of n = 3 rows whose
    // own optimum is w outputs (n w + s 6.5) / (n + s): (6 + 13) / 5 and (33 + 13) / 5.
    assertEquals(19.0 / 5.0, t.leafValue(~t.left(0)), 1e-12);
    assertEquals(46.0 / 5.0, t.leafValue(~t.right(0)), 1e-12);
  }

  @Test
  void trainingScoresEqualTheSumOfTreesOnBinnedRows() {
    TrainingData train = regressionData(5000, 2, null);
    GradientBoosting.Trained fit = GradientBoosting.fit(train, List.of(), params("objective", "regression",
        "num_iterations", "20", "bagging_fraction", "0.5", "bagging_freq", "1"), null,
        Objectives.create("regression", ObjectiveSettings.defaults(), train.labels(), null, null),
        TrainingListener.NONE);
    double[] replay = new double[train.rows()];
    java.util.Arrays.fill(replay, fit.model().baseScore(0));
    try (Parallel parallel = new Parallel(2)) {
      for (Tree t : fit.model().trees()) {
        BinnedScorer.add(t, train.data(), null, 0, replay, 0, parallel);
      }
    }
    assertArrayEquals(fit.trainingScores(), replay, 0.0);
  }

  @Test
  void zeroAsMissingTrainsZerosAsMissingAndThePredictorScoresRawRowsAsTraining() {
    Params p = params("objective", "regression", "num_iterations", "15", "num_leaves", "15",
        "min_data_in_leaf", "5", "zero_as_missing", "true");
    double zero = BinMapper.ZERO_THRESHOLD;
    double[] band = {0.0, -0.0, 1e-36, -1e-36, zero, -zero};
    SplittableRandom r = new SplittableRandom(11);
    int n = 4000;
    double[][] x = new double[3][n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < 3; f++) {
        double u = r.nextDouble();
        x[f][i] = u < 0.3 ? band[r.nextInt(band.length)] : u < 0.35 ? Double.NaN : r.nextDouble() * 4 - 2;
      }
      // Zeros of f0 behave like its high values and zeros of f2 like its low ones, so splits send the
      // zero band to the side away from where 0.0 would fall.
      y[i] = (Math.abs(x[0][i]) <= zero ? 2.0 : x[0][i]) + x[1][i] * x[1][i] * 0.5
          + (Math.abs(x[2][i]) <= zero ? -2.0 : x[2][i]) + 0.1 * r.nextDouble();
      y[i] = Double.isNaN(y[i]) ? 0.5 : y[i];
    }
    GradientBoosting.Trained fit = fitNumeric(x, y, p);
    Model m = fit.model();
    boolean bandAwayFromZerosSide = false;
    for (int f = 0; f < 3; f++) {
      assertTrue(m.mapper(f).zeroIsMissing(), "feature " + f);
    }
    for (Tree t : m.trees()) {
      for (int node = 0; node < t.numNodes(); node++) {
        bandAwayFromZerosSide |= t.defaultLeft(node) != (0.0 <= t.threshold(node));
      }
    }
    assertTrue(bandAwayFromZerosSide, "some split sends zeros where the threshold would not send 0.0");
    assertPredictorScoresAsTrainingAndAlike(fit, x, Double.NaN, band);
  }

  @Test
  void withoutUseMissingNaNTrainsAndScoresAsZeroEvenWithZeroAsMissing() {
    SplittableRandom r = new SplittableRandom(12);
    int n = 4000;
    // Per feature, 15% NaN, 10% zeros, the rest uniform in [-2, 2).
    double[][] x = new double[3][];
    for (int f = 0; f < x.length; f++) {
      x[f] = r.doubles(n).map(u -> u < 0.15 ? Double.NaN : u < 0.25 ? 0.0 : (u - 0.25) / 0.75 * 4 - 2).toArray();
    }
    // Missing values of f0 behave like its high values, so a model that learns where NaN goes sends them away
    // from 0.0; reading NaN as 0.0 cannot.
    double[] y = IntStream.range(0, n).mapToDouble(i -> (Double.isNaN(x[0][i]) ? 2.0 : x[0][i])
        + (Double.isNaN(x[1][i]) ? 0.0 : x[1][i] * x[1][i] * 0.5) + (Double.isNaN(x[2][i]) ? -1.0 : x[2][i])
        + 0.1 * r.nextDouble()).toArray();
    Params useMissing = params("objective", "regression", "num_iterations", "15", "num_leaves", "15",
        "min_data_in_leaf", "5");
    Params p = useMissing.with("use_missing", "false");
    GradientBoosting.Trained fit = fitNumeric(x, y, p);
    Model m = fit.model();
    for (int f = 0; f < 3; f++) {
      assertTrue(m.mapper(f).nanIsZero(), "feature " + f);
      assertFalse(m.mapper(f).zeroIsMissing(), "feature " + f);
    }
    assertPredictorScoresAsTrainingAndAlike(fit, x, 0.0, Double.NaN);
    // LightGBM ignores zero_as_missing without use_missing: the same model.
    assertEquals(m.trees(), fitNumeric(x, y, p.with("zero_as_missing", "true")).model().trees());
    // Learning where NaN goes gives another model, which scores NaN rows apart from zero rows.
    Model learned = fitNumeric(x, y, useMissing).model();
    assertNotEquals(m.trees(), learned.trees());
    Predictor learnedPredictor = learned.predictor();
    assertNotEquals(learnedPredictor.predict(new double[] {Double.NaN, 1, 1}),
        learnedPredictor.predict(new double[] {0.0, 1, 1}));
  }

  /** Trains a regression on numeric feature columns {@code x[f]}, binned as {@code p} says. */
  private static GradientBoosting.Trained fitNumeric(double[][] x, double[] y, Params p) {
    BinnedData data = TestData.bin(x, new int[0][], new String[0][], Settings.binning(p));
    TrainingData train = new TrainingData("train", data, TestData.names(x.length), y, null, null);
    return GradientBoosting.fit(train, List.of(), p, null,
        Objectives.create("regression", ObjectiveSettings.defaults(), train.labels(), null, null),
        TrainingListener.NONE);
  }

  /**
   * Asserts that the model's predictor scores the raw rows of feature columns {@code x[f]} as training scored
   * them, and that in each of the first 50 rows, any one feature set to each of {@code alike} scores exactly
   * as when set to {@code reference}.
   */
  private static void assertPredictorScoresAsTrainingAndAlike(GradientBoosting.Trained fit, double[][] x,
      double reference, double... alike) {
    int n = x[0].length;
    int features = x.length;
    double[] rowMajor = new double[n * features];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < features; f++) {
        rowMajor[i * features + f] = x[f][i];
      }
    }
    Predictor predictor = fit.model().predictor();
    double[] raw = new double[n];
    predictor.predictRaw(rowMajor, n, raw);
    assertArrayEquals(fit.trainingScores(), raw, 1e-12);
    for (int i = 0; i < 50; i++) {
      for (int f = 0; f < features; f++) {
        double[] row = Arrays.copyOfRange(rowMajor, i * features, (i + 1) * features);
        row[f] = reference;
        double expected = predictor.predict(row);
        for (double v : alike) {
          row[f] = v;
          assertEquals(expected, predictor.predict(row), 0.0, "row " + i + " feature " + f + " = " + v);
        }
      }
    }
  }

  @Test
  void treesRespectNumLeavesMaxDepthAndMinDataInLeaf() {
    TrainingData train = regressionData(3000, 3, null);
    Model m = GradientBoosting.train(train, List.of(), params("objective", "regression", "num_iterations", "5",
        "num_leaves", "20", "max_depth", "4", "min_data_in_leaf", "50"), null, TrainingListener.NONE);
    for (Tree t : m.trees()) {
      assertTrue(t.numLeaves() <= 16 && t.numLeaves() > 4, "leaves " + t.numLeaves());
      assertTrue(t.depth() <= 4);
      for (int l = 0; l < t.numLeaves(); l++) {
        assertTrue(t.leafCount(l) >= 50, "leaf rows " + t.leafCount(l));
      }
    }
    Model depthwise = GradientBoosting.train(train, List.of(), params("objective", "regression",
        "num_iterations", "1", "num_leaves", "8", "grow_policy", "depthwise", "min_data_in_leaf", "5"), null,
        TrainingListener.NONE);
    assertEquals(3, depthwise.trees().get(0).depth(), "depth-wise growth fills a level before going deeper");
  }

  @Test
  void monotoneConstraintMakesPredictionsMonotone() {
    TrainingData train = regressionData(4000, 4, null);
    Model m = GradientBoosting.train(train, List.of(), params("objective", "regression", "num_iterations", "30",
        "monotone_constraints", "1,0,-1,0,0"), null, TrainingListener.NONE);
    // x0 drives sin(2 x0), not monotone; the model must still be non-decreasing in x0 and non-increasing in x2.
    double[][] grid = new double[4][200];
    int[] cat = new int[200];
    for (int i = 0; i < 200; i++) {
      grid[0][i] = -2 + 4.0 * i / 199;
      grid[1][i] = 0.3;
      grid[2][i] = 0.5;
      grid[3][i] = -0.2;
    }
    assertMonotone(m, TestData.apply(train.data(), grid, new int[][] {cat}, new String[][] {{"a", "b", "c", "d", "e", "f"}}), 1);
    for (int i = 0; i < 200; i++) {
      grid[0][i] = 0.1;
      grid[2][i] = -2 + 4.0 * i / 199;
    }
    assertMonotone(m, TestData.apply(train.data(), grid, new int[][] {cat}, new String[][] {{"a", "b", "c", "d", "e", "f"}}), -1);
  }

  private static void assertMonotone(Model m, BinnedData grid, int direction) {
    double[] s = new double[grid.rows()];
    try (Parallel parallel = new Parallel(1)) {
      for (Tree t : m.trees()) {
        BinnedScorer.add(t, grid, null, 0, s, 0, parallel);
      }
    }
    for (int i = 1; i < s.length; i++) {
      assertTrue(direction * (s[i] - s[i - 1]) >= -1e-12, "step " + i + ": " + s[i - 1] + " then " + s[i]);
    }
  }

  @Test
  void interactionConstraintsKeepBranchesInsideTheirGroups() {
    TrainingData train = regressionData(4000, 5, null);
    Model m = GradientBoosting.train(train, List.of(), params("objective", "regression", "num_iterations", "10",
        "interaction_constraints", "[0,1],[2,3,4]"), null, TrainingListener.NONE);
    for (Tree t : m.trees()) {
      checkBranches(t, 0, 0L);
    }
  }

  private static void checkBranches(Tree t, int node, long used) {
    if (t.numNodes() == 0 || node < 0) {
      boolean inFirst = (used & ~0b00011L) == 0;
      boolean inSecond = (used & ~0b11100L) == 0;
      assertTrue(inFirst || inSecond, "a branch uses features " + Long.toBinaryString(used));
      return;
    }
    long now = used | (1L << t.feature(node));
    checkBranches(t, t.left(node), now);
    checkBranches(t, t.right(node), now);
  }

  @Test
  void earlyStoppingKeepsTheBestIteration() {
    TrainingData train = regressionData(2000, 6, null);
    TrainingData valid = regressionData(2000, 7, train.data());
    valid = new TrainingData("valid", valid.data(), valid.featureNames(), valid.labels(), null, null);
    Model m = GradientBoosting.train(train, List.of(valid), params("objective", "regression",
        "num_iterations", "500", "learning_rate", "0.5", "num_leaves", "63", "min_data_in_leaf", "2",
        "early_stopping_round", "5"), null, TrainingListener.NONE);
    double[] l2 = m.evalHistory().get("valid").get("l2");
    assertTrue(m.numIterations() < 500, "stopped early at " + m.numIterations());
    assertEquals(m.numIterations(), l2.length);
    int best = 0;
    for (int i = 1; i < l2.length; i++) {
      if (l2[i] < l2[best]) {
        best = i;
      }
    }
    assertEquals(best + 1, m.bestIteration());
    assertEquals(m.bestIteration() + 5, m.numIterations());
  }

  @Test
  void l1RegressionLeavesAreMediansOfResiduals() {
    // Gradients of L1 are only signs, so a Newton step would output +-1; renewal must give the residuals' median.
    double[] y = {5, 5, 5, 5, -3, -3, -3, -3};
    double[][] x = {{0, 0, 0, 0, 1, 1, 1, 1}};
    BinnedData data = TestData.bin(x, new int[0][], new String[0][], BinningParams.defaults().withMinDataInBin(1));
    TrainingData train = new TrainingData("t", data, TestData.names(1), y, null, null);
    Model m = GradientBoosting.train(train, List.of(), params("objective", "regression_l1", "num_iterations", "1",
        "learning_rate", "1", "min_data_in_leaf", "1", "min_sum_hessian_in_leaf", "0",
        "boost_from_average", "false"), null, TrainingListener.NONE);
    Tree t = m.trees().get(0);
    assertEquals(2, t.numLeaves());
    assertEquals(5.0, t.leafValue(~t.left(0)), 1e-12);
    assertEquals(-3.0, t.leafValue(~t.right(0)), 1e-12);
  }

  @Test
  void multiclassGrowsOneTreePerClassPerIteration() {
    SplittableRandom r = new SplittableRandom(8);
    int n = 1500;
    double[][] x = new double[2][n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[0][i] = r.nextDouble();
      x[1][i] = r.nextDouble();
      y[i] = x[0][i] < 0.33 ? 0 : x[1][i] < 0.5 ? 1 : 2;
    }
    BinnedData data = TestData.bin(x, new int[0][], new String[0][], BinningParams.defaults());
    TrainingData train = new TrainingData("t", data, TestData.names(2), y, null, null);
    Model m = GradientBoosting.train(train, List.of(train), params("objective", "multiclass", "num_class", "3",
        "num_iterations", "30", "metric", "multi_error"), new String[] {"0", "1", "2"}, TrainingListener.NONE);
    assertEquals(3, m.numOutputs());
    assertEquals(90, m.trees().size());
    double[] errors = m.evalHistory().get("t").get("multi_error");
    assertTrue(errors[errors.length - 1] < 0.02, "training error " + errors[errors.length - 1]);
  }
}
