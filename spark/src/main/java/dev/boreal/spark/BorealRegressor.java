package dev.boreal.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;

/**
 * Gradient-boosted trees for regression as a Spark ML estimator, trained over the partitions with Boreal's learner:
 * L2 loss by default, or huber, poisson, gamma or tweedie ({@link #setObjective}); see {@link BorealClassifier} for
 * features and params.
 */
public final class BorealRegressor extends Predictor<Vector, BorealRegressor, BorealRegressionModel>
    implements BorealParams<BorealRegressor> {
  private static final long serialVersionUID = 1L;

  /** Set by the first {@code uid()} call, which Spark's param traits make inside the superclass constructor. */
  private String uid;
  private final BorealParamSet params;
  private final Param<String> objective;
  private final DoubleParam alpha;
  private final DoubleParam tweedieVariancePower;
  private final DoubleParam poissonMaxDeltaStep;

  /** A regressor with a random uid. */
  public BorealRegressor() {
    this(Identifiable.randomUID("borealRegressor"));
  }

  /** A regressor with the given uid (Spark's copy and persistence use this). */
  public BorealRegressor(String uid) {
    this(Uids.park(uid));
  }

  private BorealRegressor(Uids.Parked parked) {
    this.params = new BorealParamSet(this);
    this.objective = new Param<>(this, "objective",
        "the loss: regression (L2, the default), huber, poisson, gamma or tweedie (objective)");
    this.alpha = new DoubleParam(this, "alpha", "huber's delta (alpha)");
    this.tweedieVariancePower = new DoubleParam(this, "tweedieVariancePower",
        "tweedie's variance power, between 1 (poisson) and 2 (gamma) (tweedie_variance_power)");
    this.poissonMaxDeltaStep = new DoubleParam(this, "poissonMaxDeltaStep",
        "safeguard of poisson's optimisation (poisson_max_delta_step)");
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = Uids.take();
    }
    return uid;
  }

  @Override
  public BorealParamSet borealParamSet() {
    return params;
  }

  /** objective. */
  public Param<String> objective() {
    return objective;
  }

  /** alpha (huber). */
  public DoubleParam alpha() {
    return alpha;
  }

  /** tweedie_variance_power. */
  public DoubleParam tweedieVariancePower() {
    return tweedieVariancePower;
  }

  /** poisson_max_delta_step. */
  public DoubleParam poissonMaxDeltaStep() {
    return poissonMaxDeltaStep;
  }

  /**
   * Sets the loss: {@code regression} (L2, the default), {@code huber}, {@code poisson}, {@code gamma} or
   * {@code tweedie}, under LightGBM's names or aliases. The count losses predict through exp. regression_l1 and
   * quantile are refused when training starts: they set each leaf to a percentile of its rows' residuals, which
   * training over partitions does not compute.
   */
  public BorealRegressor setObjective(String value) {
    set(objective, value);
    return this;
  }

  /** Sets alpha, huber's delta. */
  public BorealRegressor setAlpha(double value) {
    set(alpha, value);
    return this;
  }

  /** Sets tweedie_variance_power, between 1 (poisson) and 2 (gamma). */
  public BorealRegressor setTweedieVariancePower(double value) {
    set(tweedieVariancePower, value);
    return this;
  }

  /** Sets poisson_max_delta_step. */
  public BorealRegressor setPoissonMaxDeltaStep(double value) {
    set(poissonMaxDeltaStep, value);
    return this;
  }

  /** The loss params that are set, by their LightGBM names. */
  private Map<String, String> lossParams() {
    Map<Param<?>, String> names = new LinkedHashMap<>();
    names.put(objective, "objective");
    names.put(alpha, "alpha");
    names.put(tweedieVariancePower, "tweedie_variance_power");
    names.put(poissonMaxDeltaStep, "poisson_max_delta_step");
    return BorealParamSet.setValues(this, names);
  }

  /**
   * Trains a model.
   *
   * @throws dev.boreal.InputException for a missing or mistyped column, no rows, or a label that is not finite
   * @throws dev.boreal.UsageException for a parameter value out of range
   */
  @Override
  public BorealRegressionModel fit(Dataset<?> dataset) {
    SparkTraining.checkColumns(dataset, this, getFeaturesCol(), getLabelCol(), lossParams());
    return super.fit(dataset);
  }

  @Override
  public BorealRegressionModel train(Dataset<?> dataset) {
    return new BorealRegressionModel(uid,
        ModelBytes.of(SparkTraining.train(dataset, this, getFeaturesCol(), getLabelCol(), false, lossParams())));
  }

  @Override
  public BorealRegressor copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
