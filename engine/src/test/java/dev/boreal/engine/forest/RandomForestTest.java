package dev.boreal.engine.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.params.Params;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a forest is made of and how it is capped: scikit-learn's defaults, the limits, and refused input. */
class RandomForestTest {

  private static Model train(TrainingData data, int classes, String... params) {
    return RandomForest.train(data, List.of(), ForestTestData.params(classes, params),
        ForestTestData.classes(classes), TrainingListener.NONE);
  }

  @Test
  void defaultsAreScikitLearns() {
    ForestSettings classifier = ForestSettings.of(ForestTestData.params(2), true);
    assertEquals(100, classifier.trees());
    assertEquals(Criterion.GINI, classifier.criterion());
    assertEquals(5, classifier.nodeFeatures(28), "floor(sqrt(28)) features per node");
    assertEquals(1, classifier.nodeFeatures(2));
    assertEquals(1, classifier.minDataInLeaf());
    assertTrue(!classifier.leafCapped() && classifier.maxDepth() <= 0 && classifier.bootstrap());
    ForestSettings regressor = ForestSettings.of(ForestTestData.params(1), false);
    assertEquals(Criterion.SQUARED_ERROR, regressor.criterion());
    assertEquals(28, regressor.nodeFeatures(28), "regression tries every feature");
    ForestSettings set = ForestSettings.of(ForestTestData.params(2, "max_features", "0.5", "max_leaf_nodes", "40",
        "min_samples_leaf", "7", "criterion", "log_loss"), true);
    assertEquals(14, set.nodeFeatures(28));
    assertEquals(40, set.maxLeaves());
    assertEquals(7, set.minDataInLeaf());
    assertEquals(Criterion.ENTROPY, set.criterion());
  }

  @Test
  void aForestIsStoredAsAveragedTreesWithProbabilityLeaves() {
    TrainingData data = ForestTestData.make(500, 3, false, 4);
    Model model = train(data, 3, "num_iterations", "5");
    assertEquals("rf", model.algorithm());
    assertEquals(Model.Ensemble.AVERAGE, model.ensemble());
    assertEquals(Link.IDENTITY, model.link());
    assertEquals(3, model.numOutputs());
    assertEquals(5, model.numIterations());
    assertEquals(5, model.bestIteration());
    for (int t = 0; t < 5; t++) {
      Tree first = model.tree(t, 0);
      for (int leaf = 0; leaf < first.numLeaves(); leaf++) {
        double total = 0;
        for (int k = 0; k < 3; k++) {
          Tree tk = model.tree(t, k);
          assertEquals(first.numNodes(), tk.numNodes(), "the K trees of a forest tree share their splits");
          total += tk.leafValue(leaf);
        }
        assertEquals(1.0, total, 1e-12, "a leaf holds a class distribution");
      }
    }
    assertTrue(Arrays.equals(new double[3], new double[] {model.baseScore(0), model.baseScore(1),
        model.baseScore(2)}));
  }

  @Test
  void limitsCapEveryTree() {
    TrainingData data = ForestTestData.make(1500, 2, true, 6);
    for (Tree t : train(data, 2, "num_iterations", "6", "max_depth", "3").trees()) {
      assertTrue(t.depth() <= 3 && t.numLeaves() > 4, "depth " + t.depth());
    }
    for (Tree t : train(data, 2, "num_iterations", "6", "num_leaves", "9").trees()) {
      assertEquals(9, t.numLeaves());
    }
    for (Tree t : train(data, 2, "num_iterations", "6", "min_data_in_leaf", "25").trees()) {
      for (int l = 0; l < t.numLeaves(); l++) {
        assertTrue(t.leafCount(l) >= 25, "leaf of " + t.leafCount(l) + " rows");
      }
    }
    Model unlimited = train(data, 2, "num_iterations", "6");
    Model gainCapped = train(data, 2, "num_iterations", "6", "min_gain_to_split", "3");
    int leaves = 0;
    for (Tree t : gainCapped.trees()) {
      leaves += t.numLeaves();
      for (int n = 0; n < t.numNodes(); n++) {
        assertTrue(t.gain(n) > 3, "gain " + t.gain(n));
      }
    }
    int unlimitedLeaves = unlimited.trees().stream().mapToInt(Tree::numLeaves).sum();
    assertTrue(leaves * 3 < unlimitedLeaves, leaves + " against " + unlimitedLeaves);
  }

  @Test
  void criterionAndExtraTreesChangeTheForest() {
    TrainingData data = ForestTestData.make(1000, 2, false, 8);
    Model gini = train(data, 2, "num_iterations", "4");
    assertNotEquals(gini.trees(), train(data, 2, "num_iterations", "4", "criterion", "entropy").trees());
    Model extra = train(data, 2, "num_iterations", "4", "extra_trees", "true");
    assertNotEquals(gini.trees(), extra.trees());
    double oobAuc = RandomForest.fit(data, List.of(), ForestTestData.params(2, "num_iterations", "60",
        "extra_trees", "true"), ForestTestData.classes(2), TrainingListener.NONE).model().evalHistory()
        .get("oob").get("auc")[59];
    assertTrue(oobAuc > 0.75, "extremely randomised trees still learn: oob auc " + oobAuc);
  }

  @Test
  void aPureSampleMakesOneLeafTrees() {
    TrainingData base = ForestTestData.make(300, 1, false, 2);
    double[] constant = new double[base.rows()];
    Arrays.fill(constant, 2.5);
    TrainingData flat = new TrainingData("flat", base.data(), base.featureNames(), constant, null, null);
    RandomForest.Trained trained = RandomForest.fit(flat, List.of(), ForestTestData.params(1, "num_iterations", "3"),
        null, TrainingListener.NONE);
    for (Tree t : trained.model().trees()) {
      assertEquals(1, t.numLeaves());
      assertEquals(2.5, t.leafValue(0));
    }
    assertEquals(2.5, trained.outOfBag().prediction(firstScored(trained), 0), "one-leaf trees score out of bag");
  }

  @Test
  void refusesWhatAForestCannotLearn() {
    TrainingData data = ForestTestData.make(100, 2, false, 1);
    assertThrows(UsageException.class, () -> train(data, 1, "objective", "huber"));
    assertThrows(UsageException.class, () -> train(data, 1, "criterion", "gini"));
    assertThrows(UsageException.class, () -> train(data, 2, "criterion", "squared_error"));
    TrainingData three = ForestTestData.make(100, 3, false, 1);
    InputException e = assertThrows(InputException.class, () -> train(three, 2));
    assertTrue(e.getMessage().contains("label at row"), e.getMessage());
    double[] weights = new double[100];
    Arrays.fill(weights, 1);
    weights[7] = -1;
    TrainingData negative = new TrainingData("w", data.data(), data.featureNames(), data.labels(), weights, null);
    e = assertThrows(InputException.class, () -> train(negative, 2));
    assertTrue(e.getMessage().startsWith("w: weight at row 7 is -1.0"), e.getMessage());
  }

  private static int firstScored(RandomForest.Trained trained) {
    for (int r = 0; ; r++) {
      if (trained.outOfBag().treesLeftOut(r) > 0) {
        return r;
      }
    }
  }
}
