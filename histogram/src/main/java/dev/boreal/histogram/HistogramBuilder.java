package dev.boreal.histogram;

import dev.boreal.engine.Parallel;
import java.util.function.IntConsumer;

/**
 * Builds a leaf's histograms for many features at once on the training's pool.
 *
 * <p>Two layouts, as in LightGBM. Column-wise, each feature is one task that first needs the leaf's
 * gradients gathered into leaf order ("ordered gradients") so its pass reads them sequentially.
 * Row-wise, the byte-coded features and the bundles' columns ({@link FeatureBundles}) are kept in a row-major
 * copy and one pass over the leaf's rows touches all of them, one memory access per row instead of one per
 * feature; threads split the features between them. In both, every (feature, bin) sum is accumulated by one
 * task in row order, so the result is bit-identical for any thread count. One builder serves one training: it
 * owns its buffers, so it is not thread-safe.
 */
public final class HistogramBuilder {
  /** How the builder reads bins: by feature column, or row by row for the byte-coded features. */
  public enum Layout {
    /**
     * Row-wise when there are enough byte-coded features to share each row's memory access, keeping only the
     * codes away from their feature's most frequent one when most codes are at it ({@link SparseRowBins}).
     */
    AUTO,
    /** One pass per feature over its column (LightGBM's col-wise). */
    COLUMN_WISE,
    /** One pass over the rows touching every byte-coded feature, every code kept (LightGBM's dense row-wise). */
    ROW_WISE
  }

  /** Below this many (row, feature) visits a leaf is built on the caller's thread: handing out tasks costs more. */
  static final long MIN_PARALLEL_WORK = 1L << 12;
  /** A leaf is read in place when it holds at least one row in this many of the rows it spans. */
  static final int DENSE_SPREAD = 4;
  /** Rows per block of the root's feature-by-feature pass: their gradients and hessians fill 128 KiB. */
  static final int ROOT_BLOCK = 1 << 13;
  /** Rows per parallel gather task. */
  static final int GATHER_BLOCK = 1 << 10;
  /**
   * Up to this many bytes of row-wise histograms (half of a 32 KiB L1 data cache, the other half for the
   * streamed codes and gradients), the root is built row-wise too.
   */
  static final int ROW_WISE_ROOT_BYTES = 1 << 14;

  private final BinnedData data;
  private final WorkerTeam team;
  private final int threads;
  private final int[] usableFeatures;
  private final int[] unbundledFeatures;
  private final int[] columnFeatures;
  private final FeatureBundles bundles;
  private final BundleSums bundleSums;
  private final RowWiseBins rowWise;
  /** The sparse row-wise slots ({@link SparseRowBins#forPasses}); null unless the layout is sparse. */
  private final SparseRowBins[] sparse;
  /** Row-wise slots: byte-coded features, then bundles when {@link #bundlesInRows}; 0 without the row layout. */
  private final int rowWidth;
  private final BinLayout binLayout;
  /** Where each row-wise slot's sums start in a histogram (-1 for a bundle's, which are unpacked instead). */
  private final int[] slotOffsets;
  /** How many doubles each row-wise slot's sums take. */
  private final int[] slotLengths;
  /** Whether the bundles are row-wise slots (after the features'), summed in the groups' buffers. */
  private final boolean bundlesInRows;
  private final RowWiseGroups slotGroups;
  /** All slots as one group, for a pass on the caller's thread when the bundles are slots. */
  private final RowWiseGroups oneGroup;
  private final boolean rowWiseRoot;
  private final double[] orderedGradients;
  private final double[] orderedHessians;
  private final long[] packed;
  private final double[] gradientPairs;
  private double[] pairedGradients;
  private double[] pairedHessians;

  /** A builder with the {@link Layout#AUTO} layout. */
  public HistogramBuilder(BinnedData data, WorkerTeam team) {
    this(data, team, Layout.AUTO);
  }

  /**
   * A builder for {@code data} that runs on {@code team}.
   *
   * @param team the training's threads
   * @param layout how to read bins; row-wise keeps a row-major copy of the byte-coded bins, the bundles' included
   */
  public HistogramBuilder(BinnedData data, WorkerTeam team, Layout layout) {
    this.data = data;
    this.team = team;
    this.threads = team.size();
    FeatureBundles bundlesOrNull = data.bundlesOrNull();
    this.bundles = bundlesOrNull == null || bundlesOrNull.count() == 0 ? null : bundlesOrNull;
    BinLayout bins = new BinLayout(data, bundles, true, layout == Layout.AUTO, team, layout);
    this.usableFeatures = bins.usableFeatures;
    this.unbundledFeatures = bins.unbundledFeatures;
    this.bundleSums = bundles == null ? null : new BundleSums(bundles);
    this.bundlesInRows = bins.bundleSlots;
    this.columnFeatures = bins.columnFeatures;
    this.rowWise = bins.rowWise;
    this.binLayout = bins;
    int[] slots = bins.slots;
    boolean rowLayout = bins.rowLayout();
    Histogram shape = new Histogram(data);
    int width = rowLayout ? bins.slots.length + (bundlesInRows ? bundles.count() : 0) : 0;
    this.rowWidth = width;
    this.slotOffsets = new int[width];
    this.slotLengths = new int[width];
    long rowWiseBytes = 0;
    for (int j = 0; j < width; j++) {
      boolean feature = j < slots.length;
      slotOffsets[j] = feature ? shape.offset(slots[j]) : -1;
      slotLengths[j] = BinColumn.STRIDE * (feature ? shape.numBins(slots[j]) : bundles.numBins(j - slots.length));
      rowWiseBytes += (long) Double.BYTES * slotLengths[j];
    }
    this.slotGroups = rowLayout && threads > 1 ? new RowWiseGroups(slotOffsets, slotLengths, threads) : null;
    this.oneGroup = bundlesInRows ? new RowWiseGroups(slotOffsets, slotLengths, 1) : null;
    this.rowWiseRoot = rowLayout && (bins.sparseCodes != null || rowWiseBytes <= ROW_WISE_ROOT_BYTES);
    this.orderedGradients = new double[data.rows()];
    this.orderedHessians = new double[data.rows()];
    this.packed = rowWise != null ? new long[data.rows() * rowWise.wordsPerRow()] : null;
    this.gradientPairs = rowWise != null ? new double[2 * data.rows()] : null;
    this.sparse = bins.sparseCodes == null ? null
        : SparseRowBins.forPasses(bins.sparseCodes, data.rows(), bins.frequentCodes, slotLengths, slotGroups);
  }

  /** The features that are not constant, ascending: those the learner can split on. */
  public int[] usableFeatures() {
    return usableFeatures.clone();
  }

  /**
   * Tells the builder that the gradients' contents are new (a new tree). The row-wise layout keeps the
   * gradient and hessian of each row side by side, so gathering a leaf's rows costs one cache line per
   * row for both; this refreshes that copy. {@code build} also refreshes it when it is handed different
   * arrays, so only a caller that refills the same arrays needs to call this.
   */
  public void prepare(double[] gradients, double[] hessians) {
    if (gradientPairs == null) {
      return;
    }
    int rows = data.rows();
    int blocks = (rows + GATHER_BLOCK - 1) / GATHER_BLOCK;
    run(rows < Parallel.MIN_SHARED_ROWS ? 0 : Long.MAX_VALUE, blocks, b -> {
      int from = b * GATHER_BLOCK;
      int to = Math.min(rows, from + GATHER_BLOCK);
      for (int r = from; r < to; r++) {
        gradientPairs[2 * r] = gradients[r];
        gradientPairs[2 * r + 1] = hessians[r];
      }
    });
    pairedGradients = gradients;
    pairedHessians = hessians;
  }

  /**
   * Number of bin columns a leaf's histograms read: one per usable feature outside any bundle, one per
   * bundle ({@link BinnedData#withBundles}).
   */
  public int histogramColumns() {
    return unbundledFeatures.length + (bundleSums == null ? 0 : bundleSums.count());
  }

  /** Whether byte-coded features are read row by row. */
  public boolean isRowWise() {
    return rowWidth > 0;
  }

  /** Whether the row-wise slots keep only the codes away from their most frequent one ({@link SparseRowBins}). */
  public boolean isSparseRowWise() {
    return sparse != null;
  }

  /** Whether {@link #buildAll} reads the root row by row rather than feature by feature in row blocks. */
  boolean isRowWiseRoot() {
    return rowWiseRoot;
  }

  /**
   * Builds the histograms of every non-constant feature for the leaf holding rows {@code rows[from .. to)}.
   *
   * @param rows input: the row permutation; positions {@code from .. to-1} are the leaf's rows
   * @param gradients input, length {@code data.rows()}: gradient of each row, indexed by row
   * @param hessians input, same shape as {@code gradients}
   * @param out output, overwritten: sums for the built features, zero for all others
   */
  public void build(int[] rows, int from, int to, double[] gradients, double[] hessians, Histogram out) {
    build(rows, from, to, gradients, hessians, usableFeatures, out);
  }

  /**
   * Builds the histograms of at least {@code features} (for example a {@code feature_fraction} sample;
   * the row-wise layout builds all byte-coded features at once) for the leaf holding rows
   * {@code rows[from .. to)}.
   *
   * @param features input: the feature indices needed, ascending
   * @see #build(int[], int, int, double[], double[], Histogram)
   */
  public void build(int[] rows, int from, int to, double[] gradients, double[] hessians, int[] features,
      Histogram out) {
    out.clear();
    double[] hist = out.data();
    int[] columns = rowWidth == 0 && bundleSums == null ? features : binLayout.columnFeaturesAmong(features);
    boolean gathered = false;
    if (sparse != null) {
      rowWisePass(to - from, out, (sums, offsets, slotFrom, slotTo) -> SparseRowBins.covering(sparse, slotFrom,
          slotTo).addIndexed(rows, from, to, gradients, hessians, sums, offsets));
    } else if (rowWise != null) {
      if (isDense(rows, from, to)) {
        addRowWiseInPlace(rows, from, to, gradients, hessians, out);
      } else {
        gatherRows(rows, from, to, gradients, hessians);
        addRowWise(to - from, out);
        gathered = true;
      }
    }
    boolean bundleColumns = bundleSums != null && !bundlesInRows;
    if (columns.length == 0 && !bundleColumns) {
      return;
    }
    if (!gathered) {
      for (int i = from, j = 0; i < to; i++, j++) {
        int r = rows[i];
        orderedGradients[j] = gradients[r];
        orderedHessians[j] = hessians[r];
      }
    }
    run((long) (to - from) * columns.length, columns.length, k -> {
      int f = columns[k];
      data.column(f).addOrdered(rows, from, to, orderedGradients, orderedHessians, hist, out.offset(f));
    });
    if (bundleColumns) {
      run((long) (to - from) * bundleSums.count(), bundleSums.count(), b -> bundleSums.addOrdered(b, rows, from, to,
          orderedGradients, orderedHessians, out));
    }
  }

  /**
   * Builds the histograms of every non-constant feature over all rows (the root leaf), reading
   * gradients by row with no gather.
   *
   * <p>All rows in order read best feature by feature from the columns, in blocks of
   * {@link #ROOT_BLOCK} rows: one feature's histogram then sits in L1 cache and the block's gradients in
   * L2, about a third faster than a row-wise pass whose histograms of every feature only fit in L2. When
   * the row-wise histograms fit in L1 ({@link #ROW_WISE_ROOT_BYTES}, e.g. many binary features), the
   * row-wise pass is faster still: a feature with few bins adds consecutive rows into the same few sums,
   * a chain of dependent additions, which the row-wise pass interleaves across features. The sparse row-wise
   * layout ({@link SparseRowBins}) builds the root row by row whatever its size: it makes at most half the
   * additions, which outweighs sums in L2 (on LightGBM's lambdarank example, 300 features, warm training took
   * 322 ms with the root by feature and 243 ms row by row). Each thread takes a fixed group of features, so
   * every sum keeps row order.
   *
   * @param gradients input, length {@code data.rows()}: gradient of each row
   * @param hessians input, same shape as {@code gradients}
   * @param out output, overwritten: sums for the built features, zero for all others
   */
  public void buildAll(double[] gradients, double[] hessians, Histogram out) {
    out.clear();
    double[] hist = out.data();
    int rows = data.rows();
    if (rowWiseRoot) {
      rowWisePass(rows, out, sparse != null
          ? (sums, offsets, slotFrom, slotTo) -> SparseRowBins.covering(sparse, slotFrom, slotTo).addRange(0, rows,
              gradients, hessians, sums, offsets)
          : (sums, offsets, slotFrom, slotTo) -> rowWise.addRange(0, rows, gradients, hessians, sums, offsets,
              slotFrom, slotTo));
      addColumnsInRowOrder(columnFeatures, gradients, hessians, out);
    } else {
      addColumnsInRowOrder(unbundledFeatures, gradients, hessians, out);
    }
    if (bundleSums != null && !(rowWiseRoot && bundlesInRows)) {
      bundleSums.addAll(team, rows, gradients, hessians, out);
    }
  }

  /** Adds all rows in order to the histograms of {@code features}, one group of features per thread. */
  private void addColumnsInRowOrder(int[] features, double[] gradients, double[] hessians, Histogram out) {
    double[] hist = out.data();
    inRowBlocks(team, data.rows(), features, (f, from, to) ->
        data.column(f).addRange(from, to, gradients, hessians, hist, out.offset(f)));
  }

  /** Adds rows {@code [from, to)} of feature {@code f} to its histogram. */
  @FunctionalInterface
  interface RangeKernel {
    void add(int f, int from, int to);
  }

  /**
   * Runs {@code kernel} over all {@code rows} rows of every feature of {@code features}, feature by feature in
   * blocks of {@link #ROOT_BLOCK} rows (one feature's sums stay in L1 cache, the block's gradients in L2), one
   * group of features per thread; every sum keeps row order. Shared by the float and the quantized root.
   */
  static void inRowBlocks(WorkerTeam team, int rows, int[] features, RangeKernel kernel) {
    int width = features.length;
    if (width == 0) {
      return;
    }
    int groups = (long) rows * width < MIN_PARALLEL_WORK ? 1 : Math.min(team.size(), width);
    team.run(groups == 1 ? 1 : team.size(), groups, g -> {
      int first = g * width / groups;
      int last = (g + 1) * width / groups;
      for (int from = 0; from < rows; from += ROOT_BLOCK) {
        int to = Math.min(rows, from + ROOT_BLOCK);
        for (int i = first; i < last; i++) {
          kernel.add(features[i], from, to);
        }
      }
    });
  }

  /** Gathers a leaf's packed codes and gradients into leaf order, in parallel fixed blocks. */
  private void gatherRows(int[] rows, int from, int to, double[] gradients, double[] hessians) {
    if (gradients != pairedGradients || hessians != pairedHessians) {
      prepare(gradients, hessians);
    }
    int n = to - from;
    int blocks = (n + GATHER_BLOCK - 1) / GATHER_BLOCK;
    run(n < GATHER_BLOCK ? 0 : Long.MAX_VALUE, blocks, b -> {
      int start = from + b * GATHER_BLOCK;
      rowWise.gather(rows, start, Math.min(to, start + GATHER_BLOCK), gradientPairs, packed,
          orderedGradients, orderedHessians, b * GATHER_BLOCK);
    });
  }

  /**
   * Whether a leaf's rows (ascending) lie close enough together that reading them in place streams: at
   * least one row in {@link #DENSE_SPREAD} of the span they cover.
   */
  private static boolean isDense(int[] rows, int from, int to) {
    if (to <= from) {
      return true;
    }
    long span = (long) rows[to - 1] - rows[from] + 1;
    return (long) (to - from) * DENSE_SPREAD >= span;
  }

  /** Row-wise pass reading a dense leaf's rows in place. */
  private void addRowWiseInPlace(int[] rows, int from, int to, double[] gradients, double[] hessians,
      Histogram out) {
    rowWisePass(to - from, out, (sums, offsets, slotFrom, slotTo) -> rowWise.addIndexed(rows, from, to,
        gradients, hessians, sums, offsets, slotFrom, slotTo));
  }

  /** Row-wise pass over {@code count} gathered rows. */
  private void addRowWise(int count, Histogram out) {
    rowWisePass(count, out, (sums, offsets, slotFrom, slotTo) -> rowWise.addGathered(packed, count,
        orderedGradients, orderedHessians, sums, offsets, slotFrom, slotTo));
  }

  /**
   * Runs a row-wise pass over {@code rows} rows into {@code out}: on the caller when the work is small, else
   * one group of slots per thread, each into its own buffer ({@link RowWiseGroups}). Bundle slots are always
   * summed in a buffer, then unpacked into their members' histograms.
   */
  private void rowWisePass(int rows, Histogram out, RowWiseGroups.Pass pass) {
    int width = rowWidth;
    boolean shared = groups((long) rows * width, width) > 1;
    double[] hist = out.data();
    if (!bundlesInRows) {
      if (shared) {
        run(Long.MAX_VALUE, slotGroups.groups(), g -> slotGroups.run(g, hist, pass));
      } else {
        pass.add(hist, slotOffsets, 0, width);
      }
      return;
    }
    int featureSlots = binLayout.slots.length;
    RowWiseGroups.Sink sink = (slot, sums, at) -> {
      if (slot < featureSlots) {
        System.arraycopy(sums, at, hist, slotOffsets[slot], slotLengths[slot]);
      } else {
        bundles.unpack(slot - featureSlots, sums, at, out);
      }
    };
    RowWiseGroups groups = shared ? slotGroups : oneGroup;
    run(shared ? Long.MAX_VALUE : 0, groups.groups(), g -> groups.run(g, pass, sink));
  }

  private int groups(long work, int width) {
    return work < MIN_PARALLEL_WORK ? 1 : Math.min(threads, width);
  }

  private void run(long work, int tasks, IntConsumer task) {
    team.run(work < MIN_PARALLEL_WORK ? 1 : threads, tasks, task);
  }
}
