package dev.boreal.histogram;

import java.util.Arrays;

/**
 * The gradient histograms of one leaf for every feature, in one flat array (LightGBM's layout).
 *
 * <p>Feature {@code f} occupies {@code data()[offset(f) .. offset(f) + 2 * numBins(f))}; its bin
 * {@code b} holds, at {@code offset(f) + 2b}, the sum of gradients, then the sum of hessians. Row counts
 * are not kept (LightGBM's choice): split finding estimates a bin's rows from its share of the leaf's
 * hessian. One array keeps a leaf's histograms contiguous, makes
 * clearing and subtraction one loop, and lets a pool recycle whole leaves. Histograms are mutable
 * buffers, not thread-safe; the learner allocates a few per training and reuses them.
 */
public final class Histogram {
  private final int[] offsets;
  private final double[] data;

  /** An all-zero histogram shaped for the features and bin counts of {@code binned}. */
  public Histogram(BinnedData binned) {
    this(offsetsOf(binned));
  }

  private Histogram(int[] offsets) {
    this.offsets = offsets;
    this.data = new double[offsets[offsets.length - 1]];
  }

  /** A new all-zero histogram with the same shape as this one (the offsets are shared, not copied). */
  public Histogram emptyLike() {
    return new Histogram(offsets);
  }

  /** Number of features. */
  public int features() {
    return offsets.length - 1;
  }

  /** Number of bins of feature {@code f}. */
  public int numBins(int f) {
    return (offsets[f + 1] - offsets[f]) / BinColumn.STRIDE;
  }

  /** Where feature {@code f}'s bin 0 starts in {@link #data()}. */
  public int offset(int f) {
    return offsets[f];
  }

  /**
   * The live backing array, for split finding to scan without a call per bin; see the class comment
   * for its layout. Writing to it changes this histogram.
   */
  public double[] data() {
    return data;
  }

  /** Sum of gradients in bin {@code bin} of feature {@code f}. */
  public double sumGradients(int f, int bin) {
    return data[offsets[f] + BinColumn.STRIDE * bin];
  }

  /** Sum of hessians in bin {@code bin} of feature {@code f}. */
  public double sumHessians(int f, int bin) {
    return data[offsets[f] + BinColumn.STRIDE * bin + 1];
  }

  /** Sets every sum to zero. */
  public void clear() {
    Arrays.fill(data, 0.0);
  }

  /**
   * Sets this histogram to {@code parent - child}: the histogram of the sibling leaf, built without
   * touching its rows. All three must have the same shape; this may be {@code parent} itself.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public void subtract(Histogram parent, Histogram child) {
    if (!sameShape(parent) || !sameShape(child)) {
      throw new IllegalArgumentException("histograms of different shapes cannot be subtracted");
    }
    double[] p = parent.data;
    double[] c = child.data;
    for (int i = 0; i < data.length; i++) {
      data[i] = p[i] - c[i];
    }
  }

  /** Copies {@code other}, which must have the same shape, into this histogram. */
  public void copyFrom(Histogram other) {
    if (!sameShape(other)) {
      throw new IllegalArgumentException("histograms of different shapes cannot be copied");
    }
    System.arraycopy(other.data, 0, data, 0, data.length);
  }

  /** Histograms made with {@link #emptyLike} share their offsets, so the common case is one comparison. */
  private boolean sameShape(Histogram other) {
    return offsets == other.offsets || Arrays.equals(offsets, other.offsets);
  }

  private static int[] offsetsOf(BinnedData binned) {
    int[] offsets = new int[binned.features() + 1];
    for (int f = 0; f < binned.features(); f++) {
      offsets[f + 1] = offsets[f] + BinColumn.STRIDE * binned.numBins(f);
    }
    return offsets;
  }
}
