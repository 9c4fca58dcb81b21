package dev.boreal.spark;

import dev.boreal.BorealException;
import dev.boreal.engine.model.Model;
import java.util.Map;
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
    return train(dataset, estimator, featuresCol, labelCol, classifier, Map.of());
  }

  /** {@link #train(Dataset, BorealParams, String, String, boolean)} with the estimator's own LightGBM parameters. */
  static Model train(Dataset<?> dataset, BorealParams<?> estimator, String featuresCol, String labelCol,
      boolean classifier, Map<String, String> own) {
    String weightCol = estimator.isSet(estimator.weightCol()) ? estimator.getOrDefault(estimator.weightCol()) : null;
    dev.boreal.engine.params.Params params = params(estimator, own);
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
    checkColumns(dataset, estimator, featuresCol, labelCol, Map.of());
  }

  /** {@link #checkColumns(Dataset, BorealParams, String, String)}, with the estimator's own LightGBM parameters. */
  static void checkColumns(Dataset<?> dataset, BorealParams<?> estimator, String featuresCol, String labelCol,
      Map<String, String> own) {
    String weightCol = estimator.isSet(estimator.weightCol()) ? estimator.getOrDefault(estimator.weightCol()) : null;
    params(estimator, own);
    FeatureSchema.of(dataset, featuresCol, labelCol, weightCol);
  }

  /** The estimator's Boreal parameters, then {@code own} (LightGBM names), checked by Boreal's table. */
  private static dev.boreal.engine.params.Params params(BorealParams<?> estimator, Map<String, String> own) {
    dev.boreal.engine.params.Params params = estimator.borealParamSet().toParams(estimator);
    for (Map.Entry<String, String> e : own.entrySet()) {
      params = params.with(e.getKey(), e.getValue());
    }
    return params;
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
