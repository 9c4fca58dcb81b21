package dev.boreal.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;

/**
 * Checks every {@link Predictor} API against a naive recursive walk over {@link Tree}'s getters, on
 * hand-built trees covering numeric splits (missing left and right), categorical bitsets, a single-leaf
 * tree, multiclass outputs and a forest, with plain mappers and with mappers whose zeros are missing and
 * whose unknown categories have a bin apart from missing ones.
 *
 * <p>Rows are generated as {@code Object[]}: a {@code Double} per numeric feature (NaN = missing) and a
 * category name or null per categorical feature; each API receives the same rows in its own form.
 */
class PredictorTest {
  /** f0, f1 numeric; f2 categorical with bins "3", "7", "a", "10" and the other/missing bin 4. */
  static final List<String> NAMES = List.of("f0", "f1", "f2");
  static final List<BinMapper> MAPPERS = List.of(
      BinMapper.ofNumeric(new double[] {1.0, 2.0, 3.0, Double.POSITIVE_INFINITY}, false),
      BinMapper.ofNumeric(new double[] {-1.0, 0.0, 5.0, Double.POSITIVE_INFINITY}, false),
      BinMapper.ofCategorical(new String[] {"3", "7", "a", "10"}, false));
  /**
   * The same bins, but f1's zeros are missing and f2 keeps an unknown bin 4 before its missing bin 5, so
   * treeB's bitset (bins 1 and 4) sends unknown categories left and missing ones right.
   */
  static final List<BinMapper> MISSING_MAPPERS = List.of(MAPPERS.get(0),
      BinMapper.ofNumeric(MAPPERS.get(1).upperBounds(), true, false),
      BinMapper.ofCategorical(MAPPERS.get(2).categories(), true, false));
  /** The same bins, but the numeric features read NaN as 0.0 (trained with {@code use_missing=false}). */
  static final List<BinMapper> NAN_ZERO_MAPPERS = List.of(
      BinMapper.ofNumeric(MAPPERS.get(0).upperBounds(), false, true, false),
      BinMapper.ofNumeric(MAPPERS.get(1).upperBounds(), false, true, false),
      MAPPERS.get(2));
  private static final String[] CATEGORY_POOL = {"3", "7", "a", "10", "99", null};
  private static final double ZERO = BinMapper.ZERO_THRESHOLD;

  /** Builds a tree with made-up statistics around the routing arrays that matter here. */
  static Tree tree(int[] feature, double[] threshold, int[] thresholdBin, boolean[] defaultLeft,
      long[][] categories, int[] left, int[] right, double[] leafValues) {
    Tree.Builder b = new Tree.Builder(feature.length, leafValues.length);
    for (int n = 0; n < feature.length; n++) {
      if (categories[n] != null) {
        b.categorical(n, feature[n], categories[n], defaultLeft[n]);
      } else {
        b.numeric(n, feature[n], threshold[n], thresholdBin[n], defaultLeft[n]);
      }
      b.children(n, left[n], right[n]).nodeStats(n, 1.5, 10.0, 10);
    }
    for (int l = 0; l < leafValues.length; l++) {
      b.leaf(l, leafValues[l], 2.5, 3);
    }
    return b.build("test tree");
  }

  /** f0 <= 2 (missing left) → [f1 <= 0 (missing right)], else [f2 in {3, a}]. */
  static Tree treeA() {
    return tree(new int[] {0, 1, 2}, new double[] {2.0, 0.0, Double.NaN}, new int[] {1, 1, -1},
        new boolean[] {true, false, false}, new long[][] {null, null, {0b101L}},
        new int[] {1, ~0, ~2}, new int[] {2, ~1, ~3}, new double[] {0.25, -0.5, 1.125, 0.75});
  }

  /** f1 <= 5 (missing right) → [f2 in {7, other/missing}], else leaf. */
  static Tree treeB() {
    return tree(new int[] {1, 2}, new double[] {5.0, Double.NaN}, new int[] {2, -1},
        new boolean[] {false, true}, new long[][] {null, {0b10010L}},
        new int[] {1, ~0}, new int[] {~2, ~1}, new double[] {-0.3, 0.1, 0.7});
  }

  /** f0 <= +Infinity with missing right: every number goes left, NaN right. */
  static Tree treeC() {
    return tree(new int[] {0}, new double[] {Double.POSITIVE_INFINITY}, new int[] {3},
        new boolean[] {false}, new long[][] {null}, new int[] {~0}, new int[] {~1},
        new double[] {0.05, -0.05});
  }

  static Model model(Link link, double[] base, List<Tree> trees, Model.Ensemble ensemble, int best) {
    return model(MAPPERS, link, base, trees, ensemble, best);
  }

  static Model model(List<BinMapper> mappers, Link link, double[] base, List<Tree> trees, Model.Ensemble ensemble,
      int best) {
    return new Model(ensemble == Model.Ensemble.SUM ? "gbdt" : "rf", "test", link, NAMES, mappers,
        base.length > 1 ? new String[] {"x", "y", "z"} : null, base, trees, ensemble, best,
        Map.of("num_leaves", "4"), Map.of());
  }

  static List<Model> models() {
    List<Tree> single = List.of(treeA(), treeB(), Tree.constant(0.2, 1, 1), treeC());
    List<Tree> multi = List.of(treeA(), treeB(), treeC(), treeB().scaled(-2), Tree.constant(0.4, 1, 1),
        treeA().scaled(0.5));
    return List.of(
        model(Link.IDENTITY, new double[] {0.5}, single, Model.Ensemble.SUM, 4),
        model(Link.sigmoid(2.0), new double[] {-0.1}, single, Model.Ensemble.SUM, 4),
        model(Link.EXP, new double[] {0.3}, single, Model.Ensemble.SUM, 4),
        model(Link.SOFTMAX, new double[] {0.1, 0.2, 0.3}, multi, Model.Ensemble.SUM, 2),
        model(Link.IDENTITY, new double[] {1.0}, single, Model.Ensemble.AVERAGE, 4),
        model(MISSING_MAPPERS, Link.sigmoid(1.0), new double[] {-0.1}, single, Model.Ensemble.SUM, 4),
        model(MISSING_MAPPERS, Link.SOFTMAX, new double[] {0.1, 0.2, 0.3}, multi, Model.Ensemble.SUM, 2),
        model(NAN_ZERO_MAPPERS, Link.IDENTITY, new double[] {0.5}, single, Model.Ensemble.SUM, 4));
  }

  // ---- the naive reference ----

  /**
   * The leaf a row reaches, by the documented rules: NaN (and, where zeros are missing, a value within
   * ZERO_THRESHOLD of zero) takes the default side, unless NaN is zero, when it is compared as 0.0; a category
   * the mapper names takes its bin, a missing one (null) the missing bin, any other the unknown bin.
   */
  static int naiveLeaf(List<BinMapper> mappers, Tree t, Object[] row) {
    return t.numNodes() == 0 ? 0 : naiveLeaf(mappers, t, row, 0);
  }

  private static int naiveLeaf(List<BinMapper> mappers, Tree t, Object[] row, int node) {
    if (node < 0) {
      return ~node;
    }
    int f = t.feature(node);
    BinMapper mapper = mappers.get(f);
    boolean left;
    if (t.isCategorical(node)) {
      String name = (String) row[f];
      int known = Arrays.asList(mapper.categories()).indexOf(name);
      int bin = name == null ? mapper.missingBin() : known >= 0 ? known : mapper.unknownBin();
      left = java.util.BitSet.valueOf(t.leftCategoryBins(node)).get(bin);
    } else {
      double v = (Double) row[f];
      if (mapper.nanIsZero() && Double.isNaN(v)) {
        v = 0.0;
      }
      boolean missing = Double.isNaN(v) || (mapper.zeroIsMissing() && v >= -ZERO && v <= ZERO);
      left = missing ? t.defaultLeft(node) : v <= t.threshold(node);
    }
    return naiveLeaf(mappers, t, row, left ? t.left(node) : t.right(node));
  }

  static double[] naiveRaw(Model m, int iterations, Object[] row) {
    int k = m.numOutputs();
    double[] out = new double[k];
    for (int j = 0; j < k; j++) {
      double acc = m.ensemble() == Model.Ensemble.SUM ? m.baseScore(j) : 0.0;
      for (int i = 0; i < iterations; i++) {
        Tree t = m.tree(i, j);
        acc += t.leafValue(naiveLeaf(m.mappers(), t, row));
      }
      out[j] = m.ensemble() == Model.Ensemble.SUM ? acc
          : iterations == 0 ? m.baseScore(j) : m.baseScore(j) + acc / iterations;
    }
    return out;
  }

  static double[] naivePredict(Model m, int iterations, Object[] row) {
    double[] raw = naiveRaw(m, iterations, row);
    m.link().transformRow(raw, 0, raw.length, raw);
    return raw;
  }

  // ---- rows in every form ----

  /**
   * Random rows; numeric values hit bin bounds exactly, NaN, zeros and the edges of the zero band;
   * categories include null, and with {@code textCategories} text and unseen ones, which a double[] row
   * cannot hold.
   */
  static Object[][] randomRows(int n, boolean textCategories, long seed) {
    Random random = new Random(seed);
    double[] specials = {Double.NaN, 1.0, 2.0, 3.0, -1.0, 0.0, -0.0, 5.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e-36, -ZERO, ZERO, Math.nextUp(ZERO), Math.nextDown(-ZERO)};
    Object[][] rows = new Object[n][];
    for (int r = 0; r < n; r++) {
      Object[] row = new Object[3];
      for (int f = 0; f < 2; f++) {
        row[f] = random.nextInt(3) == 0 ? specials[random.nextInt(specials.length)]
            : random.nextDouble() * 8 - 2;
      }
      String category;
      do {
        category = CATEGORY_POOL[random.nextInt(CATEGORY_POOL.length)];
      } while (!textCategories && ("a".equals(category) || "99".equals(category)));
      row[2] = category;
      rows[r] = row;
    }
    return rows;
  }

  static double[] doubleRow(Object[] row) {
    return new double[] {(Double) row[0], (Double) row[1],
        row[2] == null ? Double.NaN : Double.parseDouble((String) row[2])};
  }

  static Map<String, Object> mapRow(Object[] row, int variant) {
    Map<String, Object> map = new HashMap<>();
    double f0 = (Double) row[0];
    // Give numbers in several accepted forms: Double, String, and null for missing.
    map.put("f0", Double.isNaN(f0) ? (variant % 2 == 0 ? null : "") : variant % 3 == 0 ? Double.toString(f0) : f0);
    map.put("f1", row[1]);
    // A missing category as null or as the empty string.
    map.put("f2", row[2] == null && variant % 2 == 1 ? "" : row[2]);
    map.put("unused", "ignored");
    return map;
  }

  // ---- tests ----

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
  void mapValuesOfEveryKind() {
    Predictor p = models().get(0).predictor();
    double[] expected = new double[1];
    double[] got = new double[1];
    p.predictRaw(new double[] {1.0, 0.0, 3.0}, expected);
    p.predictRaw(Map.of("f0", true, "f1", false, "f2", 3), got);
    assertArrayEquals(expected, got, 0.0);
    p.predictRaw(Map.of("f0", " 1 ", "f1", 0L, "f2", "3"), got);
    assertArrayEquals(expected, got, 0.0);

    InputException absent = assertThrows(InputException.class,
        () -> p.predictRaw(Map.of("f0", 1.0, "f2", "3"), got));
    assertEquals("The row has no value for feature 'f1'.", absent.getMessage());
    InputException text = assertThrows(InputException.class,
        () -> p.predictRaw(Map.of("f0", "abc", "f1", 0.0, "f2", "3"), got));
    assertEquals("Feature 'f0' is numeric, but the row gives 'abc'.", text.getMessage());
    assertThrows(InputException.class, () -> p.predictRaw(Map.of("f0", List.of(), "f1", 0.0, "f2", "3"), got));
    assertEquals("The row is null; give a map from feature name to value.",
        assertThrows(InputException.class, () -> p.predictRaw((Map<String, ?>) null, got)).getMessage());
  }

  @Test
  void categoriesInDoubleRowsAreNumericNames() {
    Model m = model(Link.IDENTITY, new double[] {0}, List.of(treeA()), Model.Ensemble.SUM, 1);
    Predictor p = m.predictor();
    // Row takes the f2 node (f0 > 2): category "3" and "a" go left (leaf 2), others right (leaf 3).
    assertEquals(1.125, p.predict(new double[] {2.5, 0, 3.0}), 0.0);
    assertEquals(1.125, p.predict(new double[] {2.5, 0, 3.000}), 0.0);
    assertEquals(0.75, p.predict(new double[] {2.5, 0, 7.0}), 0.0);
    assertEquals(0.75, p.predict(new double[] {2.5, 0, 10.0}), 0.0);
    assertEquals(0.75, p.predict(new double[] {2.5, 0, Double.NaN}), 0.0, "NaN is missing");
    double[] out = new double[1];
    assertEquals("Feature 'f2' has no category with code 99; its codes are the numeric names of its categories "
        + "('3', '7', 'a', '10'), and NaN is missing, which is how the model scores a category it does not "
        + "know.",
        assertThrows(InputException.class, () -> p.predict(new double[] {2.5, 0, 99.0})).getMessage());
    assertTrue(assertThrows(InputException.class, () -> p.predictRaw(new double[] {2.5, 0, 3.5}, out))
        .getMessage().contains("no category with code 3.5"));
    double[] batch = {2.5, 0, 3.0, 2.5, 0, 7.0, 2.5, 0, -1.0};
    assertTrue(assertThrows(InputException.class, () -> p.predict(batch, 3, new double[3]))
        .getMessage().startsWith("Row 2: feature 'f2' has no category with code -1;"));
    assertTrue(assertThrows(InputException.class, () -> p.encodeRows(batch, 3))
        .getMessage().startsWith("Row 2: feature 'f2'"));
    assertEquals("A row needs 3 values (the model's features in schema order), but 2 values were given.",
        assertThrows(InputException.class, () -> p.predict(new double[] {2.5, 0})).getMessage());
    assertEquals("A row needs 3 values (the model's features in schema order), but null were given.",
        assertThrows(InputException.class, () -> p.predictRaw((double[]) null, out)).getMessage());
    assertTrue(assertThrows(InputException.class, () -> p.predict(batch, 4, new double[4]))
        .getMessage().startsWith("4 rows of 3 features need 12 values, but 9 values were given."));
  }

  @Test
  void categoryCodesTurnNamesIntoTheNumbersOfDoubleRows() {
    Predictor p = model(Link.IDENTITY, new double[] {0}, List.of(treeA()), Model.Ensemble.SUM, 1).predictor();
    assertEquals(3.0, p.categoryCode("f2", "3"), 0.0);
    assertEquals(10.0, p.categoryCode("f2", "10"), 0.0);
    assertEquals(p.predict(new double[] {2.5, 0, 3.0}),
        p.predict(new double[] {2.5, 0, p.categoryCode("f2", "3")}), 0.0);
    assertEquals("Feature 'f2' cannot give category 'a' a code in a double[] row: only a category named by a "
        + "number has one (and the more frequent of \"1\" and \"1.0\"); give such rows as a Map or a RowBatch.",
        assertThrows(InputException.class, () -> p.categoryCode("f2", "a")).getMessage());
    assertEquals("Feature 'f2' has no category '99'; its categories are '3', '7', 'a', '10'.",
        assertThrows(InputException.class, () -> p.categoryCode("f2", "99")).getMessage());
    assertEquals("The model has no categorical feature 'f0'.",
        assertThrows(InputException.class, () -> p.categoryCode("f0", "3")).getMessage());
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
  void encodedRowsRouteAsTheNaiveWalk() {
    Object[][] rows = randomRows(301, false, 8);
    double[] batch = new double[rows.length * 3];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(doubleRow(rows[r]), 0, batch, r * 3, 3);
    }
    double[] original = batch.clone();
    for (Model m : models()) {
      Predictor p = m.predictor();
      double[] encoded = p.encodeRows(batch, rows.length);
      assertArrayEquals(original, batch, 0.0, "the caller's rows are not modified");
      FlatTrees trees = new FlatTrees(m, p.iterations());
      int k = m.numOutputs();
      double[] raw = new double[k];
      double[] one = new double[3];
      for (int r = 0; r < rows.length; r++) {
        p.encodeRow(Arrays.copyOfRange(batch, r * 3, r * 3 + 3), one);
        assertArrayEquals(Arrays.copyOfRange(encoded, r * 3, r * 3 + 3), one, 0.0, "row " + r);
        trees.raw(encoded, r * 3, 1, raw, 0);
        assertArrayEquals(naiveRaw(m, p.iterations(), rows[r]), raw, 0.0, "row " + r);
      }
    }
  }

  @Test
  void zerosOfAZeroAsMissingFeatureScoreAsNaNAndUnknownCategoriesApartFromMissing() {
    Model m = model(MISSING_MAPPERS, Link.IDENTITY, new double[] {0}, List.of(treeA(), treeB()),
        Model.Ensemble.SUM, 2);
    Predictor p = m.predictor();
    // f0 = 2.5 takes treeA to its f2 node, which sends bins 0 and 2 left: unknown and missing go right, to
    // 0.75. A missing f1 goes right at treeB's root, to 0.7; a small f1 goes left to its f2 node, which
    // sends bins 1 and 4 left: category 7 and unknown categories to -0.3, missing ones right to 0.1.
    assertEquals(0.75 + 0.7, p.predict(new double[] {2.5, Double.NaN, Double.NaN}), 0.0);
    for (double zero : new double[] {0.0, -0.0, 1e-36, ZERO, -ZERO}) {
      assertEquals(0.75 + 0.7, p.predict(new double[] {2.5, zero, Double.NaN}), 0.0, "f1 = " + zero);
    }
    double small = Math.nextUp(ZERO);
    double[] raw = new double[1];
    p.predictRaw(Map.of("f0", 2.5, "f1", small, "f2", 99.0), raw);
    assertEquals(0.75 - 0.3, raw[0], 0.0, "a number a map gives that names no category is unknown, and goes left");
    assertEquals(0.75 - 0.3, p.predict(new double[] {2.5, small, 99.0}), 0.0,
        "with an unknown bin apart from missing (XGBoost's), a double[] row's unknown code goes there too");
    assertEquals(0.75 + 0.1, p.predict(new double[] {2.5, small, Double.NaN}), 0.0, "missing goes right");
    assertEquals(0.75 - 0.3, p.predict(new double[] {2.5, small, 7.0}), 0.0, "category 7 goes left");
    p.predictRaw(Map.of("f0", 2.5, "f1", "0", "f2", "never seen"), raw);
    assertEquals(0.75 + 0.7, raw[0], 0.0);
    p.predictRaw(Map.of("f0", 2.5, "f1", small, "f2", "never seen"), raw);
    assertEquals(0.75 - 0.3, raw[0], 0.0);
    p.predictRaw(Map.of("f0", 2.5, "f1", small, "f2", ""), raw);
    assertEquals(0.75 + 0.1, raw[0], 0.0);
  }

  @Test
  void nanOfAFeatureWhoseNaNIsZeroScoresAsZeroInEveryForm() {
    List<Tree> trees = List.of(treeA(), treeB(), treeC());
    Predictor learned = model(MAPPERS, Link.IDENTITY, new double[] {0}, trees, Model.Ensemble.SUM, 3).predictor();
    Predictor p = model(NAN_ZERO_MAPPERS, Link.IDENTITY, new double[] {0}, trees, Model.Ensemble.SUM, 3).predictor();
    // NaN as 0.0: treeA f0 <= 2 then f1 <= 0 left (0.25), treeB f1 <= 5 left then "3" right (0.1), treeC left
    // (0.05). Learned directions send NaN right at treeA's f1 node (-0.5), treeB's root (0.7) and treeC's (-0.05).
    double zeros = 0.25 + 0.1 + 0.05;
    assertEquals(zeros, p.predict(new double[] {0.0, 0.0, 3.0}), 0.0);
    assertEquals(zeros, p.predict(new double[] {Double.NaN, Double.NaN, 3.0}), 0.0);
    assertEquals(-0.5 + 0.7 - 0.05, learned.predict(new double[] {Double.NaN, Double.NaN, 3.0}), 0.0);
    Map<String, Object> nulls = new HashMap<>();
    nulls.put("f0", null);
    nulls.put("f1", "");
    nulls.put("f2", "3");
    double[] raw = new double[1];
    p.predictRaw(nulls, raw);
    assertEquals(zeros, raw[0], 0.0, "null and the empty string are missing, so zero");
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
