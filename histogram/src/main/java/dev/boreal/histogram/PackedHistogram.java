package dev.boreal.histogram;

import java.util.Arrays;

/**
 * The integer histograms of one leaf for every feature, for training on {@link QuantizedGradients}: one cell
 * per bin holding the sum of gradient levels and the sum of hessian levels packed together, so one add
 * updates both.
 *
 * <p>Two cell widths, chosen per leaf as the narrowest that cannot overflow for its rows
 * ({@link #needsWide}): an {@code int} holding {@code (G << 16) + H} while {@code rows × levels < 2^16}, else a
 * {@code long} holding {@code (G << 32) + H}, enough while {@code rows × levels < 2^32}. Hessian levels are
 * never negative, so the hessian half never borrows from the gradient half, and sums and differences of
 * packed cells are the packed sums and differences. Feature {@code f}'s bin {@code b} is cell
 * {@code cellOffset(f) + b}, the same features and bins as the {@link Histogram} it is shaped like.
 * Mutable, not thread-safe; a learner keeps one per leaf histogram.
 */
public final class PackedHistogram {
  /** Below this many {@code rows × levels} a leaf's sums fit 16 bits each. */
  static final long NARROW_LIMIT = 1L << 16;
  /** Below this many {@code rows × levels} a leaf's sums fit 32 bits each. */
  public static final long WIDE_LIMIT = 1L << 32;

  private final int[] cellOffsets;
  private final int[] narrow;
  private final long[] wide;
  private boolean isWide;

  /** An all-zero narrow histogram with the features and bins of {@code shape}. */
  public PackedHistogram(Histogram shape) {
    int features = shape.features();
    this.cellOffsets = new int[features + 1];
    for (int f = 0; f < features; f++) {
      cellOffsets[f + 1] = cellOffsets[f] + shape.numBins(f);
    }
    this.narrow = new int[cellOffsets[features]];
    this.wide = new long[cellOffsets[features]];
  }

  /** Whether a leaf of {@code rows} rows needs 64-bit cells with {@code levels} quantization levels. */
  public static boolean needsWide(long rows, int levels) {
    return rows * levels >= NARROW_LIMIT;
  }

  /** A narrow cell (or a packed row) widened to a wide cell with the same sums. */
  public static long widen(int cell) {
    return ((long) (cell >> 16) << 32) + (cell & 0xFFFF);
  }

  /** A wide cell narrowed to a narrow cell with the same sums; they must fit 16 bits each. */
  static int narrow(long cell) {
    return (int) ((cell >> 32) << 16) + (int) (cell & 0xFFFFFFFFL);
  }

  /** Sets every sum to zero and selects the cell width. */
  public void reset(boolean wideCells) {
    this.isWide = wideCells;
    if (wideCells) {
      Arrays.fill(wide, 0L);
    } else {
      Arrays.fill(narrow, 0);
    }
  }

  /** Whether the cells are 64-bit. */
  public boolean isWide() {
    return isWide;
  }

  /** Number of features. */
  public int features() {
    return cellOffsets.length - 1;
  }

  /** Where feature {@code f}'s bin 0 is among the cells. */
  public int cellOffset(int f) {
    return cellOffsets[f];
  }

  /** The live narrow cells, meaningful when not {@link #isWide()}. */
  public int[] narrowCells() {
    return narrow;
  }

  /** The live wide cells, meaningful when {@link #isWide()}. */
  public long[] wideCells() {
    return wide;
  }

  /** Sum of gradient levels in bin {@code bin} of feature {@code f}. */
  public long gradientSum(int f, int bin) {
    int c = cellOffsets[f] + bin;
    return isWide ? wide[c] >> 32 : narrow[c] >> 16;
  }

  /** Sum of hessian levels in bin {@code bin} of feature {@code f}. */
  public long hessianSum(int f, int bin) {
    int c = cellOffsets[f] + bin;
    return isWide ? wide[c] & 0xFFFFFFFFL : narrow[c] & 0xFFFF;
  }

  /**
   * Sets this histogram to {@code parent - child}, the sibling's sums, in {@code parent}'s width: a narrow
   * child is widened cell by cell when the parent is wide. The child holds a subset of the parent's rows, so
   * it is never wider. This may be {@code parent} itself.
   *
   * @throws IllegalArgumentException if the shapes differ or the child is wider than the parent
   */
  public void subtract(PackedHistogram parent, PackedHistogram child) {
    if (!Arrays.equals(cellOffsets, parent.cellOffsets) || !Arrays.equals(cellOffsets, child.cellOffsets)) {
      throw new IllegalArgumentException("packed histograms of different shapes cannot be subtracted");
    }
    if (child.isWide && !parent.isWide) {
      throw new IllegalArgumentException("a child's histogram cannot be wider than its parent's");
    }
    isWide = parent.isWide;
    int n = narrow.length;
    if (!parent.isWide) {
      int[] p = parent.narrow;
      int[] c = child.narrow;
      for (int i = 0; i < n; i++) {
        narrow[i] = p[i] - c[i];
      }
    } else if (child.isWide) {
      long[] p = parent.wide;
      long[] c = child.wide;
      for (int i = 0; i < n; i++) {
        wide[i] = p[i] - c[i];
      }
    } else {
      long[] p = parent.wide;
      int[] c = child.narrow;
      for (int i = 0; i < n; i++) {
        wide[i] = p[i] - widen(c[i]);
      }
    }
  }

  /**
   * Writes the sums as gradient and hessian sums into {@code out}: level sums times the scales, which split
   * finding and leaf outputs then read as they read a float histogram.
   *
   * @param gradientScale what one gradient level stands for ({@link QuantizedGradients#gradientScale()})
   * @param hessianScale what one hessian level stands for
   * @param out output, overwritten; shaped like this histogram
   */
  public void toFloat(double gradientScale, double hessianScale, Histogram out) {
    double[] d = out.data();
    int n = narrow.length;
    if (d.length != BinColumn.STRIDE * n) {
      throw new IllegalArgumentException("the float histogram has another shape");
    }
    if (isWide) {
      for (int i = 0; i < n; i++) {
        long cell = wide[i];
        d[2 * i] = (cell >> 32) * gradientScale;
        d[2 * i + 1] = (cell & 0xFFFFFFFFL) * hessianScale;
      }
    } else {
      for (int i = 0; i < n; i++) {
        int cell = narrow[i];
        d[2 * i] = (cell >> 16) * gradientScale;
        d[2 * i + 1] = (cell & 0xFFFF) * hessianScale;
      }
    }
  }
}
