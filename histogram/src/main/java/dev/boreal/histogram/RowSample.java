package dev.boreal.histogram;

import java.util.SplittableRandom;

/**
 * The seeded sample of rows from which every feature's bins are chosen (LightGBM samples
 * {@code bin_construct_sample_cnt} rows with {@code data_random_seed}, the same rows for all features).
 *
 * <p>Rows are kept in ascending order so a sampled feature is read front to back in blocks.
 */
final class RowSample {
  /** Rows read per bulk call; large enough to amortise the column's type dispatch, small enough for L1/L2. */
  static final int BLOCK = 4096;

  private final int[] rows;
  private final boolean all;

  /**
   * The scratch a read of a column of {@code rowCount} rows needs: {@link #BLOCK}, or fewer for a short
   * column, whose full-size buffers would cost more to allocate than to fill on a table of many columns.
   */
  static int blockFor(int rowCount) {
    return Math.min(BLOCK, rowCount);
  }

  private RowSample(int[] rows, boolean all) {
    this.rows = rows;
    this.all = all;
  }

  /**
   * Draws {@code min(size, rowCount)} distinct rows uniformly with selection sampling (Knuth's
   * algorithm S): one pass, sorted output, and the same rows for the same seed.
   */
  static RowSample draw(int rowCount, int size, long seed) {
    if (size >= rowCount) {
      int[] rows = new int[rowCount];
      for (int r = 0; r < rowCount; r++) {
        rows[r] = r;
      }
      return new RowSample(rows, true);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] rows = new int[size];
    int need = size;
    for (int r = 0; need > 0; r++) {
      if (random.nextInt(rowCount - r) < need) {
        rows[size - need] = r;
        need--;
      }
    }
    return new RowSample(rows, false);
  }

  /** Number of sampled rows. */
  int size() {
    return rows.length;
  }

  /** The {@code i}-th sampled row. */
  int row(int i) {
    return rows[i];
  }

  /**
   * Reads the sampled numeric values of {@code column} into {@code out[0 .. size())}, in sample order.
   *
   * @param buffer scratch of at least {@code blockFor(column.rowCount())} doubles
   */
  void readValues(FeatureColumn column, double[] out, double[] buffer) {
    int i = 0;
    while (i < rows.length) {
      int from = rows[i];
      int end = windowEnd(i);
      int to = rows[end - 1] + 1;
      column.readValues(from, to, buffer);
      if (all) {
        System.arraycopy(buffer, 0, out, i, to - from);
      } else {
        for (int j = i; j < end; j++) {
          out[j] = buffer[rows[j] - from];
        }
      }
      i = end;
    }
  }

  /**
   * The entries of a sparse column on sampled rows, into {@code out} in row order; returns how many (the other
   * sampled rows hold 0.0). Walks the sampled rows and the entries together, never the zeros one by one.
   *
   * @param out output, length ≥ the column's entries
   */
  int readEntries(SparseValues column, double[] out) {
    int[] at = column.at();
    double[] values = column.values();
    if (all) {
      System.arraycopy(values, 0, out, 0, values.length);
      return values.length;
    }
    int n = 0;
    for (int k = 0, i = 0; k < at.length && i < rows.length; ) {
      if (at[k] < rows[i]) {
        k++;
      } else if (at[k] > rows[i]) {
        i++;
      } else {
        out[n++] = values[k++];
        i++;
      }
    }
    return n;
  }

  /**
   * Reads the sampled category codes of {@code column} into {@code out[0 .. size())}, in sample order.
   *
   * @param buffer scratch of at least {@code blockFor(column.rowCount())} ints
   */
  void readCodes(FeatureColumn column, int[] out, int[] buffer) {
    int i = 0;
    while (i < rows.length) {
      int from = rows[i];
      int end = windowEnd(i);
      int to = rows[end - 1] + 1;
      column.readCodes(from, to, buffer);
      for (int j = i; j < end; j++) {
        out[j] = buffer[rows[j] - from];
      }
      i = end;
    }
  }

  /**
   * One past the last sample index whose row lies within {@link #BLOCK} rows of {@code rows[start]}:
   * dense samples are read in whole blocks, sparse ones without reading the gaps between them.
   */
  private int windowEnd(int start) {
    int limit = rows[start] + BLOCK;
    int end = start + 1;
    while (end < rows.length && rows[end] < limit) {
      end++;
    }
    return end;
  }
}
