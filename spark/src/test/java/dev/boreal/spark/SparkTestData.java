package dev.boreal.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The local Spark session the tests share (local[2], up to 4 attempts per task so a failed task is retried, UI
 * off) and small synthetic data sets: four numeric features (one with missing values) and a categorical one of
 * four categories, marked by a NominalAttribute.
 */
final class SparkTestData {
  static final int FEATURES = 5;

  private SparkTestData() {
  }

  static SparkSession spark() {
    return SparkSession.builder().master("local[2,4]").appName("boreal-spark-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1").config("spark.locality.wait", "0").getOrCreate();
  }

  /** The features' raw values, row-major, {@code rows * FEATURES}. */
  static double[][] features(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[rows][FEATURES];
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < 4; f++) {
        x[r][f] = random.nextGaussian();
      }
      if (random.nextInt(10) == 0) {
        x[r][3] = Double.NaN;
      }
      x[r][4] = random.nextInt(4);
    }
    return x;
  }

  /** A latent score of the row: what the labels are drawn from. */
  static double signal(double[] x) {
    double category = x[4] == 2 ? 1.5 : x[4] == 0 ? -1.0 : 0.0;
    return x[0] + 0.8 * x[1] * x[2] - 0.5 * x[1] + category + (Double.isNaN(x[3]) ? 0.7 : 0.3 * x[3]);
  }

  /** Labels: binary (0/1), multiclass (0..2) or regression. */
  static double[] labels(double[][] x, String kind, long seed) {
    SplittableRandom random = new SplittableRandom(seed + 1);
    double[] y = new double[x.length];
    for (int r = 0; r < x.length; r++) {
      double s = signal(x[r]) + 0.5 * random.nextGaussian();
      y[r] = switch (kind) {
        case "binary" -> s > 0 ? 1 : 0;
        case "multiclass" -> s < -0.7 ? 0 : s < 0.7 ? 1 : 2;
        default -> s;
      };
    }
    return y;
  }

  static Dataset<Row> frame(double[][] x, double[] y, int partitions) {
    return frame(x, y, null, partitions);
  }

  /** The rows with a "weight" column when {@code weights} is not null. */
  static Dataset<Row> frame(double[][] x, double[] y, double[] weights, int partitions) {
    Attribute[] attributes = new Attribute[FEATURES];
    for (int f = 0; f < 4; f++) {
      attributes[f] = NumericAttribute.defaultAttr().withName("x" + f);
    }
    attributes[4] = NominalAttribute.defaultAttr().withName("colour").withNumValues(4);
    StructField features = new AttributeGroup("features", attributes).toStructField();
    StructType schema = new StructType(new StructField[] {features,
        DataTypes.createStructField("label", DataTypes.DoubleType, false)});
    if (weights != null) {
      schema = schema.add("weight", DataTypes.DoubleType, false);
    }
    List<Row> rows = new ArrayList<>(x.length);
    for (int r = 0; r < x.length; r++) {
      rows.add(weights == null ? RowFactory.create(Vectors.dense(x[r]), y[r])
          : RowFactory.create(Vectors.dense(x[r]), y[r], weights[r]));
    }
    return spark().createDataFrame(rows, schema).repartition(partitions);
  }

  /**
   * The rows in their order, cut into {@code partitions} consecutive runs (no shuffle, unlike {@link #frame}):
   * what quantized training's bit-identity assumes.
   */
  static Dataset<Row> orderedFrame(double[][] x, double[] y, int partitions) {
    Dataset<Row> shape = frame(new double[0][FEATURES], new double[0], 1);
    List<Row> rows = new ArrayList<>(x.length);
    for (int r = 0; r < x.length; r++) {
      rows.add(RowFactory.create(Vectors.dense(x[r]), y[r]));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    return spark().createDataFrame(sc.parallelize(rows, partitions), shape.schema());
  }
}
