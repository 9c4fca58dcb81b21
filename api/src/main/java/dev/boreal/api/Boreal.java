package dev.boreal.api;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.objective.Link;
import dev.boreal.monitor.calibration.AutoChoice;
import dev.boreal.monitor.calibration.Calibrations;
import dev.boreal.monitor.calibration.Calibrator;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.io.DataReaders;
import dev.boreal.io.MemoryTables;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ModelFormats;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import dev.boreal.monitor.drift.DriftProfile;
import dev.boreal.monitor.drift.DriftReport;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * The Java entry point to Boreal: read data, train, save and load models. Scoring goes through the loaded
 * model's {@link dev.boreal.engine.model.Predictor} ({@code model.predictor()}), explanations through
 * {@code dev.boreal.explain.RowExplainer}.
 *
 * <pre>{@code
 * Model model = Boreal.gradientBoosting().objective("binary").numLeaves(63).learningRate(0.05)
 *     .param("colsample_bytree", "0.8").build().fit(train, valid);
 * Boreal.save(model, Path.of("model.json"));
 * Predictor predictor = Boreal.load(Path.of("model.json")).predictor();
 * double p = predictor.predict(row);
 * }</pre>
 *
 * <p>Everything that goes through Arrow ({@link #read}, {@link #table}, {@link #rows}, {@link ArrowFeatures})
 * needs the JVM option {@code --add-opens=java.base/java.nio=ALL-UNNAMED}; without it the first such call
 * throws a {@link dev.boreal.UsageException} naming the option. Scoring {@code double[]} rows and maps needs
 * no flag.
 *
 * <p>The facade lives in the io module because training and loading need what io owns (tables read
 * from files, model files and the XGBoost and LightGBM importers) while the engine reads no files; the
 * explaining wrapper lives in the explain module, which owns TreeSHAP.
 */
public final class Boreal {
  private Boreal() {}

  /** Gradient-boosted trees (LightGBM's gbdt): set parameters, {@code build()}, then {@code fit}. */
  public static Trainer.Builder<Model> gradientBoosting() {
    return new Trainer.Builder<>(Trainer.GRADIENT_BOOSTING, Map.of("boosting", "gbdt"));
  }

  /** A random forest: independent deep trees on bootstrap samples, averaged. */
  public static Trainer.Builder<Model> randomForest() {
    return new Trainer.Builder<>(Trainer.RANDOM_FOREST, Map.of("boosting", "rf"));
  }

  /** A multilayer perceptron, for comparison with the trees on the same data. */
  public static Trainer.Builder<MlpModel> mlp() {
    return new Trainer.Builder<>(Trainer.MLP, Map.of("boosting", "mlp"));
  }

  /**
   * An FT-Transformer (feature tokenizer and attention blocks), for comparison with the trees and the MLP;
   * {@code param("preset", "small")} sizes it for a CPU.
   */
  public static Trainer.Builder<MlpModel> ftTransformer() {
    return new Trainer.Builder<>(Trainer.FT_TRANSFORMER, Map.of("boosting", "ft-transformer"));
  }

  /**
   * Reads a data file (CSV, TSV, LibSVM, Parquet or Arrow) into a table whose vectors come from one
   * process-wide allocator; close the table when done with it.
   *
   * @throws InputException if the file is missing or malformed
   * @throws dev.boreal.UsageException if an option does not fit the file
   */
  public static Table read(Path file, ReadOptions options) {
    return DataReaders.read(file, options, allocator());
  }

  /**
   * A table of named columns held in memory, to train on as on a file: a {@code double[]} column is numeric
   * (NaN missing), a {@code String[]} column categorical (null missing, categories numbered in order of first
   * appearance as the file readers number them). Columns come in the map's iteration order, so use a
   * {@code LinkedHashMap}; {@code options} name the label (and weight, group, ignored and categorical columns)
   * as for a file. The same values written as CSV train the same model, bit for bit. Close the table.
   *
   * @param name how error messages and validation histories name the data, e.g. "train"
   * @throws InputException naming the column that is neither {@code double[]} nor {@code String[]}, or whose
   *     length differs, or the row of a missing or non-finite label or weight
   * @throws dev.boreal.UsageException if an option names a column the map lacks
   */
  public static Table table(String name, Map<String, ?> columns, ReadOptions options) {
    return MemoryTables.of(name, columns, options, allocator());
  }

  /**
   * A table copied from an Arrow record batch, to train on as on a file: numbers, booleans and decimals are
   * numeric, text and dictionary-encoded columns categorical. The root stays the caller's; close the table.
   *
   * @param name how error messages and validation histories name the data, e.g. "train"
   * @param dictionaries where dictionary-encoded vectors find their dictionaries ({@code null} when none is)
   * @throws InputException for a column of another type, or the row of a missing or non-finite label or weight
   * @throws dev.boreal.UsageException if an option names a column the batch lacks, or a dictionary is missing
   */
  public static Table table(String name, VectorSchemaRoot root, DictionaryProvider dictionaries,
      ReadOptions options) {
    return MemoryTables.of(name, root, dictionaries, options, allocator());
  }

  /**
   * Loads a tree model: a Boreal model file, an XGBoost JSON model or a LightGBM text model, recognised
   * from its content. The model is immutable; load it once and share it between threads.
   *
   * @throws InputException if the file is missing, in no supported format, or not a valid model
   */
  public static Model load(Path file) {
    return ModelFormats.load(file);
  }

  /**
   * Loads a tree model of any supported format from a stream (a classpath resource, say), to its end; the
   * caller closes the stream.
   *
   * @throws InputException as {@link #load(Path)}
   */
  public static Model load(InputStream in) {
    return ModelFormats.load(in, "the model stream");
  }

  /**
   * Loads a model of the given kind: {@code Model.class} for trees (Boreal, XGBoost or LightGBM files),
   * {@code MlpModel.class} for a neural net, {@code TrainedModel.class} for whichever the file holds.
   *
   * @throws InputException as {@link #load(Path)}, or if the file holds another kind of model
   */
  public static <M extends TrainedModel> M load(Path file, Class<M> kind) {
    TrainedModel model = ModelFormats.loadAny(file);
    if (!kind.isInstance(model)) {
      throw new InputException(file + ": holds a " + model.algorithm() + " model, not a "
          + kind.getSimpleName() + ".");
    }
    return kind.cast(model);
  }

  /**
   * Writes any model (trees trained or imported from XGBoost or LightGBM, or an {@link MlpModel}) as a Boreal
   * model file, atomically: a replaced file keeps its permissions, a new one gets the process's umask.
   * {@link #load(Path, Class)} reads it back, predicting exactly as before.
   *
   * @throws InputException if the file cannot be written
   */
  public static void save(TrainedModel model, Path file) {
    ModelFile.write(model, file);
  }

  /**
   * The model with a calibration map fitted on held-out rows (as {@code boreal calibrate}): every prediction of
   * the returned model, and of the model file {@link #save} writes, gives calibrated probabilities, while raw
   * margins and SHAP values stay as they are. A map the model had is replaced.
   *
   * @param model a binary or multiclass classifier with a sigmoid or softmax link
   * @param rawRowMajor the held-out rows' raw margins, {@code rows * model.numOutputs()}, row-major, as
   *     {@link Model#predictRaw(double[], int, double[])} gives them
   * @param classIndices each row's class, as an index into {@link Model#classes()}
   * @param method auto (5-fold cross-validated log loss and ECE, seed 0), platt, isotonic, temperature, beta
   *     or venn-abers
   * @throws UsageException for an unknown method
   * @throws InputException if the model is not such a classifier, the arrays do not match, or a class has no
   *     row where the method needs one (binary: both classes; multiclass: two classes, and every class for
   *     isotonic and venn-abers, while auto then chooses among temperature, platt, beta and none)
   */
  public static Model calibrate(Model model, double[] rawRowMajor, int[] classIndices, String method) {
    Calibrations.checkMethod(method);
    String[] classes = model.classes();
    Calibrations.checkModel(model.link(), classes, model.objective(), "the model");
    Link base = model.link().uncalibrated();
    int k = model.numOutputs();
    if (rawRowMajor.length != classIndices.length * k) {
      throw new InputException("calibration got " + rawRowMajor.length + " margins for " + classIndices.length
          + " rows of " + k + " outputs.");
    }
    for (int i = 0; i < classIndices.length; i++) {
      if (classIndices[i] < 0 || classIndices[i] >= classes.length) {
        throw new InputException("calibration row " + i + " has class index " + classIndices[i] + "; expected 0 to "
            + (classes.length - 1) + ".");
      }
    }
    Calibrations.checkClasses(classIndices, classes, method, "the calibration rows");
    Calibrator map = method.equals("auto")
        ? AutoChoice.choose(base, rawRowMajor, k, classIndices, classes, 5, 0).calibrator()
        : Calibrations.fit(method, base, rawRowMajor, k, classIndices);
    return model.withLink(map == null ? base : base.calibrated(map));
  }

  /**
   * Writes a model with its drift profile ({@link #profile}), as {@link #save(TrainedModel, Path)} does; the
   * {@code boreal drift} command and {@link #drift} read it back.
   *
   * @throws InputException if the file cannot be written
   */
  public static void save(TrainedModel model, DriftProfile profile, Path file) {
    ModelFile.write(model, profile, file);
  }

  /**
   * The drift profile of a model's training data ({@link Monitoring#profile}), for {@code ModelFile.write}
   * to store beside the model; uses every core.
   *
   * @throws InputException if a feature of the model has no column in the table, or one of the wrong kind
   */
  public static DriftProfile profile(TrainedModel model, Table table) {
    return Monitoring.profile(model, table, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Tests new rows against a model's drift profile ({@link Monitoring#drift}); uses every core.
   *
   * @throws InputException if a feature has no column or one of the wrong kind, the table is empty, or the
   *     profile does not fit the model
   */
  public static DriftReport drift(TrainedModel model, DriftProfile profile, Table table) {
    return Monitoring.drift(model, profile, table, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Rows given as maps from feature name to value, as Arrow columns in the model's schema, ready for
   * {@code model.predictRaw(batch.columns(), out)} or a {@code RowExplainer}; close the batch.
   *
   * @throws InputException naming the row and feature of a missing or ill-typed value
   */
  public static RowBatch rows(TrainedModel model, List<? extends Map<String, ?>> rows) {
    BufferAllocator allocator = allocator(); // first, so that a JVM without Arrow's flag hears that first
    return RowBatch.of(new RowBatch.Schema(model), rows, allocator);
  }

  /**
   * The allocator behind {@link #read}, {@link #table} and {@link #rows}: one for the process, made on first use.
   *
   * @throws dev.boreal.UsageException naming the JVM option Arrow needs, when it was not given
   */
  public static BufferAllocator allocator() {
    ArrowAccess.check();
    return Shared.ALLOCATOR;
  }

  /** Holds the allocator so that it is made only when first needed. */
  private static final class Shared {
    static final BufferAllocator ALLOCATOR = new RootAllocator();
  }
}
