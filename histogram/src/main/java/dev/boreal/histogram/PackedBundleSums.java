package dev.boreal.histogram;

import java.util.Arrays;

/**
 * A quantized histogram builder's scratch for {@link FeatureBundles}: each bundle's packed integer cells are
 * built from its column and unpacked into its members' cells. Integer sums do not depend on the order of the
 * adds, so the members' cells equal those their own columns give, for any thread count. Not thread-safe across
 * builds; one bundle per task within one.
 */
final class PackedBundleSums {
  private final FeatureBundles bundles;
  private final int[] offsets;
  private final int[] indices;
  private final int[] narrow;
  private final long[] wide;

  PackedBundleSums(FeatureBundles bundles) {
    this.bundles = bundles;
    this.offsets = new int[bundles.count() + 1];
    this.indices = new int[bundles.count()];
    for (int b = 0; b < bundles.count(); b++) {
      indices[b] = b;
      offsets[b + 1] = offsets[b] + bundles.numBins(b);
    }
    this.narrow = new int[offsets[bundles.count()]];
    this.wide = new long[offsets[bundles.count()]];
  }

  /** Number of bundles. */
  int count() {
    return indices.length;
  }

  /**
   * Builds bundle {@code b}'s cells over a leaf's rows, with their packed levels in leaf order, and writes its
   * members' cells into {@code out}, in {@code out}'s width (arguments as {@link BinColumn#addOrderedPacked}).
   */
  void addOrdered(int b, int[] rows, int from, int to, int[] orderedPacked, PackedHistogram out) {
    BinColumn column = bundles.column(b);
    if (out.isWide()) {
      Arrays.fill(wide, offsets[b], offsets[b + 1], 0L);
      column.addOrderedPackedWide(rows, from, to, orderedPacked, wide, offsets[b]);
      bundles.unpackWide(b, wide, offsets[b], out);
    } else {
      Arrays.fill(narrow, offsets[b], offsets[b + 1], 0);
      column.addOrderedPacked(rows, from, to, orderedPacked, narrow, offsets[b]);
      bundles.unpackNarrow(b, narrow, offsets[b], out);
    }
  }

  /** Builds every bundle's wide cells over all rows in order (the root) and writes the members' cells. */
  void addAllWide(WorkerTeam team, int rows, int[] levels, PackedHistogram out) {
    Arrays.fill(wide, 0L);
    HistogramBuilder.inRowBlocks(team, rows, indices, (b, from, to) ->
        bundles.column(b).addRangePackedWide(from, to, levels, wide, offsets[b]));
    for (int b = 0; b < indices.length; b++) {
      bundles.unpackWide(b, wide, offsets[b], out);
    }
  }
}
