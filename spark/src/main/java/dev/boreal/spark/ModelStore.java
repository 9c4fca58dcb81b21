package dev.boreal.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import java.util.function.BiFunction;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
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

  /**
   * The {@code write()} of both Boreal models: Spark's metadata of {@code instance} and the model file
   * {@code model}.
   */
  static MLWriter writer(Params instance, byte[] model) {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        ModelStore.save(instance, model, path, sparkSession());
      }
    };
  }

  /**
   * The {@code read()} of both Boreal models: checks the saved class is {@code type}, makes the model from the
   * saved uid and model file with {@code make}, then sets the saved params on it.
   */
  static <M extends Params> MLReader<M> reader(Class<M> type, BiFunction<String, byte[], M> make) {
    return new MLReader<>() {
      @Override
      public M load(String path) {
        var metadata = metadata(path, sparkSession(), type.getName());
        M model = make.apply(metadata.uid(), modelBytes(path, sparkSession()));
        setParams(metadata, model);
        return model;
      }
    };
  }
}
