package dev.boreal.engine.tree;

import dev.boreal.UsageException;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.Histogram;
import dev.boreal.histogram.PackedHistogram;
import dev.boreal.histogram.QuantizedGradients;
import dev.boreal.histogram.QuantizedHistogramBuilder;
import dev.boreal.histogram.WorkerTeam;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Leaf histograms summed from quantized gradients (LightGBM 4's {@code use_quantized_grad}): each tree's
 * gradients are rounded to integer levels, every leaf's histograms are packed integer sums
 * ({@link PackedHistogram}), built and subtracted in integers, and turned into gradient and hessian sums
 * with the tree's scales for split search, which is the float path's. Leaf outputs therefore come from the
 * quantized sums, unless quant_train_renew_leaf recomputes them from the float gradients at the end.
 *
 * <p>Integer sums are exact whatever the order of the adds, so a tree does not depend on the thread count.
 */
final class QuantizedHistograms extends LeafHistograms {
  private final TreeParams p;
  private final GradientQuantization quantization;
  private final WorkerTeam team;
  private final QuantizedHistogramBuilder builder;
  private final QuantizedGradients levels;
  private final Histogram shape;
  private final Map<Histogram, PackedHistogram> packedOf = new IdentityHashMap<>();
  private int[] rows;

  /**
   * @throws UsageException when the rows times the levels could overflow a 64-bit histogram cell
   */
  QuantizedHistograms(BinnedData data, TreeParams params, GradientQuantization quantization, WorkerTeam team) {
    checkFits(data.rows(), quantization.bins());
    this.p = params;
    this.quantization = quantization;
    this.team = team;
    this.builder = new QuantizedHistogramBuilder(data, team, params.layout());
    this.levels = new QuantizedGradients(data.rows(), quantization.bins(), quantization.stochastic());
    this.shape = new Histogram(data);
  }

  /**
   * Refuses a training set whose sums could overflow 32 bits of a wide cell.
   *
   * @throws UsageException when {@code rows × bins ≥ 2^32}
   */
  static void checkFits(long rows, int bins) {
    if (rows * bins >= PackedHistogram.WIDE_LIMIT) {
      throw new UsageException("use_quantized_grad with num_grad_quant_bins=" + bins + " and " + rows
          + " training rows could overflow the 64-bit histogram sums: rows times num_grad_quant_bins must stay "
          + "below 4294967296, so use at most " + ((PackedHistogram.WIDE_LIMIT - 1) / rows) + " bins.");
    }
  }

  @Override
  int[] usableFeatures() {
    return builder.usableFeatures();
  }

  @Override
  void prepare(int[] rows, int count, double[] gradients, double[] hessians, long treeSeed) {
    this.rows = rows;
    levels.quantize(gradients, hessians, GradientQuantization.roundingSeed(treeSeed), team);
    int[] packed = levels.packed();
    long g = 0;
    long h = 0;
    for (int i = 0; i < count; i++) {
      int v = packed[rows[i]];
      g += QuantizedGradients.gradientOf(v);
      h += QuantizedGradients.hessianOf(v);
    }
    rootGradient = g * levels.gradientScale();
    rootHessian = h * levels.hessianScale();
  }

  @Override
  Histogram newHistogram() {
    Histogram h = shape.emptyLike();
    packedOf.put(h, new PackedHistogram(shape));
    return h;
  }

  @Override
  void buildAll(double[] gradients, double[] hessians, Histogram out) {
    PackedHistogram packed = packedOf.get(out);
    builder.buildAll(rows, levels, packed);
    packed.toFloat(levels.gradientScale(), levels.hessianScale(), out);
  }

  @Override
  void build(int[] rows, int from, int to, double[] gradients, double[] hessians, int[] features, Histogram out) {
    PackedHistogram packed = packedOf.get(out);
    builder.build(rows, from, to, levels, features, packed);
    packed.toFloat(levels.gradientScale(), levels.hessianScale(), out);
  }

  @Override
  void subtract(Histogram parent, Histogram child) {
    PackedHistogram packed = packedOf.get(parent);
    packed.subtract(packed, packedOf.get(child));
    packed.toFloat(levels.gradientScale(), levels.hessianScale(), parent);
  }

  @Override
  void finish(GrownTree tree, double[] gradients, double[] hessians, double[] lower, double[] upper) {
    if (!quantization.renewLeaf()) {
      return;
    }
    int[] leafRows = tree.rows();
    for (int l = 0; l < tree.numLeaves(); l++) {
      double g = 0;
      double h = 0;
      for (int i = tree.leafStart(l), end = tree.leafEnd(l); i < end; i++) {
        g += gradients[leafRows[i]];
        h += hessians[leafRows[i]];
      }
      renew(tree, l, g, h, p, lower, upper);
    }
  }

  /** Sets a leaf's output from its float sums within its bounds (quant_train_renew_leaf). */
  static void renew(GrownTree tree, int leaf, double g, double h, TreeParams p, double[] lower, double[] upper) {
    tree.setLeafOutput(leaf, SplitMath.leafOutput(g, h, p.lambdaL1(), p.lambdaL2(), p.maxDeltaStep(),
        lower[leaf], upper[leaf]));
  }
}
