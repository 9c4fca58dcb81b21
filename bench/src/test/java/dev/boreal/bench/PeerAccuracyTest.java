package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boreal.engine.learn.Learners;
import dev.boreal.io.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Boreal against LightGBM on the peers' own example data, with the same parameters (100 rounds, learning
 * rate 0.1, 31 leaves, 2 threads, defaults otherwise) and the same rows: Boreal reads the files itself,
 * LightGBM trains from the matrix Boreal's reader parsed, and both test metrics are computed by Boreal's
 * metric classes on raw outputs.
 *
 * <p>LightGBM runs in a child JVM ({@link CompareChild}), as in the comparison harness: its native library
 * and OpenMP threads stay out of the test JVM, which they can crash at exit.
 *
 * <p>The targets are the lead's: a data set that misses one fails with both figures in the message.
 */
class PeerAccuracyTest {

  /** How Boreal's figure must relate to LightGBM's, with the bound in {@code cases()}. */
  enum Target {
    /** Boreal ≥ the bound itself. */
    AT_LEAST,
    /** Boreal ≥ bound × LightGBM (higher is better). */
    AT_LEAST_TIMES_LIGHTGBM,
    /** Boreal ≤ bound × LightGBM (lower is better). */
    AT_MOST_TIMES_LIGHTGBM
  }

  @TempDir
  Path work;

  static Stream<Arguments> cases() {
    ReadOptions tsv = ReadOptions.defaults().withHeader(false).withLabel("0").withThreads(2);
    ReadOptions libsvm = ReadOptions.defaults().withLabel("label").withThreads(2);
    return Stream.of(
        Arguments.of("lightgbm-binary", "binary.train", "binary.test", tsv, "binary", 0, "auc",
            Target.AT_LEAST, 0.829),
        Arguments.of("lightgbm-regression", "regression.train", "regression.test", tsv, "regression", 0, "rmse",
            Target.AT_MOST_TIMES_LIGHTGBM, 1.01),
        Arguments.of("lightgbm-multiclass", "multiclass.train", "multiclass.test", tsv, "multiclass", 5,
            "multi_logloss", Target.AT_MOST_TIMES_LIGHTGBM, 1.01),
        Arguments.of("lightgbm-lambdarank", "rank.train", "rank.test", libsvm, "lambdarank", 0, "ndcg@5",
            Target.AT_LEAST_TIMES_LIGHTGBM, 0.99),
        Arguments.of("xgboost-agaricus", "agaricus.txt.train", "agaricus.txt.test", libsvm, "binary", 0, "auc",
            Target.AT_LEAST_TIMES_LIGHTGBM, 0.99));
  }

  @ParameterizedTest(name = "{0} {6}")
  @MethodSource("cases")
  void borealMatchesLightGbm(String folder, String trainName, String testName, ReadOptions options,
      String objective, int numClass, String metric, Target target, double bound) throws Exception {
    Path dir = sharedData().resolve(folder);
    assumeTrue(Files.isDirectory(dir), "peer data set " + dir + " is absent (see ../shared/data/README.md);"
        + " skipping the accuracy comparison with LightGBM");
    Path train = dir.resolve(trainName);
    Path test = dir.resolve(testName);
    ComparisonSpec spec = new ComparisonSpec(objective, numClass, 100, 31, 0.1, 255, 2);
    assertEquals(spec.metric(), metric, "the child reports the spec's metric");

    double boreal = borealMetric(spec, train, test, options, metric);
    double lightgbm = CompareChild.run("lightgbm", train, test, spec, spec.lightgbm(), options.label(),
        options.header(), Set.of(), false, 0, work).metric();
    String figures = String.format(Locale.ROOT, "%s test %s: Boreal %.5f, LightGBM %.5f (ratio %.4f)", folder,
        metric, boreal, lightgbm, boreal / lightgbm);
    System.out.println("[peer accuracy] " + figures);

    switch (target) {
      case AT_LEAST -> assertTrue(boreal >= bound, figures + "; Boreal must reach " + bound);
      case AT_LEAST_TIMES_LIGHTGBM -> assertTrue(boreal >= bound * lightgbm,
          figures + "; Boreal must reach " + bound + " × LightGBM's");
      case AT_MOST_TIMES_LIGHTGBM -> assertTrue(boreal <= bound * lightgbm,
          figures + "; Boreal must stay within " + bound + " × LightGBM's");
    }
  }

  /** Boreal's test metric, by the same steps the child runs for LightGBM ({@link Trial}). */
  private static double borealMetric(ComparisonSpec spec, Path train, Path test, ReadOptions options,
      String metric) throws Exception {
    try (Contender c = new BorealContender("boreal", Learners.GBDT)) {
      c.load(train, Trial.options(train, options), spec.boreal(), CategoryCodes.NONE);
      c.train();
      DenseData data;
      try (RootAllocator allocator = new RootAllocator()) {
        data = DenseData.matching(test, Trial.options(test, options), c.features(), c.encoder(), allocator);
      }
      c.prepare(data);
      double[] raw = new double[data.rows() * c.numOutputs()];
      c.predictBatch(raw);
      assertEquals(spec.objective().equals("multiclass") ? spec.numClass() : 1, c.numOutputs());
      return Trial.evaluate(metric, spec.objective(), raw, c.numOutputs(), data);
    }
  }

  static Path sharedData() {
    String dir = System.getProperty("boreal.shared.data");
    return dir == null ? Path.of("../shared/data-not-configured") : Path.of(dir);
  }
}
