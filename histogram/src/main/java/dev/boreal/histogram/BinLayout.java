package dev.boreal.histogram;

import java.util.Arrays;

/**
 * Which features a histogram builder reads row by row and which column by column: the one choice shared by
 * the float and the quantized builders.
 *
 * <p>Constant features are left out (no tree can split on them). With the row-wise layout the byte-coded
 * features become slots of a {@link RowWiseBins} copy; the others stay columns.
 */
final class BinLayout {
  /** With fewer byte-coded features than this, AUTO reads by column. */
  static final int MIN_ROW_WISE_FEATURES = 4;

  /** The non-constant features, ascending. */
  final int[] usableFeatures;
  /** The usable features read column by column, ascending. */
  final int[] columnFeatures;
  /** The features of the row-wise slots, ascending; empty without the row-wise layout. */
  final int[] slots;
  /** The row-major codes of {@link #slots}, or null without the row-wise layout. */
  final RowWiseBins rowWise;

  BinLayout(BinnedData data, WorkerTeam team, HistogramBuilder.Layout layout) {
    int usable = 0;
    int byteCoded = 0;
    for (int f = 0; f < data.features(); f++) {
      if (!data.mapper(f).isConstant()) {
        usable++;
        byteCoded += data.column(f) instanceof ByteBinColumn ? 1 : 0;
      }
    }
    boolean fits = data.rows() <= RowWiseBins.maxRows(byteCoded);
    boolean rowLayout = fits && byteCoded > 0 && (layout == HistogramBuilder.Layout.ROW_WISE
        || (layout == HistogramBuilder.Layout.AUTO && byteCoded >= MIN_ROW_WISE_FEATURES));
    this.usableFeatures = new int[usable];
    this.slots = new int[rowLayout ? byteCoded : 0];
    this.columnFeatures = new int[usable - slots.length];
    for (int f = 0, u = 0, s = 0, c = 0; f < data.features(); f++) {
      if (data.mapper(f).isConstant()) {
        continue;
      }
      usableFeatures[u++] = f;
      if (rowLayout && data.column(f) instanceof ByteBinColumn) {
        slots[s++] = f;
      } else {
        columnFeatures[c++] = f;
      }
    }
    this.rowWise = rowLayout ? RowWiseBins.build(data, slots, team) : null;
  }

  /** The column-layout features among {@code features} (both ascending). */
  int[] columnFeaturesAmong(int[] features) {
    int n = 0;
    int[] out = new int[columnFeatures.length];
    for (int i = 0, j = 0; i < features.length && j < columnFeatures.length; ) {
      if (features[i] == columnFeatures[j]) {
        out[n++] = features[i++];
        j++;
      } else if (features[i] < columnFeatures[j]) {
        i++;
      } else {
        j++;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }
}
