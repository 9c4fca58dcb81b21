package dev.boreal.engine.nn;

import dev.boreal.UsageException;
import dev.boreal.engine.objective.Link;
import java.util.Locale;

/**
 * The output layer's activation with the loss it is trained under, as one pair so that the gradient with
 * respect to the logits is the simple, stable {@code prediction - target}:
 * identity with squared error, sigmoid with binary cross-entropy, softmax with categorical cross-entropy.
 *
 * <p>The network's last layer produces logits; the output activation is the model's {@link Link}, applied
 * only when predictions (not raw scores) are asked for.
 */
public enum Loss {
  /** Identity output, loss (z - t)² / 2 (scikit-learn's squared_loss); regression and pointwise ranking. */
  SQUARED_ERROR,
  /** Sigmoid output, loss -t log p - (1 - t) log(1 - p) with t in {0, 1}; binary classification. */
  BINARY_CROSS_ENTROPY,
  /** Softmax output, loss -log p_t with t a class index; multiclass classification. */
  CROSS_ENTROPY;

  /** The name in model files: squared_error, binary_cross_entropy or cross_entropy. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The loss named {@code key}.
   *
   * @throws UsageException for an unknown name
   */
  public static Loss of(String key) {
    for (Loss l : values()) {
      if (l.key().equals(key)) {
        return l;
      }
    }
    throw new UsageException("Unknown loss '" + key + "'; expected squared_error, binary_cross_entropy or "
        + "cross_entropy.");
  }

  /**
   * The loss an objective trains the network under.
   *
   * @throws UsageException for an objective the MLP does not support
   */
  public static Loss forObjective(String objective) {
    switch (objective) {
      case "regression":
      case "lambdarank":
      case "rank_pairwise":
        return SQUARED_ERROR;
      case "binary":
        return BINARY_CROSS_ENTROPY;
      case "multiclass":
        return CROSS_ENTROPY;
      default:
        throw new UsageException("The neural nets (mlp, ft-transformer) support the objectives regression, binary, "
            + "multiclass, lambdarank and rank_pairwise (these two as pointwise squared error on relevance), not '"
            + objective + "'.");
    }
  }

  /** The link that turns this loss's logits into predictions. */
  public Link link() {
    switch (this) {
      case SQUARED_ERROR: return Link.IDENTITY;
      case BINARY_CROSS_ENTROPY: return Link.sigmoid(1.0);
      default: return Link.SOFTMAX;
    }
  }

  /**
   * Weighted loss and its gradient with respect to the logits, for a block of rows.
   *
   * @param z logits, {@code rows * k}, row-major (read)
   * @param target per row from {@code off}: the target value, 0/1, or the class index (read)
   * @param scale per row from {@code off}: the row's weight divided by the batch's total weight (read)
   * @param delta output, {@code rows * k}: {@code scale_r * dLoss_r / dz}; may be null to skip gradients
   * @return {@code sum_r scale_r * loss_r}
   */
  double evaluate(double[] z, int rows, int k, double[] target, double[] scale, int off, double[] delta) {
    switch (this) {
      case SQUARED_ERROR: return squaredError(z, rows, target, scale, off, delta);
      case BINARY_CROSS_ENTROPY: return binaryCrossEntropy(z, rows, target, scale, off, delta);
      default: return crossEntropy(z, rows, k, target, scale, off, delta);
    }
  }

  private static double squaredError(double[] z, int rows, double[] target, double[] scale, int off,
      double[] delta) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double s = scale[off + r];
      double e = z[r] - target[off + r];
      total += s * 0.5 * e * e;
      if (delta != null) {
        delta[r] = s * e;
      }
    }
    return total;
  }

  private static double binaryCrossEntropy(double[] z, int rows, double[] target, double[] scale, int off,
      double[] delta) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double s = scale[off + r];
      double t = target[off + r];
      double v = z[r];
      // softplus(v) - t v, with softplus written so that exp never overflows.
      total += s * (Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v))) - t * v);
      if (delta != null) {
        delta[r] = s * (Activation.sigmoid(v) - t);
      }
    }
    return total;
  }

  private static double crossEntropy(double[] z, int rows, int k, double[] target, double[] scale, int off,
      double[] delta) {
    double total = 0;
    for (int r = 0; r < rows; r++) {
      double s = scale[off + r];
      int label = (int) target[off + r];
      int zr = r * k;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, z[zr + c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(z[zr + c] - max);
      }
      // log-sum-exp minus the true class's logit, shifted by the max so nothing overflows.
      total += s * (max + Math.log(sum) - z[zr + label]);
      if (delta != null) {
        for (int c = 0; c < k; c++) {
          delta[zr + c] = s * (Math.exp(z[zr + c] - max) / sum - (c == label ? 1.0 : 0.0));
        }
      }
    }
    return total;
  }
}
