package dev.boreal.engine.objective;

import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import java.util.List;

/** Creates objectives by LightGBM name, validating settings and binding labels, weights and groups. */
public final class Objectives {
  /** The objective names {@link #create} accepts (canonical LightGBM names). */
  public static final List<String> NAMES = List.of("regression", "regression_l1", "huber", "quantile", "poisson",
      "gamma", "tweedie", "binary", "multiclass", "lambdarank", "rank_pairwise");

  private Objectives() {}

  /**
   * The name of the link a boosted model trained with objective {@code name} predicts through: "sigmoid"
   * for binary, "softmax" for multiclass, "exp" for the count objectives (poisson, gamma, tweedie),
   * "identity" for the regression and ranking objectives; {@code null} for a name not in {@link #NAMES}.
   */
  public static String linkName(String name) {
    switch (name) {
      case "binary":
        return "sigmoid";
      case "multiclass":
        return "softmax";
      case "poisson":
      case "gamma":
      case "tweedie":
        return "exp";
      default:
        return NAMES.contains(name) ? "identity" : null;
    }
  }

  /**
   * The objective {@code name} bound to the given data.
   *
   * @param labels encoded labels (see {@link LabelEncoder}), one per row; not copied, must not change
   * @param weightsOrNull sample weights, or null for all ones
   * @param groupSizesOrNull sizes of consecutive query groups; required by lambdarank and rank_pairwise
   * @throws UsageException for an unknown name or an out-of-range setting
   * @throws dev.boreal.InputException for labels, weights or groups the objective cannot use
   */
  public static Objective create(String name, ObjectiveSettings s, double[] labels, double[] weightsOrNull,
      int[] groupSizesOrNull) {
    boolean avg = s.boostFromAverage();
    switch (name) {
      case "regression":
        return new RegressionObjectives.L2(labels, weightsOrNull, avg);
      case "regression_l1":
        return new RegressionObjectives.L1(labels, weightsOrNull, avg);
      case "huber":
        require(s.alpha() > 0 && Double.isFinite(s.alpha()), "alpha (huber's delta) must be positive, got "
            + s.alpha());
        return new RegressionObjectives.Huber(labels, weightsOrNull, avg, s.alpha());
      case "quantile":
        require(s.alpha() > 0 && s.alpha() < 1, "alpha must be strictly between 0 and 1 for quantile, got "
            + s.alpha());
        return new RegressionObjectives.Quantile(labels, weightsOrNull, avg, s.alpha());
      case "poisson":
        require(s.poissonMaxDeltaStep() > 0 && Double.isFinite(s.poissonMaxDeltaStep()),
            "poisson_max_delta_step must be positive, got " + s.poissonMaxDeltaStep());
        return new CountObjectives.Poisson(labels, weightsOrNull, avg, s.poissonMaxDeltaStep());
      case "gamma":
        return new CountObjectives.Gamma(labels, weightsOrNull, avg);
      case "tweedie":
        require(s.tweedieVariancePower() >= 1 && s.tweedieVariancePower() < 2,
            "tweedie_variance_power must be in [1, 2), got " + s.tweedieVariancePower());
        return new CountObjectives.Tweedie(labels, weightsOrNull, avg, s.tweedieVariancePower());
      case "binary":
        checkSigmoid(s);
        require(s.scalePosWeight() > 0 && Double.isFinite(s.scalePosWeight()),
            "scale_pos_weight must be positive, got " + s.scalePosWeight());
        return new BinaryObjective(labels, weightsOrNull, s);
      case "multiclass":
        require(s.numClass() >= 2, "num_class must be at least 2 for multiclass, got " + s.numClass());
        return new MulticlassObjective(labels, weightsOrNull, s.numClass(), avg);
      case "lambdarank":
        checkSigmoid(s);
        require(s.lambdarankTruncationLevel() > 0,
            "lambdarank_truncation_level must be positive, got " + s.lambdarankTruncationLevel());
        return new LambdarankObjective(labels, weightsOrNull, groupSizesOrNull, s);
      case "rank_pairwise":
        return new PairwiseRankObjective(labels, weightsOrNull, groupSizesOrNull);
      default:
        throw new UsageException("unknown objective '" + name + "'; expected one of " + String.join(", ", NAMES)
            + ".");
    }
  }

  /**
   * Wraps a user's loss so the learner can use it like a built-in one: name "custom", zero start scores,
   * no leaf renewal. After each call the outputs are checked for NaN so a broken loss fails with a clear
   * message instead of a broken model.
   */
  public static Objective custom(CustomObjective loss, int numOutputs, Link link, double[] labels,
      double[] weightsOrNull) {
    require(numOutputs >= 1, "a custom objective needs at least one output, got " + numOutputs);
    int n = labels.length;
    return new Objective() {
      @Override
      public String name() {
        return "custom";
      }

      @Override
      public int numOutputs() {
        return numOutputs;
      }

      @Override
      public void gradients(double[] scores, double[] grad, double[] hess, Parallel parallel) {
        PointwiseObjective.checkLengths(scores, grad, hess, numOutputs * n);
        loss.gradients(scores, labels, weightsOrNull, numOutputs, grad, hess);
        for (int i = 0; i < grad.length; i++) {
          if (Double.isNaN(grad[i]) || Double.isNaN(hess[i])) {
            throw new UsageException("the custom objective returned NaN for output " + (i / n) + " of row "
                + (i % n) + ".");
          }
        }
      }

      @Override
      public double[] initScores() {
        return new double[numOutputs];
      }

      @Override
      public Link link() {
        return link;
      }
    };
  }

  private static void checkSigmoid(ObjectiveSettings s) {
    require(s.sigmoid() > 0 && Double.isFinite(s.sigmoid()), "sigmoid must be positive, got " + s.sigmoid());
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new UsageException(what + ".");
    }
  }
}
