package dev.boreal.histogram;

import java.util.Arrays;

/**
 * Which features a histogram builder reads row by row and which column by column: the one choice shared by
 * the float and the quantized builders.
 *
 * <p>Constant features are left out (no tree can split on them). With the row-wise layout the byte-coded
 * features become slots of a {@link RowWiseBins} copy; the others stay columns. A builder may also ask for the
 * bundles' columns ({@link FeatureBundles}, one byte a row) as slots after the features': one-hot data is then
 * read row by row too, where a bundle's column alone adds most rows into its one all-default code, each add
 * waiting for the one before.
 */
final class BinLayout {
  /** With fewer byte-coded features than this, AUTO reads by column. */
  static final int MIN_ROW_WISE_FEATURES = 4;

  /** The non-constant features, ascending. */
  final int[] usableFeatures;
  /** The usable features outside any bundle, ascending. */
  final int[] unbundledFeatures;
  /** The unbundled features read column by column, ascending. */
  final int[] columnFeatures;
  /** The features of the row-wise slots, ascending; empty without the row-wise layout. */
  final int[] slots;
  /** Whether every bundle is a row-wise slot too: bundle b is slot {@code slots.length + b}. */
  final boolean bundleSlots;
  /**
   * The row-major codes of {@link #slots} (then the bundles'), or null without the row-wise layout or with
   * {@link #sparseCodes}.
   */
  final RowWiseBins rowWise;
  /**
   * Every slot's codes, column by column, when the row-wise slots are sparse enough for {@link SparseRowBins}
   * (and the builder allows it); else null.
   */
  final byte[][] sparseCodes;
  /** Each slot's most frequent code when {@link #sparseCodes} is set; else null. */
  final int[] frequentCodes;

  /**
   * The layout of the features outside {@code bundlesOrNull}: bundled features are in {@link #usableFeatures}
   * but neither slots nor columns, since their bundle's column is read instead.
   *
   * @param withBundleSlots make the bundles row-wise slots too when the layout is row-wise
   * @param sparseAllowed keep only each row's codes away from their slot's most frequent when at most
   *     {@link SparseRowBins#MAX_DENSITY} of them are and they are at most {@link SparseRowBins#MAX_ENTRIES}
   *     ({@link #sparseCodes})
   */
  BinLayout(BinnedData data, FeatureBundles bundlesOrNull, boolean withBundleSlots, boolean sparseAllowed,
      WorkerTeam team, HistogramBuilder.Layout layout) {
    int bundles = withBundleSlots && bundlesOrNull != null ? bundlesOrNull.count() : 0;
    int usable = 0;
    int unbundled = 0;
    int byteCoded = bundles;
    for (int f = 0; f < data.features(); f++) {
      if (!data.mapper(f).isConstant()) {
        usable++;
        if (!isBundled(bundlesOrNull, f)) {
          unbundled++;
          byteCoded += data.column(f) instanceof ByteBinColumn ? 1 : 0;
        }
      }
    }
    boolean fits = data.rows() <= RowWiseBins.maxRows(byteCoded);
    boolean rowLayout = fits && byteCoded > 0 && (layout == HistogramBuilder.Layout.ROW_WISE
        || (layout == HistogramBuilder.Layout.AUTO && byteCoded >= MIN_ROW_WISE_FEATURES));
    this.usableFeatures = new int[usable];
    this.unbundledFeatures = new int[unbundled];
    this.bundleSlots = rowLayout && bundles > 0;
    this.slots = new int[rowLayout ? byteCoded - bundles : 0];
    this.columnFeatures = new int[unbundled - slots.length];
    for (int f = 0, u = 0, n = 0, s = 0, c = 0; f < data.features(); f++) {
      if (data.mapper(f).isConstant()) {
        continue;
      }
      usableFeatures[u++] = f;
      if (isBundled(bundlesOrNull, f)) {
        continue;
      }
      unbundledFeatures[n++] = f;
      if (rowLayout && data.column(f) instanceof ByteBinColumn) {
        slots[s++] = f;
      } else {
        columnFeatures[c++] = f;
      }
    }
    byte[][] codes = rowLayout ? slotCodes(data, bundlesOrNull) : null;
    SparseRowBins.FrequentCodes frequent = rowLayout && sparseAllowed
        ? SparseRowBins.frequentCodes(codes, data.rows()) : null;
    boolean sparse = frequent != null && frequent.sparse();
    this.sparseCodes = sparse ? codes : null;
    this.frequentCodes = sparse ? frequent.codes() : null;
    this.rowWise = rowLayout && !sparse ? RowWiseBins.build(codes, data.rows(), team) : null;
  }

  /** Whether byte-coded features are read row by row, densely ({@link #rowWise}) or sparsely. */
  boolean rowLayout() {
    return rowWise != null || sparseCodes != null;
  }

  /** The byte codes of every slot: the features', then the bundles' when they are slots. */
  private byte[][] slotCodes(BinnedData data, FeatureBundles bundlesOrNull) {
    int bundles = bundleSlots ? bundlesOrNull.count() : 0;
    byte[][] codes = new byte[slots.length + bundles][];
    for (int j = 0; j < slots.length; j++) {
      codes[j] = ((ByteBinColumn) data.column(slots[j])).codes();
    }
    for (int b = 0; b < bundles; b++) {
      codes[slots.length + b] = ((ByteBinColumn) bundlesOrNull.column(b)).codes();
    }
    return codes;
  }

  private static boolean isBundled(FeatureBundles bundlesOrNull, int f) {
    return bundlesOrNull != null && bundlesOrNull.bundleOf(f) >= 0;
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
