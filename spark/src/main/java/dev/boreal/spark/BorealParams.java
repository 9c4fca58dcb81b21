package dev.boreal.spark;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * Boreal's training params on a Spark ML estimator (see {@link BorealParamSet} for the LightGBM names), with
 * {@code weightCol}; those that shape where trees split are in {@link BorealSplitParams}. Spark finds params
 * through their public getter methods, which these defaults provide.
 *
 * @param <T> the estimator, returned by the setters
 */
public interface BorealParams<T extends BorealParams<T>> extends Params, BorealSplitParams<T> {
  /** The param objects of this estimator. */
  @Override
  BorealParamSet borealParamSet();

  /** The column of sample weights; unset for equal weights. */
  default Param<String> weightCol() {
    return borealParamSet().weightCol;
  }

  /** num_iterations. */
  default IntParam numIterations() {
    return borealParamSet().numIterations;
  }

  /** learning_rate. */
  default DoubleParam learningRate() {
    return borealParamSet().learningRate;
  }

  /** num_leaves. */
  default IntParam numLeaves() {
    return borealParamSet().numLeaves;
  }

  /** max_depth. */
  default IntParam maxDepth() {
    return borealParamSet().maxDepth;
  }

  /** grow_policy. */
  default Param<String> growPolicy() {
    return borealParamSet().growPolicy;
  }

  /** min_data_in_leaf. */
  default IntParam minDataInLeaf() {
    return borealParamSet().minDataInLeaf;
  }

  /** min_sum_hessian_in_leaf. */
  default DoubleParam minSumHessianInLeaf() {
    return borealParamSet().minSumHessianInLeaf;
  }

  /** lambda_l1. */
  default DoubleParam lambdaL1() {
    return borealParamSet().lambdaL1;
  }

  /** lambda_l2. */
  default DoubleParam lambdaL2() {
    return borealParamSet().lambdaL2;
  }

  /** min_gain_to_split. */
  default DoubleParam minGainToSplit() {
    return borealParamSet().minGainToSplit;
  }

  /** max_delta_step. */
  default DoubleParam maxDeltaStep() {
    return borealParamSet().maxDeltaStep;
  }

  /** path_smooth. */
  default DoubleParam pathSmooth() {
    return borealParamSet().pathSmooth;
  }

  /** bagging_fraction. */
  default DoubleParam baggingFraction() {
    return borealParamSet().baggingFraction;
  }

  /** bagging_freq. */
  default IntParam baggingFreq() {
    return borealParamSet().baggingFreq;
  }

  /** bagging_seed. */
  default LongParam baggingSeed() {
    return borealParamSet().baggingSeed;
  }

  /** feature_fraction. */
  default DoubleParam featureFraction() {
    return borealParamSet().featureFraction;
  }

  /** feature_fraction_bynode. */
  default DoubleParam featureFractionBynode() {
    return borealParamSet().featureFractionBynode;
  }

  /** feature_fraction_seed. */
  default LongParam featureFractionSeed() {
    return borealParamSet().featureFractionSeed;
  }

  /** max_bin. */
  default IntParam maxBin() {
    return borealParamSet().maxBin;
  }

  /** seed. */
  default LongParam seed() {
    return borealParamSet().seed;
  }

  /** num_threads (of the driver, which searches splits). */
  default IntParam numThreads() {
    return borealParamSet().numThreads;
  }

  /** use_quantized_grad. */
  default BooleanParam useQuantizedGrad() {
    return borealParamSet().useQuantizedGrad;
  }

  /** num_grad_quant_bins. */
  default IntParam numGradQuantBins() {
    return borealParamSet().numGradQuantBins;
  }

  /** quant_train_renew_leaf. */
  default BooleanParam quantTrainRenewLeaf() {
    return borealParamSet().quantTrainRenewLeaf;
  }

  /** stochastic_rounding. */
  default BooleanParam stochasticRounding() {
    return borealParamSet().stochasticRounding;
  }

  /** Sets num_iterations. */
  default T setNumIterations(int value) {
    return setBoreal(numIterations(), value);
  }

  /** Sets learning_rate. */
  default T setLearningRate(double value) {
    return setBoreal(learningRate(), value);
  }

  /** Sets num_leaves. */
  default T setNumLeaves(int value) {
    return setBoreal(numLeaves(), value);
  }

  /** Sets max_depth. */
  default T setMaxDepth(int value) {
    return setBoreal(maxDepth(), value);
  }

  /** Sets grow_policy: {@code leafwise} (best leaf first, the default) or {@code depthwise} (level by level). */
  default T setGrowPolicy(String value) {
    return setBoreal(growPolicy(), value);
  }

  /** Sets min_data_in_leaf. */
  default T setMinDataInLeaf(int value) {
    return setBoreal(minDataInLeaf(), value);
  }

  /** Sets min_sum_hessian_in_leaf. */
  default T setMinSumHessianInLeaf(double value) {
    return setBoreal(minSumHessianInLeaf(), value);
  }

  /** Sets lambda_l1. */
  default T setLambdaL1(double value) {
    return setBoreal(lambdaL1(), value);
  }

  /** Sets lambda_l2. */
  default T setLambdaL2(double value) {
    return setBoreal(lambdaL2(), value);
  }

  /** Sets min_gain_to_split. */
  default T setMinGainToSplit(double value) {
    return setBoreal(minGainToSplit(), value);
  }

  /**
   * Sets max_delta_step: no leaf outputs more than this in absolute value before the learning rate; 0 sets no
   * limit. Unset, multiclass training caps at 2 and the other objectives not at all (Boreal's defaults).
   */
  default T setMaxDeltaStep(double value) {
    return setBoreal(maxDeltaStep(), value);
  }

  /**
   * Sets path_smooth: each child's output moves towards its parent's by its rows n, {@code w (n/s)/(n/s+1) +
   * w_parent/(n/s+1)}; 0, the default, smooths nothing.
   */
  default T setPathSmooth(double value) {
    return setBoreal(pathSmooth(), value);
  }

  /**
   * Sets bagging_fraction: each bagged iteration's trees learn from this fraction of the rows (with
   * {@link #setBaggingFreq}); the rows out of the bag still get every tree's value.
   */
  default T setBaggingFraction(double value) {
    return setBoreal(baggingFraction(), value);
  }

  /** Sets bagging_freq: a new bag every {@code value} iterations; 0 (the default) for no bagging. */
  default T setBaggingFreq(int value) {
    return setBoreal(baggingFreq(), value);
  }

  /** Sets bagging_seed. */
  default T setBaggingSeed(long value) {
    return setBoreal(baggingSeed(), value);
  }

  /** Sets feature_fraction: each iteration's trees may split on this fraction of the features. */
  default T setFeatureFraction(double value) {
    return setBoreal(featureFraction(), value);
  }

  /** Sets feature_fraction_bynode: each node may split on this fraction of its tree's features. */
  default T setFeatureFractionBynode(double value) {
    return setBoreal(featureFractionBynode(), value);
  }

  /** Sets feature_fraction_seed. */
  default T setFeatureFractionSeed(long value) {
    return setBoreal(featureFractionSeed(), value);
  }

  /** Sets max_bin. */
  default T setMaxBin(int value) {
    return setBoreal(maxBin(), value);
  }

  /** Sets seed. */
  default T setSeed(long value) {
    return setBoreal(seed(), value);
  }

  /** Sets num_threads. */
  default T setNumThreads(int value) {
    return setBoreal(numThreads(), value);
  }

  /** Sets use_quantized_grad. */
  default T setUseQuantizedGrad(boolean value) {
    return setBoreal(useQuantizedGrad(), value);
  }

  /** Sets num_grad_quant_bins. */
  default T setNumGradQuantBins(int value) {
    return setBoreal(numGradQuantBins(), value);
  }

  /** Sets quant_train_renew_leaf. */
  default T setQuantTrainRenewLeaf(boolean value) {
    return setBoreal(quantTrainRenewLeaf(), value);
  }

  /** Sets stochastic_rounding. */
  default T setStochasticRounding(boolean value) {
    return setBoreal(stochasticRounding(), value);
  }

  /** Sets the weight column. */
  default T setWeightCol(String value) {
    return setBoreal(weightCol(), value);
  }

  /** Sets a param and returns this estimator. */
  @SuppressWarnings("unchecked")
  private <V> T setBoreal(Param<V> param, V value) {
    set(param, value);
    return (T) this;
  }
}
