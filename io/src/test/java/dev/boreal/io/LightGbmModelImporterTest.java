package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The LightGBM text import against a naive reference that follows LightGBM's {@code NumericalDecision}
 * and {@code CategoricalDecision} for each missing type, on rows with NaN, zeros and unseen categories.
 */
class LightGbmModelImporterTest {

  /**
   * Tree 0: node 0 on x (missing type NaN, default left) at 0.5; node 1 on the categorical "shade"
   * (categories 2 and 33 go left); node 2 on z (missing type None) at -0.25. Tree 1: node 0 on w
   * (missing type Zero, default left) at 1.5; a single leaf for tree 2.
   */
  static final String MODEL = """
      tree
      version=v4
      num_class=1
      num_tree_per_iteration=1
      label_index=0
      max_feature_idx=3
      objective=binary sigmoid:0.5
      feature_names=x shade z w
      feature_infos=[-3:3] -1:0:2:5:33 [-2:2] [-2:2]
      tree_sizes=1 1 1

      Tree=0
      num_leaves=4
      num_cat=1
      split_feature=0 1 2
      split_gain=10 4 2
      threshold=0.5 0 -0.25
      decision_type=10 1 0
      left_child=1 -1 -3
      right_child=2 -2 -4
      leaf_value=0.1 -0.2 0.3 -0.05
      leaf_weight=10 11 12 13
      leaf_count=100 110 120 130
      internal_value=0 0 0
      internal_weight=46 21 25
      internal_count=460 210 250
      cat_boundaries=0 2
      cat_threshold=4 2
      is_linear=0
      shrinkage=1


      Tree=1
      num_leaves=2
      num_cat=0
      split_feature=3
      split_gain=3
      threshold=1.5
      decision_type=6
      left_child=-1
      right_child=-2
      leaf_value=0.25 -0.125
      leaf_weight=5 6
      leaf_count=50 60
      internal_value=0
      internal_weight=11
      internal_count=110
      is_linear=0
      shrinkage=0.1


      Tree=2
      num_leaves=1
      num_cat=0
      split_feature=
      split_gain=
      threshold=
      decision_type=
      left_child=
      right_child=
      leaf_value=0.015625
      leaf_weight=
      leaf_count=
      internal_value=
      internal_weight=
      internal_count=
      is_linear=0
      shrinkage=1


      end of trees

      feature_importances:
      x=1

      parameters:
      [boosting: gbdt]
      end of parameters
      """;

  @Test
  void scoresRowsAsLightGbmRoutesThem() {
    Model model = read(MODEL);
    assertEquals("binary", model.objective());
    assertEquals("sigmoid(0.5)", model.link().toString());
    assertArrayEquals(new String[] {"0", "2", "5", "33"}, model.mapper(1).categories());
    assertEquals(3, model.numIterations());
    assertScoresLikeReference(model, 0.5, -0.25);
  }

  /** Thresholds inside LightGBM's zero band, and C++'s spelling of infinity. */
  @Test
  void thresholdsInTheZeroBandAndInfiniteOnesRouteAsLightGbm() {
    double minusBand = -(double) 1e-35f;
    Model model = read(MODEL.replace("threshold=0.5 0 -0.25", "threshold=" + minusBand + " 0 inf"));
    assertScoresLikeReference(model, minusBand, Double.POSITIVE_INFINITY);
    model = read(MODEL.replace("threshold=0.5 0 -0.25", "threshold=0 0 -inf"));
    assertScoresLikeReference(model, 0, Double.NEGATIVE_INFINITY);
  }

  /**
   * Zero as missing: the zero band goes to the default side wherever the threshold lies, inside the band,
   * beyond it on either side, or across from the default side (a split at 1.5 whose default is right sends
   * -1, 0 and 1 left, right and left); the feature's mapper counts zeros missing.
   */
  @Test
  void zeroAsMissingRoutesTheZeroBandToTheDefaultSideWhateverTheThreshold() {
    for (String t : new String[] {"0", "-1e-36", "1.0000000180025095e-35", "-1.0000000180025095e-35", "1e-30",
        "-1e-30", "-0.5", "1.5"}) {
      for (String type : new String[] {"6", "4"}) { // Zero type, default left / right
        Model model = read(MODEL.replace("threshold=1.5\ndecision_type=6", "threshold=" + t + "\ndecision_type="
            + type));
        assertTrue(model.mapper(3).zeroIsMissing());
        assertFalse(model.mapper(2).zeroIsMissing());
        double threshold = Double.parseDouble(t);
        boolean defaultLeft = type.equals("6");
        double[] raw = new double[1];
        for (double w : new double[] {Double.NaN, 0.0, -0.0, 1e-36, -1e-36, 1e-35f, -(double) 1e-35f, 1e-30, -1e-30,
            Math.nextUp((double) 1e-35f), Math.nextDown(-(double) 1e-35f), 2.0, -2.0, -1.0, 1.0}) {
          model.predictor().predictRaw(new double[] {0.0, 2.0, 0.0, w}, raw);
          boolean band = Double.isNaN(w) || Math.abs(w) <= 1e-35f;
          boolean left = band ? defaultLeft : w <= threshold;
          double tree0 = 0.1; // x = 0 <= 0.5, shade 2 goes left
          assertEquals(tree0 + (left ? 0.25 : -0.125) + 0.015625, raw[0], 1e-15, "threshold " + t + ", type " + type
              + ", w " + w);
        }
      }
    }
  }

  @Test
  void refusesAFeatureWhoseSplitsDisagreeOnZeroAsMissing() {
    assertMessage(MODEL.replace("split_feature=3", "split_feature=2"), "m.txt: tree 1 node 0 treats zeros of "
        + "feature 'z' as missing but tree 0 node 2 treats them as values, and a feature's zeros must be missing at "
        + "all its splits or at none.");
  }

  private static void assertScoresLikeReference(Model model, double t0, double t2) {
    Predictor predictor = model.predictor();
    Random random = new Random(3);
    double[] row = new double[4];
    double band = 1e-35f;
    double[] values = {Double.NaN, 0.0, -0.0, 1e-36, -1e-36, 0.5, Math.nextUp(0.5), -0.25, 1.5, 2.0, -2.0,
        band, -band, Math.nextUp(band), Math.nextDown(-band), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    int[] categories = {0, 1, 2, 3, 5, 33, 34, 64, -1};
    for (int i = 0; i < 3000; i++) {
      row[0] = values[random.nextInt(values.length)];
      row[1] = random.nextInt(10) == 0 ? Double.NaN : categories[random.nextInt(categories.length)];
      row[2] = values[random.nextInt(values.length)];
      row[3] = values[random.nextInt(values.length)];
      double expected = 1 / (1 + Math.exp(-0.5 * reference(row, t0, t2)));
      assertEquals(expected, predictor.predict(row), 1e-15, () -> Arrays.toString(row));
    }
  }

  /**
   * LightGBM's decisions, written out for {@link #MODEL} with thresholds t0 (tree 0 node 0) and t2 (tree 0
   * node 2). Its dense reader first turns values within ±1e-35 of zero into 0.0; its zero-as-missing node
   * then reads NaN as 0.0 and sends 0.0 to the default side.
   */
  private static double reference(double[] input, double t0, double t2) {
    double[] row = input.clone();
    for (int i = 0; i < row.length; i++) {
      row[i] = Math.abs(row[i]) <= 1e-35f ? 0.0 : row[i];
    }
    double x = row[0];
    double shade = row[1];
    double z = row[2];
    double w = Double.isNaN(row[3]) ? 0.0 : row[3];
    double tree0;
    if (Double.isNaN(x) || x <= t0) {
      // categorical: NaN and negatives go right; else the bitset {2, 33} goes left
      int c = (int) shade;
      boolean left = !Double.isNaN(shade) && c >= 0 && (c == 2 || c == 33);
      tree0 = left ? 0.1 : -0.2;
    } else {
      double zz = Double.isNaN(z) ? 0.0 : z; // missing type None: NaN is read as zero
      tree0 = zz <= t2 ? 0.3 : -0.05;
    }
    double tree1 = w == 0.0 || w <= 1.5 ? 0.25 : -0.125;
    return tree0 + tree1 + 0.015625;
  }

  @Test
  void keepsStatisticsAndClasses() {
    Model model = read(MODEL);
    assertArrayEquals(new String[] {"0", "1"}, model.classes());
    assertEquals(460, model.tree(0, 0).nodeCount(0));
    assertEquals(46.0, model.tree(0, 0).nodeHessian(0), 0.0);
    assertEquals(130, model.tree(0, 0).leafCount(3));
    assertEquals(1, model.tree(2, 0).numLeaves());
    assertEquals("0.5", model.params().get("sigmoid"));
  }

  @Test
  void averageOutputMakesAForest() {
    Model model = read(MODEL.replace("tree_sizes=", "average_output\ntree_sizes="));
    assertEquals("rf", model.algorithm());
    assertEquals(Model.Ensemble.AVERAGE, model.ensemble());
    double[] raw = new double[1];
    model.predictor().predictRaw(new double[] {0.0, 2.0, 0.0, 3.0}, raw);
    assertEquals((0.1 + -0.125 + 0.015625) / 3, raw[0], 1e-15);
  }

  @Test
  void multiclassUsesSoftmaxOverItsOutputs() {
    String multi = MODEL.replace("objective=binary sigmoid:0.5", "objective=multiclass num_class:3")
        .replace("num_class=1\nnum_tree_per_iteration=1", "num_class=3\nnum_tree_per_iteration=3");
    Model model = read(multi);
    assertEquals(3, model.numOutputs());
    assertEquals(1, model.numIterations());
    assertEquals("softmax", model.link().name());
    assertEquals("3", model.params().get("num_class"));
  }

  @Test
  void refusesWhatItCannotScoreExactly() {
    assertMessage(MODEL.replace("is_linear=0\nshrinkage=0.1", "is_linear=1\nshrinkage=0.1"), "linear tree");
    assertMessage(MODEL.replace("objective=binary sigmoid:0.5", "objective=regression sqrt"), "reg_sqrt");
    assertMessage(MODEL.replace("objective=binary sigmoid:0.5", "objective=cross_entropy_lambda"),
        "cross_entropy_lambda");
    assertMessage(MODEL.replace("cat_boundaries=0 2", "cat_boundaries=0 5"), "cat_boundaries");
    assertMessage(MODEL.replace("leaf_value=0.25 -0.125", "leaf_value=0.25 x"), "tree 1 leaf_value value 2");
    assertMessage("hello\nworld\n", "is not a LightGBM text model");
  }

  private static void assertMessage(String text, String part) {
    InputException e = assertThrows(InputException.class, () -> read(text));
    assertTrue(e.getMessage().startsWith("m.txt: ") && e.getMessage().contains(part), e.getMessage());
  }

  private static Model read(String text) {
    return LightGbmModelImporter.read(text.getBytes(StandardCharsets.UTF_8), "m.txt");
  }
}
