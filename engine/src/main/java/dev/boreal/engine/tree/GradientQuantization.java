package dev.boreal.engine.tree;

/**
 * How a tree learner quantizes gradients (LightGBM 4's quantized training); a learner without one trains on
 * the float gradients.
 *
 * @param bins levels of the quantized gradients and hessians (num_grad_quant_bins)
 * @param stochastic round at random in proportion to the remainder, else to the nearest level
 *     (stochastic_rounding)
 * @param renewLeaf recompute leaf outputs from the float gradients of each leaf's rows (quant_train_renew_leaf)
 */
public record GradientQuantization(int bins, boolean stochastic, boolean renewLeaf) {}
