package dev.boreal.histogram;

import java.util.Arrays;

/**
 * The values of a numeric column kept as its rows that are not zero: {@code values[i]} at row {@code at[i]}, rows
 * strictly ascending, every other row 0.0. A wide sparse file (LibSVM) read this way takes memory for its entries,
 * not for every (row, column) cell.
 */
record SparseValues(int rows, int[] at, double[] values) {
  SparseValues {
    if (at.length != values.length) {
      throw new IllegalArgumentException(at.length + " rows but " + values.length + " values");
    }
    for (int i = 0; i < at.length; i++) {
      if (at[i] < (i == 0 ? 0 : at[i - 1] + 1) || at[i] >= rows) {
        throw new IllegalArgumentException("entry " + i + " is at row " + at[i]
            + ": rows must ascend strictly within [0, " + rows + ")");
      }
    }
  }

  /**
   * Writes the values of rows {@code [from, to)} into {@code out[0 .. to-from)}.
   *
   * @param out output: zeros, and the entries of those rows
   */
  void read(int from, int to, double[] out) {
    Arrays.fill(out, 0, to - from, 0.0);
    for (int i = firstAtOrAfter(from); i < at.length && at[i] < to; i++) {
      out[at[i] - from] = values[i];
    }
  }

  /** Rows {@code [from, from + n)}, renumbered from 0. */
  SparseValues slice(int from, int n) {
    int first = firstAtOrAfter(from);
    int end = firstAtOrAfter(from + n);
    int[] rowsOut = new int[end - first];
    for (int i = first; i < end; i++) {
      rowsOut[i - first] = at[i] - from;
    }
    return new SparseValues(n, rowsOut, Arrays.copyOfRange(values, first, end));
  }

  /** The index of the first entry at row {@code row} or after it ({@code at.length} if none). */
  private int firstAtOrAfter(int row) {
    int i = Arrays.binarySearch(at, row);
    return i >= 0 ? i : -i - 1;
  }
}
