package dev.boreal.cli.serve;

import dev.boreal.histogram.BinMapper;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * How the last rows a server scored fall into the model's bins, per feature: the counts drift is measured on.
 * The window holds about the last {@code windowRows} rows in {@link #SLICES} slices of
 * {@code ceil(windowRows / SLICES)} rows each (a window under ten rows: one row per slice); a row goes to the
 * slice of its number in the order rows were counted, and when a new slice starts the oldest one leaves the
 * window at once. So the window holds the rows of the current, partly filled slice and of the nine before it:
 * between nine tenths of {@code windowRows} and {@code windowRows} rows once that many were scored (when ten
 * divides {@code windowRows}; else up to a slice more).
 *
 * <p>Lock-free: a row takes its number with one atomic increment and adds one to one count per feature. The thread that first reaches a new slice installs a fresh, zeroed one with a compare-and-set,
 * so no thread waits and no count is cleared under a writer. A thread delayed by a whole window drops its
 * rows, which have left the window anyway. A {@link #counts()} read while rows are counted sees each row
 * either whole or in part, which moves a drift figure by at most a few rows in the window's thousands.
 */
final class BinWindow {
  /** Slices per window of ten rows or more: the window's size moves in steps of a tenth. */
  static final int SLICES = 10;

  private final BinMapper[] mappers;
  private final boolean[] categorical;
  /** [f]: the slot of feature f's bin 0 in a slice; [features]: slots in all. */
  private final int[] offsets;
  private final int slices;
  private final long sliceRows;
  private final AtomicLong counted = new AtomicLong();
  private final AtomicReferenceArray<Slice> ring;

  /** The counts of the rows numbered {@code epoch * sliceRows} up to the next slice. */
  private record Slice(long epoch, AtomicLongArray counts) {}

  /**
   * An empty window over the bins of {@code mappers}.
   *
   * @param windowRows rows the window holds, at least 1
   */
  BinWindow(List<BinMapper> mappers, long windowRows) {
    if (windowRows < 1) {
      throw new IllegalArgumentException("a window holds at least one row, not " + windowRows);
    }
    int features = mappers.size();
    this.mappers = mappers.toArray(new BinMapper[0]);
    this.categorical = new boolean[features];
    this.offsets = new int[features + 1];
    for (int f = 0; f < features; f++) {
      categorical[f] = this.mappers[f].isCategorical();
      offsets[f + 1] = offsets[f] + this.mappers[f].numBins();
    }
    this.slices = (int) Math.min(SLICES, windowRows);
    this.sliceRows = (windowRows + slices - 1) / slices;
    this.ring = new AtomicReferenceArray<>(slices);
  }

  /** Rows the window holds at most: its slices full. */
  long capacity() {
    return sliceRows * slices;
  }

  /**
   * Counts a row in the form the model's predictor encodes it ({@code Predictor.predictRaw(Map, double[],
   * double[])}): a numeric value as it is (NaN or 0.0 when missing, as the feature's mapper says) and a
   * categorical one as its bin number. Binning the encoded numeric value gives the raw value's bin, since the
   * encoding changes only values the mapper bins as missing.
   *
   * @param encoded the row's encoded values, one per feature
   */
  void add(double[] encoded) {
    Slice slice = slice(counted.getAndIncrement() / sliceRows);
    if (slice == null) {
      return;
    }
    AtomicLongArray counts = slice.counts;
    for (int f = 0; f < mappers.length; f++) {
      double x = encoded[f];
      counts.getAndIncrement(offsets[f] + (categorical[f] ? (int) x : mappers[f].binOf(x)));
    }
  }

  /** The slice of {@code epoch}, installed if this is its first row; {@code null} once it left the window. */
  private Slice slice(long epoch) {
    int i = (int) (epoch % slices);
    while (true) {
      Slice current = ring.get(i);
      if (current != null && current.epoch >= epoch) {
        return current.epoch == epoch ? current : null;
      }
      Slice fresh = new Slice(epoch, new AtomicLongArray(offsets[mappers.length]));
      if (ring.compareAndSet(i, current, fresh)) {
        return fresh;
      }
    }
  }

  /** Per feature, rows of the window in each of its mapper's bins ({@code numBins()} counts, missing last). */
  long[][] counts() {
    long total = counted.get();
    long oldest = total == 0 ? 0 : (total - 1) / sliceRows - slices + 1;
    int features = mappers.length;
    long[][] counts = new long[features][];
    for (int f = 0; f < features; f++) {
      counts[f] = new long[offsets[f + 1] - offsets[f]];
    }
    for (int i = 0; i < slices; i++) {
      Slice slice = ring.get(i);
      if (slice == null || slice.epoch < oldest) {
        continue;
      }
      for (int f = 0; f < features; f++) {
        for (int b = 0; b < counts[f].length; b++) {
          counts[f][b] += slice.counts.get(offsets[f] + b);
        }
      }
    }
    return counts;
  }

  /** Rows in the window now. */
  long rows() {
    if (mappers.length == 0) {
      return 0;
    }
    long rows = 0;
    for (long n : counts()[0]) {
      rows += n;
    }
    return rows;
  }
}
