package dev.boreal.spark;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * The SHAP column both Boreal models add on request ({@code contributionsCol}, LightGBM's {@code pred_contrib}):
 * per row a vector of the explain module's exact TreeSHAP values, per output the features' contributions then the
 * bias, {@code numOutputs * (numFeatures + 1)} values that sum (per output) to the raw score.
 */
final class Contributions {
  private Contributions() {
  }

  static Param<String> param(Params owner) {
    return new Param<>(owner, "contributionsCol",
        "column for SHAP values (per output: each feature's contribution, then the bias); unset for none");
  }

  /** The column's name, or null when the param is unset or empty. */
  static String column(Params owner, Param<String> param) {
    if (!owner.isDefined(param)) {
      return null;
    }
    String name = owner.getOrDefault(param);
    return name == null || name.isEmpty() ? null : name;
  }

  static StructType schema(StructType schema, String column) {
    return column == null ? schema : schema.add(column, new VectorUDT(), false);
  }

  static Dataset<Row> add(Dataset<Row> scored, ModelScorer scorer, String featuresCol, String column) {
    if (column == null) {
      return scored;
    }
    UserDefinedFunction shap = functions.udf((UDF1<Vector, Vector>) v -> Vectors.dense(scorer.contributions(v)),
        new VectorUDT());
    return scored.withColumn(column, shap.apply(functions.col(featuresCol)));
  }
}
