package dev.boreal.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.gbdt.GradientBoosting;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.params.Params;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;

/**
 * Spark jobs per tree grow with the tree's depth, not with its splits: a job builds the children of every leaf
 * the learner has queued, and the learner still makes one machine's splits from them. Level by level, that is
 * one job a level; best leaf first, a leaf split late can need a job of its own for its children, so the count
 * lies between the depth and the splits.
 */
class JobsPerTreeTest {
  private static final int ROWS = 3000;
  private static final String PROBE = "boreal.test.probe";

  @Test
  void depthwiseQuantizedTreesTakeTwoJobsPlusOnePerLevelAndEqualOneMachine() throws Exception {
    double[][] x = SparkTestData.features(ROWS, 41);
    double[] y = SparkTestData.labels(x, "binary", 41);
    Map<String, String> params = Map.of("num_leaves", "20", "max_depth", "5", "grow_policy", "depthwise",
        "learning_rate", "0.3", "min_data_in_leaf", "5", "num_threads", "1", "use_quantized_grad", "true");
    BorealClassifier classifier = new BorealClassifier().setNumLeaves(20).setMaxDepth(5).setGrowPolicy("depthwise")
        .setLearningRate(0.3).setMinDataInLeaf(5).setNumThreads(1).setUseQuantizedGrad(true);
    // Extremes, root, then a job per level below the root at most.
    Model model = assertJobsPerTree(x, y, classifier, 2, true);
    Model local = GradientBoosting.train(BorealClassifierTest.trainingData(model, x, y, null), List.of(),
        Params.of(params).with("objective", "binary").with("num_iterations", "6"), new String[] {"0", "1"},
        TrainingListener.NONE);
    assertEquals(file(local), file(model));
  }

  @Test
  void leafwiseFloatTreesTakeFewerJobsThanSplitsAndEqualOneMachine() throws Exception {
    double[][] x = SparkTestData.features(ROWS, 43);
    double[] y = SparkTestData.labels(x, "binary", 43);
    Map<String, String> params = Map.of("num_leaves", "24", "learning_rate", "0.3", "min_data_in_leaf", "5",
        "num_threads", "1");
    BorealClassifier classifier = new BorealClassifier().setNumLeaves(24).setLearningRate(0.3).setMinDataInLeaf(5)
        .setNumThreads(1);
    // The root, then fewer jobs than splits.
    Model model = assertJobsPerTree(x, y, classifier, 1, false);
    Model local = GradientBoosting.train(BorealClassifierTest.trainingData(model, x, y, null), List.of(),
        Params.of(params).with("objective", "binary").with("num_iterations", "6"), new String[] {"0", "1"},
        TrainingListener.NONE);
    assertArrayEquals(BorealClassifierTest.raw(local, x), BorealClassifierTest.raw(model, x), 1e-9);
  }

  /**
   * Fits 2 and 6 iterations on 3 partitions and checks that the 4 trees more cost at most {@code perTree} jobs
   * plus their depths ({@code byDepth}), or else fewer than a job a split, while each has more splits than
   * its depth plus {@code perTree}. Returns the 6-iteration model.
   */
  private static Model assertJobsPerTree(double[][] x, double[] y, BorealClassifier classifier, int perTree,
      boolean byDepth) throws Exception {
    int shortRun = jobs(() -> classifier.setNumIterations(2).fit(SparkTestData.orderedFrame(x, y, 3)));
    Model[] model = new Model[1];
    int longRun = jobs(() -> model[0] = classifier.setNumIterations(6).fit(SparkTestData.orderedFrame(x, y, 3))
        .borealModel());
    List<Tree> trees = model[0].trees();
    assertEquals(6, trees.size());
    int bound = 0;
    for (Tree tree : trees.subList(2, 6)) {
      bound += perTree + (byDepth ? tree.depth() : tree.numNodes() - 1);
      assertTrue(tree.numNodes() > perTree + tree.depth(), "a tree of " + tree.numNodes() + " splits and depth "
          + tree.depth() + " would not tell one job a split from one a level");
    }
    int extra = longRun - shortRun;
    assertTrue(extra <= bound, "4 trees took " + extra + " jobs, more than " + bound + " ("
        + (byDepth ? "their depths" : "their splits less one") + " plus " + perTree + " each)");
    return model[0];
  }

  /** The Spark jobs {@code fit} runs, counted by a listener (a probe job tells when it has seen them all). */
  private static int jobs(Runnable fit) throws InterruptedException {
    SparkContext sc = SparkTestData.spark().sparkContext();
    AtomicInteger count = new AtomicInteger();
    CountDownLatch probed = new CountDownLatch(1);
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        if (start.properties() != null && start.properties().getProperty(PROBE) != null) {
          probed.countDown();
        } else {
          count.incrementAndGet();
        }
      }
    };
    sc.addSparkListener(listener);
    try {
      fit.run();
      sc.setLocalProperty(PROBE, "1");
      JavaSparkContext.fromSparkContext(sc).parallelize(List.of(1), 1).count();
      sc.setLocalProperty(PROBE, null);
      assertTrue(probed.await(30, TimeUnit.SECONDS), "the listener never saw the probe job");
    } finally {
      sc.removeSparkListener(listener);
    }
    return count.get();
  }

  private static String file(Model model) {
    return new String(ModelBytes.of(model), StandardCharsets.UTF_8);
  }
}
