package dev.boreal.engine.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.TestData;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The forest orders categories for a many-vs-many split only when they weigh at least cat_smooth in the node
 * and at least min_data_per_group training rows hold them, and by their mean shrunk towards the node's: fully
 * grown trees otherwise split on categories of a row or two.
 */
class CategorySmoothingTest {
  private static final int CATEGORIES = 40;
  private static final int RARE_ROWS = 4;

  @Test
  void categoriesLighterThanCatSmoothAreNotSplitOn() {
    TrainingData train = idColumn(5, 1, null, 0);
    assertEquals(1, rootTree(train, "10", "1").numLeaves(), "five rows per category, cat_smooth 10: no split");
    assertTrue(rootTree(train, "4", "1").numLeaves() > 1, "five rows per category, cat_smooth 4: noise is split on");
  }

  @Test
  void categoriesRarerThanMinDataPerGroupAreNotSplitOn() {
    TrainingData train = idColumn(5, 1, null, 0);
    assertEquals(1, rootTree(train, "1", "6").numLeaves(), "five rows per category, min_data_per_group 6: no split");
    assertTrue(rootTree(train, "1", "5").numLeaves() > 1, "five rows per category, min_data_per_group 5: a split");
    assertTrue(rootTree(train, "1", null).numLeaves() > 1, "min_data_per_group unset (5): five rows are ordered");
  }

  @Test
  void aCategoryOfFourRowsIsNotCutOffAloneUnlessEveryCategoryIsOrdered() {
    TrainingData train = oneRareCategory();
    int rare = train.data().column(1).bin(0);
    for (int row = RARE_ROWS; row < train.rows(); row++) {
      assertTrue(train.data().column(1).bin(row) != rare, "the premise: four rows make a bin of their own");
    }
    Tree everyCategory = rootTree(train, "1", "1");
    Tree byDefault = rootTree(train, "1", null);
    assertEquals(RARE_ROWS, rowsInLeafOf(everyCategory, train, 0), "min_data_per_group 1: its 4 rows cut off alone");
    int shared = rowsInLeafOf(byDefault, train, 0);
    assertTrue(shared >= RARE_ROWS + 20, "by default the 4 rows share a leaf with a common category: " + shared);
  }

  @Test
  void smoothingKeepsAForestOffANoisyIdColumn() {
    TrainingData train = idColumn(12, 2, null, 1);
    TrainingData valid = idColumn(12, 3, train.data(), 1);
    double smoothed = validationError(train, valid, "10");
    double raw = validationError(train, valid, "0");
    assertTrue(smoothed < raw * 0.97, "squared error with cat_smooth 10 (" + smoothed + ") against 0 (" + raw + ")");
  }

  @Test
  void unsetCatSmoothScalesWithTheRowsAndEveryCategoryIsOrdered() {
    Params p = ForestTestData.params(1, "num_iterations", "1");
    Model small = RandomForest.train(idColumn(5, 1, null, 1), List.of(), p, null, TrainingListener.NONE);
    assertEquals("1.0", small.params().get("cat_smooth"), "200 rows: a floor of 1");
    assertEquals("5", small.params().get("min_data_per_group"), "the forest's own minimum, not boosting's");
    Model large = RandomForest.train(idColumn(150, 1, null, 1), List.of(), p, null, TrainingListener.NONE);
    assertEquals("6.0", large.params().get("cat_smooth"), "6,000 rows: rows / 1000");
    assertEquals("5", large.params().get("min_data_per_group"), "6,000 rows: not scaled to the rows");
  }

  /**
   * One tree of one level on all rows: does the root split on the categorical column? {@code minDataPerGroup}
   * null leaves min_data_per_group unset.
   */
  private static Tree rootTree(TrainingData train, String catSmooth, String minDataPerGroup) {
    Params p = ForestTestData.params(1, "num_iterations", "1", "bootstrap", "false", "max_depth", "1",
        "feature_fraction_bynode", "1.0", "oob_score", "false", "cat_smooth", catSmooth);
    if (minDataPerGroup != null) {
      p = p.with("min_data_per_group", minDataPerGroup);
    }
    return RandomForest.train(train, List.of(), p, null, TrainingListener.NONE).tree(0, 0);
  }

  /** How many training rows reach the leaf that row {@code row} reaches. */
  private static int rowsInLeafOf(Tree tree, TrainingData train, int row) {
    int leaf = leafOf(tree, train, row);
    int count = 0;
    for (int r = 0; r < train.rows(); r++) {
      if (leafOf(tree, train, r) == leaf) {
        count++;
      }
    }
    return count;
  }

  private static int leafOf(Tree tree, TrainingData train, int row) {
    int[] bins = new int[train.data().features()];
    int[] missing = new int[bins.length];
    for (int f = 0; f < bins.length; f++) {
      bins[f] = train.data().column(f).bin(row);
      missing[f] = train.data().mapper(f).missingBin();
    }
    return tree.leafOfBins(bins, missing);
  }

  private static double validationError(TrainingData train, TrainingData valid, String catSmooth) {
    Params p = ForestTestData.params(1, "num_iterations", "50", "oob_score", "false", "cat_smooth", catSmooth,
        "feature_fraction_bynode", "1.0");
    Model model = RandomForest.train(train, List.of(), p, null, TrainingListener.NONE);
    double sum = 0;
    int[] bins = new int[valid.data().features()];
    int[] missing = new int[bins.length];
    for (int f = 0; f < bins.length; f++) {
      missing[f] = valid.data().mapper(f).missingBin();
    }
    for (int r = 0; r < valid.rows(); r++) {
      for (int f = 0; f < bins.length; f++) {
        bins[f] = valid.data().column(f).bin(r);
      }
      double prediction = 0;
      for (int t = 0; t < model.numIterations(); t++) {
        Tree tree = model.tree(t, 0);
        prediction += tree.leafValue(tree.leafOfBins(bins, missing));
      }
      double error = prediction / model.numIterations() - valid.labels()[r];
      sum += error * error;
    }
    return sum / valid.rows();
  }

  /**
   * Six categories of 20 rows with noise for labels, and rows {@code 0 .. RARE_ROWS)} of a seventh category whose
   * label stands far out, beside a constant numeric feature.
   */
  private static TrainingData oneRareCategory() {
    SplittableRandom r = new SplittableRandom(3);
    int n = RARE_ROWS + 6 * 20;
    double[][] x = new double[1][n];
    int[] id = new int[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      id[i] = i < RARE_ROWS ? 6 : (i - RARE_ROWS) % 6;
      y[i] = i < RARE_ROWS ? 10 + r.nextGaussian() : r.nextGaussian();
    }
    String[] names = {"a", "b", "c", "d", "e", "f", "rare"};
    BinnedData binned = TestData.bin(x, new int[][] {id}, new String[][] {names}, BinningParams.defaults());
    return new TrainingData("train", binned, TestData.names(2), y, null, null);
  }

  /**
   * A label that is a step of {@code step} in one numeric feature (constant when 0) plus noise, and a
   * categorical column of 40 categories that carries nothing: each category holds {@code perCategory} rows. Binned
   * with the mappers of {@code like} when it is given.
   */
  private static TrainingData idColumn(int perCategory, long seed, BinnedData like, double step) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = CATEGORIES * perCategory;
    double[][] x = new double[1][n];
    int[] id = new int[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[0][i] = step * r.nextDouble();
      id[i] = i % CATEGORIES;
      y[i] = (x[0][i] > 0.5 * step ? step : 0) + r.nextGaussian();
    }
    String[] names = new String[CATEGORIES];
    for (int c = 0; c < CATEGORIES; c++) {
      names[c] = "c" + c;
    }
    BinnedData binned = like != null ? TestData.apply(like, x, new int[][] {id}, new String[][] {names})
        : TestData.bin(x, new int[][] {id}, new String[][] {names}, BinningParams.defaults().withMaxBin(63));
    return new TrainingData("train", binned, TestData.names(2), y, null, null);
  }
}
