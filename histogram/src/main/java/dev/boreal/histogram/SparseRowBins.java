package dev.boreal.histogram;

import java.util.Arrays;

/**
 * Byte-coded slots stored row by row like {@link RowWiseBins}, but keeping only the codes that differ from their
 * slot's most frequent code (LightGBM's sparse multi-value bins). A pass adds each row to those slots alone; a
 * slot's most frequent bin is then the leaf's total less the slot's other bins. Where rows sit at their most
 * frequent code in most slots (one-hot columns and their bundles, low-cardinality categories) a pass makes a
 * fraction of the dense layout's additions.
 *
 * <p>One instance holds the slots {@code [slotFrom, slotTo)}: a builder that splits the slots among threads keeps
 * one per group, so that each group walks only its own entries. A row's entries are {@code slot << 8 | code},
 * ascending by slot. Rows are read in place, never gathered. Every (slot, bin) sum adds its rows in row order
 * and the totals it is subtracted from do too, so the sums depend on the leaf's rows alone, not on how the
 * slots are grouped; but a most frequent bin's sums come from a subtraction and can differ from a direct sum
 * in the last bits.
 */
final class SparseRowBins {
  /** The sparse layout is used when at most this share of (row, slot) codes differ from the slot's most frequent. */
  static final double MAX_DENSITY = 0.5;
  /**
   * The sparse layout is used for at most this many entries (16 MB of them). Its leaves are read in place, where
   * the dense layout gathers each leaf's rows first, and gathered reads win once the entries are many: on caravan
   * repeated to 500k rows (15.5M entries, 37% of 42M codes) the dense layout built the histograms in 7.0 s against
   * 7.5-9.9 s; repeated to 94k rows (3M entries) the two tied; at 39k rows (1.2M) the sparse one was 10% faster, and
   * on 20k rows of 5,000 LibSVM indices (2M entries, 2% of 100M codes) it trained in half the time.
   */
  static final double MAX_ENTRIES = 1 << 22;
  /**
   * Above {@link #MAX_ENTRIES} the sparse layout is still used when at most this share of codes differ: its in-place
   * reads cost more a row at scale, but it makes few enough additions to win. On 100k rows of 5,000 LibSVM indices
   * (10M entries, 2%) it built the histograms in 2.7-2.9 s against 10.6 s; caravan at 500k rows (37%) lost by
   * 1.07-1.4 times, so the break-even there is near a quarter, and this keeps a margin of two.
   */
  static final double MAX_DENSITY_AT_SCALE = 0.125;

  private final int slotFrom;
  private final int slotTo;
  private final int[] rowStart;
  private final int[] entries;
  private final int[] frequentCodes;
  private final int[] slotBins;

  private SparseRowBins(int slotFrom, int slotTo, int[] rowStart, int[] entries, int[] frequentCodes,
      int[] slotBins) {
    this.slotFrom = slotFrom;
    this.slotTo = slotTo;
    this.rowStart = rowStart;
    this.entries = entries;
    this.frequentCodes = frequentCodes;
    this.slotBins = slotBins;
  }

  /**
   * Each slot's most frequent code, and the share of (row, slot) codes that differ from it.
   *
   * @param cells how many (row, slot) codes there are
   */
  record FrequentCodes(int[] codes, double density, long cells) {
    /**
     * Whether the sparse layout suits these codes: few enough differ, and they make few enough entries or are very
     * few ({@link #MAX_DENSITY_AT_SCALE}).
     */
    boolean sparse() {
      return density <= MAX_DENSITY && (density * cells <= MAX_ENTRIES || density <= MAX_DENSITY_AT_SCALE);
    }
  }

  /**
   * Each slot's most frequent code (the lowest of equally frequent ones) and how dense the others are, in one pass
   * over the codes.
   *
   * @param columns input: slot j's codes for every row
   */
  static FrequentCodes frequentCodes(byte[][] columns, int rows) {
    int[] frequent = new int[columns.length];
    int[] counts = new int[256];
    long away = 0;
    for (int j = 0; j < columns.length; j++) {
      Arrays.fill(counts, 0);
      byte[] column = columns[j];
      for (int r = 0; r < rows; r++) {
        counts[column[r] & 0xFF]++;
      }
      int best = 0;
      for (int c = 1; c < 256; c++) {
        best = counts[c] > counts[best] ? c : best;
      }
      frequent[j] = best;
      away += rows - counts[best];
    }
    long cells = (long) rows * columns.length;
    double density = cells == 0 ? 1.0 : (double) away / cells;
    return new FrequentCodes(frequent, density, cells);
  }

  /**
   * The entries of every slot, read column by column (each column once, in order; reading row by row would touch
   * every column's array for each row, which on thousands of columns misses the cache at every code).
   *
   * @param columns input: slot j's codes for every row
   * @param frequentCodes input: each slot's most frequent code ({@link #frequentCodes(byte[][], int)})
   * @param slotBins input: each slot's number of bins (codes {@code 0 .. slotBins[j] - 1})
   * @throws IllegalArgumentException if the entries would not fit an array
   */
  private static SparseRowBins build(byte[][] columns, int rows, int[] frequentCodes, int[] slotBins) {
    int[] rowStart = new int[rows + 1];
    for (int j = 0; j < columns.length; j++) {
      byte[] column = columns[j];
      int frequent = frequentCodes[j];
      for (int r = 0; r < rows; r++) {
        rowStart[r + 1] += (column[r] & 0xFF) == frequent ? 0 : 1;
      }
    }
    long total = 0;
    for (int r = 0; r < rows; r++) {
      total += rowStart[r + 1];
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("too many codes for the sparse row layout: over " + total);
      }
      rowStart[r + 1] = (int) total;
    }
    int[] entries = new int[(int) total];
    int[] next = Arrays.copyOf(rowStart, rows);
    for (int j = 0; j < columns.length; j++) {
      byte[] column = columns[j];
      int frequent = frequentCodes[j];
      for (int r = 0; r < rows; r++) {
        int code = column[r] & 0xFF;
        if (code != frequent) {
          entries[next[r]++] = j << 8 | code;
        }
      }
    }
    return new SparseRowBins(0, columns.length, rowStart, entries, frequentCodes, slotBins);
  }

  /**
   * This instance's entries of slots {@code [slotFrom, slotTo)}: each row's run of them, which is contiguous
   * because a row's entries ascend by slot.
   */
  private SparseRowBins part(int slotFrom, int slotTo) {
    int rows = rowStart.length - 1;
    int[] partStart = new int[rows + 1];
    int[] first = new int[rows];
    for (int r = 0; r < rows; r++) {
      int k = rowStart[r];
      int end = rowStart[r + 1];
      while (k < end && entries[k] >>> 8 < slotFrom) {
        k++;
      }
      first[r] = k;
      int n = 0;
      while (k + n < end && entries[k + n] >>> 8 < slotTo) {
        n++;
      }
      partStart[r + 1] = partStart[r] + n;
    }
    int[] partEntries = new int[partStart[rows]];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(entries, first[r], partEntries, partStart[r], partStart[r + 1] - partStart[r]);
    }
    return new SparseRowBins(slotFrom, slotTo, partStart, partEntries, frequentCodes, slotBins);
  }

  /**
   * The entries of every slot, then of each group's slots when there are groups: what a builder needs for a pass on
   * one thread and for one on each thread ({@link #covering}).
   *
   * @param slotLengths input: how many doubles each slot's sums take (two per bin)
   * @param groupsOrNull the builder's groups of slots, or null when it has none
   */
  static SparseRowBins[] forPasses(byte[][] columns, int rows, int[] frequentCodes, int[] slotLengths,
      RowWiseGroups groupsOrNull) {
    int width = slotLengths.length;
    int[] slotBins = new int[width];
    for (int j = 0; j < width; j++) {
      slotBins[j] = slotLengths[j] / BinColumn.STRIDE;
    }
    int groups = groupsOrNull == null ? 0 : groupsOrNull.groups();
    SparseRowBins[] parts = new SparseRowBins[1 + groups];
    parts[0] = build(columns, rows, frequentCodes, slotBins);
    for (int g = 0; g < groups; g++) {
      parts[1 + g] = parts[0].part(groupsOrNull.first(g), groupsOrNull.first(g + 1));
    }
    return parts;
  }

  /**
   * The part of {@link #forPasses} that holds exactly slots {@code [slotFrom, slotTo)}.
   *
   * @throws IllegalStateException if none does
   */
  static SparseRowBins covering(SparseRowBins[] parts, int slotFrom, int slotTo) {
    for (SparseRowBins part : parts) {
      if (part.slotFrom == slotFrom && part.slotTo == slotTo) {
        return part;
      }
    }
    throw new IllegalStateException("no sparse row slots for [" + slotFrom + ", " + slotTo + ")");
  }

  /**
   * Adds rows {@code from .. to-1} in order (the root leaf) to this instance's slots, then fills each slot's most
   * frequent bin from the rows' totals. The slots' sums in {@code hist} must start at zero.
   *
   * @param gradients input, length ≥ {@code to}: gradient of each row
   * @param hessians input, same shape as {@code gradients}
   * @param hist output: this instance's slots' sums, at {@code offsets}
   * @param offsets input: where each slot's bin 0 starts in {@code hist}
   */
  void addRange(int from, int to, double[] gradients, double[] hessians, double[] hist, int[] offsets) {
    add(null, from, to, gradients, hessians, hist, offsets);
  }

  /**
   * Adds the rows {@code rows[from .. to)} of a leaf, read in place, to this instance's slots, then fills each
   * slot's most frequent bin from the rows' totals. The slots' sums in {@code hist} must start at zero.
   *
   * @param rows input: row indices; only positions {@code from .. to-1} are read
   * @see #addRange
   */
  void addIndexed(int[] rows, int from, int to, double[] gradients, double[] hessians, double[] hist,
      int[] offsets) {
    add(rows, from, to, gradients, hessians, hist, offsets);
  }

  /** Positions {@code from .. to-1} of {@code rowsOrNull}, or rows {@code from .. to-1} themselves when it is null. */
  private void add(int[] rowsOrNull, int from, int to, double[] gradients, double[] hessians, double[] hist,
      int[] offsets) {
    double gradientTotal = 0;
    double hessianTotal = 0;
    for (int i = from; i < to; i++) {
      int r = rowsOrNull == null ? i : rowsOrNull[i];
      double g = gradients[r];
      double h = hessians[r];
      gradientTotal += g;
      hessianTotal += h;
      addRow(r, g, h, hist, offsets);
    }
    fillFrequentBins(hist, offsets, gradientTotal, hessianTotal);
  }

  private void addRow(int r, double g, double h, double[] hist, int[] offsets) {
    for (int k = rowStart[r], end = rowStart[r + 1]; k < end; k++) {
      int entry = entries[k];
      int at = offsets[entry >>> 8] + BinColumn.STRIDE * (entry & 0xFF);
      hist[at] += g;
      hist[at + 1] += h;
    }
  }

  /**
   * Adds the leaf positions {@code from .. to-1} of {@code rowsOrNull} (rows {@code from .. to-1} themselves when it
   * is null), read in place, to this instance's slots in packed cells: the quantized twin of {@link #addIndexed}.
   * The most frequent bins are left for {@link #fillFrequentBins(int[], long[], long, int[])}.
   *
   * @param levels input: each row's packed levels, indexed by row
   * @param orderedLevels output unless null: the rows' packed levels in leaf order, from {@code at}
   * @param narrow output, added to, unless {@code wide} is given
   * @param wide output, added to; null to add to {@code narrow}
   * @param cellOffsets input: where each slot's bin 0 is among the cells
   * @return the rows' packed levels summed in a wide cell
   */
  long addPacked(int[] rowsOrNull, int from, int to, int[] levels, int[] orderedLevels, int at, int[] narrow,
      long[] wide, int[] cellOffsets) {
    long total = 0;
    for (int i = from, q = at; i < to; i++, q++) {
      int r = rowsOrNull == null ? i : rowsOrNull[i];
      int v = levels[r];
      if (orderedLevels != null) {
        orderedLevels[q] = v;
      }
      long widened = PackedHistogram.widen(v);
      total += widened;
      int end = rowStart[r + 1];
      if (wide != null) {
        for (int k = rowStart[r]; k < end; k++) {
          int entry = entries[k];
          wide[cellOffsets[entry >>> 8] + (entry & 0xFF)] += widened;
        }
      } else {
        for (int k = rowStart[r]; k < end; k++) {
          int entry = entries[k];
          narrow[cellOffsets[entry >>> 8] + (entry & 0xFF)] += v;
        }
      }
    }
    return total;
  }

  /**
   * Sets each slot's most frequent bin to the leaf's total less the slot's other bins, exactly, in narrow cells or,
   * when {@code wide} is given, in wide ones.
   *
   * @param total input: the sum of all the leaf's packed levels, in a wide cell
   * @param cellOffsets input: where each slot's bin 0 is among the cells
   */
  void fillFrequentBins(int[] narrow, long[] wide, long total, int[] cellOffsets) {
    int narrowTotal = PackedHistogram.narrow(total);
    for (int j = slotFrom; j < slotTo; j++) {
      int base = cellOffsets[j];
      int frequent = base + frequentCodes[j];
      if (wide != null) {
        long others = 0;
        for (int c = base; c < base + slotBins[j]; c++) {
          others += c == frequent ? 0 : wide[c];
        }
        wide[frequent] = total - others;
      } else {
        int others = 0;
        for (int c = base; c < base + slotBins[j]; c++) {
          others += c == frequent ? 0 : narrow[c];
        }
        narrow[frequent] = narrowTotal - others;
      }
    }
  }

  /** Sets each slot's most frequent bin to the totals less the slot's other bins. */
  private void fillFrequentBins(double[] hist, int[] offsets, double gradientTotal, double hessianTotal) {
    for (int j = slotFrom; j < slotTo; j++) {
      int base = offsets[j];
      int frequent = frequentCodes[j];
      double g = 0;
      double h = 0;
      for (int b = 0; b < slotBins[j]; b++) {
        if (b != frequent) {
          g += hist[base + BinColumn.STRIDE * b];
          h += hist[base + BinColumn.STRIDE * b + 1];
        }
      }
      hist[base + BinColumn.STRIDE * frequent] = gradientTotal - g;
      hist[base + BinColumn.STRIDE * frequent + 1] = hessianTotal - h;
    }
  }
}
