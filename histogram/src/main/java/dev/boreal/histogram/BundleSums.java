package dev.boreal.histogram;

import java.util.Arrays;

/**
 * A float histogram builder's scratch for {@link FeatureBundles}: each bundle's sums are built from its column
 * and then unpacked into its members' histograms. Every bundle code is summed by one task in row order, so
 * the result does not depend on the thread count. Not thread-safe across builds; one bundle per task within one.
 */
final class BundleSums {
  private final FeatureBundles bundles;
  private final int[] offsets;
  private final int[] indices;
  private final double[] sums;

  BundleSums(FeatureBundles bundles) {
    this.bundles = bundles;
    this.offsets = new int[bundles.count() + 1];
    this.indices = new int[bundles.count()];
    for (int b = 0; b < bundles.count(); b++) {
      indices[b] = b;
      offsets[b + 1] = offsets[b] + BinColumn.STRIDE * bundles.numBins(b);
    }
    this.sums = new double[offsets[bundles.count()]];
  }

  /** Number of bundles. */
  int count() {
    return indices.length;
  }

  /**
   * Builds bundle {@code b}'s sums over a leaf's gathered rows and writes its members' histograms into
   * {@code out} (arguments as {@link BinColumn#addOrdered}).
   */
  void addOrdered(int b, int[] rows, int from, int to, double[] orderedGradients, double[] orderedHessians,
      Histogram out) {
    Arrays.fill(sums, offsets[b], offsets[b + 1], 0.0);
    bundles.column(b).addOrdered(rows, from, to, orderedGradients, orderedHessians, sums, offsets[b]);
    bundles.unpack(b, sums, offsets[b], out);
  }

  /** Builds every bundle's sums over all rows in order (the root) and writes the members' histograms. */
  void addAll(WorkerTeam team, int rows, double[] gradients, double[] hessians, Histogram out) {
    Arrays.fill(sums, 0.0);
    HistogramBuilder.inRowBlocks(team, rows, indices, (b, from, to) ->
        bundles.column(b).addRange(from, to, gradients, hessians, sums, offsets[b]));
    for (int b = 0; b < indices.length; b++) {
      bundles.unpack(b, sums, offsets[b], out);
    }
  }
}
