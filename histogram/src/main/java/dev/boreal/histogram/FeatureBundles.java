package dev.boreal.histogram;

import java.util.Arrays;

/**
 * Exclusive feature bundling (LightGBM's EFB): features that are rarely away from their most frequent bin on
 * the same row share one column of bin codes, so one histogram pass serves them all.
 *
 * <p>A bundle's code 0 means every member sits at its default (most frequent) bin; member {@code j}'s other
 * bins follow at its own offset, the default skipped. From a bundle's histogram each member's histogram is
 * unpacked: its non-default bins are copied (the same rows summed in the same order as its own column would),
 * and its default bin is the bundle's total minus them, which may differ from a direct sum in the last bits.
 * On a row where members conflict (allowed up to {@code max_conflict_rate}) the member added last keeps the
 * row, so the others' histograms count that row at their default bin. Partitioning still reads each
 * feature's own column, so trees always route rows by their true bins.
 *
 * <p>{@link BundleFinder} chooses the bundles; this holds them, their columns, and the unpacking. Immutable.
 */
public final class FeatureBundles {
  /** Most codes a bundle holds: a bundle column stays one byte per row. */
  static final int MAX_BUNDLE_BINS = ByteBinColumn.MAX_BINS;

  private final int[][] members;
  private final int[][] memberOffsets;
  private final int[][] defaultBins;
  private final int[] bundleBins;
  private final BinColumn[] columns;
  private final int[] bundleOfFeature;

  FeatureBundles(BinnedData data, int[][] members, int[][] defaultBins) {
    this.members = members;
    this.defaultBins = defaultBins;
    this.memberOffsets = new int[members.length][];
    this.bundleBins = new int[members.length];
    this.columns = new BinColumn[members.length];
    this.bundleOfFeature = new int[data.features()];
    Arrays.fill(bundleOfFeature, -1);
    for (int b = 0; b < members.length; b++) {
      int next = 1;
      memberOffsets[b] = new int[members[b].length];
      for (int j = 0; j < members[b].length; j++) {
        bundleOfFeature[members[b][j]] = b;
        memberOffsets[b][j] = next;
        next += data.numBins(members[b][j]) - 1;
      }
      bundleBins[b] = next;
      columns[b] = column(data, b);
    }
  }

  private BinColumn column(BinnedData data, int b) {
    int rows = data.rows();
    BinColumn out = BinColumn.allocate(rows, bundleBins[b]);
    int[] codes = new int[rows];
    for (int j = 0; j < members[b].length; j++) {
      BinColumn member = data.column(members[b][j]);
      int d = defaultBins[b][j];
      int offset = memberOffsets[b][j];
      for (int r = 0; r < rows; r++) {
        int bin = member.bin(r);
        if (bin != d) {
          codes[r] = offset + (bin < d ? bin : bin - 1);
        }
      }
    }
    out.set(0, codes, rows);
    return out;
  }

  /** Number of bundles. */
  public int count() {
    return members.length;
  }

  /** The features of bundle {@code b}, in the order they were added. */
  public int[] members(int b) {
    return members[b].clone();
  }

  /** The bundle of feature {@code f}, or -1 when it is not bundled. */
  public int bundleOf(int f) {
    return bundleOfFeature[f];
  }

  /** Number of codes of bundle {@code b}. */
  public int numBins(int b) {
    return bundleBins[b];
  }

  /** The codes of bundle {@code b}. */
  public BinColumn column(int b) {
    return columns[b];
  }

  /** The bin of member {@code f} that code {@code code} of its bundle stands for (its default bin for codes of other members). */
  public int memberBin(int f, int code) {
    int b = bundleOfFeature[f];
    int j = indexOf(members[b], f);
    int offset = memberOffsets[b][j];
    int d = defaultBins[b][j];
    int rank = code - offset;
    if (code == 0 || rank < 0 || rank >= numBinsOf(b, j)) {
      return d;
    }
    return rank < d ? rank : rank + 1;
  }

  private int numBinsOf(int b, int j) {
    int end = j + 1 < members[b].length ? memberOffsets[b][j + 1] : bundleBins[b];
    return end - memberOffsets[b][j];
  }

  /**
   * Writes the histograms of bundle {@code b}'s members into {@code out} from the bundle's sums.
   *
   * @param sums input: the bundle's histogram, code {@code c} at {@code sums[from + 2c]} (gradient) and
   *     {@code sums[from + 2c + 1]} (hessian)
   * @param out output: each member's bins overwritten
   */
  void unpack(int b, double[] sums, int from, Histogram out) {
    double totalG = 0;
    double totalH = 0;
    for (int c = 0; c < bundleBins[b]; c++) {
      totalG += sums[from + BinColumn.STRIDE * c];
      totalH += sums[from + BinColumn.STRIDE * c + 1];
    }
    double[] hist = out.data();
    for (int j = 0; j < members[b].length; j++) {
      int f = members[b][j];
      int base = out.offset(f);
      int d = defaultBins[b][j];
      int source = from + BinColumn.STRIDE * memberOffsets[b][j];
      double otherG = 0;
      double otherH = 0;
      for (int bin = 0, k = 0; bin < out.numBins(f); bin++) {
        if (bin == d) {
          continue;
        }
        double g = sums[source + BinColumn.STRIDE * k];
        double h = sums[source + BinColumn.STRIDE * k + 1];
        hist[base + BinColumn.STRIDE * bin] = g;
        hist[base + BinColumn.STRIDE * bin + 1] = h;
        otherG += g;
        otherH += h;
        k++;
      }
      hist[base + BinColumn.STRIDE * d] = totalG - otherG;
      hist[base + BinColumn.STRIDE * d + 1] = totalH - otherH;
    }
  }

  /**
   * The packed-integer twin of {@link #unpack} for narrow cells: integer sums do not depend on the order of
   * the adds, so each member's default bin is exactly what its own column would give.
   *
   * @param sums input: the bundle's cells, code {@code c} at {@code sums[from + c]}
   * @param out output: each member's cells overwritten, at {@code out.cellOffset(f)}
   */
  void unpackNarrow(int b, int[] sums, int from, PackedHistogram out) {
    int total = 0;
    for (int c = 0; c < bundleBins[b]; c++) {
      total += sums[from + c];
    }
    int[] cells = out.narrowCells();
    for (int j = 0; j < members[b].length; j++) {
      int base = out.cellOffset(members[b][j]);
      int d = defaultBins[b][j];
      int source = from + memberOffsets[b][j];
      int others = 0;
      for (int k = 0; k < numBinsOf(b, j); k++) {
        int cell = sums[source + k];
        cells[base + (k < d ? k : k + 1)] = cell;
        others += cell;
      }
      cells[base + d] = total - others;
    }
  }

  /** {@link #unpackNarrow} for wide cells. */
  void unpackWide(int b, long[] sums, int from, PackedHistogram out) {
    long total = 0;
    for (int c = 0; c < bundleBins[b]; c++) {
      total += sums[from + c];
    }
    long[] cells = out.wideCells();
    for (int j = 0; j < members[b].length; j++) {
      int base = out.cellOffset(members[b][j]);
      int d = defaultBins[b][j];
      int source = from + memberOffsets[b][j];
      long others = 0;
      for (int k = 0; k < numBinsOf(b, j); k++) {
        long cell = sums[source + k];
        cells[base + (k < d ? k : k + 1)] = cell;
        others += cell;
      }
      cells[base + d] = total - others;
    }
  }

  private static int indexOf(int[] values, int value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException("feature " + value + " is not in this bundle");
  }
}
