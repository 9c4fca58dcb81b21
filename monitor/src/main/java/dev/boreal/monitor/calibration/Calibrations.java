package dev.boreal.monitor.calibration;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.objective.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fits a calibration map by name on a classifier's raw margins and labels, and reads one back from the
 * parameters a model file stores. Binary models get the map itself; multiclass models get temperature
 * scaling natively and the other methods one-vs-rest ({@link OneVsRest}). {@code auto} is {@link AutoChoice}.
 */
public final class Calibrations {
  /** The methods {@link #fit} knows, {@code auto} first. */
  public static final List<String> METHODS =
      List.of("auto", "platt", "isotonic", "temperature", "beta", "venn-abers");

  private Calibrations() {}

  /**
   * Fits one method (not {@code auto}) on calibration data.
   *
   * @param method a name of {@link #METHODS} other than auto
   * @param link the model's uncalibrated link (sigmoid or softmax)
   * @param margins {@code rows * outputs} raw margins, row-major
   * @param outputs margins per row: 1 for binary, the class count for multiclass
   * @param labels class index per row
   * @throws UsageException for an unknown method
   */
  public static Calibrator fit(String method, Link link, double[] margins, int outputs, int[] labels) {
    int rows = labels.length;
    if (method.equals(TemperatureScaling.METHOD)) {
      return TemperatureScaling.fit(outputs, link.param(), margins, labels);
    }
    if (outputs == 1) {
      boolean[] positive = new boolean[rows];
      for (int i = 0; i < rows; i++) {
        positive[i] = labels[i] == 1;
      }
      return binary(method, link.param(), margins, positive);
    }
    double[][] odds = OneVsRest.logOdds(margins, rows, outputs);
    BinaryCalibrator[] perClass = new BinaryCalibrator[outputs];
    for (int j = 0; j < outputs; j++) {
      boolean[] positive = new boolean[rows];
      for (int i = 0; i < rows; i++) {
        positive[i] = labels[i] == j;
      }
      perClass[j] = binary(method, 1.0, odds[j], positive);
    }
    return new OneVsRest(perClass);
  }

  private static BinaryCalibrator binary(String method, double slope, double[] margins, boolean[] positive) {
    switch (method) {
      case PlattScaling.METHOD: return PlattScaling.fit(margins, positive);
      case IsotonicCalibration.METHOD: return IsotonicCalibration.fit(margins, positive);
      case BetaCalibration.METHOD: return BetaCalibration.fit(slope, margins, positive);
      case VennAbers.METHOD: return VennAbers.fit(margins, positive);
      default: throw unknown(method);
    }
  }

  /** The one-sentence refusal of a method name that is not one of {@link #METHODS}. */
  static UsageException unknown(String method) {
    return new UsageException("unknown calibration method '" + method + "'; expected one of "
        + String.join(", ", METHODS) + ".");
  }

  /**
   * Checks a method name.
   *
   * @throws UsageException unless it is one of {@link #METHODS}
   */
  public static void checkMethod(String method) {
    if (!METHODS.contains(method)) {
      throw unknown(method);
    }
  }

  /**
   * Checks that a model can be calibrated: a classifier whose link is a sigmoid or softmax.
   *
   * @param link the model's link
   * @param classes its class names, or null
   * @param objective its objective's name
   * @param name how the message names the model, e.g. its file
   * @throws InputException otherwise
   */
  public static void checkModel(Link link, String[] classes, String objective, String name) {
    String base = link.uncalibrated().name();
    if (classes == null || !(base.equals("sigmoid") || base.equals("softmax"))) {
      throw new InputException(name + ": is a " + objective + " model whose outputs are not probabilities (link "
          + base + "); calibration needs a binary or multiclass classifier.");
    }
  }

  /**
   * Checks that calibration labels suit the method, and says when {@code auto} must leave methods out. Binary
   * labels need both classes and multiclass labels at least two. The one-vs-rest methods (every method but
   * temperature) need a row of every class; temperature scaling fits one scalar on the softmax and needs none
   * in particular, so on multiclass labels that lack a class it fits, and {@code auto} chooses between it and
   * the identity ({@link AutoChoice}).
   *
   * @param labels class index per row
   * @param classes the model's class names
   * @param method the method asked for, a name of {@link #METHODS}
   * @param source how the message names the data, e.g. its file
   * @return one line naming the missing classes and what {@code auto} chooses between, when the method is
   *     {@code auto} and some class has no row; null otherwise
   * @throws InputException naming a missing class, when the labels cannot be calibrated with the method
   */
  public static String checkClasses(int[] labels, String[] classes, String method, String source) {
    List<String> missing = missingClasses(labels, classes);
    if (missing.isEmpty()) {
      return null;
    }
    String names = "'" + String.join("', '", missing) + "'";
    String noRow = "no row of class" + (missing.size() == 1 ? " " : "es ") + names;
    if (classes.length == 2 || missing.size() == classes.length - 1) {
      throw new InputException(source + ": has " + noRow + "; calibration needs rows of "
          + (classes.length == 2 ? "both classes" : "at least two classes") + " the model predicts ("
          + String.join(", ", classes) + ").");
    }
    if (method.equals(TemperatureScaling.METHOD)) {
      return null;
    }
    if (!method.equals("auto")) {
      throw new InputException(source + ": has " + noRow + "; " + method + " calibrates each class one-vs-rest "
          + "and needs rows of every class; use temperature, which fits one scale for all classes and does not.");
    }
    return noRow + " in " + source + ": one-vs-rest methods need every class; auto chooses between temperature "
        + "and identity (no calibration).";
  }

  /** Whether every class has a row, so that auto may try the one-vs-rest methods. */
  static boolean everyClass(int[] labels, int numClasses) {
    return missingClasses(labels, new String[numClasses]).isEmpty();
  }

  private static List<String> missingClasses(int[] labels, String[] classes) {
    boolean[] seen = new boolean[classes.length];
    for (int y : labels) {
      seen[y] = true;
    }
    List<String> missing = new ArrayList<>();
    for (int c = 0; c < classes.length; c++) {
      if (!seen[c]) {
        missing.add(classes[c]);
      }
    }
    return missing;
  }

  /**
   * Reads back a map from a model file's method name and {@link Calibrator#parameters()}.
   *
   * @param method the stored method name
   * @param outputs the model's outputs
   * @throws IllegalArgumentException with one clause naming what is wrong: an unknown method, a count of maps
   *     that does not suit the outputs, or a parameter that is missing, not finite, of the wrong length or out
   *     of order
   */
  public static Calibrator restore(String method, int outputs, List<Map<String, double[]>> maps) {
    if (!METHODS.contains(method) || method.equals("auto")) {
      throw new IllegalArgumentException("method '" + method + "' is not one of platt, isotonic, temperature, beta, "
          + "venn-abers");
    }
    boolean oneVsRest = outputs > 1 && !method.equals(TemperatureScaling.METHOD);
    int expected = oneVsRest ? outputs : 1;
    if (maps.size() != expected) {
      throw new IllegalArgumentException("a " + method + " calibration of " + outputs + " outputs holds " + expected
          + (expected == 1 ? " map" : " maps") + ", but there are " + maps.size());
    }
    if (method.equals(TemperatureScaling.METHOD)) {
      return TemperatureScaling.restore(outputs, maps.get(0));
    }
    BinaryCalibrator[] perClass = new BinaryCalibrator[expected];
    for (int j = 0; j < expected; j++) {
      perClass[j] = restoreBinary(method, maps.get(j));
    }
    return oneVsRest ? new OneVsRest(perClass) : perClass[0];
  }

  private static BinaryCalibrator restoreBinary(String method, Map<String, double[]> arrays) {
    switch (method) {
      case PlattScaling.METHOD: return PlattScaling.restore(arrays);
      case IsotonicCalibration.METHOD: return IsotonicCalibration.restore(arrays);
      case BetaCalibration.METHOD: return BetaCalibration.restore(arrays);
      default: return VennAbers.restore(arrays);
    }
  }
}
