package dev.boreal.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.sql.SparkSession;

/**
 * ML persistence of the Boreal models: Spark's own metadata (class, uid, params) under {@code path/metadata},
 * so a {@code PipelineModel} saves and loads them, and the ordinary Boreal model file at {@link #modelFile}, which
 * {@code boreal predict --model} and {@code Boreal.load} read unchanged.
 */
public final class ModelStore {
  /** The Boreal model file inside a saved model's directory. */
  public static final String MODEL_FILE = "boreal-model.json";

  private ModelStore() {
  }

  /** The path of the Boreal model file of a model saved at {@code path}. */
  public static String modelFile(String path) {
    return new Path(path, MODEL_FILE).toString();
  }

  static void save(Params instance, byte[] model, String path, SparkSession session) {
    DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, session);
    Path file = new Path(modelFile(path));
    Configuration conf = session.sparkContext().hadoopConfiguration();
    try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
      out.write(model);
    } catch (IOException e) {
      throw new UncheckedIOException("The model file " + file + " could not be written.", e);
    }
  }

  static DefaultParamsReader.Metadata metadata(String path, SparkSession session, String className) {
    return DefaultParamsReader$.MODULE$.loadMetadata(path, session, className);
  }

  static byte[] modelBytes(String path, SparkSession session) {
    Path file = new Path(modelFile(path));
    Configuration conf = session.sparkContext().hadoopConfiguration();
    try {
      FileSystem fs = file.getFileSystem(conf);
      try (InputStream in = fs.open(file)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("The model file " + file + " could not be read.", e);
    }
  }

  static void setParams(DefaultParamsReader.Metadata metadata, Params instance) {
    metadata.getAndSetParams(instance, metadata.getAndSetParams$default$2());
  }
}
