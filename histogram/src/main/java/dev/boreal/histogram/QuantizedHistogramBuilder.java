package dev.boreal.histogram;

import java.util.function.IntConsumer;

/**
 * Builds a leaf's packed integer histograms ({@link PackedHistogram}) from {@link QuantizedGradients}: the
 * quantized twin of {@link HistogramBuilder}, with the same layout choice ({@link BinLayout}).
 *
 * <p>Each row adds one {@code int} (narrow cells) or one widened {@code long} (wide cells) per feature
 * instead of two doubles, and gathers one {@code int} instead of two doubles, so a pass moves about a third of
 * the float pass's gradient data. The cell width is the narrowest that cannot overflow for the leaf's rows.
 * Integer sums do not depend on the order of the adds, so the result is the same for any thread count and
 * any split of the work. One builder serves one training: it owns its buffers, so it is not thread-safe.
 */
public final class QuantizedHistogramBuilder {
  private final BinnedData data;
  private final WorkerTeam team;
  private final int threads;
  private final BinLayout layout;
  private final PackedBundleSums bundleSums;
  private final int[] slotCells;
  private final RowWiseGroups slotGroups;
  private final boolean rowWiseRoot;
  private final int[] orderedPacked;
  private final long[] codes;

  /**
   * A builder for {@code data} that runs on {@code team}.
   *
   * @param layout how to read bins, as for {@link HistogramBuilder}
   */
  public QuantizedHistogramBuilder(BinnedData data, WorkerTeam team, HistogramBuilder.Layout layout) {
    this.data = data;
    this.team = team;
    this.threads = team.size();
    FeatureBundles bundles = data.bundlesOrNull();
    this.layout = new BinLayout(data, bundles, false, false, team, layout);
    this.bundleSums = bundles == null || bundles.count() == 0 ? null : new PackedBundleSums(bundles);
    Histogram shape = new Histogram(data);
    int[] slots = this.layout.slots;
    this.slotCells = new int[slots.length];
    int[] slotOffsets = new int[slots.length];
    int[] slotLengths = new int[slots.length];
    for (int j = 0; j < slots.length; j++) {
      slotOffsets[j] = shape.offset(slots[j]);
      slotLengths[j] = BinColumn.STRIDE * shape.numBins(slots[j]);
      slotCells[j] = slotOffsets[j] / BinColumn.STRIDE;
    }
    this.slotGroups = slots.length > 0 && threads > 1 ? new RowWiseGroups(slotOffsets, slotLengths, threads) : null;
    long rowWiseBytes = 0;
    for (int length : slotLengths) {
      rowWiseBytes += (long) Long.BYTES * length / BinColumn.STRIDE;
    }
    this.rowWiseRoot = slots.length > 0 && rowWiseBytes <= HistogramBuilder.ROW_WISE_ROOT_BYTES;
    this.orderedPacked = new int[data.rows()];
    this.codes = this.layout.rowWise == null ? null : new long[data.rows() * this.layout.rowWise.wordsPerRow()];
  }

  /** The features that are not constant, ascending: those the learner can split on. */
  public int[] usableFeatures() {
    return layout.usableFeatures.clone();
  }

  /**
   * Builds the histograms of at least {@code features} for the leaf holding rows {@code rows[from .. to)},
   * in the narrowest cells that hold its sums.
   *
   * @param rows input: the row permutation; positions {@code from .. to-1} are the leaf's rows
   * @param levels input: every row's packed levels for this tree
   * @param features input: the feature indices needed, ascending (row-wise slots are all built)
   * @param out output, overwritten: sums for the built features, zero for all others
   */
  public void build(int[] rows, int from, int to, QuantizedGradients levels, int[] features, PackedHistogram out) {
    int n = to - from;
    out.reset(PackedHistogram.needsWide(n, levels.bins()));
    int[] packed = levels.packed();
    int blocks = (n + HistogramBuilder.GATHER_BLOCK - 1) / HistogramBuilder.GATHER_BLOCK;
    run(n < HistogramBuilder.GATHER_BLOCK ? 0 : Long.MAX_VALUE, blocks, b -> {
      int start = from + b * HistogramBuilder.GATHER_BLOCK;
      int end = Math.min(to, start + HistogramBuilder.GATHER_BLOCK);
      int at = b * HistogramBuilder.GATHER_BLOCK;
      if (layout.rowWise != null) {
        layout.rowWise.gatherPacked(rows, start, end, packed, codes, orderedPacked, at);
      } else {
        for (int i = start, q = at; i < end; i++, q++) {
          orderedPacked[q] = packed[rows[i]];
        }
      }
    });
    add(rows, from, to, codes, orderedPacked,
        layout.rowWise == null && bundleSums == null ? features : layout.columnFeaturesAmong(features), out);
  }

  /**
   * Builds the histograms of every non-constant feature over all rows in order (the root leaf without
   * bagging): the rows' codes and levels are already in leaf order, so nothing is gathered. As for the float
   * root ({@link HistogramBuilder#buildAll}), wide cells are filled feature by feature from the columns in
   * blocks of rows, unless the row-wise cells fit in half an L1 cache.
   *
   * @param allRows input: the identity permutation {@code 0, 1, .., rows-1}
   * @param levels input: every row's packed levels for this tree
   * @param out output, overwritten
   */
  public void buildAll(int[] allRows, QuantizedGradients levels, PackedHistogram out) {
    int n = data.rows();
    out.reset(PackedHistogram.needsWide(n, levels.bins()));
    int[] packed = levels.packed();
    if (out.isWide() && !rowWiseRoot) {
      long[] cells = out.wideCells();
      HistogramBuilder.inRowBlocks(team, n, layout.unbundledFeatures, (f, from, to) ->
          data.column(f).addRangePackedWide(from, to, packed, cells, out.cellOffset(f)));
      if (bundleSums != null) {
        bundleSums.addAllWide(team, n, packed, out);
      }
      return;
    }
    add(allRows, 0, n, layout.rowWise == null ? null : layout.rowWise.words(), packed, layout.columnFeatures, out);
  }

  /** Adds the leaf's rows, whose codes (row-wise) and levels are in leaf order, to {@code out}. */
  private void add(int[] rows, int from, int to, long[] leafCodes, int[] leafLevels, int[] columns,
      PackedHistogram out) {
    int n = to - from;
    boolean wide = out.isWide();
    int[] narrowCells = out.narrowCells();
    long[] wideCells = out.wideCells();
    RowWiseBins rowWise = layout.rowWise;
    int width = rowWise == null ? 0 : rowWise.width();
    int groups = (long) n * width < HistogramBuilder.MIN_PARALLEL_WORK ? 1 : Math.min(threads, width);
    RowWiseGroups.PackedPass pass = (narrow, wideOut, offsets, slotFrom, slotTo) -> {
      if (wideOut != null) {
        rowWise.addGatheredPackedWide(leafCodes, n, leafLevels, wideOut, offsets, slotFrom, slotTo);
      } else {
        rowWise.addGatheredPacked(leafCodes, n, leafLevels, narrow, offsets, slotFrom, slotTo);
      }
    };
    if (width > 0 && groups == 1) {
      pass.add(narrowCells, wide ? wideCells : null, slotCells, 0, width);
    } else if (width > 0) {
      // Each group sums into cells of its own (no cache line shared between threads), then copies them out.
      run(Long.MAX_VALUE, slotGroups.groups(), g -> slotGroups.runPacked(g, out, pass));
    }
    if (columns.length > 0) {
      run((long) n * columns.length, columns.length, k -> {
        int f = columns[k];
        if (wide) {
          data.column(f).addOrderedPackedWide(rows, from, to, leafLevels, wideCells, out.cellOffset(f));
        } else {
          data.column(f).addOrderedPacked(rows, from, to, leafLevels, narrowCells, out.cellOffset(f));
        }
      });
    }
    if (bundleSums != null) {
      run((long) n * bundleSums.count(), bundleSums.count(), b -> bundleSums.addOrdered(b, rows, from, to, leafLevels,
          out));
    }
  }

  private void run(long work, int tasks, IntConsumer task) {
    team.run(work < HistogramBuilder.MIN_PARALLEL_WORK ? 1 : threads, tasks, task);
  }
}
