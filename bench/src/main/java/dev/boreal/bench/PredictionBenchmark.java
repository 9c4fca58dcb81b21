package dev.boreal.bench;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Datasets;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Prediction with a model trained once per trial on the synthetic Higgs-like data of {@code boreal demo}
 * (100 rounds of {@code leaves} leaves, the 28 numeric features): batch scoring of {@value #TEST_ROWS} test
 * rows from a row-major matrix (on one thread and on two) and from Arrow columns, and scoring one row at a time.
 * {@code walk} picks the predictor's default ranked walk or its portable twin ({@link Predictor#portable()}),
 * so one run compares the two on the same model: {@code -p trainRows=1000000} trains the model of
 * {@code ./boreal bench compare}.
 *
 * <p>Every score is reported per row: batch benchmarks count {@value #TEST_ROWS} operations per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class PredictionBenchmark {
  static final int TEST_ROWS = 20_000;

  @Param({"200000"})
  int trainRows;

  @Param({"255"})
  int leaves;

  @Param({"ranked", "portable", "compiled"})
  String walk;

  private Path dir;
  private RootAllocator allocator;
  private Table testTable;
  private List<FeatureColumn> testColumns;
  private Predictor predictor;
  private Parallel twoThreads;
  private double[] rowMajor;
  private double[] batchOut;
  private double[] row;
  private double[] rowOut;
  private int next;

  /** Writes the data, trains the model and reads the test rows once per trial. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("boreal-predict-bench");
    Path train = dir.resolve("train.csv");
    Path test = dir.resolve("test.csv");
    SyntheticData.writeCsv(train, trainRows, 42);
    SyntheticData.writeCsv(test, TEST_ROWS, 43);
    allocator = new RootAllocator();
    ReadOptions options = ReadOptions.defaults().withLabel(SyntheticData.LABEL)
        .withIgnore(Set.of(SyntheticData.CHANNEL));
    Params params = Params.of(Map.of("objective", "binary", "num_leaves", Integer.toString(leaves),
        "num_iterations", "100", "learning_rate", "0.1"));
    Model model;
    try (Parallel team = new Parallel(Settings.threads(params));
        Datasets.Prepared prepared = Datasets.prepare(Learners.GBDT, train, List.of(), options, params, team,
            allocator)) {
      model = Learners.GBDT.fit(prepared.data(), TrainingListener.NONE, team);
    }
    predictor = switch (walk) {
      case "portable" -> model.predictor().portable();
      case "compiled" -> model.predictor().compiled();
      default -> model.predictor();
    };
    twoThreads = new Parallel(2);
    testTable = DataReaders.read(test, options, allocator);
    testColumns = Datasets.columnsFor(testTable, model.featureNames(), model.mappers());
    int f = model.numFeatures();
    rowMajor = new double[TEST_ROWS * f];
    double[] column = new double[TEST_ROWS];
    for (int c = 0; c < f; c++) {
      testColumns.get(c).readValues(0, TEST_ROWS, column);
      for (int r = 0; r < TEST_ROWS; r++) {
        rowMajor[r * f + c] = column[r];
      }
    }
    batchOut = new double[TEST_ROWS];
    row = new double[f];
    rowOut = new double[1];
  }

  /** Frees the test table and deletes the data. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    twoThreads.close();
    testTable.close();
    allocator.close();
    Files.delete(dir.resolve("train.csv"));
    Files.delete(dir.resolve("test.csv"));
    Files.delete(dir);
  }

  /** Raw scores of every test row from a row-major matrix. */
  @Benchmark
  @OperationsPerInvocation(TEST_ROWS)
  public double[] batchRowMajor() {
    predictor.predictRaw(rowMajor, TEST_ROWS, batchOut);
    return batchOut;
  }

  /** The same on two threads, as {@code ./boreal bench compare} scores its test rows. */
  @Benchmark
  @OperationsPerInvocation(TEST_ROWS)
  public double[] batchRowMajorTwoThreads() {
    predictor.predictRaw(rowMajor, TEST_ROWS, batchOut, twoThreads);
    return batchOut;
  }

  /** Raw scores of every test row straight from its Arrow columns. */
  @Benchmark
  @OperationsPerInvocation(TEST_ROWS)
  public double[] batchColumns() {
    predictor.predictRaw(testColumns, batchOut);
    return batchOut;
  }

  /** The raw score of one row, as a scoring service asks for it; the rows cycle through the test set. */
  @Benchmark
  public double singleRow() {
    int f = row.length;
    System.arraycopy(rowMajor, next * f, row, 0, f);
    next = next + 1 == TEST_ROWS ? 0 : next + 1;
    predictor.predictRaw(row, rowOut);
    return rowOut[0];
  }
}
