package dev.boreal.engine.tree;

import dev.boreal.engine.Rng;

/**
 * How a tree learner quantizes gradients (LightGBM 4's quantized training); a learner without one trains on
 * the float gradients.
 *
 * @param bins levels of the quantized gradients and hessians (num_grad_quant_bins)
 * @param stochastic round at random in proportion to the remainder, else to the nearest level
 *     (stochastic_rounding)
 * @param renewLeaf recompute leaf outputs from the float gradients of each leaf's rows (quant_train_renew_leaf)
 */
public record GradientQuantization(int bins, boolean stochastic, boolean renewLeaf) {
  /** Names the stream of rounding draws among a tree's random choices. */
  private static final long ROUNDING_STREAM = 0x51554E54L;

  /**
   * The seed of a tree's rounding draws, with the row index keying each row's draw
   * ({@link dev.boreal.histogram.QuantizedGradients#quantize}); a distributed trainer rounds its partitions' rows
   * with it to get one machine's levels.
   *
   * @param treeSeed the seed the tree grows with
   */
  public static long roundingSeed(long treeSeed) {
    return Rng.mix(treeSeed, ROUNDING_STREAM);
  }

  /**
   * Refuses a training set whose integer sums could overflow, as a single-machine learner does.
   *
   * @param rows the training set's rows
   * @throws dev.boreal.UsageException when {@code rows × bins ≥ 2^32}
   */
  public void checkFits(long rows) {
    QuantizedHistograms.checkFits(rows, bins);
  }
}
