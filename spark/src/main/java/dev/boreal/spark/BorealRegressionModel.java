package dev.boreal.spark;

import dev.boreal.engine.model.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A trained {@link BorealRegressor}: {@code transform} adds {@code prediction}. {@code write().save(path)} stores
 * the ordinary Boreal model file ({@link ModelStore}).
 */
public final class BorealRegressionModel extends RegressionModel<Vector, BorealRegressionModel>
    implements MLWritable {
  private static final long serialVersionUID = 1L;

  /** Set by the first {@code uid()} call, which Spark's param traits make inside the superclass constructor. */
  private String uid;
  private final ModelScorer scorer;
  private final Param<String> contributionsCol;

  BorealRegressionModel(String uid, byte[] modelFile) {
    this(Uids.park(uid), modelFile);
  }

  private BorealRegressionModel(Uids.Parked parked, byte[] modelFile) {
    this.scorer = new ModelScorer(modelFile);
    this.contributionsCol = Contributions.param(this);
  }

  @Override
  public String uid() {
    if (uid == null) {
      uid = Uids.take();
    }
    return uid;
  }

  /** The Boreal model, as {@code Boreal.load} would read it from the saved model file. */
  public Model borealModel() {
    return scorer.model();
  }

  /**
   * The column {@code transform} writes SHAP values to (LightGBM's {@code pred_contrib}): per output each feature's
   * contribution then the bias, summing to the raw score; unset (the default) for none.
   */
  public Param<String> contributionsCol() {
    return contributionsCol;
  }

  /** Sets {@link #contributionsCol()}. */
  public BorealRegressionModel setContributionsCol(String value) {
    set(contributionsCol, value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return Contributions.schema(super.transformSchema(schema), Contributions.column(this, contributionsCol));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return Contributions.add(super.transform(dataset), scorer, getFeaturesCol(),
        Contributions.column(this, contributionsCol));
  }

  @Override
  public int numFeatures() {
    return scorer.model().numFeatures();
  }

  @Override
  public double predict(Vector features) {
    double[] out = scorer.raw(features);
    scorer.link(out);
    return out[0];
  }

  @Override
  public BorealRegressionModel copy(ParamMap extra) {
    return copyValues(new BorealRegressionModel(uid, scorer.bytes()), extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return ModelStore.writer(this, scorer.bytes());
  }

  /** Reads models saved by {@link #write()}. */
  public static MLReader<BorealRegressionModel> read() {
    return ModelStore.reader(BorealRegressionModel.class, BorealRegressionModel::new);
  }

  /** Loads a model saved by {@link #write()}. */
  public static BorealRegressionModel load(String path) {
    return read().load(path);
  }
}
