package dev.boreal.bench;

import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One library behind the steps the comparison times, in the order it calls them: build the training set
 * from a file, train, then score a test matrix in batch and one row at a time. Every raw output is a
 * margin before the link, row-major ({@code row * numOutputs() + k}), so one metric definition serves all.
 */
public interface Contender extends AutoCloseable {

  /** The library's name, as in {@link ComparisonSpec#LIBRARIES}. */
  String name();

  /**
   * Reads the training file and builds the library's own training set (parse, then bin or copy).
   *
   * @param params the library's own parameter map, from {@link ComparisonSpec#paramsFor}
   */
  void load(Path train, ReadOptions options, Map<String, String> params) throws Exception;

  /** Trains with the parameters given to {@link #load}. */
  void train() throws Exception;

  /** The training features, in the column order the test matrix must have. */
  List<String> features();

  /** How the training labels were encoded; test labels are encoded the same way. */
  LabelEncoder encoder();

  /** Raw outputs per row (classes for multiclass, else 1). */
  int numOutputs();

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

  /** Frees the library's native and Arrow memory. */
  @Override
  void close();

  /** Creates the contender for a library name. */
  static Contender create(String library) {
    return switch (library) {
      case "boreal" -> new BorealContender();
      case "lightgbm" -> new LightGbmContender();
      case "xgboost" -> new XgBoostContender();
      default -> throw new IllegalArgumentException("unknown library " + library);
    };
  }
}
