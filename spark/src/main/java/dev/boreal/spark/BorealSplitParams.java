package dev.boreal.spark;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params that shape where a tree may split, beside {@link BorealParams}' sizes and rates: randomised
 * thresholds, monotone and interaction constraints, categorical splits, and the driver's binning. Each stands for
 * the LightGBM parameter in its description; feature indices are slots of the features vector.
 *
 * @param <T> the estimator, returned by the setters
 */
public interface BorealSplitParams<T extends BorealSplitParams<T>> extends Params {
  /** The param objects of this estimator. */
  BorealParamSet borealParamSet();

  /** extra_trees. */
  default BooleanParam extraTrees() {
    return borealParamSet().extraTrees;
  }

  /** extra_seed. */
  default LongParam extraSeed() {
    return borealParamSet().extraSeed;
  }

  /** monotone_constraints. */
  default IntArrayParam monotoneConstraints() {
    return borealParamSet().monotoneConstraints;
  }

  /** interaction_constraints. */
  default Param<String> interactionConstraints() {
    return borealParamSet().interactionConstraints;
  }

  /** max_cat_to_onehot. */
  default IntParam maxCatToOnehot() {
    return borealParamSet().maxCatToOnehot;
  }

  /** cat_smooth. */
  default DoubleParam catSmooth() {
    return borealParamSet().catSmooth;
  }

  /** min_data_per_group. */
  default IntParam minDataPerGroup() {
    return borealParamSet().minDataPerGroup;
  }

  /** cat_l2. */
  default DoubleParam catL2() {
    return borealParamSet().catL2;
  }

  /** cat_l2_per_category. */
  default BooleanParam catL2PerCategory() {
    return borealParamSet().catL2PerCategory;
  }

  /** max_cat_threshold. */
  default IntParam maxCatThreshold() {
    return borealParamSet().maxCatThreshold;
  }

  /** min_data_in_bin. */
  default IntParam minDataInBin() {
    return borealParamSet().minDataInBin;
  }

  /** bin_construct_sample_cnt. */
  default IntParam binConstructSampleCnt() {
    return borealParamSet().binConstructSampleCnt;
  }

  /** data_random_seed. */
  default LongParam dataRandomSeed() {
    return borealParamSet().dataRandomSeed;
  }

  /** Sets extra_trees: each node tries one random threshold per feature (extremely randomised trees). */
  default T setExtraTrees(boolean value) {
    return setSplit(extraTrees(), value);
  }

  /** Sets extra_seed, the seed of extra_trees' thresholds. */
  default T setExtraSeed(long value) {
    return setSplit(extraSeed(), value);
  }

  /**
   * Sets monotone_constraints, one per slot of the features vector: 1 the score only rises with the feature,
   * -1 only falls, 0 free.
   */
  default T setMonotoneConstraints(int[] value) {
    return setSplit(monotoneConstraints(), value.clone());
  }

  /**
   * Sets interaction_constraints in LightGBM's form, {@code [0,1,2],[2,3]}: a tree's splits on one path use the
   * slots of one group only.
   */
  default T setInteractionConstraints(String value) {
    return setSplit(interactionConstraints(), value);
  }

  /** Sets max_cat_to_onehot: categorical features with at most this many values split one category against the rest. */
  default T setMaxCatToOnehot(int value) {
    return setSplit(maxCatToOnehot(), value);
  }

  /**
   * Sets cat_smooth: smoothing of each category's gradient ratio when categories are ordered, and the fewest rows a
   * category needs to be ordered. Unset, it follows the training rows (rows / 1000, between 1 and 10).
   */
  default T setCatSmooth(double value) {
    return setSplit(catSmooth(), value);
  }

  /**
   * Sets min_data_per_group: the fewest rows between two cuts of a many-vs-many categorical split. Unset, it
   * follows the training rows (rows / 100, between 10 and 100).
   */
  default T setMinDataPerGroup(int value) {
    return setSplit(minDataPerGroup(), value);
  }

  /** Sets cat_l2, the L2 regularisation of categorical splits. */
  default T setCatL2(double value) {
    return setSplit(catL2(), value);
  }

  /** Sets cat_l2_per_category: false applies cat_l2 in full to every many-vs-many split, as LightGBM does. */
  default T setCatL2PerCategory(boolean value) {
    return setSplit(catL2PerCategory(), value);
  }

  /** Sets max_cat_threshold, the most categories on one side of a categorical split. */
  default T setMaxCatThreshold(int value) {
    return setSplit(maxCatThreshold(), value);
  }

  /** Sets min_data_in_bin: the fewest sampled rows per bin, and for a category to get a bin of its own. */
  default T setMinDataInBin(int value) {
    return setSplit(minDataInBin(), value);
  }

  /** Sets bin_construct_sample_cnt, how many rows the driver samples from the partitions to learn the bins. */
  default T setBinConstructSampleCnt(int value) {
    return setSplit(binConstructSampleCnt(), value);
  }

  /** Sets data_random_seed, the seed of the binning sample. */
  default T setDataRandomSeed(long value) {
    return setSplit(dataRandomSeed(), value);
  }

  /** Sets a param and returns this estimator. */
  @SuppressWarnings("unchecked")
  private <V> T setSplit(Param<V> param, V value) {
    set(param, value);
    return (T) this;
  }
}
