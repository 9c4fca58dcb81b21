package dev.boreal.engine.tree;

import dev.boreal.histogram.Histogram;

/**
 * How the learner gets a leaf's histograms: summed from the float gradients, or from quantized ones
 * ({@link GradientQuantization}). Either way split search reads a float {@link Histogram}; this is the one
 * place the tree-growing loop differs between the two.
 */
abstract sealed class LeafHistograms permits FloatHistograms, QuantizedHistograms {

  /** The features that are not constant, ascending. */
  abstract int[] usableFeatures();

  /**
   * Readies a tree's gradients; {@link #rootGradient()} and {@link #rootHessian()} then give the sums over the
   * root's rows as split search will see them.
   *
   * @param rows input: the root's rows in {@code rows[0 .. count)}
   * @param gradients input, indexed by row
   * @param hessians input, indexed by row
   * @param treeSeed the tree's seed
   */
  abstract void prepare(int[] rows, int count, double[] gradients, double[] hessians, long treeSeed);

  /** The root's sums as split search sees them; {@link #prepare} sets them. */
  double rootGradient;
  double rootHessian;

  /** The root's gradient sum after {@link #prepare}. */
  final double rootGradient() {
    return rootGradient;
  }

  /** The root's hessian sum after {@link #prepare}. */
  final double rootHessian() {
    return rootHessian;
  }

  /** A new all-zero histogram this strategy can fill. */
  abstract Histogram newHistogram();

  /** Builds the root's histograms over every row, in row order ({@code rows} from {@link #prepare} is 0..n-1). */
  abstract void buildAll(double[] gradients, double[] hessians, Histogram out);

  /** Builds the histograms of at least {@code features} for the leaf holding {@code rows[from .. to)}. */
  abstract void build(int[] rows, int from, int to, double[] gradients, double[] hessians, int[] features,
      Histogram out);

  /** Sets {@code parent} to {@code parent - child}, the sibling's histograms. */
  abstract void subtract(Histogram parent, Histogram child);

  /**
   * Last changes to a grown tree's leaves: with quant_train_renew_leaf, outputs from the float gradients.
   *
   * @param lower input: each leaf's lower output bound
   * @param upper input: each leaf's upper output bound
   */
  void finish(GrownTree tree, double[] gradients, double[] hessians, double[] lower, double[] upper) {
    // Float histograms already give leaf outputs from the float gradients.
  }
}
