package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Tree;
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
   * is leaf {@code ~c}), filled in by an importer; arrays are used as given.
   *
   * <p>A numeric node sends a value left iff {@code value <= threshold} and a missing value to the
   * {@code defaultLeft} side; where {@code zeroIsMissing}, values within {@link BinMapper#ZERO_THRESHOLD} of
   * zero are missing too, and every numeric node on a feature must agree on that. A categorical node sends
   * the values listed in {@code categories} to the {@code setGoesLeft} side and every other known category
   * the other way; missing values go to the {@code defaultLeft} side, and so do values the model does not
   * know, unless the categorical features have an unknown bin, which goes where unlisted categories go.
   */
  static final class Spec {
    final int[] feature;
    final double[] threshold;
    final boolean[] defaultLeft;
    final boolean[] zeroIsMissing;
    final int[][] categories;
    final boolean[] setGoesLeft;
    final int[] left;
    final int[] right;
    final double[] gain;
    final double[] hessian;
    final long[] count;
    final double[] leafValue;
    final double[] leafHessian;
    final long[] leafCount;

    /** Empty arrays for a tree of {@code leaves} leaves, to be filled in. */
    Spec(int leaves) {
      int nodes = leaves - 1;
      feature = new int[nodes];
      threshold = new double[nodes];
      defaultLeft = new boolean[nodes];
      zeroIsMissing = new boolean[nodes];
      categories = new int[nodes][];
      setGoesLeft = new boolean[nodes];
      left = new int[nodes];
      right = new int[nodes];
      gain = new double[nodes];
      hessian = new double[nodes];
      count = new long[nodes];
      leafValue = new double[leaves];
      leafHessian = new double[leaves];
      leafCount = new long[leaves];
    }

    int numNodes() {
      return feature.length;
    }
  }

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
   * @throws InputException if a node names an unknown feature, has a threshold that is not a number, or
   *     counts a feature's zeros as missing where an earlier node on the feature did not, or the reverse
   */
  void add(Spec tree, String where) {
    for (int n = 0; n < tree.numNodes(); n++) {
      int f = tree.feature[n];
      if (f < 0 || f >= names.size()) {
        throw new InputException(source + ": " + where + " splits on feature " + f + ", but the model has "
            + names.size() + " features.");
      }
      if (tree.categories[n] != null) {
        categorical[f] = true;
        for (int v : tree.categories[n]) {
          addCategory(f, v, where);
        }
      } else {
        double t = tree.threshold[n];
        if (Double.isNaN(t)) {
          throw new InputException(source + ": " + where + " has a numeric split on feature '" + names.get(f)
              + "' whose threshold is not a number.");
        }
        thresholds.get(f).add(t + 0.0); // -0.0 and 0.0 route every value alike: keep one bound for both
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
    for (Spec spec : trees) {
      converted.add(convert(spec, bounds, values, mappers));
    }
    int iterations = converted.size() / baseScores.length;
    try {
      return new Model(algorithm, objective, link, names, mappers, classes, baseScores, converted, ensemble,
          iterations, params, Map.of());
    } catch (IllegalArgumentException e) {
      throw new InputException(source + ": holds an inconsistent model (" + e.getMessage() + ").", e);
    }
  }

  private static Tree convert(Spec spec, double[][] bounds, int[][] values, List<BinMapper> mappers) {
    int nodes = spec.numNodes();
    double[] threshold = new double[nodes];
    int[] thresholdBin = new int[nodes];
    long[][] leftBins = new long[nodes][];
    for (int n = 0; n < nodes; n++) {
      int f = spec.feature[n];
      if (spec.categories[n] == null) {
        threshold[n] = spec.threshold[n] + 0.0;
        thresholdBin[n] = Arrays.binarySearch(bounds[f], threshold[n]);
      } else {
        threshold[n] = Double.NaN;
        thresholdBin[n] = -1;
        leftBins[n] = categoryBits(spec, n, values[f], mappers.get(f));
      }
    }
    return new Tree(spec.feature, threshold, thresholdBin, spec.defaultLeft, leftBins, spec.left, spec.right,
        spec.gain, spec.hessian, spec.count, spec.leafValue, spec.leafHessian, spec.leafCount);
  }

  /**
   * The bins going left at categorical node {@code n}; bin b holds category {@code values[b]}. An unknown
   * bin of its own goes where unlisted categories go; the missing bin (shared or not) to the default side.
   */
  private static long[] categoryBits(Spec spec, int n, int[] values, BinMapper mapper) {
    int[] set = spec.categories[n].clone();
    Arrays.sort(set);
    long[] bits = new long[(mapper.numBins() + 63) >>> 6];
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
    if (spec.defaultLeft[n]) {
      bits[missing >>> 6] |= 1L << missing;
    }
    return bits;
  }
}
