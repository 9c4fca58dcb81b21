package dev.boreal.bench;

import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.histogram.Histogram;
import dev.boreal.histogram.HistogramBuilder;
import dev.boreal.histogram.WorkerTeam;
import java.util.ArrayList;
import java.util.List;
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
 * Binning and histogram building on a HIGGS-shaped table: {@code rows} × {@code features} uniform
 * doubles in Arrow {@link Float8Vector}s, binned with LightGBM's defaults on {@code threads} threads.
 *
 * <p>{@code fit} learns bins and codes the data; {@code apply} codes it with bins learned before;
 * {@code rootHistogram} builds every feature's histogram over all rows with gradients by row; and
 * {@code leafHistogram} builds it for a leaf holding all rows in shuffled order, which adds the gather
 * into ordered gradients and the random reads of bin codes that deeper leaves pay.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class BinningBenchmark {
  @Param({"1000000"})
  int rows;

  @Param({"28"})
  int features;

  @Param({"2"})
  int threads;

  private RootAllocator allocator;
  private List<Float8Vector> vectors;
  private List<FeatureColumn> columns;
  private BinningParams params;
  private BinnedData binned;
  private WorkerTeam team;
  private HistogramBuilder builder;
  private Histogram histogram;
  private double[] gradients;
  private double[] hessians;
  private int[] shuffledRows;

  /** Builds the Arrow columns, the binned data and the gradients once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    vectors = new ArrayList<>(features);
    columns = new ArrayList<>(features);
    SplittableRandom random = new SplittableRandom(42);
    for (int f = 0; f < features; f++) {
      Float8Vector vector = new Float8Vector("f" + f, allocator);
      vector.allocateNew(rows);
      for (int r = 0; r < rows; r++) {
        vector.set(r, random.nextDouble() * (f + 1));
      }
      vector.setValueCount(rows);
      vectors.add(vector);
      columns.add(FeatureColumn.numeric("f" + f, vector));
    }
    params = BinningParams.defaults().withThreads(threads);
    binned = BinnedData.fit(columns, null, params);
    team = new WorkerTeam(threads);
    builder = new HistogramBuilder(binned, team);
    histogram = new Histogram(binned);
    gradients = new double[rows];
    hessians = new double[rows];
    shuffledRows = new int[rows];
    for (int r = 0; r < rows; r++) {
      gradients[r] = random.nextDouble() * 2 - 1;
      hessians[r] = random.nextDouble();
      shuffledRows[r] = r;
    }
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = shuffledRows[i];
      shuffledRows[i] = shuffledRows[j];
      shuffledRows[j] = t;
    }
  }

  /** Frees the Arrow memory and the team. */
  @TearDown(Level.Trial)
  public void tearDown() {
    team.close();
    for (Float8Vector vector : vectors) {
      vector.close();
    }
    allocator.close();
  }

  /** Learns bins from a 200,000-row sample and codes every row. */
  @Benchmark
  public BinnedData fit() {
    return BinnedData.fit(columns, null, params);
  }

  /** Codes every row with bins learned before. */
  @Benchmark
  public BinnedData apply() {
    return BinnedData.apply(binned.mappers(), columns, threads);
  }

  /** Every feature's histogram over all rows, gradients read by row. */
  @Benchmark
  public Histogram rootHistogram() {
    builder.buildAll(gradients, hessians, histogram);
    return histogram;
  }

  /** Every feature's histogram for a leaf of all rows in shuffled order (gather plus random reads). */
  @Benchmark
  public Histogram leafHistogram() {
    builder.build(shuffledRows, 0, rows, gradients, hessians, histogram);
    return histogram;
  }
}
