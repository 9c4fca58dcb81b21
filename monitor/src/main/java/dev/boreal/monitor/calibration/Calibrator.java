package dev.boreal.monitor.calibration;

/**
 * A fitted calibration map: turns a classifier's raw margins into probabilities that match observed
 * frequencies. Implementations are immutable and safe to share between threads.
 *
 * <p>Shapes follow the model's predictions: a binary model has one margin per row and gets the positive
 * class's probability; a multiclass model has one margin per class and gets one probability per class,
 * summing to one.
 */
public interface Calibrator {

  /** The method's name as stored in a model file and given to {@code --method}, e.g. "platt". */
  String method();

  /** Raw margins per row this map reads: 1 for a binary model, the class count for multiclass. */
  int outputs();

  /**
   * Calibrated probabilities of a batch of rows.
   *
   * @param rawRowMajor {@code rows * outputs()} raw margins, row-major
   * @param rows number of rows
   * @param out receives {@code rows * outputs()} probabilities, row-major
   */
  void apply(double[] rawRowMajor, int rows, double[] out);
}
