package dev.boreal.histogram;

/** Bin codes of a feature with 257 to 65,536 bins, one unsigned short per row. */
public final class ShortBinColumn extends BinColumn {
  /** Most bins an unsigned short holds. */
  static final int MAX_BINS = 65_536;

  private final short[] codes;

  ShortBinColumn(int rows) {
    this.codes = new short[rows];
  }

  @Override
  public int rows() {
    return codes.length;
  }

  @Override
  public int bin(int row) {
    return codes[row] & 0xFFFF;
  }

  @Override
  public void addOrdered(int[] rows, int from, int to, double[] orderedGradients,
      double[] orderedHessians, double[] hist, int offset) {
    final short[] c = codes;
    for (int i = from, j = 0; i < to; i++, j++) {
      int k = offset + STRIDE * (c[rows[i]] & 0xFFFF);
      hist[k] += orderedGradients[j];
      hist[k + 1] += orderedHessians[j];
    }
  }

  @Override
  public void addRange(int from, int to, double[] gradients, double[] hessians, double[] hist, int offset) {
    final short[] c = codes;
    for (int r = from; r < to; r++) {
      int k = offset + STRIDE * (c[r] & 0xFFFF);
      hist[k] += gradients[r];
      hist[k + 1] += hessians[r];
    }
  }

  @Override
  public void addOrderedPacked(int[] rows, int from, int to, int[] orderedPacked, int[] cells, int offset) {
    final short[] c = codes;
    for (int i = from, j = 0; i < to; i++, j++) {
      cells[offset + (c[rows[i]] & 0xFFFF)] += orderedPacked[j];
    }
  }

  @Override
  public void addOrderedPackedWide(int[] rows, int from, int to, int[] orderedPacked, long[] cells, int offset) {
    final short[] c = codes;
    for (int i = from, j = 0; i < to; i++, j++) {
      cells[offset + (c[rows[i]] & 0xFFFF)] += PackedHistogram.widen(orderedPacked[j]);
    }
  }

  @Override
  public void addRangePackedWide(int from, int to, int[] levels, long[] cells, int offset) {
    final short[] c = codes;
    for (int r = from; r < to; r++) {
      cells[offset + (c[r] & 0xFFFF)] += PackedHistogram.widen(levels[r]);
    }
  }

  @Override
  void set(int from, int[] bins, int count) {
    for (int i = 0; i < count; i++) {
      codes[from + i] = (short) bins[i];
    }
  }
}
