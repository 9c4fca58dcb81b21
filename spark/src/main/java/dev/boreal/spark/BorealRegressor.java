package dev.boreal.spark;

import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;

/**
 * Gradient-boosted trees for regression (L2 loss) as a Spark ML estimator, trained over the partitions with
 * Boreal's learner; see {@link BorealClassifier} for features and params.
 */
public final class BorealRegressor extends Predictor<Vector, BorealRegressor, BorealRegressionModel>
    implements BorealParams<BorealRegressor> {
  private static final long serialVersionUID = 1L;

  /** Set by the first {@code uid()} call, which Spark's param traits make inside the superclass constructor. */
  private String uid;
  private final BorealParamSet params;

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

  /**
   * Trains a model.
   *
   * @throws dev.boreal.InputException for a missing or mistyped column, no rows, or a label that is not finite
   * @throws dev.boreal.UsageException for a parameter value out of range
   */
  @Override
  public BorealRegressionModel fit(Dataset<?> dataset) {
    SparkTraining.checkColumns(dataset, this, getFeaturesCol(), getLabelCol());
    return super.fit(dataset);
  }

  @Override
  public BorealRegressionModel train(Dataset<?> dataset) {
    return new BorealRegressionModel(uid,
        ModelBytes.of(SparkTraining.train(dataset, this, getFeaturesCol(), getLabelCol(), false)));
  }

  @Override
  public BorealRegressor copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
