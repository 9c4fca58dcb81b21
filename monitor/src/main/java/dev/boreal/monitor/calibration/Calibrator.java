package dev.boreal.monitor.calibration;

import dev.boreal.engine.objective.OutputMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted calibration map: turns a classifier's raw margins into probabilities that match observed
 * frequencies. It is an engine {@link OutputMap}, so a model carries it inside its link
 * ({@link dev.boreal.engine.objective.Link#calibrated}) and every prediction path applies it. Implementations are
 * immutable and safe to share between threads.
 *
 * <p>Shapes follow the model's predictions: a binary model has one margin per row and gets the positive
 * class's probability ({@link #probability}); a multiclass model has one margin per class and gets one
 * probability per class, summing to one ({@link #probabilities}).
 */
public interface Calibrator extends OutputMap {

  /**
   * What a model file stores: one map of named number arrays per fitted binary map (one per class for a
   * one-vs-rest calibration, one for the others), read back by {@link Calibrations#restore}.
   */
  List<Map<String, double[]>> parameters();
}
