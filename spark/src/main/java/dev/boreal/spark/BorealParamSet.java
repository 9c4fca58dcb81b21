package dev.boreal.spark;

import dev.boreal.engine.params.Params;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;

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
  final Param<String> weightCol;
  private final Map<Param<?>, String> lightGbm = new LinkedHashMap<>();

  BorealParamSet(Identifiable owner) {
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
    Map<String, String> raw = new LinkedHashMap<>();
    for (Map.Entry<Param<?>, String> e : lightGbm.entrySet()) {
      if (owner.isSet(e.getKey())) {
        raw.put(e.getValue(), String.valueOf(owner.getOrDefault(e.getKey())));
      }
    }
    return Params.of(raw);
  }
}
