package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.engine.objective.Link;

/**
 * A LightGBM model's {@code objective=} line read for scoring: the objective's name and the link that
 * reproduces LightGBM's output conversion ({@code ConvertOutput}).
 *
 * @param name LightGBM's objective name, which is also Boreal's where Boreal has the objective
 * @param link raw scores to predictions
 * @param classifier whether the model predicts classes (labels 0 .. K-1, as LightGBM requires)
 */
record LightGbmObjective(String name, Link link, boolean classifier) {

  /**
   * Parses a line such as {@code binary sigmoid:1}, {@code multiclass num_class:5} or {@code regression}.
   *
   * @throws InputException for an objective whose output conversion Boreal has no link for
   */
  static LightGbmObjective parse(String line, String source) {
    String[] tokens = line.trim().split(" ");
    String name = tokens[0];
    double sigmoid = 1.0;
    for (int i = 1; i < tokens.length; i++) {
      if (tokens[i].equals("sqrt")) {
        throw new InputException(source + ": was trained with reg_sqrt=true, whose squared output Boreal has no "
            + "link for.");
      }
      if (tokens[i].startsWith("sigmoid:")) {
        try {
          sigmoid = Double.parseDouble(tokens[i].substring("sigmoid:".length()));
        } catch (NumberFormatException e) {
          throw new InputException(source + ": objective line '" + line + "' has a sigmoid that is not a number.", e);
        }
      }
    }
    switch (name) {
      case "binary":
        return new LightGbmObjective(name, link(sigmoid, source), true);
      case "multiclass":
        return new LightGbmObjective(name, Link.SOFTMAX, true);
      case "multiclassova":
        return new LightGbmObjective(name, link(sigmoid, source), true);
      case "cross_entropy":
        return new LightGbmObjective(name, Link.sigmoid(1.0), false);
      case "poisson":
      case "gamma":
      case "tweedie":
        return new LightGbmObjective(name, Link.EXP, false);
      case "regression":
      case "regression_l1":
      case "huber":
      case "fair":
      case "quantile":
      case "mape":
      case "lambdarank":
      case "rank_xendcg":
      case "custom":
        return new LightGbmObjective(name, Link.IDENTITY, false);
      default:
        throw new InputException(source + ": uses the LightGBM objective '" + name + "', whose output conversion "
            + "Boreal cannot reproduce.");
    }
  }

  private static Link link(double sigmoid, String source) {
    if (!(sigmoid > 0) || Double.isInfinite(sigmoid)) {
      throw new InputException(source + ": has sigmoid " + sigmoid + "; it must be a positive number.");
    }
    return Link.sigmoid(sigmoid);
  }

  /** Class labels "0" .. "K-1" of a classifier with {@code outputs} outputs, else {@code null}. */
  String[] classes(int outputs) {
    if (!classifier) {
      return null;
    }
    String[] classes = new String[Math.max(2, outputs)];
    for (int c = 0; c < classes.length; c++) {
      classes[c] = Integer.toString(c);
    }
    return classes;
  }
}
