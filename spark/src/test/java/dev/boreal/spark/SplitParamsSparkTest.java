package dev.boreal.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.Tree;
import java.util.BitSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The params of {@link BorealSplitParams} on three partitions: each trains what one machine trains with the same
 * LightGBM parameter, changes the model, and is recorded in it; the constraints hold in the trained trees.
 */
class SplitParamsSparkTest {

  @Test
  void extraTreesOnThreePartitionsEqualOneMachine() {
    Model spark = BorealClassifierTest.threePartitionsWith(r -> r.setExtraTrees(true).setExtraSeed(9),
        Map.of("extra_trees", "true", "extra_seed", "9"), Map.of("extra_trees", "false"), 23);
    assertEquals("true", spark.params().get("extra_trees"));
    assertEquals("9", spark.params().get("extra_seed"));
  }

  @Test
  void monotoneConstraintsHoldOnThreePartitions() {
    Model spark = BorealClassifierTest.threePartitionsWith(r -> r.setMonotoneConstraints(new int[] {1, 0, -1, 0, 0}),
        Map.of("monotone_constraints", "1,0,-1,0,0"), Map.of("monotone_constraints", ""), 29);
    assertEquals("1,0,-1,0,0", spark.params().get("monotone_constraints"));
    Predictor predictor = spark.predictor();
    double[] out = new double[1];
    double[][] x = SparkTestData.features(40, 31);
    for (double[] row : x) {
      for (int feature : new int[] {0, 2}) {
        double previous = Double.NaN;
        for (double v = -3; v <= 3; v += 0.25) {
          double[] probe = row.clone();
          probe[feature] = v;
          predictor.predictRaw(probe, out);
          double score = out[0];
          if (!Double.isNaN(previous)) {
            double step = feature == 0 ? score - previous : previous - score;
            assertTrue(step >= 0, "feature " + feature + " at " + v + " moves the score the wrong way by " + step);
          }
          previous = score;
        }
      }
    }
  }

  @Test
  void interactionConstraintsHoldOnThreePartitions() {
    Model spark = BorealClassifierTest.threePartitionsWith(r -> r.setInteractionConstraints("[0,3],[1,2,4]"),
        Map.of("interaction_constraints", "[0,3],[1,2,4]"), Map.of("interaction_constraints", ""), 37);
    BitSet first = new BitSet();
    first.set(0);
    first.set(3);
    for (Tree tree : spark.trees()) {
      assertOneGroupPerPath(tree, 0, new BitSet(), first);
    }
  }

  /** Every root-to-leaf path below {@code node} splits on features of {@code first} only, or outside it only. */
  private static void assertOneGroupPerPath(Tree tree, int node, BitSet used, BitSet first) {
    if (node < 0 || tree.numNodes() == 0) {
      boolean inFirst = used.intersects(first);
      BitSet outside = (BitSet) used.clone();
      outside.andNot(first);
      assertTrue(!inFirst || outside.isEmpty(), "a path mixes the groups: features " + used);
      return;
    }
    BitSet withThis = (BitSet) used.clone();
    withThis.set(tree.feature(node));
    assertOneGroupPerPath(tree, tree.left(node), withThis, first);
    assertOneGroupPerPath(tree, tree.right(node), withThis, first);
  }

  @Test
  void categoricalSplitParamsOnThreePartitionsEqualOneMachine() {
    Model spark = BorealClassifierTest.threePartitionsWith(r -> r.setMaxCatToOnehot(2).setCatSmooth(1)
            .setMinDataPerGroup(5).setCatL2(0.5).setCatL2PerCategory(false).setMaxCatThreshold(2),
        Map.of("max_cat_to_onehot", "2", "cat_smooth", "1", "min_data_per_group", "5", "cat_l2", "0.5",
            "cat_l2_per_category", "false", "max_cat_threshold", "2"),
        Map.of("min_data_per_group", "700"), 41);
    Map<String, String> recorded = spark.params();
    assertEquals("2", recorded.get("max_cat_to_onehot"));
    assertEquals("1.0", recorded.get("cat_smooth"));
    assertEquals("5", recorded.get("min_data_per_group"));
    assertEquals("0.5", recorded.get("cat_l2"));
    assertEquals("false", recorded.get("cat_l2_per_category"));
    assertEquals("2", recorded.get("max_cat_threshold"));
    boolean manyVsMany = false;
    for (Tree tree : spark.trees()) {
      for (int node = 0; node < tree.numNodes(); node++) {
        manyVsMany |= tree.isCategorical(node) && Long.bitCount(tree.leftCategoryBins(node)[0]) == 2;
      }
    }
    assertTrue(manyVsMany, "with max_cat_to_onehot 2 some split puts two colours on one side");
  }

  @Test
  void binningParamsReachTheDriversSample() {
    double[][] x = SparkTestData.features(1500, 43);
    double[] y = SparkTestData.labels(x, "regression", 43);
    Model coarse = new BorealRegressor().setNumIterations(2).setNumThreads(1).setMinDataInBin(300)
        .setBinConstructSampleCnt(1200).setDataRandomSeed(5).fit(SparkTestData.frame(x, y, 3)).borealModel();
    Model fine = new BorealRegressor().setNumIterations(2).setNumThreads(1).fit(SparkTestData.frame(x, y, 3))
        .borealModel();
    int coarseBins = coarse.mappers().get(0).numBins();
    assertTrue(coarseBins <= 1200 / 300 + 2, "at most one bin per 300 of 1,200 sampled rows, and missing: "
        + coarseBins);
    assertTrue(fine.mappers().get(0).numBins() > 100, "the default bins: " + fine.mappers().get(0).numBins());
    assertEquals("300", coarse.params().get("min_data_in_bin"));
    assertEquals("1200", coarse.params().get("bin_construct_sample_cnt"));
  }
}
