package dev.boreal.spark;

import dev.boreal.BorealException;
import dev.boreal.engine.model.Model;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * What {@link BorealClassifier} and {@link BorealRegressor} share: checking the input before Spark's own schema
 * checks (so bad input fails with one Boreal sentence), selecting the columns, and training.
 */
final class SparkTraining {
  private SparkTraining() {
  }

  /**
   * Checks the columns, then trains.
   *
   * @throws dev.boreal.InputException for a missing or mistyped column, no rows, or a bad label or weight
   * @throws dev.boreal.UsageException for a parameter value out of range
   */
  static Model train(Dataset<?> dataset, BorealParams<?> estimator, String featuresCol, String labelCol,
      boolean classifier) {
    String weightCol = estimator.isSet(estimator.weightCol()) ? estimator.getOrDefault(estimator.weightCol()) : null;
    dev.boreal.engine.params.Params params = estimator.borealParamSet().toParams(estimator);
    FeatureSchema schema = FeatureSchema.of(dataset, featuresCol, labelCol, weightCol);
    Column[] columns = weightCol == null
        ? new Column[] {functions.col(featuresCol), functions.col(labelCol).cast(DataTypes.DoubleType)}
        : new Column[] {functions.col(featuresCol), functions.col(labelCol).cast(DataTypes.DoubleType),
            functions.col(weightCol).cast(DataTypes.DoubleType)};
    Dataset<Row> rows = dataset.select(columns);
    try {
      return SparkBoosting.train(rows.javaRDD(), schema, weightCol != null, params, classifier);
    } catch (Exception e) {
      throw unwrap(e);
    }
  }

  /** Checks the input columns: the part of training that fails before any Spark job. */
  static void checkColumns(Dataset<?> dataset, BorealParams<?> estimator, String featuresCol, String labelCol) {
    String weightCol = estimator.isSet(estimator.weightCol()) ? estimator.getOrDefault(estimator.weightCol()) : null;
    estimator.borealParamSet().toParams(estimator);
    FeatureSchema.of(dataset, featuresCol, labelCol, weightCol);
  }

  /**
   * A Boreal error raised in a task reaches the caller as itself, not wrapped in Spark's job failure (a
   * {@code SparkException}, which Java sees as checked).
   */
  static RuntimeException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BorealException b) {
        return b;
      }
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException("Training on Spark failed.", e);
  }
}
