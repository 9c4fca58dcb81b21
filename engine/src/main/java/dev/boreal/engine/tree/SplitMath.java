package dev.boreal.engine.tree;

/**
 * The one place for leaf-output and gain arithmetic, shared by split search, leaf outputs and pruning.
 *
 * <p>Follows LightGBM: with gradient sum G, hessian sum H, L1 penalty α and L2 penalty λ, a leaf's
 * output is {@code -T(G, α) / (H + λ)} where T soft-thresholds G by α, capped to ±max_delta_step when that
 * is positive, and clamped into the leaf's monotone bounds; the gain of a leaf with output w is
 * {@code -(2·T(G, α)·w + (H + λ)·w²)}, which is {@code T(G, α)² / (H + λ)} at the unconstrained optimum.
 * Split gain is the children's gain minus the parent's. With path smoothing ({@link #smoothed}) a child's
 * output is moved towards its parent's before the bounds, and the gains are taken at the moved outputs.
 */
public final class SplitMath {
  private SplitMath() {}

  /** {@code G} moved towards zero by {@code l1}, and zero inside {@code [-l1, l1]}. */
  public static double thresholdL1(double g, double l1) {
    double shrunk = Math.abs(g) - l1;
    return shrunk > 0 ? Math.copySign(shrunk, g) : 0.0;
  }

  /** The optimal output of a leaf, before bounds: soft-thresholded, L2-shrunk, capped by max_delta_step. */
  public static double leafOutput(double g, double h, double l1, double l2, double maxDeltaStep) {
    double out = -thresholdL1(g, l1) / (h + l2);
    if (maxDeltaStep > 0 && Math.abs(out) > maxDeltaStep) {
      out = Math.copySign(maxDeltaStep, out);
    }
    return out;
  }

  /** The optimal output clamped into {@code [lower, upper]} (monotone constraints). */
  public static double leafOutput(double g, double h, double l1, double l2, double maxDeltaStep,
      double lower, double upper) {
    return clamp(leafOutput(g, h, l1, l2, maxDeltaStep), lower, upper);
  }

  /** {@code out} clamped into {@code [lower, upper]}. */
  public static double clamp(double out, double lower, double upper) {
    return out < lower ? lower : out > upper ? upper : out;
  }

  /**
   * LightGBM's path smoothing ({@code path_smooth} s): a node of n rows outputs
   * {@code out·(n/s)/(n/s + 1) + parentOutput/(n/s + 1)}, so a node of few rows stays near its parent, and
   * {@code out} itself when s is 0. The arithmetic is LightGBM's, in its order.
   */
  public static double smoothed(double out, double rows, double smooth, double parentOutput) {
    if (smooth <= 0) {
      return out;
    }
    double k = rows / smooth;
    return out * k / (k + 1) + parentOutput / (k + 1);
  }

  /** The loss reduction of a leaf that outputs {@code w}. */
  public static double leafGainAt(double g, double h, double l1, double l2, double w) {
    double sg = thresholdL1(g, l1);
    return -(2.0 * sg * w + (h + l2) * w * w);
  }

  /** The loss reduction of a leaf at its optimal, unbounded output. */
  public static double leafGain(double g, double h, double l1, double l2, double maxDeltaStep) {
    if (maxDeltaStep <= 0) {
      double sg = thresholdL1(g, l1);
      return sg * sg / (h + l2);
    }
    return leafGainAt(g, h, l1, l2, leafOutput(g, h, l1, l2, maxDeltaStep));
  }
}
