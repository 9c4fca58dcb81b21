package dev.boreal.engine.tree;

import dev.boreal.histogram.HistogramBuilder;

/**
 * What shapes one tree: size limits, regularisation, categorical handling, constraints and sampling.
 * Names follow LightGBM's parameters.
 *
 * @param numLeaves most leaves (num_leaves)
 * @param maxDepth most internal nodes on a root-to-leaf path, or ≤ 0 for no limit (max_depth)
 * @param depthwise grow level by level instead of best-gain-first (grow_policy)
 * @param minDataInLeaf fewest rows in a leaf (min_data_in_leaf)
 * @param minSumHessianInLeaf smallest hessian sum in a leaf (min_sum_hessian_in_leaf)
 * @param lambdaL1 L1 penalty on leaf outputs (lambda_l1)
 * @param lambdaL2 L2 penalty on leaf outputs (lambda_l2)
 * @param minGainToSplit smallest gain worth a split (min_gain_to_split)
 * @param maxDeltaStep cap on a leaf's output, or ≤ 0 for none (max_delta_step)
 * @param pathSmooth smoothing of each child's output towards its parent's by the child's rows, or 0 for none
 *     (path_smooth, {@link SplitMath#smoothed})
 * @param maxCatToOnehot categorical features with at most this many bins split one-vs-rest (max_cat_to_onehot)
 * @param catSmooth smoothing of a category's gradient ratio, and the fewest rows a category needs to be
 *     ordered (cat_smooth)
 * @param catL2 extra L2 penalty in categorical splits (cat_l2)
 * @param catL2PerCategory scale {@code catL2} by the categories a many-vs-many split orders over
 *     {@code maxCatThreshold}, at most 1 (cat_l2_per_category)
 * @param maxCatThreshold most categories on the left of a categorical split (max_cat_threshold)
 * @param minDataPerGroup fewest rows per group of categories between two candidate cuts (min_data_per_group)
 * @param monotone per feature: +1 increasing, -1 decreasing, 0 free; empty for none (monotone_constraints)
 * @param interactionGroups sets of feature indices that may appear together on a branch; empty for no
 *     constraint (interaction_constraints)
 * @param featureFractionByNode share of the tree's features considered at each node (feature_fraction_bynode)
 * @param extraTrees draw one random threshold per feature instead of scanning all (extra_trees)
 * @param layout how histograms read bins (force_row_wise / force_col_wise)
 */
public record TreeParams(
    int numLeaves,
    int maxDepth,
    boolean depthwise,
    int minDataInLeaf,
    double minSumHessianInLeaf,
    double lambdaL1,
    double lambdaL2,
    double minGainToSplit,
    double maxDeltaStep,
    double pathSmooth,
    int maxCatToOnehot,
    double catSmooth,
    double catL2,
    boolean catL2PerCategory,
    int maxCatThreshold,
    int minDataPerGroup,
    int[] monotone,
    int[][] interactionGroups,
    double featureFractionByNode,
    boolean extraTrees,
    HistogramBuilder.Layout layout) {

  /** LightGBM's defaults ({@code cat_l2} applied in full, as LightGBM does). */
  public static TreeParams defaults() {
    return new TreeParams(31, -1, false, 20, 1e-3, 0, 0, 0, 0, 0, 4, 10, 10, false, 32, 100, new int[0], new int[0][],
        1.0, false, HistogramBuilder.Layout.AUTO);
  }

  /** The monotone constraint of feature {@code f}: +1, -1 or 0. */
  public int monotone(int f) {
    return f < monotone.length ? monotone[f] : 0;
  }
}
