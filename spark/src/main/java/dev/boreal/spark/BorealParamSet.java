package dev.boreal.spark;

import dev.boreal.engine.params.Params;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;

/**
 * The training parameters of {@link BorealClassifier} and {@link BorealRegressor}, each a Spark ML param in
 * camelCase standing for one Boreal (LightGBM) parameter: {@code numIterations} is {@code num_iterations},
 * {@code lambdaL2} is {@code lambda_l2}, and so on ({@link #lightGbmNames()}). A param left unset takes Boreal's
 * default; values are checked by Boreal's parameter table when {@code fit} starts, which throws
 * {@link dev.boreal.UsageException} naming the parameter and the accepted range.
 */
public final class BorealParamSet implements Serializable {
  private static final long serialVersionUID = 1L;

  final IntParam numIterations;
  final DoubleParam learningRate;
  final IntParam numLeaves;
  final IntParam maxDepth;
  final Param<String> growPolicy;
  final IntParam minDataInLeaf;
  final DoubleParam minSumHessianInLeaf;
  final DoubleParam lambdaL1;
  final DoubleParam lambdaL2;
  final DoubleParam minGainToSplit;
  final DoubleParam maxDeltaStep;
  final DoubleParam pathSmooth;
  final DoubleParam baggingFraction;
  final IntParam baggingFreq;
  final LongParam baggingSeed;
  final DoubleParam featureFraction;
  final DoubleParam featureFractionBynode;
  final LongParam featureFractionSeed;
  final IntParam maxBin;
  final LongParam seed;
  final IntParam numThreads;
  final BooleanParam useQuantizedGrad;
  final IntParam numGradQuantBins;
  final BooleanParam quantTrainRenewLeaf;
  final BooleanParam stochasticRounding;
  final BooleanParam extraTrees;
  final LongParam extraSeed;
  final IntArrayParam monotoneConstraints;
  final Param<String> interactionConstraints;
  final IntParam maxCatToOnehot;
  final DoubleParam catSmooth;
  final IntParam minDataPerGroup;
  final DoubleParam catL2;
  final BooleanParam catL2PerCategory;
  final IntParam maxCatThreshold;
  final IntParam minDataInBin;
  final IntParam binConstructSampleCnt;
  final LongParam dataRandomSeed;
  final Param<String> weightCol;
  private final Map<Param<?>, String> lightGbm = new LinkedHashMap<>();

  BorealParamSet(org.apache.spark.ml.param.Params owner) {
    numIterations = add(new IntParam(owner, "numIterations", "boosting iterations (num_iterations)"),
        "num_iterations");
    learningRate = add(new DoubleParam(owner, "learningRate", "shrinkage (learning_rate)"), "learning_rate");
    numLeaves = add(new IntParam(owner, "numLeaves", "most leaves per tree (num_leaves)"), "num_leaves");
    maxDepth = add(new IntParam(owner, "maxDepth", "tree depth limit, <= 0 for none (max_depth)"), "max_depth");
    growPolicy = add(new Param<>(owner, "growPolicy", "leafwise (best leaf first) or depthwise (grow_policy)"),
        "grow_policy");
    minDataInLeaf = add(new IntParam(owner, "minDataInLeaf", "fewest rows per leaf (min_data_in_leaf)"),
        "min_data_in_leaf");
    minSumHessianInLeaf = add(new DoubleParam(owner, "minSumHessianInLeaf",
        "least hessian sum per leaf (min_sum_hessian_in_leaf)"), "min_sum_hessian_in_leaf");
    lambdaL1 = add(new DoubleParam(owner, "lambdaL1", "L1 regularisation (lambda_l1)"), "lambda_l1");
    lambdaL2 = add(new DoubleParam(owner, "lambdaL2", "L2 regularisation (lambda_l2)"), "lambda_l2");
    minGainToSplit = add(new DoubleParam(owner, "minGainToSplit", "least gain of a split (min_gain_to_split)"),
        "min_gain_to_split");
    maxDeltaStep = add(new DoubleParam(owner, "maxDeltaStep",
        "largest leaf output before shrinkage, 0 for no limit (max_delta_step)"), "max_delta_step");
    pathSmooth = add(new DoubleParam(owner, "pathSmooth",
        "smoothing of each child's output towards its parent's by its rows, 0 for none (path_smooth)"), "path_smooth");
    baggingFraction = add(new DoubleParam(owner, "baggingFraction",
        "fraction of rows each bagged iteration's trees learn from (bagging_fraction)"), "bagging_fraction");
    baggingFreq = add(new IntParam(owner, "baggingFreq",
        "draw a new bag every k iterations, 0 for none (bagging_freq)"), "bagging_freq");
    baggingSeed = add(new LongParam(owner, "baggingSeed", "seed of the row sampling (bagging_seed)"),
        "bagging_seed");
    featureFraction = add(new DoubleParam(owner, "featureFraction",
        "fraction of features each iteration's trees may use (feature_fraction)"), "feature_fraction");
    featureFractionBynode = add(new DoubleParam(owner, "featureFractionBynode",
        "fraction of the tree's features each node may split on (feature_fraction_bynode)"),
        "feature_fraction_bynode");
    featureFractionSeed = add(new LongParam(owner, "featureFractionSeed",
        "seed of the per-iteration feature sampling (feature_fraction_seed)"), "feature_fraction_seed");
    maxBin = add(new IntParam(owner, "maxBin", "most bins per feature (max_bin)"), "max_bin");
    seed = add(new LongParam(owner, "seed", "seed of every random stage (seed)"), "seed");
    numThreads = add(new IntParam(owner, "numThreads", "driver threads for split search (num_threads)"),
        "num_threads");
    useQuantizedGrad = add(new BooleanParam(owner, "useQuantizedGrad",
        "train on gradients rounded to integer levels (use_quantized_grad)"), "use_quantized_grad");
    numGradQuantBins = add(new IntParam(owner, "numGradQuantBins",
        "levels of quantized gradients (num_grad_quant_bins)"),
        "num_grad_quant_bins");
    quantTrainRenewLeaf = add(new BooleanParam(owner, "quantTrainRenewLeaf",
        "leaf outputs from the float gradients (quant_train_renew_leaf)"), "quant_train_renew_leaf");
    stochasticRounding = add(new BooleanParam(owner, "stochasticRounding",
        "round quantized gradients at random (stochastic_rounding)"), "stochastic_rounding");
    extraTrees = add(new BooleanParam(owner, "extraTrees", "one random threshold per feature and node (extra_trees)"),
        "extra_trees");
    extraSeed = add(new LongParam(owner, "extraSeed", "seed of the extra_trees thresholds (extra_seed)"),
        "extra_seed");
    monotoneConstraints = add(new IntArrayParam(owner, "monotoneConstraints",
        "per feature slot: 1 increasing, -1 decreasing, 0 free (monotone_constraints)"), "monotone_constraints");
    interactionConstraints = add(new Param<>(owner, "interactionConstraints",
        "feature slots allowed to interact, as [0,1,2],[2,3] (interaction_constraints)"), "interaction_constraints");
    maxCatToOnehot = add(new IntParam(owner, "maxCatToOnehot",
        "categorical features with at most this many values split one-vs-rest (max_cat_to_onehot)"),
        "max_cat_to_onehot");
    catSmooth = add(new DoubleParam(owner, "catSmooth",
        "smoothing of category statistics, and the fewest rows an ordered category needs (cat_smooth)"),
        "cat_smooth");
    minDataPerGroup = add(new IntParam(owner, "minDataPerGroup",
        "fewest rows per group of categories between two cuts (min_data_per_group)"), "min_data_per_group");
    catL2 = add(new DoubleParam(owner, "catL2", "L2 regularisation of categorical splits (cat_l2)"), "cat_l2");
    catL2PerCategory = add(new BooleanParam(owner, "catL2PerCategory",
        "scale cat_l2 by the categories a split orders (cat_l2_per_category)"), "cat_l2_per_category");
    maxCatThreshold = add(new IntParam(owner, "maxCatThreshold",
        "most categories on one side of a categorical split (max_cat_threshold)"), "max_cat_threshold");
    minDataInBin = add(new IntParam(owner, "minDataInBin",
        "fewest sampled rows per bin, and for a category to get its own (min_data_in_bin)"), "min_data_in_bin");
    binConstructSampleCnt = add(new IntParam(owner, "binConstructSampleCnt",
        "rows the driver samples to choose bin bounds (bin_construct_sample_cnt)"), "bin_construct_sample_cnt");
    dataRandomSeed = add(new LongParam(owner, "dataRandomSeed", "seed of the binning sample (data_random_seed)"),
        "data_random_seed");
    weightCol = new Param<>(owner, "weightCol", "column of sample weights; unset for equal weights");
  }

  private <P extends Param<?>> P add(P param, String name) {
    lightGbm.put(param, name);
    return param;
  }

  /** Spark param name to Boreal (LightGBM) parameter name, in documentation order. */
  public Map<String, String> lightGbmNames() {
    Map<String, String> names = new LinkedHashMap<>();
    for (Map.Entry<Param<?>, String> e : lightGbm.entrySet()) {
      names.put(e.getKey().name(), e.getValue());
    }
    return names;
  }

  List<Param<?>> all() {
    return List.copyOf(lightGbm.keySet());
  }

  /**
   * The Boreal parameters of the params {@code owner} has set.
   *
   * @throws dev.boreal.UsageException for a value out of range, naming the parameter
   */
  Params toParams(org.apache.spark.ml.param.Params owner) {
    return Params.of(setValues(owner, lightGbm));
  }

  /**
   * The values {@code owner} has set among {@code names}' params, by their LightGBM names, as Boreal's parameter
   * table reads them.
   */
  static Map<String, String> setValues(org.apache.spark.ml.param.Params owner, Map<Param<?>, String> names) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (Map.Entry<Param<?>, String> e : names.entrySet()) {
      if (owner.isSet(e.getKey())) {
        raw.put(e.getValue(), text(owner.getOrDefault(e.getKey())));
      }
    }
    return raw;
  }

  /** A param's value as Boreal's parameter table reads it: an int array as {@code 1,0,-1}. */
  private static String text(Object value) {
    if (value instanceof int[] values) {
      StringBuilder list = new StringBuilder();
      for (int v : values) {
        list.append(list.length() == 0 ? "" : ",").append(v);
      }
      return list.toString();
    }
    return String.valueOf(value);
  }
}
