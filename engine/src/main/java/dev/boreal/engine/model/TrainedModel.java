package dev.boreal.engine.model;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.util.List;
import java.util.Map;

/**
 * What every trained model offers, whatever learned it: a tree ensemble ({@link Model}, "gbdt" or "rf")
 * or a neural net ({@code dev.boreal.engine.nn.MlpModel}, "mlp"). Prediction, evaluation, comparison and
 * model-agnostic explanation (KernelSHAP) work through this interface; tree-specific tools (TreeSHAP, leaf
 * indices, iteration counts) ask for a {@link Model}.
 *
 * <p>Implementations are immutable and safe to share between threads; both {@code predictRaw} methods
 * allocate per call, never per row.
 */
public interface TrainedModel {

  /** "gbdt", "rf" or "mlp". */
  String algorithm();

  /** The objective's canonical name, e.g. "binary". */
  String objective();

  /** How raw scores become predictions (probabilities, counts, ...). */
  Link link();

  /** Feature names in schema order. */
  List<String> featureNames();

  /**
   * The feature schema in schema order: whether each feature is numeric or categorical, and a categorical
   * feature's known category names ({@link BinMapper#categories()}).
   */
  List<BinMapper> mappers();

  /** Class labels of a classifier, index = class; {@code null} when the model is not a classifier. */
  String[] classes();

  /** Number of raw outputs per row (classes for multiclass, else 1). */
  int numOutputs();

  /** The canonical training parameters. */
  Map<String, String> params();

  /** Data-set name → metric name → value after each iteration (or epoch). */
  Map<String, Map<String, double[]>> evalHistory();

  /**
   * Raw scores of every row of a set of columns, matched to the schema by name in any order; columns that
   * are not features are ignored.
   *
   * @param columns one column per feature at least, all of the same length
   * @param outRowMajor receives {@code rows * numOutputs()} raw scores, row-major
   * @throws dev.boreal.InputException if a feature has no column, has a column of the wrong kind (numeric
   *     versus categorical), or the feature columns differ in length
   */
  void predictRaw(List<FeatureColumn> columns, double[] outRowMajor);

  /**
   * Raw scores of every row of a set of columns on the threads of {@code parallel}, each row's the same as
   * {@link #predictRaw(List, double[])} gives it; on the caller's thread unless the model overrides this.
   *
   * @param columns one column per feature at least, all of the same length
   * @param outRowMajor receives {@code rows * numOutputs()} raw scores, row-major
   * @param parallel the threads to score on
   * @throws dev.boreal.InputException as {@link #predictRaw(List, double[])}
   */
  default void predictRaw(List<FeatureColumn> columns, double[] outRowMajor, Parallel parallel) {
    predictRaw(columns, outRowMajor);
  }

  /**
   * Raw scores of a row-major batch in schema order; NaN is missing, and a categorical feature holds the
   * category's numeric name ({@code 3.0} means category "3"), as {@link Predictor} reads rows.
   *
   * @param rowMajor {@code rows * featureNames().size()} values
   * @param rows number of rows
   * @param out receives {@code rows * numOutputs()} raw scores, row-major
   */
  void predictRaw(double[] rowMajor, int rows, double[] out);
}
