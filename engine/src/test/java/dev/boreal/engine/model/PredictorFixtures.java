package dev.boreal.engine.model;

import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hand-built trees and models for the predictor's tests (numeric splits missing left and right, categorical
 * bitsets, a single-leaf tree, multiclass outputs and a forest; plain mappers, mappers whose zeros are missing
 * and mappers whose NaN is zero), a naive recursive walk over {@link Tree}'s getters to check against, and
 * random rows as {@code Object[]} (a {@code Double} per numeric feature, a category name or null) with their
 * {@code double[]} and {@code Map} forms.
 */
final class PredictorFixtures {
  private PredictorFixtures() {}

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
  static final String[] CATEGORY_POOL = {"3", "7", "a", "10", "99", null};
  static final double ZERO = BinMapper.ZERO_THRESHOLD;

  /** Builds a tree with made-up statistics around the routing arrays that matter here. */
  static Tree tree(int[] feature, double[] threshold, int[] thresholdBin, boolean[] defaultLeft,
      long[][] categories, int[] left, int[] right, double[] leafValues) {
    TreeBuilder b = new TreeBuilder(feature.length, leafValues.length);
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
    // A multiclass forest: one tree per iteration with a leaf value per class; the last iteration's trees are
    // built apart (as an older file stores them) and become one multi-output tree when the model is made.
    Tree a = treeA();
    Tree b = treeB();
    List<Tree> forest = List.of(a, a.withLeafValues(new double[] {0.5, 0.25, 0.0, 0.125}), a.scaled(0.5),
        b, b.scaled(2), b.withLeafValues(new double[] {0.0, 1.0, 0.375}), treeC(), treeC().scaled(3), treeC());
    return List.of(
        model(Link.IDENTITY, new double[] {0.5}, single, Model.Ensemble.SUM, 4),
        model(Link.sigmoid(2.0), new double[] {-0.1}, single, Model.Ensemble.SUM, 4),
        model(Link.EXP, new double[] {0.3}, single, Model.Ensemble.SUM, 4),
        model(Link.SOFTMAX, new double[] {0.1, 0.2, 0.3}, multi, Model.Ensemble.SUM, 2),
        model(Link.IDENTITY, new double[] {1.0}, single, Model.Ensemble.AVERAGE, 4),
        model(MISSING_MAPPERS, Link.sigmoid(1.0), new double[] {-0.1}, single, Model.Ensemble.SUM, 4),
        model(MISSING_MAPPERS, Link.SOFTMAX, new double[] {0.1, 0.2, 0.3}, multi, Model.Ensemble.SUM, 2),
        model(NAN_ZERO_MAPPERS, Link.IDENTITY, new double[] {0.5}, single, Model.Ensemble.SUM, 4),
        model(Link.IDENTITY, new double[] {0.0, 0.0, 0.0}, forest, Model.Ensemble.AVERAGE, 3));
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

  static int naiveLeaf(List<BinMapper> mappers, Tree t, Object[] row, int node) {
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
}
