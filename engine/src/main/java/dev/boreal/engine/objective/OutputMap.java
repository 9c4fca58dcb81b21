package dev.boreal.engine.objective;

/**
 * A map applied after a classifier's link, from raw margins to calibrated probabilities. The engine only
 * carries it inside a {@link Link} ({@link Link#calibrated}); the maps themselves (Platt, isotonic, ...) live
 * in the monitor module, which depends on the engine and not the other way round. Because every prediction
 * path turns margins into predictions through the model's {@link Link}, a model whose link carries a map gives
 * calibrated probabilities everywhere, while raw margins (and SHAP values, which explain them) are unchanged.
 *
 * <p>Implementations are immutable, allocate nothing per call and are safe from many threads.
 */
public interface OutputMap {

  /** The method's name as a model file stores it, e.g. "platt". */
  String method();

  /** Raw margins per row the map reads: 1 for a binary classifier, the class count for multiclass. */
  int outputs();

  /**
   * The calibrated probability of the positive class for one binary margin.
   *
   * @throws IllegalStateException if {@link #outputs()} is not 1
   */
  double probability(double margin);

  /**
   * Calibrated class probabilities of one multiclass row, summing to one. The row's k = {@link #outputs()}
   * margins are {@code raw[offset + j*stride]}; the probabilities go to the same places of {@code out}, which
   * may be {@code raw}.
   */
  void probabilities(double[] raw, int offset, int stride, double[] out);
}
