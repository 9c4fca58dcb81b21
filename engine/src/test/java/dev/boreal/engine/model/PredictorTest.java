package dev.boreal.engine.model;

import static dev.boreal.engine.model.PredictorFixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;

/**
 * Checks every {@link Predictor} scoring API ({@code double[]} rows, row-major batches, columns matched by
 * name, maps, leaf indices, iteration limits, links, threads) against a naive recursive walk over
 * {@link Tree}'s getters on the models of {@link PredictorFixtures}; each API receives the same rows in its
 * own form.
 */
class PredictorTest {
  @Test
  void doubleRowsMatchNaiveWalk() {
    Object[][] rows = randomRows(500, false, 1);
    for (Model m : models()) {
      Predictor p = m.predictor();
      assertEquals(m.bestIteration(), p.iterations());
      double[] raw = new double[m.numOutputs()];
      double[] pred = new double[m.numOutputs()];
      for (Object[] row : rows) {
        double[] x = doubleRow(row);
        double[] copy = x.clone();
        p.predictRaw(x, raw);
        assertArrayEquals(naiveRaw(m, p.iterations(), row), raw, 0.0);
        p.predict(x, pred);
        assertArrayEquals(naivePredict(m, p.iterations(), row), pred, 0.0);
        if (m.numOutputs() == 1) {
          assertEquals(pred[0], p.predict(x), 0.0);
        }
        assertArrayEquals(copy, x, 0.0, "the caller's row is not modified");
      }
    }
  }

  @Test
  void batchMatchesNaiveWalkAcrossBlocks() {
    Object[][] rows = randomRows(301, false, 2);
    for (Model m : models()) {
      Predictor p = m.predictor();
      int k = m.numOutputs();
      double[] batch = new double[rows.length * 3];
      for (int r = 0; r < rows.length; r++) {
        System.arraycopy(doubleRow(rows[r]), 0, batch, r * 3, 3);
      }
      double[] raw = new double[rows.length * k];
      double[] pred = new double[rows.length * k];
      p.predictRaw(batch, rows.length, raw);
      p.predict(batch, rows.length, pred);
      try (Parallel three = new Parallel(3)) {
        double[] onThreads = new double[rows.length * k];
        p.predictRaw(batch, rows.length, onThreads, three);
        assertArrayEquals(raw, onThreads, 0.0, "chunks scored on three threads");
      }
      for (int r = 0; r < rows.length; r++) {
        assertArrayEquals(naiveRaw(m, p.iterations(), rows[r]), Arrays.copyOfRange(raw, r * k, r * k + k), 0.0);
        assertArrayEquals(naivePredict(m, p.iterations(), rows[r]),
            Arrays.copyOfRange(pred, r * k, r * k + k), 0.0);
      }
    }
  }

  @Test
  void columnsMatchByNameWhateverTheOrderAndDictionary() {
    Object[][] rows = randomRows(300, true, 3);
    // The data's dictionary differs from the model's bins and holds a category the model never saw; rows
    // of the unseen "99" alternate between its code and a code outside the dictionary, both unknown.
    String[] dictionary = {"10", "zzz", "a", "3", "7", "99"};
    List<String> codes = Arrays.asList(dictionary);
    try (BufferAllocator allocator = new RootAllocator();
        Float8Vector f0 = new Float8Vector("f0", allocator);
        Float8Vector f1 = new Float8Vector("f1", allocator);
        IntVector f2 = new IntVector("f2", allocator);
        Float8Vector extra = new Float8Vector("extra", allocator)) {
      for (Float8Vector v : List.of(f0, f1, extra)) {
        v.allocateNew(rows.length);
      }
      f2.allocateNew(rows.length);
      for (int r = 0; r < rows.length; r++) {
        setOrNull(f0, r, (Double) rows[r][0]);
        setOrNull(f1, r, (Double) rows[r][1]);
        extra.set(r, r);
        if (rows[r][2] == null) {
          f2.setNull(r);
        } else {
          f2.set(r, "99".equals(rows[r][2]) && r % 2 == 0 ? dictionary.length + r : codes.indexOf(rows[r][2]));
        }
      }
      for (var v : List.of(f0, f1, f2, extra)) {
        v.setValueCount(rows.length);
      }
      List<FeatureColumn> columns = List.of(FeatureColumn.numeric("extra", extra),
          FeatureColumn.categorical("f2", f2, dictionary), FeatureColumn.numeric("f1", f1),
          FeatureColumn.numeric("f0", f0));
      for (Model m : models()) {
        Predictor p = m.predictor();
        int k = m.numOutputs();
        double[] raw = new double[rows.length * k];
        double[] pred = new double[rows.length * k];
        p.predictRaw(columns, raw);
        p.predict(columns, pred);
        try (Parallel three = new Parallel(3)) {
          double[] onThreads = new double[rows.length * k];
          p.predictRaw(columns, onThreads, three);
          assertArrayEquals(raw, onThreads, 0.0, "chunks scored on three threads");
          int[] leaves = new int[rows.length * p.iterations() * k];
          int[] leavesOnThreads = leaves.clone();
          p.predictLeaves(columns, leaves);
          p.predictLeaves(columns, leavesOnThreads, three);
          assertArrayEquals(leaves, leavesOnThreads);
        }
        for (int r = 0; r < rows.length; r++) {
          assertArrayEquals(naiveRaw(m, p.iterations(), rows[r]),
              Arrays.copyOfRange(raw, r * k, r * k + k), 0.0);
          assertArrayEquals(naivePredict(m, p.iterations(), rows[r]),
              Arrays.copyOfRange(pred, r * k, r * k + k), 0.0);
        }
      }
      Predictor p = models().get(0).predictor();
      double[] out = new double[rows.length];
      InputException missing = assertThrows(InputException.class,
          () -> p.predictRaw(List.of(columns.get(1), columns.get(2)), out));
      assertTrue(missing.getMessage().contains("'f0'"), missing.getMessage());
      InputException numericAsCategory = assertThrows(InputException.class, () -> p.predictRaw(
          List.of(FeatureColumn.categorical("f0", f2, dictionary), columns.get(1), columns.get(2)), out));
      assertTrue(numericAsCategory.getMessage().contains("'f0' is numeric"), numericAsCategory.getMessage());
      InputException categoryAsNumber = assertThrows(InputException.class, () -> p.predictRaw(
          List.of(columns.get(3), columns.get(2), FeatureColumn.numeric("f2", extra)), out));
      assertTrue(categoryAsNumber.getMessage().contains("'f2' is categorical"), categoryAsNumber.getMessage());
    }
  }

  private static void setOrNull(Float8Vector v, int r, double value) {
    if (Double.isNaN(value)) {
      v.setNull(r);
    } else {
      v.set(r, value);
    }
  }

  @Test
  void mapRowsMatchNaiveWalk() {
    Object[][] rows = randomRows(300, true, 4);
    for (Model m : models()) {
      Predictor p = m.predictor();
      double[] raw = new double[m.numOutputs()];
      double[] pred = new double[m.numOutputs()];
      for (int r = 0; r < rows.length; r++) {
        p.predictRaw(mapRow(rows[r], r), raw);
        assertArrayEquals(naiveRaw(m, p.iterations(), rows[r]), raw, 0.0);
        p.predict(mapRow(rows[r], r), pred);
        assertArrayEquals(naivePredict(m, p.iterations(), rows[r]), pred, 0.0);
      }
    }
  }

  @Test
  void leavesMatchNaiveWalkAndBinnedRouting() {
    for (Model m : List.of(models().get(3), models().get(6))) {
      Predictor p = m.predictor(m.numIterations());
      int[] leaves = new int[p.iterations() * p.numOutputs()];
      int[] bins = new int[3];
      int[] missing = new int[3];
      for (int f = 0; f < 3; f++) {
        missing[f] = m.mapper(f).missingBin();
      }
      for (Object[] row : randomRows(300, false, 5)) {
        p.predictLeaves(doubleRow(row), leaves);
        bins[0] = m.mapper(0).binOf((Double) row[0]);
        bins[1] = m.mapper(1).binOf((Double) row[1]);
        bins[2] = m.mapper(2).binOfCategory((String) row[2]);
        for (int i = 0; i < m.trees().size(); i++) {
          Tree t = m.trees().get(i);
          assertEquals(naiveLeaf(m.mappers(), t, row), leaves[i]);
          assertEquals(t.leafOfBins(bins, missing), leaves[i], "raw routing agrees with binned routing");
        }
      }
    }
  }

  @Test
  void iterationLimits() {
    Model m = models().get(3);
    Model early = model(Link.SOFTMAX, new double[] {0, 0, 0}, m.trees(), Model.Ensemble.SUM, 1);
    assertEquals(1, early.predictor().iterations(), "the default is the best iteration");
    assertSame(m.predictor(), m.predictor(), "the default predictor is compiled once");
    Object[][] rows = randomRows(50, false, 6);
    for (int iterations = 0; iterations <= 2; iterations++) {
      Predictor p = m.predictor(iterations);
      double[] raw = new double[3];
      for (Object[] row : rows) {
        p.predictRaw(doubleRow(row), raw);
        assertArrayEquals(naiveRaw(m, iterations, row), raw, 0.0);
      }
    }
    Predictor none = models().get(4).predictor(0);
    assertEquals(1.0, none.predict(new double[] {0, 0, 3}), 0.0, "a forest of no trees scores its base");
    UsageException tooMany = assertThrows(UsageException.class, () -> m.predictor(3));
    assertEquals("The model has 2 iterations, so prediction cannot use 3.", tooMany.getMessage());
    assertThrows(UsageException.class, () -> m.predictor(-1));
    assertThrows(UsageException.class, () -> m.predictor().predict(new double[3]));
    assertThrows(InputException.class, () -> m.predictor().predictRaw(new double[2], new double[3]));
  }

  @Test
  void aMultiOutputForestIsOneTreePerIterationReachingOneLeafForEveryOutput() {
    List<Model> ms = models();
    Model forest = ms.get(ms.size() - 1);
    assertTrue(forest.multiOutputTrees());
    assertFalse(ms.get(3).multiOutputTrees(), "boosting grows a tree per class");
    for (int i = 0; i < 3; i++) {
      for (int k = 1; k < 3; k++) {
        assertTrue(forest.tree(i, k).sharesShape(forest.tree(i, 0)), "iteration " + i + " output " + k);
      }
    }
    Predictor p = forest.predictor();
    int[] leaves = new int[9];
    for (Object[] row : randomRows(301, false, 21)) {
      p.predictLeaves(doubleRow(row), leaves);
      for (int t = 0; t < 9; t++) {
        assertEquals(naiveLeaf(forest.mappers(), forest.trees().get(t), row), leaves[t], "tree " + t);
      }
    }
    // Importance counts the one tree of an iteration once: treeA splits f0, f1, f2; treeB f1, f2; treeC f0.
    assertArrayEquals(new long[] {2, 2, 2}, forest.splitImportance(3));
  }

  @Test
  void linkTransforms() {
    double[] row = {1.5, -3.0, 7.0};
    double[] raw = new double[1];
    List<Model> ms = models();
    ms.get(1).predictor().predictRaw(row, raw);
    assertEquals(1.0 / (1.0 + Math.exp(-2.0 * raw[0])), ms.get(1).predictor().predict(row), 1e-15);
    ms.get(2).predictor().predictRaw(row, raw);
    assertEquals(Math.exp(raw[0]), ms.get(2).predictor().predict(row), 1e-15);
    double[] probs = new double[3];
    ms.get(3).predictor().predict(row, probs);
    assertEquals(1.0, probs[0] + probs[1] + probs[2], 1e-12);
  }

  @Test
  void manyThreadsGetIdenticalResults() throws Exception {
    Model m = models().get(3);
    Predictor p = m.predictor();
    Object[][] rows = randomRows(2000, true, 7);
    double[] expected = scoreAll(p, rows);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> scoreAll(p, rows)));
      }
      for (Future<double[]> result : results) {
        assertArrayEquals(expected, result.get(), 0.0);
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Scores every row through the Map API and (when expressible) the double API, concatenated. */
  private static double[] scoreAll(Predictor p, Object[][] rows) {
    int k = p.numOutputs();
    double[] out = new double[rows.length * 2 * k];
    double[] one = new double[k];
    for (int r = 0; r < rows.length; r++) {
      p.predict(mapRow(rows[r], r), one);
      System.arraycopy(one, 0, out, 2 * r * k, k);
      if (!"a".equals(rows[r][2]) && !"99".equals(rows[r][2])) {
        p.predict(doubleRow(rows[r]), one);
        System.arraycopy(one, 0, out, (2 * r + 1) * k, k);
      }
    }
    return out;
  }

  @Test
  void describesItsSchema() {
    Predictor p = models().get(3).predictor();
    assertEquals(3, p.numFeatures());
    assertEquals(3, p.numOutputs());
    assertEquals(NAMES, p.featureNames());
  }
}
