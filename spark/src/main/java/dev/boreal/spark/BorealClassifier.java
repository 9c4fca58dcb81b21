package dev.boreal.spark;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;

/**
 * Gradient-boosted trees for classification as a Spark ML estimator: binary for labels 0 and 1, multiclass for
 * labels 0 … K-1 (as {@code StringIndexer} makes them). Trained over the partitions with Boreal's learner
 * ({@link SparkBoosting} says what runs where); categorical slots of the features vector come from its
 * {@code NominalAttribute} metadata. Params: {@link BorealParams}.
 *
 * <pre>{@code
 * BorealClassificationModel model = new BorealClassifier().setNumIterations(100).setNumLeaves(31).fit(train);
 * model.transform(test).select("prediction", "probability");
 * }</pre>
 */
public final class BorealClassifier
    extends ProbabilisticClassifier<Vector, BorealClassifier, BorealClassificationModel>
    implements BorealParams<BorealClassifier> {
  private static final long serialVersionUID = 1L;

  /** Set by the first {@code uid()} call, which Spark's param traits make inside the superclass constructor. */
  private String uid;
  private final BorealParamSet params;

  /** A classifier with a random uid. */
  public BorealClassifier() {
    this(Identifiable.randomUID("borealClassifier"));
  }

  /** A classifier with the given uid (Spark's copy and persistence use this). */
  public BorealClassifier(String uid) {
    this(Uids.park(uid));
  }

  private BorealClassifier(Uids.Parked parked) {
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
   * @throws dev.boreal.InputException for a missing or mistyped column, no rows, or a label that is not a class
   *     index
   * @throws dev.boreal.UsageException for a parameter value out of range
   */
  @Override
  public BorealClassificationModel fit(Dataset<?> dataset) {
    SparkTraining.checkColumns(dataset, this, getFeaturesCol(), getLabelCol());
    return super.fit(dataset);
  }

  @Override
  public BorealClassificationModel train(Dataset<?> dataset) {
    return new BorealClassificationModel(uid,
        ModelBytes.of(SparkTraining.train(dataset, this, getFeaturesCol(), getLabelCol(), true)));
  }

  @Override
  public BorealClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
