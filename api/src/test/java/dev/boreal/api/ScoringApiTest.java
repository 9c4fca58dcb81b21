package dev.boreal.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring contract of the Java API on a model with a categorical feature: one shared predictor gives
 * every thread the answers one thread gets, and scoring a {@code double[]} row allocates nothing.
 */
class ScoringApiTest {
  @TempDir
  static Path dir;
  static Model model;
  static double[] rows;
  static final int ROWS = 2000;

  @BeforeAll
  static void train() throws IOException {
    Path file = dir.resolve("train.csv");
    SyntheticData.writeCsv(file, 3000, 8);
    try (Table t = Boreal.read(file, ReadOptions.defaults().withLabel(SyntheticData.LABEL).withThreads(2))) {
      model = Boreal.gradientBoosting().objective("binary").numIterations(30).threads(2).build().fit(t);
    }
    int f = model.numFeatures();
    SplittableRandom random = new SplittableRandom(4);
    rows = new double[ROWS * f];
    for (int i = 0; i < rows.length; i++) {
      // The categorical channel (last) names its categories by text, which a double[] row cannot hold: missing.
      rows[i] = random.nextInt(10) == 0 || i % f == f - 1 ? Double.NaN : random.nextDouble() * 3;
    }
  }

  @Test
  void oneSharedPredictorGivesEveryThreadTheSameAnswers() throws Exception {
    Predictor predictor = model.predictor();
    double[] expected = new double[ROWS];
    predictor.predict(rows, ROWS, expected);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          int f = model.numFeatures();
          double[] row = new double[f];
          double[] out = new double[ROWS];
          for (int r = 0; r < ROWS; r++) {
            System.arraycopy(rows, r * f, row, 0, f);
            out[r] = predictor.predict(row);
          }
          return out;
        }));
      }
      for (Future<double[]> result : results) {
        assertArrayEquals(expected, result.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void scoringADoubleRowAllocatesNothing() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "this JVM cannot count allocated bytes");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    Predictor predictor = model.predictor();
    int f = model.numFeatures();
    double[] row = new double[f];
    double sink = 0;
    for (int pass = 0; pass < 2; pass++) { // the first pass warms up the JIT and the per-thread scratch
      long id = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(id);
      for (int r = 0; r < ROWS; r++) {
        System.arraycopy(rows, r * f, row, 0, f);
        sink += predictor.predict(row);
      }
      long allocated = threads.getThreadAllocatedBytes(id) - before;
      if (pass == 1) {
        // A single boxed double or array per row would be 32,000 bytes or more.
        assertTrue(allocated < 2_000, allocated + " bytes allocated scoring " + ROWS + " rows (sink " + sink + ")");
      }
    }
  }
}
