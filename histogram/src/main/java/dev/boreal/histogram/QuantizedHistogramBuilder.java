package dev.boreal.histogram;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Builds a leaf's packed integer histograms ({@link PackedHistogram}) from {@link QuantizedGradients}: the
 * quantized twin of {@link HistogramBuilder}, with the same layout choice ({@link BinLayout}).
 *
 * <p>Each row adds one {@code int} (narrow cells) or one widened {@code long} (wide cells) per feature
 * instead of two doubles, and gathers one {@code int} instead of two doubles, so a pass moves about a third of
 * the float pass's gradient data. The cell width is the narrowest that cannot overflow for the leaf's rows.
 *
 * <p>Integer sums do not depend on the order of the adds, so the row-wise pass cuts a leaf's rows, not its
 * features, between the threads (LightGBM's way): each thread gathers a few hundred of its rows' codes into L1
 * and adds them into cells of its own, and the cells are added up at the end. Every row is then read once, by
 * one thread. Cutting the features instead, as the float builder must to keep each sum in row order, has every
 * thread read every row: on 1M rows of 28 features, 255 leaves, that took 10-12% longer to build the histograms,
 * with the leaf's codes gathered into one buffer first and read back by both threads. Bundles of sparse features
 * ({@link FeatureBundles}) are row-wise slots after the features', as in the float builder: their sums go to each
 * task's own cells, after the histogram's, and are unpacked into their members' cells at the end of the pass (on a
 * LibSVM file of 5,000 indices that built the histograms in 0.8-0.9 s against 1.3-1.4 s by bundle column). The
 * result is the same for any thread count and any split of the work. One builder serves one training: it owns its
 * buffers, so it is not thread-safe.
 */
public final class QuantizedHistogramBuilder {
  /** Rows a task gathers before adding them: their codes stay in L1 cache. */
  static final int CHUNK = 256;

  private final BinnedData data;
  private final WorkerTeam team;
  private final int threads;
  private final BinLayout layout;
  /** The bundles read as row-wise slots, after the features'; null when there are none or no row layout. */
  private final FeatureBundles bundles;
  /** The bundles' scratch for reading them column by column (the root's column pass, or no bundle slots); or null. */
  private final PackedBundleSums bundleSums;
  private final int[] slotCells;
  private final boolean rowWiseRoot;
  private final int[] orderedPacked;
  /** Each task's gathered codes of {@link #CHUNK} rows. */
  private final long[][] chunkCodes;
  /**
   * Each task's own cells: the histogram's, then the bundle slots'. The first task has none unless bundles are slots;
   * it adds into the leaf's histogram itself.
   */
  private final int[][] ownNarrow;
  private final long[][] ownWide;
  /** The slots' codes away from their most frequent ones, when the row-wise slots are sparse; else null. */
  private final SparseRowBins sparse;
  /** Each task's sum of its rows' packed levels, for the sparse slots' most frequent bins. */
  private final long[] taskTotals;

  /**
   * A builder for {@code data} that runs on {@code team}.
   *
   * @param layout how to read bins, as for {@link HistogramBuilder}
   */
  public QuantizedHistogramBuilder(BinnedData data, WorkerTeam team, HistogramBuilder.Layout layout) {
    this.data = data;
    this.team = team;
    this.threads = team.size();
    FeatureBundles bundlesOrNull = data.bundlesOrNull();
    FeatureBundles bundles = bundlesOrNull == null || bundlesOrNull.count() == 0 ? null : bundlesOrNull;
    this.layout = new BinLayout(data, bundles, true, layout == HistogramBuilder.Layout.AUTO, team, layout);
    this.bundles = this.layout.bundleSlots ? bundles : null;
    this.bundleSums = bundles == null ? null : new PackedBundleSums(bundles);
    Histogram shape = new Histogram(data);
    int[] slots = this.layout.slots;
    int width = slots.length + (this.bundles == null ? 0 : this.bundles.count());
    int histogramCells = shape.data().length / BinColumn.STRIDE;
    this.slotCells = new int[width];
    int[] slotLengths = new int[width];
    long rowWiseBytes = 0;
    int ownCells = histogramCells;
    for (int j = 0; j < width; j++) {
      int bins = j < slots.length ? shape.numBins(slots[j]) : this.bundles.numBins(j - slots.length);
      // A bundle's cells follow the histogram's in a task's own cells, to be unpacked into its members'.
      slotCells[j] = j < slots.length ? shape.offset(slots[j]) / BinColumn.STRIDE : ownCells;
      ownCells += j < slots.length ? 0 : bins;
      slotLengths[j] = BinColumn.STRIDE * bins;
      rowWiseBytes += (long) Long.BYTES * bins;
    }
    this.rowWiseRoot = width > 0 && rowWiseBytes <= HistogramBuilder.ROW_WISE_ROOT_BYTES;
    this.sparse = this.layout.sparseCodes == null ? null
        : SparseRowBins.forPasses(this.layout.sparseCodes, data.rows(), this.layout.frequentCodes, slotLengths, null)[0];
    this.orderedPacked = new int[data.rows()];
    int tasks = this.layout.rowLayout() ? threads : 0;
    this.chunkCodes = new long[tasks][];
    this.ownNarrow = new int[tasks][];
    this.ownWide = new long[tasks][];
    this.taskTotals = new long[tasks];
    for (int t = 0; t < tasks; t++) {
      chunkCodes[t] = this.layout.rowWise == null ? null : new long[CHUNK * this.layout.rowWise.wordsPerRow()];
      if (t > 0 || this.bundles != null) {
        ownNarrow[t] = new int[ownCells];
        ownWide[t] = new long[ownCells];
      }
    }
  }

  /** The features that are not constant, ascending: those the learner can split on. */
  public int[] usableFeatures() {
    return layout.usableFeatures.clone();
  }

  /** Whether the row-wise slots keep only the codes away from their most frequent one ({@link SparseRowBins}). */
  boolean isSparseRowWise() {
    return sparse != null;
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
    RowWiseBins rowWise = layout.rowWise;
    if (sparse != null) {
      sparsePass(rows, from, n, packed, orderedPacked, out);
    } else if (rowWise != null) {
      rowShares(n, out, (task, start, end, narrow, wide) -> {
        long[] chunk = chunkCodes[task];
        for (int c = start; c < end; c += CHUNK) {
          int count = Math.min(end, c + CHUNK) - c;
          rowWise.gatherPacked(rows, from + c, from + c + count, packed, chunk, 0, orderedPacked, c);
          if (wide != null) {
            rowWise.addPackedWide(chunk, 0, orderedPacked, c, count, wide, slotCells);
          } else {
            rowWise.addPacked(chunk, 0, orderedPacked, c, count, narrow, slotCells);
          }
        }
      });
      finishSlots(out);
    } else {
      int blocks = (n + HistogramBuilder.GATHER_BLOCK - 1) / HistogramBuilder.GATHER_BLOCK;
      run(n < HistogramBuilder.GATHER_BLOCK ? 0 : Long.MAX_VALUE, blocks, b -> {
        int start = from + b * HistogramBuilder.GATHER_BLOCK;
        int end = Math.min(to, start + HistogramBuilder.GATHER_BLOCK);
        for (int i = start, q = b * HistogramBuilder.GATHER_BLOCK; i < end; i++, q++) {
          orderedPacked[q] = packed[rows[i]];
        }
      });
    }
    addColumns(rows, from, to, orderedPacked,
        !layout.rowLayout() && bundleSums == null ? features : layout.columnFeaturesAmong(features), out);
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
    RowWiseBins rowWise = layout.rowWise;
    if (sparse != null) {
      sparsePass(null, 0, n, packed, null, out);
      addColumns(allRows, 0, n, packed, layout.columnFeatures, out);
      return;
    }
    if (out.isWide() && !rowWiseRoot) {
      long[] cells = out.wideCells();
      HistogramBuilder.inRowBlocks(team, n, layout.unbundledFeatures, (f, from, to) ->
          data.column(f).addRangePackedWide(from, to, packed, cells, out.cellOffset(f)));
      if (bundleSums != null) {
        bundleSums.addAllWide(team, n, packed, out);
      }
      return;
    }
    if (rowWise != null) {
      long[] words = rowWise.words();
      rowShares(n, out, (task, start, end, narrow, wide) -> {
        if (wide != null) {
          rowWise.addPackedWide(words, start, packed, start, end - start, wide, slotCells);
        } else {
          rowWise.addPacked(words, start, packed, start, end - start, narrow, slotCells);
        }
      });
      finishSlots(out);
    }
    addColumns(allRows, 0, n, packed, layout.columnFeatures, out);
  }

  /**
   * The sparse slots' pass over positions {@code from .. from+n-1} of {@code rowsOrNull} (rows {@code 0 .. n-1}
   * when null), read in place in row shares, then each slot's most frequent bin from the leaf's total: exactly
   * the sums of the dense layout.
   */
  private void sparsePass(int[] rowsOrNull, int from, int n, int[] packed, int[] orderedOrNull, PackedHistogram out) {
    Arrays.fill(taskTotals, 0L);
    SlotSums sums = rowShares(n, out, (task, start, end, narrow, wide) -> taskTotals[task] = sparse.addPacked(
        rowsOrNull, from + start, from + end, packed, orderedOrNull, start, narrow, wide, slotCells));
    long total = 0;
    for (long taskTotal : taskTotals) {
      total += taskTotal;
    }
    boolean wide = out.isWide();
    sparse.fillFrequentBins(wide ? null : sums.narrow, wide ? sums.wide : null, total, slotCells);
    finishSlots(out);
  }

  /** Adds a share of a leaf's positions, {@code [start, end)}, to the row-wise slots' narrow or wide cells. */
  @FunctionalInterface
  private interface RowShare {
    void add(int task, int start, int end, int[] narrow, long[] wide);
  }

  /** The cells a row-wise pass's sums end in: the histogram's own, or the first task's when bundles are slots. */
  private record SlotSums(int[] narrow, long[] wide) {}

  /**
   * Runs a row-wise pass over a leaf's {@code n} positions cut into one contiguous share per thread, each adding
   * into cells of its own that are then added up; without bundle slots the first share adds straight into
   * {@code out}. Each thread reads only its own rows, once; integer sums do not depend on the cut. Bundle slots
   * are left in the first task's cells for {@link #finishSlots}.
   *
   * @return the cells that hold the pass's sums
   */
  private SlotSums rowShares(int n, PackedHistogram out, RowShare share) {
    int tasks = (long) n * slotCells.length < HistogramBuilder.MIN_PARALLEL_WORK ? 1
        : Math.max(1, Math.min(threads, n / CHUNK));
    boolean wide = out.isWide();
    boolean direct = bundles == null;
    team.run(tasks, tasks, t -> {
      int start = (int) ((long) n * t / tasks);
      int end = (int) ((long) n * (t + 1) / tasks);
      if (t == 0 && direct) {
        share.add(0, start, end, out.narrowCells(), wide ? out.wideCells() : null);
      } else if (wide) {
        long[] own = ownWide[t];
        Arrays.fill(own, 0L);
        share.add(t, start, end, null, own);
      } else {
        int[] own = ownNarrow[t];
        Arrays.fill(own, 0);
        share.add(t, start, end, own, null);
      }
    });
    SlotSums sums = direct ? new SlotSums(out.narrowCells(), out.wideCells()) : new SlotSums(ownNarrow[0], ownWide[0]);
    for (int t = 1; t < tasks; t++) {
      if (wide) {
        long[] own = ownWide[t];
        for (int c = 0; c < sums.wide.length; c++) {
          sums.wide[c] += own[c];
        }
      } else {
        int[] own = ownNarrow[t];
        for (int c = 0; c < sums.narrow.length; c++) {
          sums.narrow[c] += own[c];
        }
      }
    }
    return sums;
  }

  /**
   * With bundle slots, copies the features' slot sums from the first task's cells into {@code out} and unpacks each
   * bundle's into its members' cells; without, the sums are already in {@code out}.
   */
  private void finishSlots(PackedHistogram out) {
    if (bundles == null) {
      return;
    }
    int featureSlots = layout.slots.length;
    boolean wide = out.isWide();
    for (int j = 0; j < featureSlots; j++) {
      int at = slotCells[j];
      int bins = data.numBins(layout.slots[j]);
      if (wide) {
        System.arraycopy(ownWide[0], at, out.wideCells(), at, bins);
      } else {
        System.arraycopy(ownNarrow[0], at, out.narrowCells(), at, bins);
      }
    }
    for (int b = 0; b < bundles.count(); b++) {
      if (wide) {
        bundles.unpackWide(b, ownWide[0], slotCells[featureSlots + b], out);
      } else {
        bundles.unpackNarrow(b, ownNarrow[0], slotCells[featureSlots + b], out);
      }
    }
  }

  /** Adds the leaf's rows, whose levels are in leaf order, to the histograms of {@code columns} and the bundles. */
  private void addColumns(int[] rows, int from, int to, int[] leafLevels, int[] columns, PackedHistogram out) {
    int n = to - from;
    boolean wide = out.isWide();
    int[] narrowCells = out.narrowCells();
    long[] wideCells = out.wideCells();
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
    if (bundleSums != null && bundles == null) {
      run((long) n * bundleSums.count(), bundleSums.count(), b -> bundleSums.addOrdered(b, rows, from, to, leafLevels,
          out));
    }
  }

  private void run(long work, int tasks, IntConsumer task) {
    team.run(work < HistogramBuilder.MIN_PARALLEL_WORK ? 1 : threads, tasks, task);
  }
}
