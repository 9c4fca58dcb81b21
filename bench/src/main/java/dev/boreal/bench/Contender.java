package dev.boreal.bench;

import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.engine.objective.Link;
import dev.boreal.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;

/**
 * One library behind the steps the comparison times, in the order it calls them: build the training set
 * from a file, train, then score a test matrix in batch and one row at a time (or, for accuracy alone, score a
 * test file with {@link #score}). Every raw output is a score before the link, row-major
 * ({@code row * numOutputs() + k}), so one metric definition serves all.
 */
public interface Contender extends AutoCloseable {

  /**
   * A test file's raw outputs and what the metric needs besides.
   *
   * @param raw raw outputs, row-major
   * @param labels the rows' labels, encoded as the training labels were
   * @param groupSizes query group sizes, or {@code null}
   */
  record TestScores(double[] raw, double[] labels, int[] groupSizes) {}

  /** The library's name, as in {@link ComparisonSpec#LIBRARIES}. */
  String name();

  /**
   * Reads the training file and builds the library's own training set (parse, then bin or copy).
   *
   * @param params the library's own parameter map, from {@link ComparisonSpec#paramsFor}
   * @param codes the codes of categorical columns for libraries that take numbers only (Boreal reads the text)
   */
  void load(Path train, ReadOptions options, Map<String, String> params, CategoryCodes codes) throws Exception;

  /** Trains with the parameters given to {@link #load}. */
  void train() throws Exception;

  /** The training features, in the column order the test matrix must have. */
  List<String> features();

  /** How the training labels were encoded; test labels are encoded the same way. */
  LabelEncoder encoder();

  /** Raw outputs per row (classes for multiclass, else 1). */
  int numOutputs();

  /**
   * The link from raw outputs to predictions; by default the one LightGBM and XGBoost use for the comparison's
   * objective ({@link Trial#link}).
   *
   * @param objective the comparison's objective, by LightGBM's name
   */
  default Link link(String objective) {
    return Trial.link(objective);
  }

  /**
   * Reads a test file into the matrix {@link #prepare} takes: the training features in their order, categorical
   * ones as {@code codes}, labels encoded as the training labels were.
   */
  default DenseData readTest(Path test, ReadOptions options, CategoryCodes codes) {
    try (RootAllocator allocator = new RootAllocator()) {
      return DenseData.matching(test, options, features(), encoder(), codes, allocator);
    }
  }

  /**
   * Raw outputs of every row of a test file, untimed; by default through {@link #readTest}, {@link #prepare} and
   * {@link #predictBatch}.
   */
  default TestScores score(Path test, ReadOptions options, CategoryCodes codes) throws Exception {
    DenseData data = readTest(test, options, codes);
    prepare(data);
    double[] raw = new double[data.rows() * numOutputs()];
    predictBatch(raw);
    return new TestScores(raw, data.labels(), data.groupSizes());
  }

  /** Converts the test matrix into the library's input once, outside every timing. */
  void prepare(DenseData test) throws Exception;

  /** Raw outputs of every prepared test row into {@code out}, row-major. */
  void predictBatch(double[] out) throws Exception;

  /** Raw outputs of prepared test row {@code r} alone, as a scoring service would ask for it. */
  void predictRow(int r, double[] out) throws Exception;

  /**
   * SHAP values of the first {@code rows} prepared test rows, or {@code false} when the library has none.
   */
  boolean contributions(int rows) throws Exception;

  /**
   * Where {@link #load} and {@link #train} spent their time, phase by phase (seconds by phase name), or an
   * empty map for a library that does not say; by default empty.
   */
  default Map<String, Double> phaseSeconds() {
    return Map.of();
  }

  /** Frees the library's native and Arrow memory. */
  @Override
  void close();

  /**
   * Creates the contender for a library name: one of {@link ComparisonSpec#LIBRARIES}, {@code boreal-rf}, or one
   * of Boreal's neural nets ({@code mlp}, {@code mlp-plr}, {@code ft-transformer}). A quantized library is its
   * float one under another name: quantization comes with its parameters; likewise {@code mlp-plr} is the mlp,
   * its parameters asking for the embeddings.
   */
  static Contender create(String library) {
    return switch (library) {
      case "boreal", "boreal" + ComparisonSpec.QUANTIZED -> new BorealContender(library, Learners.GBDT);
      case BorealContender.FOREST -> new BorealContender(library, Learners.RF);
      case "mlp", "mlp-plr" -> new BorealContender(library, Learners.MLP);
      case "ft-transformer" -> new BorealContender(library, Learners.FT_TRANSFORMER);
      case "lightgbm", "lightgbm" + ComparisonSpec.QUANTIZED -> new LightGbmContender(library);
      case "xgboost" -> new XgBoostContender();
      default -> throw new IllegalArgumentException("unknown library " + library);
    };
  }
}
