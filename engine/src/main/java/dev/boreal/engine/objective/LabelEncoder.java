package dev.boreal.engine.objective;

import dev.boreal.InputException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps user labels to what the objectives expect, and class indices back to the user's class names.
 *
 * <p>Classifiers (binary, multiclass) follow scikit-learn: the distinct labels are sorted (numbers by value,
 * strings by {@link String#compareTo}) and numbered from 0, so for binary the larger number or the
 * later-sorted string is the positive class (index 1). Two exceptions keep familiar data unchanged: binary
 * labels already in {0, 1} and multiclass labels that are already integers 0..K-1 map to themselves, even
 * if some class is absent. Regression and ranking labels pass through as numbers. Class names are kept as
 * strings for the model file and prediction output.
 */
public final class LabelEncoder {
  private final boolean classifier;
  private final String[] names;
  /** Sorted class values when the classes are numeric; null for string classes. */
  private final double[] values;
  private final Map<String, Integer> index;

  private LabelEncoder(boolean classifier, String[] names, double[] values) {
    this.classifier = classifier;
    this.names = names;
    this.values = values;
    this.index = new HashMap<>();
    for (int c = 0; c < names.length; c++) {
      index.put(names[c], c);
    }
  }

  /** Whether the objective is binary or multiclass, the only ones whose labels are classes. */
  public static boolean isClassification(String objective) {
    return objective.equals("binary") || objective.equals("multiclass");
  }

  /**
   * Learns the classes of numeric labels.
   *
   * @param numClass num_class for multiclass (0 or less: from the data); ignored otherwise
   * @throws InputException for NaN labels, more than two classes for binary, or integer labels reaching num_class
   */
  public static LabelEncoder fit(String objective, int numClass, double[] labels) {
    if (!isClassification(objective)) {
      return new LabelEncoder(false, new String[0], null);
    }
    TreeSet<Double> distinct = new TreeSet<>();
    for (int i = 0; i < labels.length; i++) {
      if (Double.isNaN(labels[i])) {
        throw new InputException("label at row " + i + " is missing; " + objective + " needs a class for every row.");
      }
      distinct.add(labels[i]);
    }
    double[] classes = distinct.stream().mapToDouble(Double::doubleValue).toArray();
    boolean binary = objective.equals("binary");
    if (binary) {
      if (classes.length > 2) {
        throw new InputException("binary classification needs two classes, but the labels hold " + classes.length
            + " distinct values; use objective=multiclass.");
      }
      if (classes[classes.length - 1] <= 1 && classes[0] >= 0 && isIntegral(classes)) {
        classes = new double[] {0, 1};
      }
    } else if (classes[0] >= 0 && isIntegral(classes)) {
      int max = (int) classes[classes.length - 1];
      if (numClass > 0 && max >= numClass) {
        throw new InputException("multiclass label " + max + " is not below num_class " + numClass + ".");
      }
      int k = Math.max(numClass, max + 1);
      classes = new double[k];
      for (int c = 0; c < k; c++) {
        classes[c] = c;
      }
    } else if (numClass > 0 && classes.length != numClass) {
      throw new InputException("the labels hold " + classes.length + " distinct classes but num_class is "
          + numClass + ".");
    }
    if (classes.length < 2) {
      throw new InputException(objective + " classification needs at least two classes, but every label is "
          + name(classes[0]) + ".");
    }
    String[] names = new String[classes.length];
    for (int c = 0; c < classes.length; c++) {
      names[c] = name(classes[c]);
    }
    return new LabelEncoder(true, names, classes);
  }

  /**
   * Learns the classes of string labels (sorted by {@link String#compareTo}); for regression and ranking the
   * strings must be numbers.
   */
  public static LabelEncoder fit(String objective, int numClass, String[] labels) {
    if (!isClassification(objective)) {
      return new LabelEncoder(false, new String[0], null);
    }
    TreeSet<String> distinct = new TreeSet<>();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == null) {
        throw new InputException("label at row " + i + " is missing; " + objective + " needs a class for every row.");
      }
      distinct.add(labels[i]);
    }
    String[] names = distinct.toArray(new String[0]);
    if (objective.equals("binary") && names.length > 2) {
      throw new InputException("binary classification needs two classes, but the labels hold " + names.length
          + " distinct values; use objective=multiclass.");
    }
    if (numClass > 0 && objective.equals("multiclass") && names.length != numClass) {
      throw new InputException("the labels hold " + names.length + " distinct classes but num_class is "
          + numClass + ".");
    }
    if (names.length < 2) {
      throw new InputException(objective + " classification needs at least two classes, but every label is '"
          + names[0] + "'.");
    }
    return new LabelEncoder(true, names, null);
  }

  /**
   * Rebuilds an encoder from a model file: the class names in index order, and whether they were numbers
   * (an empty array for regression and ranking).
   */
  public static LabelEncoder restore(String[] classNames, boolean numeric) {
    if (classNames.length == 0) {
      return new LabelEncoder(false, classNames, null);
    }
    double[] values = null;
    if (numeric) {
      values = new double[classNames.length];
      for (int c = 0; c < values.length; c++) {
        values[c] = Double.parseDouble(classNames[c]);
      }
    }
    return new LabelEncoder(true, classNames.clone(), values);
  }

  /** Whether labels are classes (binary or multiclass). */
  public boolean isClassifier() {
    return classifier;
  }

  /** Whether the classes came from numeric labels (stored in the model file for {@link #restore}). */
  public boolean numericClasses() {
    return values != null;
  }

  /** The number of classes; 0 for regression and ranking. */
  public int numClasses() {
    return names.length;
  }

  /** The class names in index order; empty for regression and ranking. */
  public String[] classNames() {
    return names.clone();
  }

  /** The user's name of class {@code index}. */
  public String className(int index) {
    return names[index];
  }

  /** Encodes numeric labels: class indices for classifiers, the numbers themselves otherwise. */
  public double[] encode(double[] labels) {
    if (!classifier) {
      return labels.clone();
    }
    double[] out = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      int c = values != null ? Arrays.binarySearch(values, labels[i]) : index.getOrDefault(name(labels[i]), -1);
      if (c < 0 || Double.isNaN(labels[i])) {
        throw unknown(i, name(labels[i]));
      }
      out[i] = c;
    }
    return out;
  }

  /** Encodes string labels: class indices for classifiers, parsed numbers otherwise. */
  public double[] encode(String[] labels) {
    double[] out = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      if (!classifier) {
        out[i] = parseNumber(labels[i], i);
        continue;
      }
      int c = index.getOrDefault(labels[i], -1);
      if (c < 0 && values != null && labels[i] != null) {
        c = Arrays.binarySearch(values, parseNumber(labels[i], i));
      }
      if (c < 0) {
        throw unknown(i, labels[i]);
      }
      out[i] = c;
    }
    return out;
  }

  private InputException unknown(int row, String label) {
    return new InputException("label '" + label + "' at row " + row + " is not one of the " + names.length
        + " classes seen in training (" + String.join(", ", names) + ").");
  }

  private static double parseNumber(String s, int row) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new InputException("label '" + s + "' at row " + row + " is not a number.");
    }
  }

  private static boolean isIntegral(double[] sorted) {
    for (double v : sorted) {
      if (v != Math.rint(v) || v > Integer.MAX_VALUE - 1) {
        return false;
      }
    }
    return true;
  }

  /** A numeric class's name: integers without a decimal point ("1", not "1.0"). */
  private static String name(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
