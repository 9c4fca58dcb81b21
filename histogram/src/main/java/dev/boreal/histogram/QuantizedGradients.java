package dev.boreal.histogram;

import dev.boreal.engine.Rng;

/**
 * One tree's gradients and hessians rounded to a few integer levels (LightGBM 4's {@code use_quantized_grad}),
 * one packed {@code int} per row.
 *
 * <p>With {@code B} levels ({@code num_grad_quant_bins}), gradients are divided by
 * {@code max|g| / (B/2)} and hessians by {@code max|h| / B}, so a row's gradient level lies in
 * {@code [-B/2, B/2]} and its hessian level in {@code [0, B]}. When every hessian is the same (l2 regression
 * without weights, for instance) the hessian scale is that value and every level is 1, as LightGBM does for
 * a constant-hessian objective. Rounding is stochastic by default: a value {@code x} levels from zero becomes
 * {@code trunc(x + u)} (away from zero) with {@code u} uniform in {@code [0, 1)}, which is {@code x} on
 * average. Each row's draws come from a hash of the tree's seed and the row, never from a generator shared
 * between threads, so the levels do not depend on the thread count.
 *
 * <p>A row's levels are packed as {@code (g << 16) + h} ({@link #pack}); adding packed values adds both
 * sums at once as long as the hessian sum stays below {@code 2^16} ({@link PackedHistogram} widens them
 * when it would not). Not thread-safe: one instance per training, refilled for every tree.
 */
public final class QuantizedGradients {
  /** Rows per parallel block. */
  private static final int BLOCK = 1 << 14;

  private final int[] packed;
  private final int bins;
  private final boolean stochastic;
  private final double[] blockMaxGradient;
  private final double[] blockMaxHessian;
  private final double[] blockMinHessian;
  private double gradientScale;
  private double hessianScale;

  /**
   * Buffers for {@code rows} rows.
   *
   * @param bins the number of levels, {@code num_grad_quant_bins}, at least 2
   * @param stochastic round at random ({@code stochastic_rounding}) rather than to the nearest level
   */
  public QuantizedGradients(int rows, int bins, boolean stochastic) {
    if (bins < 2 || bins >= 1 << 15) {
      throw new IllegalArgumentException("quantized gradients need 2 to 32767 levels, got " + bins);
    }
    this.packed = new int[rows];
    this.bins = bins;
    this.stochastic = stochastic;
    int blocks = (rows + BLOCK - 1) / BLOCK;
    this.blockMaxGradient = new double[blocks];
    this.blockMaxHessian = new double[blocks];
    this.blockMinHessian = new double[blocks];
  }

  /** A row's gradient level {@code g} and hessian level {@code h ≥ 0} in one {@code int}. */
  public static int pack(int g, int h) {
    return (g << 16) + h;
  }

  /** The gradient level (or sum of levels) of a packed value whose hessian part is below {@code 2^16}. */
  public static int gradientOf(int packedValue) {
    return packedValue >> 16;
  }

  /** The hessian level (or sum of levels) of a packed value. */
  public static int hessianOf(int packedValue) {
    return packedValue & 0xFFFF;
  }

  /**
   * Rounds {@code gradients} and {@code hessians} (one per row) to levels.
   *
   * @param gradients input, length ≥ rows: each row's (weighted) gradient, finite
   * @param hessians input, same shape: each row's (weighted) hessian, finite; a negative one counts as 0
   * @param seed the tree's seed; with the row it decides every random draw
   * @param team the training's threads
   */
  public void quantize(double[] gradients, double[] hessians, long seed, WorkerTeam team) {
    int rows = packed.length;
    int blocks = blockMaxGradient.length;
    team.run(blocks, b -> {
      double maxG = 0;
      double maxH = 0;
      double minH = Double.POSITIVE_INFINITY;
      for (int r = b * BLOCK, end = Math.min(rows, r + BLOCK); r < end; r++) {
        maxG = Math.max(maxG, Math.abs(gradients[r]));
        maxH = Math.max(maxH, Math.abs(hessians[r]));
        minH = Math.min(minH, Math.abs(hessians[r]));
      }
      blockMaxGradient[b] = maxG;
      blockMaxHessian[b] = maxH;
      blockMinHessian[b] = minH;
    });
    double maxG = 0;
    double maxH = 0;
    double minH = Double.POSITIVE_INFINITY;
    for (int b = 0; b < blocks; b++) {
      maxG = Math.max(maxG, blockMaxGradient[b]);
      maxH = Math.max(maxH, blockMaxHessian[b]);
      minH = Math.min(minH, blockMinHessian[b]);
    }
    quantize(gradients, hessians, seed, team, 0, maxG, maxH, minH);
  }

  /**
   * Rounds the rows of one part of a larger training set (a Spark partition, say) with that set's scales, so
   * every part's levels are those the whole set would get: scales from the whole set's extremes, and each
   * row's random draws keyed by its index in the whole set.
   *
   * @param gradients input, length ≥ rows: each row's (weighted) gradient, finite
   * @param hessians input, same shape
   * @param seed the tree's seed
   * @param team the training's threads
   * @param firstRow the whole set's index of this part's row 0
   * @param maxG the largest {@code |gradient|} over the whole set (0 when it has no rows)
   * @param maxH the largest {@code |hessian|} over the whole set
   * @param minH the smallest {@code |hessian|} over the whole set
   */
  public void quantize(double[] gradients, double[] hessians, long seed, WorkerTeam team, long firstRow,
      double maxG, double maxH, double minH) {
    int rows = packed.length;
    int blocks = blockMaxGradient.length;
    boolean constantHessian = maxH == minH;
    gradientScale = maxG / (bins / 2);
    hessianScale = constantHessian ? maxH : maxH / bins;
    double toGradientLevel = maxG > 0 ? 1.0 / gradientScale : 0.0;
    double toHessianLevel = maxH > 0 ? 1.0 / hessianScale : 0.0;
    int constantLevel = maxH > 0 ? 1 : 0;
    team.run(blocks, b -> {
      for (int r = b * BLOCK, end = Math.min(rows, r + BLOCK); r < end; r++) {
        double uGradient = 0.5;
        double uHessian = 0.5;
        if (stochastic) {
          long bits = Rng.mix(seed, firstRow + r);
          uGradient = (bits >>> 32) * 0x1.0p-32;
          uHessian = (bits & 0xFFFFFFFFL) * 0x1.0p-32;
        }
        int g = round(gradients[r] * toGradientLevel, uGradient);
        int h = constantHessian ? constantLevel : round(Math.max(0.0, hessians[r]) * toHessianLevel, uHessian);
        packed[r] = pack(g, h);
      }
    });
  }

  /** {@code x} rounded away from zero when the fraction plus {@code u} reaches 1: {@code trunc(x ± u)}. */
  static int round(double x, double u) {
    return (int) (x >= 0 ? x + u : x - u);
  }

  /** Each row's packed levels, indexed by row; the live array, valid until the next {@link #quantize}. */
  public int[] packed() {
    return packed;
  }

  /** The number of levels, {@code num_grad_quant_bins}. */
  public int bins() {
    return bins;
  }

  /** What one gradient level stands for: a sum of levels times this is a gradient sum. */
  public double gradientScale() {
    return gradientScale;
  }

  /** What one hessian level stands for. */
  public double hessianScale() {
    return hessianScale;
  }
}
