package dev.boreal.histogram;

/**
 * The byte-coded features of a data set (and bundles of features) stored row by row, eight codes to a
 * {@code long}: one row's codes sit together (LightGBM's row-wise layout).
 *
 * <p>A deep leaf's rows are scattered over the data set, and reading them in place costs a cache miss per
 * row inside a loop too long for the processor to overlap the misses. So a leaf's rows are first
 * <em>gathered</em>, codes and gradients, into contiguous buffers by a short loop that keeps many misses in
 * flight, and the histogram pass then streams through those buffers. (The root, all rows in order, is read
 * from the feature columns instead.)
 */
final class RowWiseBins {

  private final int width;
  private final int wordsPerRow;
  private final long[] words;

  private RowWiseBins(int width, long[] words, int wordsPerRow) {
    this.width = width;
    this.wordsPerRow = wordsPerRow;
    this.words = words;
  }

  /** Packs byte codes column by column into rows: slot j's codes are {@code columns[j]}, in parallel over row blocks. */
  static RowWiseBins build(byte[][] columns, int rows, WorkerTeam team) {
    int width = columns.length;
    int wordsPerRow = (width + 7) >>> 3;
    long[] words = new long[rows * wordsPerRow];
    int block = 1 << 16;
    int blocks = (rows + block - 1) / block;
    team.run(blocks, b -> {
      int from = b * block;
      int to = Math.min(rows, from + block);
      for (int j = 0; j < width; j++) {
        byte[] column = columns[j];
        int word = j >>> 3;
        int shift = (j & 7) << 3;
        for (int r = from; r < to; r++) {
          words[r * wordsPerRow + word] |= (column[r] & 0xFFL) << shift;
        }
      }
    });
    return new RowWiseBins(width, words, wordsPerRow);
  }

  /** Largest number of rows this layout can hold for {@code width} features. */
  static long maxRows(int width) {
    return (Integer.MAX_VALUE - 8L) / Math.max(1, (width + 7) >>> 3);
  }

  /** Number of feature slots per row. */
  int width() {
    return width;
  }

  /** Longs per row in this layout and in gathered buffers. */
  int wordsPerRow() {
    return wordsPerRow;
  }

  /**
   * Copies the packed codes and the gradients of rows {@code rows[from .. to)} to the front of the
   * buffers, in that order.
   *
   * @param gradientPairs input: gradient of row r at {@code 2r}, hessian at {@code 2r + 1}, so one cache
   *     line brings both
   * @param packed output: {@code (to - from) * wordsPerRow()} longs
   * @param orderedGradients output: {@code to - from} gradients in leaf order
   * @param orderedHessians output: {@code to - from} hessians in leaf order
   * @param at where in the outputs position {@code from} goes (for gathering in parallel blocks), in rows
   */
  void gather(int[] rows, int from, int to, double[] gradientPairs, long[] packed,
      double[] orderedGradients, double[] orderedHessians, int at) {
    final long[] w = words;
    final int wpr = wordsPerRow;
    for (int i = from, q = at; i < to; i++, q++) {
      int r = rows[i];
      orderedGradients[q] = gradientPairs[2 * r];
      orderedHessians[q] = gradientPairs[2 * r + 1];
      int src = r * wpr;
      int dst = q * wpr;
      for (int k = 0; k < wpr; k++) {
        packed[dst + k] = w[src + k];
      }
    }
  }

  /**
   * Every row's packed codes in row order: the gathered form of all rows, for the root leaf of quantized
   * training. The live array; callers only read it.
   */
  long[] words() {
    return words;
  }

  /**
   * Copies the packed codes and the packed gradient levels of rows {@code rows[from .. to)} into the buffers, in
   * that order (the quantized twin of {@link #gather}).
   *
   * @param packedLevels input: each row's packed levels, indexed by row
   * @param codes output: {@code (to - from) * wordsPerRow()} longs from {@code codesAt}, a row at a time
   * @param codesAt where in {@code codes} row {@code rows[from]}'s codes go, in rows
   * @param orderedPacked output: {@code to - from} packed levels in leaf order from {@code levelsAt}
   */
  void gatherPacked(int[] rows, int from, int to, int[] packedLevels, long[] codes, int codesAt, int[] orderedPacked,
      int levelsAt) {
    final long[] w = words;
    final int wpr = wordsPerRow;
    for (int i = from, q = levelsAt, dst = codesAt * wpr; i < to; i++, q++, dst += wpr) {
      int r = rows[i];
      orderedPacked[q] = packedLevels[r];
      int src = r * wpr;
      for (int k = 0; k < wpr; k++) {
        codes[dst + k] = w[src + k];
      }
    }
  }

  /**
   * Adds {@code count} rows' packed levels to the narrow cells of every slot, the rows' codes being
   * {@code codes} from row {@code codesAt} and their levels {@code levels} from {@code levelsAt}.
   *
   * @param cells output, added to; layout as {@link PackedHistogram}
   * @param cellOffsets input: where each slot's feature starts among the cells
   */
  void addPacked(long[] codes, int codesAt, int[] levels, int levelsAt, int count, int[] cells, int[] cellOffsets) {
    final int wpr = wordsPerRow;
    final int slots = width;
    for (int q = 0, base = codesAt * wpr; q < count; q++, base += wpr) {
      int v = levels[levelsAt + q];
      int j = 0;
      while (j < slots) {
        long word = codes[base + (j >>> 3)];
        for (int wordEnd = Math.min(slots, j + 8); j < wordEnd; j++) {
          cells[cellOffsets[j] + ((int) word & 0xFF)] += v;
          word >>>= 8;
        }
      }
    }
  }

  /** As {@link #addPacked}, into wide cells. */
  void addPackedWide(long[] codes, int codesAt, int[] levels, int levelsAt, int count, long[] cells,
      int[] cellOffsets) {
    final int wpr = wordsPerRow;
    final int slots = width;
    for (int q = 0, base = codesAt * wpr; q < count; q++, base += wpr) {
      long v = PackedHistogram.widen(levels[levelsAt + q]);
      int j = 0;
      while (j < slots) {
        long word = codes[base + (j >>> 3)];
        for (int wordEnd = Math.min(slots, j + 8); j < wordEnd; j++) {
          cells[cellOffsets[j] + ((int) word & 0xFF)] += v;
          word >>>= 8;
        }
      }
    }
  }

  /**
   * Adds {@code count} gathered rows to the histograms of slots {@code [slotFrom, slotTo)}. Each
   * (feature, bin) sum is accumulated in row order by the one call that owns its slot, so splitting the
   * slots among threads never changes a result.
   *
   * @param packed input: gathered codes, {@code count * wordsPerRow()} longs
   * @param orderedGradients input: gradients in the same order
   * @param orderedHessians input: hessians in the same order
   * @param hist output, added to; layout as {@link Histogram}
   * @param offsets input: where each slot's feature starts in {@code hist}
   */
  void addGathered(long[] packed, int count, double[] orderedGradients, double[] orderedHessians, double[] hist,
      int[] offsets, int slotFrom, int slotTo) {
    final int wpr = wordsPerRow;
    for (int q = 0; q < count; q++) {
      addRow(packed, q * wpr, orderedGradients[q], orderedHessians[q], hist, offsets, slotFrom, slotTo);
    }
  }

  /**
   * Adds rows {@code rows[from .. to)} reading their codes and gradients in place: for a dense leaf,
   * whose rows lie close together, this streams well enough and saves the gather.
   */
  void addIndexed(int[] rows, int from, int to, double[] gradients, double[] hessians, double[] hist,
      int[] offsets, int slotFrom, int slotTo) {
    final long[] w = words;
    final int wpr = wordsPerRow;
    for (int i = from; i < to; i++) {
      int r = rows[i];
      addRow(w, r * wpr, gradients[r], hessians[r], hist, offsets, slotFrom, slotTo);
    }
  }

  /** Adds rows {@code from .. to-1} in order, reading codes and gradients in place (the root leaf). */
  void addRange(int from, int to, double[] gradients, double[] hessians, double[] hist, int[] offsets,
      int slotFrom, int slotTo) {
    final long[] w = words;
    final int wpr = wordsPerRow;
    for (int r = from; r < to; r++) {
      addRow(w, r * wpr, gradients[r], hessians[r], hist, offsets, slotFrom, slotTo);
    }
  }

  /**
   * Adds one row, whose codes start at {@code words[base]}, to slots {@code [slotFrom, slotTo)}. Each word
   * is read once and shifted a code at a time (about 15% faster than a variable shift per slot).
   */
  private static void addRow(long[] words, int base, double g, double h, double[] hist, int[] offsets,
      int slotFrom, int slotTo) {
    int j = slotFrom;
    while (j < slotTo) {
      long codes = words[base + (j >>> 3)] >>> ((j & 7) << 3);
      int wordEnd = Math.min(slotTo, (j & ~7) + 8);
      for (; j < wordEnd; j++) {
        int k = offsets[j] + BinColumn.STRIDE * ((int) codes & 0xFF);
        codes >>>= 8;
        hist[k] += g;
        hist[k + 1] += h;
      }
    }
  }
}
