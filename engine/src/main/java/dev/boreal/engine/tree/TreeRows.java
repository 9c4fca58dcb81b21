package dev.boreal.engine.tree;

import dev.boreal.histogram.Histogram;

/**
 * Where the rows of the tree being grown live, as the {@link TreeLearner} sees them: the one seam between
 * growing a tree and holding its rows. The learner asks for the root's sums, for the histogram of a leaf, and
 * tells each leaf it may split and each split it makes; everything else (split search, histogram subtraction, growth order, leaf values) is the
 * learner's alone.
 *
 * <p>The default, {@link TreeLearner#grow(int[], int, double[], double[], int[], long)}, keeps the rows on this
 * machine (a permutation partitioned in place). A distributed caller implements this interface by adding up
 * the sums and histograms of many partitions (each routes its own rows down the splits it is told), so the
 * same learner grows the same tree whatever the number of partitions, up to the order floating-point sums
 * are added in (exactly, when they are integer sums of quantized gradients: {@link #buildsEveryLeaf()}).
 *
 * <p>Leaves are numbered as in {@link GrownTree}: the root is leaf 0, and a split keeps its left child in the
 * parent's number and gives the right child the next free number.
 */
public interface TreeRows {
  /**
   * The sums of the root, all the tree's rows.
   *
   * @param sums output: gradient sum, hessian sum, row count
   */
  void rootSums(double[] sums);

  /**
   * Builds the histogram of a leaf over the given features.
   *
   * @param leaf the leaf, 0 for the root
   * @param features input: the features to build, ascending; the others are left zero
   * @param out output, overwritten
   */
  void build(int leaf, int[] features, Histogram out);

  /**
   * Whether {@link #build} gives exact histograms of every leaf, so the learner builds the larger child of a
   * split too rather than subtracting the smaller from the parent. A distributed caller summing quantized
   * gradients as integers says so: its histograms are then those of one machine, whose quantized learner
   * subtracts integer sums, whereas a difference of float histograms is not exactly the sibling's sums.
   *
   * @return {@code false} unless overridden
   */
  default boolean buildsEveryLeaf() {
    return false;
  }

  /**
   * Tells that the learner may split {@code leaf} this way later, once it is the best candidate: its split is
   * chosen and will not change, but whether and when the leaf is split depends on the splits before it. A
   * distributed caller may then route the rows of many such leaves and build their children's histograms in one
   * pass, ahead of the {@link #split} calls, instead of one pass a split. Every {@link #split} comes after this
   * call for its leaf, with the same split. The default ignores it.
   *
   * @param leaf the leaf, queued for splitting
   * @param gain the split's gain: with leaf-wise growth, higher gains are split first
   * @param feature as in {@link #split}
   * @param thresholdBin as in {@link #split}
   * @param defaultLeft as in {@link #split}
   * @param leftBins as in {@link #split}; not to be modified
   */
  default void candidate(int leaf, double gain, int feature, int thresholdBin, boolean defaultLeft,
      long[] leftBins) {
  }

  /**
   * Splits a leaf's rows: those whose bin of {@code feature} goes left (by
   * {@link dev.boreal.engine.model.Routing#binGoesLeft}) stay in {@code leaf}, the others form {@code newLeaf}.
   *
   * @param thresholdBin numeric split: bins up to it go left; -1 for a categorical split
   * @param defaultLeft where the missing bin goes at a numeric split
   * @param leftBins categorical split: the bitset of bins going left; {@code null} for a numeric split
   * @return the number of rows that went left
   */
  long split(int leaf, int newLeaf, int feature, int thresholdBin, boolean defaultLeft, long[] leftBins);
}
