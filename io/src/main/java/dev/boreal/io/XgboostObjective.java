package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.engine.objective.Link;

/**
 * What Boreal needs to know about an XGBoost objective to score like XGBoost: the link from margins to
 * predictions, how the stored base score becomes a margin, whether it classifies, and Boreal's name for
 * the same loss when it has one.
 *
 * @param name the objective name the imported model carries: Boreal's when the loss and its output match
 *     one of Boreal's objectives, else XGBoost's own name
 * @param borealParam Boreal's {@code objective} parameter value for the same loss, or {@code null}
 * @param link margins to predictions
 * @param baseMargin how XGBoost turns the base score into a margin
 * @param classifier whether the model predicts classes
 */
record XgboostObjective(String name, String borealParam, Link link, BaseMargin baseMargin, boolean classifier) {

  /** XGBoost's {@code ProbToMargin}: the base score is stored in prediction space. */
  enum BaseMargin {
    /** The base score is the margin. */
    IDENTITY,
    /** The base score is a probability: margin = logit(base score). */
    LOGIT,
    /** The base score is a mean of a log-link model: margin = log(base score). */
    LOG
  }

  /**
   * The objective XGBoost calls {@code name}.
   *
   * @throws InputException for an objective whose output Boreal cannot reproduce
   */
  static XgboostObjective of(String name, String source) {
    switch (name) {
      case "reg:squarederror":
      case "reg:linear":
        return new XgboostObjective("regression", "regression", Link.IDENTITY, BaseMargin.IDENTITY, false);
      case "reg:absoluteerror":
        return new XgboostObjective("regression_l1", "regression_l1", Link.IDENTITY, BaseMargin.IDENTITY, false);
      case "reg:pseudohubererror":
      case "reg:squaredlogerror":
        return new XgboostObjective(name, null, Link.IDENTITY, BaseMargin.IDENTITY, false);
      case "reg:logistic":
        return new XgboostObjective(name, null, Link.sigmoid(1.0), BaseMargin.LOGIT, false);
      case "binary:logistic":
        return new XgboostObjective("binary", "binary", Link.sigmoid(1.0), BaseMargin.LOGIT, true);
      case "binary:logitraw":
        // Predictions are margins; XGBoost 2 keeps this objective's base score as a margin too.
        return new XgboostObjective(name, null, Link.IDENTITY, BaseMargin.IDENTITY, true);
      case "multi:softprob":
      case "multi:softmax":
        return new XgboostObjective("multiclass", "multiclass", Link.SOFTMAX, BaseMargin.IDENTITY, true);
      case "count:poisson":
        return new XgboostObjective("poisson", "poisson", Link.EXP, BaseMargin.LOG, false);
      case "reg:tweedie":
        return new XgboostObjective("tweedie", "tweedie", Link.EXP, BaseMargin.LOG, false);
      case "reg:gamma":
        return new XgboostObjective("gamma", "gamma", Link.EXP, BaseMargin.LOG, false);
      case "rank:map":
        return new XgboostObjective(name, null, Link.IDENTITY, BaseMargin.IDENTITY, false);
      case "rank:ndcg":
        return new XgboostObjective("lambdarank", "lambdarank", Link.IDENTITY, BaseMargin.IDENTITY, false);
      case "rank:pairwise":
        return new XgboostObjective("rank_pairwise", "rank_pairwise", Link.IDENTITY, BaseMargin.IDENTITY, false);
      default:
        throw new InputException(source + ": uses the XGBoost objective '" + name + "', which Boreal does not "
            + "import (it imports reg:squarederror, reg:absoluteerror, reg:pseudohubererror, reg:squaredlogerror, "
            + "reg:logistic, binary:logistic, binary:logitraw, multi:softprob, multi:softmax, count:poisson, "
            + "reg:tweedie, reg:gamma and rank:*).");
    }
  }

  /**
   * The margin every row starts from, computed in float32 as XGBoost computes it.
   *
   * @throws InputException if the base score is outside the link's domain
   */
  double margin(float baseScore, String source) {
    switch (baseMargin) {
      case LOGIT:
        if (!(baseScore > 0f && baseScore < 1f)) {
          throw new InputException(source + ": base_score " + baseScore + " must lie strictly between 0 and 1 for "
              + "a logistic objective.");
        }
        return (float) -Math.log(1.0f / baseScore - 1.0f);
      case LOG:
        if (!(baseScore > 0f)) {
          throw new InputException(source + ": base_score " + baseScore + " must be positive for a log-link "
              + "objective.");
        }
        return (float) Math.log(baseScore);
      default:
        return baseScore;
    }
  }
}
