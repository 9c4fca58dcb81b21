package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The XGBoost JSON import against a naive reference that reads the same JSON fields and routes rows the
 * way XGBoost's predictor does (float32 cast, strict {@code <}, listed categories right, missing to the
 * default child), and the float-to-double threshold conversion against the float cast itself.
 */
class XgboostModelImporterTest {

  /**
   * Two trees of a binary model: tree 0 splits f0 at 0.3 (missing left), then the categorical f1 with
   * categories {1, 3} going right (missing right); tree 1 splits f0 at -1.5 (missing right) and f2 at
   * 1e-7 (missing left). Base score 0.25 is a probability.
   */
  static final String MODEL = """
      {"learner":{"attributes":{},"feature_names":["a","color","c"],"feature_types":["float","c","float"],
       "gradient_booster":{"model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"2"},
        "iteration_indptr":[0,1,2],"tree_info":[0,0],"trees":[
        {"base_weights":[0,0,0,0,0],"categories":[1,3],"categories_nodes":[2],"categories_segments":[0],
         "categories_sizes":[2],"default_left":[1,0,0,0,0],"id":0,"left_children":[1,-1,3,-1,-1],
         "loss_changes":[5.5,0,2.25,0,0],"parents":[2147483647,0,0,2,2],"right_children":[2,-1,4,-1,-1],
         "split_conditions":[0.3,-0.4,NaN,0.1,0.7],"split_indices":[0,0,1,0,0],"split_type":[0,0,1,0,0],
         "sum_hessian":[100.0,40.0,60.0,25.0,35.0],
         "tree_param":{"num_deleted":"0","num_feature":"3","num_nodes":"5","size_leaf_vector":"1"}},
        {"base_weights":[0,0,0,0,0],"categories":[],"categories_nodes":[],"categories_segments":[],
         "categories_sizes":[],"default_left":[0,1,0,0,0],"id":1,"left_children":[1,3,-1,-1,-1],
         "loss_changes":[3.0,1.0,0,0,0],"parents":[2147483647,0,0,1,1],"right_children":[2,4,-1,-1,-1],
         "split_conditions":[-1.5,1E-7,0.05,-0.2,0.15],"split_indices":[0,2,0,0,0],"split_type":[0,0,0,0,0],
         "sum_hessian":[100.0,30.0,70.0,10.0,20.0],
         "tree_param":{"num_deleted":"0","num_feature":"3","num_nodes":"5","size_leaf_vector":"1"}}]},
        "name":"gbtree"},
       "learner_model_param":{"base_score":"2.5E-1","boost_from_average":"1","num_class":"0",
        "num_feature":"3","num_target":"1"},
       "objective":{"name":"binary:logistic","reg_loss_param":{"scale_pos_weight":"1"}}},
       "version":[2,1,4]}
      """;

  @Test
  void thresholdMatchesTheFloatCastForEveryDoubleNearTheSplit() {
    Random random = new Random(11);
    float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f, 0.3f, 1e-7f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, 16777216f, 3.4e-39f};
    for (int i = 0; i < 5_000; i++) {
      float split = i < special.length ? special[i]
          : Float.intBitsToFloat(random.nextInt());
      if (Float.isNaN(split) || split == Float.NEGATIVE_INFINITY) {
        continue;
      }
      double t = XgboostModelImporter.thresholdOf(split);
      // The decision flips between t and the next double up, and nowhere else nearby.
      assertTrue((float) t < split, () -> "threshold of " + split + " must cast below it");
      assertTrue(!((float) Math.nextUp(t) < split), () -> "the double after the threshold of " + split);
      for (int j = 0; j < 20; j++) {
        double x = neighbour(split, random);
        assertEquals((float) x < split, x <= t, "split " + split + ", x " + x);
      }
    }
  }

  private static double neighbour(float split, Random random) {
    double s = Float.isInfinite(split) ? Float.MAX_VALUE : split;
    double ulp = Math.ulp((float) s);
    return s + (random.nextDouble() * 2 - 1) * ulp * (random.nextBoolean() ? 1 : 1e-3);
  }

  /**
   * Rows with categories the split lists (1, 3), categories it does not (0, 2 in range; 4 and 40 above
   * every named one; -1 invalid) and missing ones, with the categorical node sending missing values right
   * and, in a variant, left: unnamed and invalid categories go left either way.
   */
  @Test
  void scoresRowsAsXgboostRoutesThem() {
    for (boolean missingLeft : new boolean[] {false, true}) {
      Model model = read(missingLeft ? MODEL.replace("\"default_left\":[1,0,0,0,0]", "\"default_left\":[1,0,1,0,0]")
          : MODEL);
      assertEquals("binary", model.objective());
      assertEquals(java.util.List.of("a", "color", "c"), model.featureNames());
      assertArrayEquals(new String[] {"1", "3"}, model.mapper(1).categories());
      assertTrue(model.mapper(1).hasUnknownBin());
      assertEquals(2, model.numIterations());
      assertEquals((float) -Math.log(1f / 0.25f - 1f), model.baseScore(0), 0.0);
      Predictor predictor = model.predictor();
      Random random = new Random(5);
      double[] row = new double[3];
      double[] colors = {0, 1, 2, 3, 4, 40, -1, Double.NaN};
      for (int i = 0; i < 5000; i++) {
        row[0] = random.nextInt(8) == 0 ? Double.NaN : pick(random, 0.3, -1.5);
        row[1] = colors[random.nextInt(colors.length)];
        row[2] = random.nextInt(8) == 0 ? Double.NaN : pick(random, 1e-7, 1e-7);
        double expected = 1 / (1 + Math.exp(-reference(row, missingLeft)));
        assertEquals(expected, predictor.predict(row), 1e-12, () -> java.util.Arrays.toString(row));
      }
    }
  }

  /** Values at, just around, and far from the two splits, where a float cast decides the side. */
  private static double pick(Random random, double a, double b) {
    double base = random.nextBoolean() ? a : b;
    switch (random.nextInt(4)) {
      case 0: return (float) base;
      case 1: return base + Math.ulp((float) base) * (random.nextDouble() - 0.5);
      case 2: return Math.nextDown((double) (float) base);
      default: return random.nextGaussian() * 2;
    }
  }

  /**
   * XGBoost's own rules, written out for the two trees of {@link #MODEL}, whose categorical node sends
   * missing values left when {@code missingLeft}.
   */
  private static double reference(double[] row, boolean missingLeft) {
    float a = (float) row[0];
    float color = (float) row[1];
    float c = (float) row[2];
    float margin = (float) -Math.log(1f / 0.25f - 1f);
    float tree0;
    if (Float.isNaN(a) || a < 0.3f) {
      tree0 = -0.4f;
    } else if (Float.isNaN(color) ? !missingLeft : color == 1f || color == 3f) {
      tree0 = 0.7f;
    } else {
      tree0 = 0.1f;
    }
    float tree1;
    if (!Float.isNaN(a) && a < -1.5f) {
      tree1 = Float.isNaN(c) || c < 1e-7f ? -0.2f : 0.15f;
    } else {
      tree1 = 0.05f;
    }
    return (double) margin + tree0 + tree1;
  }

  @Test
  void keepsStatisticsAndClasses() {
    Model model = read(MODEL);
    assertArrayEquals(new String[] {"0", "1"}, model.classes());
    assertEquals(5.5, model.tree(0, 0).gain(0), 0.0);
    assertEquals(100.0, model.tree(0, 0).nodeHessian(0), 0.0);
    assertEquals(40.0, model.tree(0, 0).leafHessian(0), 0.0);
    assertTrue(model.tree(0, 0).isCategorical(1));
  }

  @Test
  void multiclassTreesAreGroupedByOutput() {
    String multi = MODEL.replace("\"tree_info\":[0,0]", "\"tree_info\":[0,1]")
        .replace("\"num_class\":\"0\"", "\"num_class\":\"2\"")
        .replace("binary:logistic", "multi:softprob").replace("2.5E-1", "5E-1");
    Model model = read(multi);
    assertEquals(2, model.numOutputs());
    assertEquals(1, model.numIterations());
    assertEquals(0.5, model.baseScore(1), 0.0);
    double[] raw = new double[2];
    model.predictor().predictRaw(new double[] {-2.0, 2.0, 0.0}, raw);
    assertEquals(0.5 + (double) -0.4f, raw[0], 1e-15);
    assertEquals(0.5 + (double) -0.2f, raw[1], 1e-15);
  }

  @Test
  void logLinkObjectivesTakeTheLogOfTheBaseScore() {
    Model model = read(MODEL.replace("binary:logistic", "count:poisson").replace("2.5E-1", "3E0"));
    assertEquals((float) Math.log(3f), model.baseScore(0), 0.0);
    assertEquals("exp", model.link().name());
    assertNull(model.classes());
  }

  @Test
  void refusesWhatItCannotScore() {
    assertMessage(MODEL.replace("\"name\":\"gbtree\"", "\"name\":\"gblinear\""), "booster 'gblinear'");
    assertMessage(MODEL.replace("binary:logistic", "survival:cox"), "objective 'survival:cox'");
    assertMessage(MODEL.replace("\"tree_info\":[0,0]", "\"tree_info\":[0,5]"), "tree_info[1]");
    assertMessage("{\"learner\": [1, 2", "is not an XGBoost JSON model");
    assertMessage(MODEL.replace("\"size_leaf_vector\":\"1\"}},", "\"size_leaf_vector\":\"3\"}},"),
        "vector leaves");
  }

  private static void assertMessage(String json, String part) {
    InputException e = assertThrows(InputException.class, () -> read(json));
    assertTrue(e.getMessage().startsWith("m.json: ") && e.getMessage().contains(part), e.getMessage());
  }

  private static Model read(String json) {
    return XgboostModelImporter.read(json.getBytes(StandardCharsets.UTF_8), "m.json");
  }
}
