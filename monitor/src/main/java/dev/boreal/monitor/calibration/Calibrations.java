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
 * A one-vs-rest Platt or beta map of a class that has no row in the calibration data is the identity (the
 * class keeps the model's probability before normalisation), so these two, like temperature scaling, fit
 * multiclass data that lacks a class; isotonic and Venn-Abers maps cannot express the identity and refuse it.
 */
public final class Calibrations {
  /** The methods {@link #fit} knows, {@code auto} first. */
  public static final List<String> METHODS =
      List.of("auto", "platt", "isotonic", "temperature", "beta", "venn-abers");

  /** The methods that fit multiclass data lacking a class, which {@code auto} then chooses among. */
  public static final List<String> WITHOUT_EVERY_CLASS =
      List.of(TemperatureScaling.METHOD, PlattScaling.METHOD, BetaCalibration.METHOD);

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
      boolean any = false;
      for (int i = 0; i < rows; i++) {
        positive[i] = labels[i] == j;
        any |= positive[i];
      }
      perClass[j] = any ? binary(method, 1.0, odds[j], positive) : identity(method);
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

  /** The map of {@code method} that leaves a one-vs-rest log-odds' probability as it is. */
  private static BinaryCalibrator identity(String method) {
    switch (method) {
      case PlattScaling.METHOD: return new PlattScaling(-1, 0);
      case BetaCalibration.METHOD: return new BetaCalibration(1, 1, 1, 0);
      default: throw new IllegalArgumentException(method + " needs a row of every class");
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
   * labels need both classes and multiclass labels at least two. Isotonic and Venn-Abers calibrate each class
   * one-vs-rest and need a row of every class; temperature scaling fits one scalar on the softmax, and Platt
   * and beta keep the model's probability for a class without rows, so they fit multiclass labels that lack a
   * class, and {@code auto} then chooses among them and the identity ({@link AutoChoice}).
   *
   * @param labels class index per row
   * @param classes the model's class names
   * @param method the method asked for, a name of {@link #METHODS}
   * @param source how the message names the data, e.g. its file
   * @return one line naming the missing classes and what the method does about them, when some class has no
   *     row and the method (auto, Platt or beta) fits anyway; null otherwise
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
    if (!method.equals("auto") && !WITHOUT_EVERY_CLASS.contains(method)) {
      throw new InputException(source + ": has " + noRow + "; " + method + " calibrates each class one-vs-rest "
          + "and needs rows of every class; use " + String.join(", ", WITHOUT_EVERY_CLASS) + " or auto, which "
          + "fit without them.");
    }
    if (method.equals(TemperatureScaling.METHOD)) {
      return null;
    }
    String keeps = "; a class without rows keeps the model's probability";
    return noRow + " in " + source + (method.equals("auto") ? ": auto chooses among identity (no calibration), "
        + String.join(", ", WITHOUT_EVERY_CLASS) + keeps + "." : keeps + ".");
  }

  /**
   * Whether every class has at least {@code folds} rows, so that stratified folds hold a row of every class
   * each and auto may try the methods that need every class.
   */
  static boolean everyClassIn(int[] labels, int numClasses, int folds) {
    int[] counts = new int[numClasses];
    for (int y : labels) {
      counts[y]++;
    }
    for (int c : counts) {
      if (c < folds) {
        return false;
      }
    }
    return true;
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
