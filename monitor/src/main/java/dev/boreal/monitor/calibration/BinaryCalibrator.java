package dev.boreal.monitor.calibration;

import java.util.List;
import java.util.Map;

/**
 * A map from one margin to the probability of the positive class: the binary calibrators, and the per-class
 * maps of a {@link OneVsRest} calibration.
 */
abstract class BinaryCalibrator implements Calibrator {

  /** This map's named parameter arrays, as a model file stores them. */
  abstract Map<String, double[]> arrays();

  @Override
  public final int outputs() {
    return 1;
  }

  @Override
  public final List<Map<String, double[]>> parameters() {
    return List.of(arrays());
  }

  @Override
  public final void probabilities(double[] raw, int offset, int stride, double[] out) {
    throw new IllegalStateException("a binary calibration maps one margin; use probability");
  }

  /** The one value of a named parameter array, which must hold exactly one. */
  static double scalar(Map<String, double[]> arrays, String name) {
    return array(arrays, name, 1)[0];
  }

  /**
   * A named parameter array of finite numbers, of {@code length} values (any length when negative).
   *
   * @throws IllegalArgumentException naming the parameter if it is missing, of another length or not finite
   */
  static double[] array(Map<String, double[]> arrays, String name, int length) {
    double[] values = arrays.get(name);
    if (values == null) {
      throw new IllegalArgumentException("parameter " + name + " is missing");
    }
    if (length >= 0 && values.length != length) {
      throw new IllegalArgumentException("parameter " + name + " must hold " + length + " numbers, but it holds "
          + values.length);
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("parameter " + name + " holds " + v + ", not a finite number");
      }
    }
    return values.clone();
  }

  /** Checks that {@code values} increase strictly (or, when {@code strictly} is false, never decrease). */
  static void checkIncreasing(String name, double[] values, boolean strictly) {
    for (int i = 1; i < values.length; i++) {
      if (values[i] < values[i - 1] || (strictly && values[i] == values[i - 1])) {
        throw new IllegalArgumentException("parameter " + name + " must " + (strictly ? "increase" : "not decrease")
            + ", but value " + i + " (" + values[i] + ") follows " + values[i - 1]);
      }
    }
  }

  /** Checks that every value is a probability, between 0 and 1. */
  static void checkProbabilities(String name, double[] values) {
    for (double v : values) {
      if (v < 0 || v > 1) {
        throw new IllegalArgumentException("parameter " + name + " holds " + v + ", not a probability");
      }
    }
  }
}
