package dev.boreal.bench;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.params.Params;
import dev.boreal.engine.tree.GrownTree;
import dev.boreal.engine.tree.TreeLearner;
import dev.boreal.engine.tree.TreeParams;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Growing one tree with {@link TreeLearner#grow}: histogram building, split search (package-private, so
 * measured through the learner) and row partitioning together, the work of one boosting round.
 *
 * <p>The data is HIGGS-shaped ({@code rows} × {@code features} doubles, binned with LightGBM's defaults);
 * the gradients and hessians are those of logistic loss at a score of zero for labels that depend on a few
 * features, so trees find real structure and grow to {@code leaves} leaves as in the first round of training.
 *
 * <p>{@code values=binary} makes every feature 0/1 with one row in six set, the shape of one-hot data such
 * as agaricus; {@code -p rows=6500 -p features=126 -p values=binary -p leaves=31} measures the per-tree cost
 * on small data, where the work that does not scale with rows weighs most.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class TreeGrowBenchmark {
  @Param({"1000000"})
  int rows;

  @Param({"28"})
  int features;

  @Param({"31", "255"})
  int leaves;

  @Param({"2"})
  int threads;

  /** {@code gaussian}: continuous features; {@code binary}: sparse 0/1 features (one-hot data). */
  @Param({"gaussian"})
  String values;

  private RootAllocator allocator;
  private List<Float8Vector> vectors;
  private Parallel parallel;
  private TreeLearner learner;
  private int[] treeFeatures;
  private double[] gradients;
  private double[] hessians;

  /** Builds the binned data, the learner and the gradients once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    vectors = new ArrayList<>(features);
    List<FeatureColumn> columns = new ArrayList<>(features);
    SplittableRandom random = new SplittableRandom(7);
    double[] margin = new double[rows];
    for (int f = 0; f < features; f++) {
      Float8Vector vector = new Float8Vector("f" + f, allocator);
      vector.allocateNew(rows);
      for (int r = 0; r < rows; r++) {
        double x = "binary".equals(values) ? (random.nextInt(6) == 0 ? 1 : 0) : random.nextGaussian();
        vector.set(r, x);
        // A label driven by a few features and one interaction, so splits have gains to rank.
        if (f < 4) {
          margin[r] += (f + 1) * x * (f == 1 ? Math.signum(margin[r]) : 1);
        }
      }
      vector.setValueCount(rows);
      vectors.add(vector);
      columns.add(FeatureColumn.numeric("f" + f, vector));
    }
    BinnedData binned = BinnedData.fit(columns, null, BinningParams.defaults().withThreads(threads));
    // Through the parameter table, so the benchmark follows whatever settings training itself derives.
    TreeParams params = Settings.tree(Params.of(Map.of("num_leaves", Integer.toString(leaves))), features);
    parallel = new Parallel(threads);
    learner = new TreeLearner(binned, params, parallel);
    treeFeatures = learner.usableFeatures();
    gradients = new double[rows];
    hessians = new double[rows];
    for (int r = 0; r < rows; r++) {
      double label = margin[r] + random.nextGaussian() > 0 ? 1 : 0;
      gradients[r] = 0.5 - label; // logistic loss at score 0: p − y with p = 0.5
      hessians[r] = 0.25;
    }
  }

  /** Frees the pool and the Arrow memory. */
  @TearDown(Level.Trial)
  public void tearDown() {
    parallel.close();
    for (Float8Vector vector : vectors) {
      vector.close();
    }
    allocator.close();
  }

  /** One tree over every row. */
  @Benchmark
  public int growTree() {
    GrownTree tree = learner.grow(null, rows, gradients, hessians, treeFeatures, 1L);
    return tree.numLeaves();
  }
}
