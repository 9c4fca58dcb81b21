package dev.boreal.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.boreal.InputException;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link TreeBuilder} builds what it is given and refuses, with one sentence naming the tree and the node or
 * leaf, every structure a walk from the root could not finish or would misread; {@link Model} refuses trees and
 * settings that do not fit its schema and outputs.
 */
class TreeBuilderTest {

  /** f0 <= 2 (missing left) → [f1 <= 0 (missing right)], else [f2 in bins {0, 2}]: as PredictorTest's treeA. */
  private static TreeBuilder treeA() {
    return new TreeBuilder(3, 4)
        .numeric(0, 0, 2.0, 1, true).children(0, 1, 2).nodeStats(0, 1.5, 10.0, 10)
        .numeric(1, 1, 0.0, 1, false).children(1, ~0, ~1).nodeStats(1, 1.5, 10.0, 10)
        .categorical(2, 2, new long[] {0b101L}, false).children(2, ~2, ~3).nodeStats(2, 1.5, 10.0, 10)
        .leaf(0, 0.25, 2.5, 3).leaf(1, -0.5, 2.5, 3).leaf(2, 1.125, 2.5, 3).leaf(3, 0.75, 2.5, 3);
  }

  private static String error(Consumer<TreeBuilder> change) {
    TreeBuilder b = treeA();
    change.accept(b);
    return assertThrows(InputException.class, () -> b.build("m.txt: tree 4")).getMessage();
  }

  @Test
  void buildsWhatItIsGiven() {
    assertEquals(PredictorFixtures.treeA(), treeA().build("tree"));
    Tree a = treeA().build("tree");
    assertEquals(2, a.right(0));
    assertEquals(~3, a.right(2));
    assertEquals(1.125, a.leafValue(2), 0.0);
    assertEquals(Double.NaN, a.threshold(2), 0.0);
    assertEquals(-1, a.thresholdBin(2));
  }

  @Test
  void refusesChildrenOutOfRangeAsWrittenBeforeAnyCast() {
    // 2^40 is 0 once cast to int: node 0 would be its own child.
    assertEquals("m.txt: tree 4 node 0 has left child 1099511627776, outside the tree's 3 internal nodes (0 to 2) "
        + "and 4 leaves (-1 to -4).", error(b -> b.children(0, 1L << 40, 2)));
    assertEquals("m.txt: tree 4 node 2 has right child -5, outside the tree's 3 internal nodes (0 to 2) and 4 leaves "
        + "(-1 to -4).", error(b -> b.children(2, ~2, ~4)));
    assertEquals("m.txt: tree 4 node 1 has left child 3, outside the tree's 3 internal nodes (0 to 2) and 4 leaves "
        + "(-1 to -4).", error(b -> b.children(1, 3, ~1)));
  }

  @Test
  void refusesCyclesSharedChildrenAndTwins() {
    assertEquals("m.txt: tree 4 reaches node 0 twice, the second time from node 2, which lies below it: its child "
        + "pointers form a cycle.", error(b -> b.children(2, 0, ~3)));
    assertEquals("m.txt: tree 4 reaches node 1 twice, the second time from node 2; every node must hang from one "
        + "parent.", error(b -> b.children(2, 1, ~3)));
    assertEquals("m.txt: tree 4 reaches leaf 0 twice, the second time from node 1; every leaf must hang from one "
        + "node.", error(b -> b.children(2, ~0, ~3)));
    assertEquals("m.txt: tree 4 node 2 has leaf 3 as both its left and its right child.",
        error(b -> b.children(2, ~3, ~3)));
    assertEquals("m.txt: tree 4 node 1 has node 2 as both its left and its right child.",
        error(b -> b.children(1, 2, 2)));
  }

  @Test
  void refusesUnreachableNodesAndLeaves() {
    TreeBuilder orphanLeaf = new TreeBuilder(1, 3).numeric(0, 0, 1.0, 0, true).children(0, ~0, ~1);
    assertEquals("t: tree 0 leaf 2 cannot be reached from the root.",
        assertThrows(InputException.class, () -> orphanLeaf.build("t: tree 0")).getMessage());
    TreeBuilder orphanNode = new TreeBuilder(2, 3).numeric(0, 0, 1.0, 0, true).children(0, ~0, ~1)
        .numeric(1, 0, 1.0, 0, true).children(1, ~2, ~1);
    // Node 1 reaches leaf 1 again, which the walk never gets to: it only sees node 1 was never reached.
    assertEquals("t: tree 0 node 1 cannot be reached from the root.",
        assertThrows(InputException.class, () -> orphanNode.build("t: tree 0")).getMessage());
    assertEquals("t: tree 0 has no leaf.",
        assertThrows(InputException.class, () -> new TreeBuilder(0, 0).build("t: tree 0")).getMessage());
  }

  @Test
  void refusesThresholdsThatAreNotNumbersAndNegativeFeatures() {
    assertEquals("m.txt: tree 4 node 1 has a numeric split on feature 1 whose threshold is NaN; a numeric split "
        + "needs a number.", error(b -> b.numeric(1, 1, Double.NaN, 1, false)));
    assertEquals("m.txt: tree 4 node 0 splits on feature -3; feature indices start at 0.",
        error(b -> b.numeric(0, -3, 2.0, 1, true)));
  }

  private static String modelError(Link link, double[] base, String[] classes, Tree tree) {
    return assertThrows(IllegalArgumentException.class, () -> new Model("gbdt", "test", link, PredictorFixtures.NAMES,
        PredictorFixtures.MAPPERS, classes, base, List.of(tree), Model.Ensemble.SUM, 1, Map.of(), Map.of()))
        .getMessage();
  }

  @Test
  void modelRefusesLeafValuesBaseScoresAndLinksThatDoNotFit() {
    Tree a = treeA().build("tree");
    assertEquals("base score 0 is NaN, not a finite number",
        modelError(Link.IDENTITY, new double[] {Double.NaN}, null, a));
    assertEquals("base score 0 is Infinity, not a finite number",
        modelError(Link.IDENTITY, new double[] {Double.POSITIVE_INFINITY}, null, a));
    assertEquals("tree 0 leaf 1 has value NaN; leaf values must be finite",
        modelError(Link.IDENTITY, new double[] {0}, null, treeA().leaf(1, Double.NaN, 1, 1).build("t")));
    assertEquals("tree 0 leaf 3 has value -Infinity; leaf values must be finite",
        modelError(Link.IDENTITY, new double[] {0}, null, treeA().leaf(3, Double.NEGATIVE_INFINITY, 1, 1).build("t")));
    assertEquals("a softmax link needs two or more outputs, but the model has 1",
        modelError(Link.SOFTMAX, new double[] {0}, new String[] {"a", "b"}, a));
    assertEquals("an exp link gives counts or rates, not the probabilities a classifier of 2 classes needs",
        modelError(Link.EXP, new double[] {0}, new String[] {"a", "b"}, a));
  }

  @Test
  void modelRefusesSplitsThatDoNotFitTheirFeature() {
    double[] base = {0};
    assertEquals("tree 0 node 0 has threshold 2.5 but threshold bin 1, whose upper bound is 2.0",
        modelError(Link.IDENTITY, base, null, treeA().numeric(0, 0, 2.5, 1, true).build("t")));
    assertEquals("tree 0 node 0 has threshold bin 4, outside the value bins 0 to 3 of feature 0",
        modelError(Link.IDENTITY, base, null, treeA().numeric(0, 0, 2.0, 4, true).build("t")));
    assertEquals("tree 0 node 2 splits feature 2 as numeric but its bin mapper is not",
        modelError(Link.IDENTITY, base, null, treeA().numeric(2, 2, 2.0, 1, true).build("t")));
    assertEquals("tree 0 node 1 splits on feature 7 of 3",
        modelError(Link.IDENTITY, base, null, treeA().numeric(1, 7, 0.0, 1, false).build("t")));
    BinMapper wide = BinMapper.ofCategorical(
        java.util.stream.IntStream.range(0, 70).mapToObj(Integer::toString).toArray(String[]::new), false);
    assertEquals("tree 0 node 2 has a bitset of 1 words, too few for the 71 bins of feature 2",
        assertThrows(IllegalArgumentException.class, () -> new Model("gbdt", "test", Link.IDENTITY,
            PredictorFixtures.NAMES, List.of(PredictorFixtures.MAPPERS.get(0), PredictorFixtures.MAPPERS.get(1), wide), null,
            base, List.of(treeA().build("t")), Model.Ensemble.SUM, 1, Map.of(), Map.of())).getMessage());
  }

  private static String objectiveError(String algorithm, String objective, Link link, int outputs, String[] classes,
      List<String> names) {
    List<Tree> trees = java.util.Collections.nCopies(outputs, treeA().build("t"));
    return assertThrows(IllegalArgumentException.class, () -> new Model(algorithm, objective, link, names,
        PredictorFixtures.MAPPERS, classes, new double[outputs], trees, Model.Ensemble.SUM, 1, Map.of(), Map.of()))
        .getMessage();
  }

  @Test
  void modelRefusesClassesFeatureNamesAndObjectivesThatDoNotFit() {
    List<String> names = PredictorFixtures.NAMES;
    assertEquals("a classifier needs two or more classes, but the model lists 1 ('0')",
        objectiveError("gbdt", "binary", Link.sigmoid(1), 1, new String[] {"0"}, names));
    assertEquals("class 'a' is listed twice; class labels must be distinct",
        objectiveError("gbdt", "multiclass", Link.SOFTMAX, 3, new String[] {"a", "b", "a"}, names));
    assertEquals("the model lists 3 classes for 2 outputs; a model of several outputs has one class per output",
        objectiveError("gbdt", "multiclass", Link.SOFTMAX, 2, new String[] {"a", "b", "c"}, names));
    assertEquals("the model lists 3 classes for 1 output, which scores 2 classes",
        objectiveError("gbdt", "binary", Link.sigmoid(1), 1, new String[] {"a", "b", "c"}, names));
    assertEquals("objective regression does not classify, but the model lists 2 classes",
        objectiveError("gbdt", "regression", Link.IDENTITY, 1, new String[] {"a", "b"}, names));
    assertEquals("objective binary needs one output, but the model has 2",
        objectiveError("gbdt", "binary", Link.SOFTMAX, 2, new String[] {"a", "b"}, names));
    assertEquals("objective multiclass needs two or more outputs, but the model has 1",
        objectiveError("gbdt", "multiclass", Link.sigmoid(1), 1, new String[] {"a", "b"}, names));
    assertEquals("objective binary predicts through the sigmoid link, but the model's link is identity",
        objectiveError("gbdt", "binary", Link.IDENTITY, 1, new String[] {"a", "b"}, names));
    assertEquals("objective poisson predicts through the exp link, but the model's link is identity",
        objectiveError("gbdt", "poisson", Link.IDENTITY, 1, null, names));
    assertEquals("features 0 and 2 are both named 'f0'; feature names must be distinct",
        objectiveError("gbdt", "regression", Link.IDENTITY, 1, null, List.of("f0", "f1", "f0")));
    // A forest averages probabilities, so it keeps the identity link; an objective Boreal does not train is not
    // checked.
    new Model("rf", "binary", Link.IDENTITY, names, PredictorFixtures.MAPPERS, new String[] {"a", "b"},
        new double[1], List.of(treeA().build("t")), Model.Ensemble.AVERAGE, 1, Map.of(), Map.of());
    new Model("gbdt", "reg:logistic", Link.sigmoid(1), names, PredictorFixtures.MAPPERS, null, new double[1],
        List.of(treeA().build("t")), Model.Ensemble.SUM, 1, Map.of(), Map.of());
  }

  @Test
  void modelRefusesStatisticsExplanationsCannotWeigh() {
    assertEquals("tree 0 leaf 2 has row count -4; counts cannot be negative", modelError(Link.IDENTITY,
        new double[] {0}, null, treeA().leaf(2, 1.0, 2.5, -4).build("t")));
    assertEquals("tree 0 node 1 has hessian sum Infinity; it must be finite and not negative", modelError(Link.IDENTITY,
        new double[] {0}, null, treeA().nodeStats(1, 1.0, Double.POSITIVE_INFINITY, 3).build("t")));
    assertEquals("tree 0 leaf 0 has hessian sum -5.0; it must be finite and not negative", modelError(Link.IDENTITY,
        new double[] {0}, null, treeA().leaf(0, 1.0, -5.0, 3).build("t")));
    assertEquals("tree 0 node 0 has split gain NaN; a gain must be a number", modelError(Link.IDENTITY,
        new double[] {0}, null, treeA().nodeStats(0, Double.NaN, 1.0, 3).build("t")));
  }
}
