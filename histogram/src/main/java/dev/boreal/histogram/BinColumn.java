package dev.boreal.histogram;

/**
 * One feature's bin codes for every row, and the histogram kernels that read them.
 *
 * <p>The kernels live here, one copy per storage width, so that the learner picks the width once per
 * feature and the per-row loop has no branch or virtual call on it (LightGBM's habit).
 *
 * <p>Histogram layout used by every kernel: a flat {@code double[] hist} in which bin {@code b} of this
 * feature occupies {@code hist[offset + 2b]} (sum of gradients) and {@code hist[offset + 2b + 1]} (sum of
 * hessians). Kernels add to it and never clear it. There is no row count: as in LightGBM, split finding
 * estimates a bin's rows from its hessian share of the leaf, which saves a third of every kernel's
 * memory traffic.
 */
public abstract sealed class BinColumn permits ByteBinColumn, ShortBinColumn {
  /** Doubles per bin in a histogram: gradient sum, hessian sum. */
  public static final int STRIDE = 2;

  BinColumn() {
  }

  /** Number of rows. */
  public abstract int rows();

  /** The bin code of {@code row}. */
  public abstract int bin(int row);

  /**
   * Adds the rows {@code rows[from .. to)} of a leaf, with their gradients already gathered in that order.
   *
   * @param rows input: row indices; only positions {@code from .. to-1} are read
   * @param from first position in {@code rows}
   * @param to one past the last position in {@code rows}
   * @param orderedGradients input, length ≥ {@code to - from}: {@code orderedGradients[i - from]} belongs to
   *     {@code rows[i]}
   * @param orderedHessians input, same shape as {@code orderedGradients}
   * @param hist output, added to: this feature's bins at {@code hist[offset .. offset + 2 * numBins)}
   * @param offset where this feature's bin 0 starts in {@code hist}
   */
  public abstract void addOrdered(int[] rows, int from, int to, double[] orderedGradients,
      double[] orderedHessians, double[] hist, int offset);

  /**
   * Adds rows {@code from .. to-1} in order, with gradients indexed by row (the root leaf needs no gather).
   *
   * @param gradients input, length ≥ {@code to}: gradient of each row
   * @param hessians input, same shape as {@code gradients}
   * @param hist output, added to: this feature's bins at {@code hist[offset .. offset + 2 * numBins)}
   * @param offset where this feature's bin 0 starts in {@code hist}
   */
  public abstract void addRange(int from, int to, double[] gradients, double[] hessians, double[] hist, int offset);

  /**
   * Adds the rows {@code rows[from .. to)} of a leaf, with their packed gradient levels already gathered in
   * that order, into narrow packed cells ({@link PackedHistogram}).
   *
   * @param rows input: row indices; only positions {@code from .. to-1} are read
   * @param orderedPacked input, length ≥ {@code to - from}: {@code orderedPacked[i - from]} holds the packed
   *     levels of {@code rows[i]} ({@link QuantizedGradients#pack})
   * @param cells output, added to: this feature's bins at {@code cells[offset .. offset + numBins)}
   * @param offset where this feature's bin 0 is among the cells
   */
  public abstract void addOrderedPacked(int[] rows, int from, int to, int[] orderedPacked, int[] cells, int offset);

  /**
   * As {@link #addOrderedPacked}, into wide cells: each row's packed levels are widened before the add.
   *
   * @param cells output, added to: this feature's bins at {@code cells[offset .. offset + numBins)}
   */
  public abstract void addOrderedPackedWide(int[] rows, int from, int to, int[] orderedPacked, long[] cells,
      int offset);

  /**
   * Adds rows {@code from .. to-1} in order, with packed levels indexed by row (the root leaf), into wide
   * packed cells.
   *
   * @param levels input, length ≥ {@code to}: each row's packed levels ({@link QuantizedGradients#pack})
   * @param cells output, added to: this feature's bins at {@code cells[offset .. offset + numBins)}
   * @param offset where this feature's bin 0 is among the cells
   */
  public abstract void addRangePackedWide(int from, int to, int[] levels, long[] cells, int offset);

  /**
   * Stores {@code bins[0 .. count)} as the codes of rows {@code from .. from+count-1}; binning writes a
   * block at a time so it makes one virtual call per block.
   */
  abstract void set(int from, int[] bins, int count);

  /** A column of {@code rows} zero codes wide enough for {@code numBins} bins. */
  static BinColumn allocate(int rows, int numBins) {
    return numBins <= ByteBinColumn.MAX_BINS ? new ByteBinColumn(rows) : new ShortBinColumn(rows);
  }
}
