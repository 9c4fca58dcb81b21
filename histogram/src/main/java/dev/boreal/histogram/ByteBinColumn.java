package dev.boreal.histogram;

/** Bin codes of a feature with at most 256 bins, one unsigned byte per row. */
public final class ByteBinColumn extends BinColumn {
  /** Most bins a byte holds. */
  static final int MAX_BINS = 256;

  private final byte[] codes;

  ByteBinColumn(int rows) {
    this.codes = new byte[rows];
  }

  /** The codes themselves, not a copy, for building the row-major layout. */
  byte[] codes() {
    return codes;
  }

  @Override
  public int rows() {
    return codes.length;
  }

  @Override
  public int bin(int row) {
    return codes[row] & 0xFF;
  }

  @Override
  public void addOrdered(int[] rows, int from, int to, double[] orderedGradients,
      double[] orderedHessians, double[] hist, int offset) {
    final byte[] c = codes;
    for (int i = from, j = 0; i < to; i++, j++) {
      int k = offset + STRIDE * (c[rows[i]] & 0xFF);
      hist[k] += orderedGradients[j];
      hist[k + 1] += orderedHessians[j];
    }
  }

  @Override
  public void addRange(int from, int to, double[] gradients, double[] hessians, double[] hist, int offset) {
    final byte[] c = codes;
    for (int r = from; r < to; r++) {
      int k = offset + STRIDE * (c[r] & 0xFF);
      hist[k] += gradients[r];
      hist[k + 1] += hessians[r];
    }
  }

  @Override
  public void addOrderedPacked(int[] rows, int from, int to, int[] orderedPacked, int[] cells, int offset) {
    final byte[] c = codes;
    for (int i = from, j = 0; i < to; i++, j++) {
      cells[offset + (c[rows[i]] & 0xFF)] += orderedPacked[j];
    }
  }

  @Override
  public void addOrderedPackedWide(int[] rows, int from, int to, int[] orderedPacked, long[] cells, int offset) {
    final byte[] c = codes;
    for (int i = from, j = 0; i < to; i++, j++) {
      cells[offset + (c[rows[i]] & 0xFF)] += PackedHistogram.widen(orderedPacked[j]);
    }
  }

  @Override
  public void addRangePackedWide(int from, int to, int[] levels, long[] cells, int offset) {
    final byte[] c = codes;
    for (int r = from; r < to; r++) {
      cells[offset + (c[r] & 0xFF)] += PackedHistogram.widen(levels[r]);
    }
  }

  @Override
  void set(int from, int[] bins, int count) {
    for (int i = 0; i < count; i++) {
      codes[from + i] = (byte) bins[i];
    }
  }
}
