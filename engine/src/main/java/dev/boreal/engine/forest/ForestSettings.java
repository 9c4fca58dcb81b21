package dev.boreal.engine.forest;

import dev.boreal.UsageException;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.params.Params;

/**
 * What shapes a random forest, read from the one parameter table with scikit-learn's defaults where a
 * forest user expects them: parameters whose table default suits boosting ({@code num_leaves} 31,
 * {@code min_data_in_leaf} 20, {@code feature_fraction_bynode} 1) mean "no limit", 1 and
 * {@code max_features="sqrt"} for a forest unless the user set them.
 *
 * @param trees number of trees (num_iterations)
 * @param criterion split quality
 * @param bootstrap draw rows with replacement (bootstrap) rather than without
 * @param sampleFraction share of the rows drawn per tree (bagging_fraction)
 * @param featureFraction share of the features a tree may use at all (feature_fraction); 1 for all
 * @param sqrtFeaturesPerNode try {@code floor(√p)} features at each node (the classifier default, when
 *     feature_fraction_bynode is not set)
 * @param featureFractionByNode otherwise the share of the tree's features tried at each node, floored and
 *     at least 1, as scikit-learn reads a fractional max_features (feature_fraction_bynode)
 * @param maxDepth deepest level a node may be split at, or ≤ 0 for no limit (max_depth)
 * @param maxLeaves most leaves, or {@link Integer#MAX_VALUE} for no limit (num_leaves when set)
 * @param minDataInLeaf fewest distinct rows in a leaf (min_data_in_leaf, scikit-learn's min_samples_leaf)
 * @param minWeightInLeaf smallest total weight (multiplicity × sample weight) in a leaf
 *     (min_sum_hessian_in_leaf when set, else 0)
 * @param minGainToSplit smallest weighted impurity decrease worth a split (min_gain_to_split)
 * @param catSmooth categories ordered for a many-vs-many split need this much weight in the node, and their
 *     mean is shrunk towards the node's by it (cat_smooth, scaled to the rows as for boosting)
 * @param minDataPerGroup a category is ordered on its own only if at least this many training rows have it;
 *     rarer ones stay on the right together (min_data_per_group when given, else 5; 1 orders every category)
 * @param extraTrees one random threshold per feature and node (extremely randomised trees)
 * @param oobScore score every row with the trees that did not sample it (oob_score)
 * @param sampleSeed seeds the rows of each tree (bagging_seed, or derived from seed)
 * @param featureSeed seeds the per-tree and per-node feature samples (feature_fraction_seed)
 * @param thresholdSeed seeds extra-trees thresholds (extra_seed)
 * @param threads threads that grow trees (num_threads)
 */
public record ForestSettings(
    int trees,
    Criterion criterion,
    boolean bootstrap,
    double sampleFraction,
    double featureFraction,
    boolean sqrtFeaturesPerNode,
    double featureFractionByNode,
    int maxDepth,
    int maxLeaves,
    int minDataInLeaf,
    double minWeightInLeaf,
    double minGainToSplit,
    double catSmooth,
    int minDataPerGroup,
    boolean extraTrees,
    boolean oobScore,
    long sampleSeed,
    long featureSeed,
    long thresholdSeed,
    int threads) {

  /**
   * Reads a forest's settings.
   *
   * @param classification whether the forest classifies (binary or multiclass)
   * @throws UsageException for a criterion that does not fit the task
   */
  public static ForestSettings of(Params p, boolean classification) {
    boolean sqrtRule = classification && !p.isSet("feature_fraction_bynode");
    return new ForestSettings(
        p.getInt("num_iterations"),
        Criterion.of(p.getString("criterion"), classification),
        p.getBoolean("bootstrap"),
        p.getDouble("bagging_fraction"),
        p.getDouble("feature_fraction"),
        sqrtRule,
        p.getDouble("feature_fraction_bynode"),
        p.getInt("max_depth"),
        p.isSet("num_leaves") ? p.getInt("num_leaves") : Integer.MAX_VALUE,
        p.isSet("min_data_in_leaf") ? Math.max(1, p.getInt("min_data_in_leaf")) : 1,
        p.isSet("min_sum_hessian_in_leaf") ? p.getDouble("min_sum_hessian_in_leaf") : 0.0,
        p.getDouble("min_gain_to_split"),
        p.getDouble("cat_smooth"),
        p.getInt("min_data_per_group"),
        p.getBoolean("extra_trees"),
        p.getBoolean("oob_score"),
        Settings.seed(p, "bagging_seed"),
        Settings.seed(p, "feature_fraction_seed"),
        Settings.seed(p, "extra_seed"),
        Settings.threads(p));
  }

  /** Whether the number of leaves is capped, which makes growth best-first (scikit-learn's max_leaf_nodes). */
  public boolean leafCapped() {
    return maxLeaves != Integer.MAX_VALUE;
  }

  /**
   * Features tried per node out of {@code available} (the tree's features): {@code floor(√p)} by default
   * for classifiers, else {@code floor(fraction · p)}; at least 1 and at most {@code available}.
   */
  public int nodeFeatures(int available) {
    if (available <= 0) {
      return 0;
    }
    int n = sqrtFeaturesPerNode ? (int) Math.sqrt(available) : (int) (featureFractionByNode * available);
    return Math.min(available, Math.max(1, n));
  }

  /** Features each tree may use out of {@code usable}: {@code round(feature_fraction · p)}, at least 1. */
  public int treeFeatures(int usable) {
    if (featureFraction >= 1.0 || usable == 0) {
      return usable;
    }
    return Math.max(1, (int) (usable * featureFraction + 0.5));
  }
}
