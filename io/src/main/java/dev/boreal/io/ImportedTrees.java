package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Routing;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.model.TreeBuilder;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The trees of a model read from another library, and the bin mappers synthesized for them, turned into a
 * Boreal {@link Model}: the step XGBoost and LightGBM imports share.
 *
 * <p>A foreign model has no bins, but a Boreal {@link Tree} names, for every numeric split, the bin whose
 * upper bound is its threshold. So each numeric feature gets bins whose upper bounds are the sorted
 * distinct thresholds the trees use on it, then {@code +Infinity}; every threshold is then a bin bound and
 * {@code value <= threshold} agrees with {@code bin <= thresholdBin}. A numeric feature whose splits count
 * zeros as missing gets a mapper whose zeros are missing. A categorical feature gets one bin per category
 * value the model knows, named by its integer ("0", "1", ...), in increasing order, then either the shared
 * "other/missing" bin for missing values and every other value, or (when the importer asks for it) an
 * unknown bin for every other value and a missing bin.
 */
final class ImportedTrees {
  /** Most category values one feature may have: {@link BinMapper}'s bin limit less an unknown and a missing bin. */
  private static final int MAX_CATEGORIES = 65_534;

  /**
   * One tree in Boreal's numbering (internal nodes {@code 0 .. L-2}, root 0, a negative child {@code c}
   * is leaf {@code ~c}), filled in by an importer: its {@link TreeBuilder}, and what a foreign split says
   * that Boreal's bins will say once every tree is read.
   *
   * <p>A numeric node sends a value left iff {@code value <= threshold} and a missing value to the
   * {@code defaultLeft} side; where {@code zeroIsMissing}, values within {@link BinMapper#ZERO_THRESHOLD} of
   * zero are missing too, and every numeric node on a feature must agree on that. A categorical node sends
   * the values listed in {@code categories} to the {@code setGoesLeft} side and every other known category
   * the other way; missing values go to the {@code defaultLeft} side, and so do values the model does not
   * know, unless the categorical features have an unknown bin, which goes where unlisted categories go.
   */
  static final class Spec {
    /** The tree; its splits' bins are filled in by {@link #toModel}. */
    final TreeBuilder tree;
    private final boolean[] zeroIsMissing;
    private final int[][] categories;
    private final boolean[] setGoesLeft;

    /** A tree of {@code nodes} internal nodes and {@code leaves} leaves, to be filled in. */
    Spec(int nodes, int leaves) {
      tree = new TreeBuilder(nodes, leaves);
      zeroIsMissing = new boolean[nodes];
      categories = new int[nodes][];
      setGoesLeft = new boolean[nodes];
    }

    /** Makes {@code node} a numeric split. */
    void numeric(int node, int feature, double threshold, boolean defaultLeft, boolean zeroIsMissing) {
      tree.numeric(node, feature, threshold, -1, defaultLeft);
      this.zeroIsMissing[node] = zeroIsMissing;
    }

    /** Makes {@code node} a categorical split that sends {@code categories} to the {@code setGoesLeft} side. */
    void categorical(int node, int feature, int[] categories, boolean setGoesLeft, boolean defaultLeft) {
      tree.categorical(node, feature, NO_BINS, defaultLeft);
      this.categories[node] = categories;
      this.setGoesLeft[node] = setGoesLeft;
    }

    int numNodes() {
      return tree.numNodes();
    }
  }

  /** A categorical split's bins before the feature's bins are known. */
  private static final long[] NO_BINS = new long[0];

  private final String source;
  private final List<String> names;
  private final boolean[] categorical;
  private final boolean unknownCategoryBin;
  private final List<TreeSet<Double>> thresholds;
  private final List<TreeSet<Integer>> categoryValues;
  /** Per feature, where its first numeric split was, or null before one; it decides {@link #zeroIsMissing}. */
  private final String[] firstNumericSplit;
  private final boolean[] zeroIsMissing;
  private final List<Spec> trees = new ArrayList<>();
  /** How errors name each added tree. */
  private final List<String> wheres = new ArrayList<>();

  /**
   * @param source how error messages name the model file
   * @param names the feature names, in the order of the foreign model's feature indices
   * @param categorical which features the foreign model declares categorical (others become categorical
   *     when a tree splits them by category)
   * @param unknownCategoryBin whether categorical features get an unknown bin apart from the missing bin,
   *     for a model whose splits send unknown categories and missing values different ways
   */
  ImportedTrees(String source, List<String> names, boolean[] categorical, boolean unknownCategoryBin) {
    this.source = source;
    this.names = List.copyOf(names);
    this.categorical = categorical.clone();
    this.unknownCategoryBin = unknownCategoryBin;
    this.firstNumericSplit = new String[names.size()];
    this.zeroIsMissing = new boolean[names.size()];
    this.thresholds = new ArrayList<>(names.size());
    this.categoryValues = new ArrayList<>(names.size());
    for (int f = 0; f < names.size(); f++) {
      thresholds.add(new TreeSet<>());
      categoryValues.add(new TreeSet<>());
    }
  }

  /** Number of features. */
  int numFeatures() {
    return names.size();
  }

  /** Declares category values of feature {@code f} seen in training, so they get bins of their own. */
  void addCategories(int f, int[] values) {
    categorical[f] = true;
    for (int v : values) {
      addCategory(f, v, "the feature list");
    }
  }

  /**
   * Adds a tree, recording its thresholds and category values.
   *
   * @param where how errors name the tree, e.g. "tree 3"
   * @throws InputException if the tree is not sound ({@link TreeBuilder#check}), a node names an unknown
   *     feature, or counts a feature's zeros as missing where an earlier node on the feature did not, or the
   *     reverse
   */
  void add(Spec tree, String where) {
    tree.tree.check(source + ": " + where);
    for (int n = 0; n < tree.numNodes(); n++) {
      int f = tree.tree.feature(n);
      if (f >= names.size()) {
        throw new InputException(source + ": " + where + " splits on feature " + f + ", but the model has "
            + names.size() + " features.");
      }
      if (tree.categories[n] != null) {
        categorical[f] = true;
        for (int v : tree.categories[n]) {
          addCategory(f, v, where);
        }
      } else {
        // -0.0 and 0.0 route every value alike: keep one bound for both
        thresholds.get(f).add(tree.tree.threshold(n) + 0.0);
        String at = where + " node " + n;
        if (firstNumericSplit[f] == null) {
          firstNumericSplit[f] = at;
          zeroIsMissing[f] = tree.zeroIsMissing[n];
        } else if (zeroIsMissing[f] != tree.zeroIsMissing[n]) {
          // The mapper, not the node, decides whether zeros are missing, so one feature needs one answer.
          throw new InputException(source + ": " + at + " treats zeros of feature '" + names.get(f) + "' as "
              + (tree.zeroIsMissing[n] ? "missing" : "values") + " but " + firstNumericSplit[f] + " treats them as "
              + (zeroIsMissing[f] ? "missing" : "values") + ", and a feature's zeros must be missing at all its "
              + "splits or at none.");
        }
      }
    }
    trees.add(tree);
    wheres.add(where);
  }

  private void addCategory(int f, int value, String where) {
    if (value < 0 || value >= MAX_CATEGORIES) {
      throw new InputException(source + ": " + where + " names category " + value + " of feature '"
          + names.get(f) + "'; Boreal reads category values from 0 to " + (MAX_CATEGORIES - 1) + ".");
    }
    categoryValues.get(f).add(value);
  }

  /**
   * The Boreal model of the added trees, iteration-major with {@code baseScores.length} trees per
   * iteration, every iteration used by default.
   *
   * @throws InputException if a feature is split both numerically and by category
   */
  Model toModel(String algorithm, String objective, Link link, String[] classes, double[] baseScores,
      Model.Ensemble ensemble, Map<String, String> params) {
    List<BinMapper> mappers = new ArrayList<>(names.size());
    double[][] bounds = new double[names.size()][];
    int[][] values = new int[names.size()][];
    for (int f = 0; f < names.size(); f++) {
      if (categorical[f] && !thresholds.get(f).isEmpty()) {
        throw new InputException(source + ": feature '" + names.get(f) + "' is split both by category and by "
            + "a numeric threshold; Boreal needs one kind per feature.");
      }
      if (categorical[f]) {
        values[f] = categoryValues.get(f).stream().mapToInt(Integer::intValue).toArray();
        String[] categoryNames = new String[values[f].length];
        for (int i = 0; i < categoryNames.length; i++) {
          categoryNames[i] = Integer.toString(values[f][i]);
        }
        mappers.add(BinMapper.ofCategorical(categoryNames, unknownCategoryBin, false));
      } else {
        double[] distinct = thresholds.get(f).stream().mapToDouble(Double::doubleValue).toArray();
        boolean endsAtInfinity = distinct.length > 0 && distinct[distinct.length - 1] == Double.POSITIVE_INFINITY;
        bounds[f] = endsAtInfinity ? distinct : Arrays.copyOf(distinct, distinct.length + 1);
        bounds[f][bounds[f].length - 1] = Double.POSITIVE_INFINITY;
        mappers.add(BinMapper.ofNumeric(bounds[f], zeroIsMissing[f], false));
      }
    }
    List<Tree> converted = new ArrayList<>(trees.size());
    for (int t = 0; t < trees.size(); t++) {
      converted.add(convert(trees.get(t), bounds, values, mappers, source + ": " + wheres.get(t)));
    }
    int iterations = converted.size() / baseScores.length;
    try {
      return new Model(algorithm, objective, link, names, mappers, classes, baseScores, converted, ensemble,
          iterations, params, Map.of());
    } catch (IllegalArgumentException e) {
      throw new InputException(source + ": holds an inconsistent model (" + e.getMessage() + ").", e);
    }
  }

  /** Gives the tree's splits their bins and builds it. */
  private static Tree convert(Spec spec, double[][] bounds, int[][] values, List<BinMapper> mappers, String where) {
    TreeBuilder tree = spec.tree;
    for (int n = 0; n < spec.numNodes(); n++) {
      int f = tree.feature(n);
      if (spec.categories[n] == null) {
        double threshold = tree.threshold(n) + 0.0;
        tree.numeric(n, f, threshold, Arrays.binarySearch(bounds[f], threshold), tree.defaultLeft(n));
      } else {
        tree.categorical(n, f, categoryBits(spec, n, values[f], mappers.get(f)), tree.defaultLeft(n));
      }
    }
    return tree.build(where);
  }

  /**
   * The bins going left at categorical node {@code n}; bin b holds category {@code values[b]}. An unknown
   * bin of its own goes where unlisted categories go; the missing bin (shared or not) to the default side.
   */
  private static long[] categoryBits(Spec spec, int n, int[] values, BinMapper mapper) {
    int[] set = spec.categories[n].clone();
    Arrays.sort(set);
    long[] bits = new long[Routing.words(mapper.numBins())];
    for (int b = 0; b < values.length; b++) {
      boolean inSet = Arrays.binarySearch(set, values[b]) >= 0;
      if (inSet == spec.setGoesLeft[n]) {
        bits[b >>> 6] |= 1L << b;
      }
    }
    if (mapper.hasUnknownBin() && !spec.setGoesLeft[n]) {
      int unknown = mapper.unknownBin();
      bits[unknown >>> 6] |= 1L << unknown;
    }
    int missing = mapper.missingBin();
    if (spec.tree.defaultLeft(n)) {
      bits[missing >>> 6] |= 1L << missing;
    }
    return bits;
  }
}
