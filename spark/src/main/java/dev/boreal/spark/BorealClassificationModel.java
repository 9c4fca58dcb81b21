package dev.boreal.spark;

import dev.boreal.engine.model.Model;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A trained {@link BorealClassifier}: {@code transform} adds {@code rawPrediction} (binary: {@code [-m, m]} for
 * margin {@code m}; multiclass: one margin per class), {@code probability} (through the model's own link) and
 * {@code prediction}. {@code write().save(path)} stores the ordinary Boreal model file ({@link ModelStore}).
 */
public final class BorealClassificationModel
    extends ProbabilisticClassificationModel<Vector, BorealClassificationModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  /** Set by the first {@code uid()} call, which Spark's param traits make inside the superclass constructor. */
  private String uid;
  private final ModelScorer scorer;
  private final Param<String> contributionsCol;

  BorealClassificationModel(String uid, byte[] modelFile) {
    this(Uids.park(uid), modelFile);
  }

  private BorealClassificationModel(Uids.Parked parked, byte[] modelFile) {
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

  @Override
  public int numClasses() {
    return scorer.model().classes().length;
  }

  /**
   * The column {@code transform} writes SHAP values to (LightGBM's {@code pred_contrib}): per output each feature's
   * contribution then the bias, summing to the raw score; unset (the default) for none.
   */
  public Param<String> contributionsCol() {
    return contributionsCol;
  }

  /** Sets {@link #contributionsCol()}. */
  public BorealClassificationModel setContributionsCol(String value) {
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
  public Vector predictRaw(Vector features) {
    double[] raw = scorer.raw(features);
    return raw.length == 1 ? Vectors.dense(-raw[0], raw[0]) : Vectors.dense(raw);
  }

  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    double[] values = ((DenseVector) rawPrediction).values();
    if (values.length == 2 && scorer.model().numOutputs() == 1) {
      double[] margin = {values[1]};
      scorer.link(margin);
      values[0] = 1.0 - margin[0];
      values[1] = margin[0];
    } else {
      scorer.link(values);
    }
    return rawPrediction;
  }

  /** Spark's own; declared here only because Java sees two inherited signatures (a Scala covariant return). */
  @Override
  @SuppressWarnings("rawtypes")
  public scala.Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public BorealClassificationModel copy(ParamMap extra) {
    return copyValues(new BorealClassificationModel(uid, scorer.bytes()), extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return ModelStore.writer(this, scorer.bytes());
  }

  /** Reads models saved by {@link #write()}. */
  public static MLReader<BorealClassificationModel> read() {
    return ModelStore.reader(BorealClassificationModel.class, BorealClassificationModel::new);
  }

  /** Loads a model saved by {@link #write()}. */
  public static BorealClassificationModel load(String path) {
    return read().load(path);
  }
}
