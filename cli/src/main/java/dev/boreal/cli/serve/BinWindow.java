package dev.boreal.cli.serve;

import dev.boreal.histogram.BinMapper;
import dev.boreal.monitor.drift.DriftProfile;
import dev.boreal.monitor.drift.FeatureCounts;
import dev.boreal.monitor.drift.ScoreHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * How the last rows a server scored fall into the cells of the model's {@link DriftProfile}: per feature, the
 * model's own bins, with unseen categories apart from missing values ({@link FeatureCounts} has the layout),
 * and numeric values outside the profile's range; and the rows' scores over the profile's
 * {@link ScoreHistogram}. A {@code DriftTest} compares {@link #counts()} with the profile.
 *
 * <p>The window holds about the last {@code windowRows} rows in {@link #SLICES} slices of
 * {@code ceil(windowRows / SLICES)} rows each (a window under ten rows: one row per slice); a row goes to the
 * slice of its number in the order rows were counted, and when a new slice starts the oldest one leaves the
 * window at once. So the window holds the rows of the current, partly filled slice and of the nine before it:
 * between nine tenths of {@code windowRows} and {@code windowRows} rows once that many were scored (when ten
 * divides {@code windowRows}; else up to a slice more).
 *
 * <p>Lock-free: a row takes its number with one atomic increment and adds one to one cell per feature and one
 * score cell (and to a range count when a value is outside the profile's range). The thread that first
 * reaches a new slice installs a fresh, zeroed one with a compare-and-set, so no thread waits and no count is
 * cleared under a writer. A thread delayed by a whole window drops its row, which has left the window anyway.
 * A {@link #counts()} read while rows are counted may see a row in part, which moves a drift figure by at most
 * a few rows in the window's thousands.
 */
final class BinWindow {
  /** Slices per window of ten rows or more: the window's size moves in steps of a tenth. */
  static final int SLICES = 10;

  private final BinMapper[] mappers;
  private final String[] names;
  private final double[] rangeMin;
  private final double[] rangeMax;
  private final ScoreHistogram scoreCells;
  /**
   * Slot layout of a slice: [cells[f]] feature f's first cell; [below[f]], [below[f] + 1] its values below and
   * above the profile's range; [scores] the first score cell; the slice holds [slots] counts.
   */
  private final int[] cells;
  private final int[] below;
  private final int scores;
  private final int slots;
  private final int slices;
  private final long sliceRows;
  private final AtomicLong counted = new AtomicLong();
  private final AtomicReferenceArray<Slice> ring;

  /**
   * A window's counts, as a {@code DriftTest} reads them.
   *
   * @param features per feature, its cells and values outside the profile's range (no smallest or largest
   *     value: NaN)
   * @param scores rows per score cell of the profile's histogram
   */
  record Counts(List<FeatureCounts> features, long[] scores) {
    /** Rows counted: the sum of the score cells. */
    long rows() {
      long rows = 0;
      for (long n : scores) {
        rows += n;
      }
      return rows;
    }
  }

  /** The counts of the rows numbered {@code epoch * sliceRows} up to the next slice. */
  private record Slice(long epoch, AtomicLongArray counts) {}

  /**
   * An empty window over the cells of {@code profile}, a profile of the model whose features are {@code names},
   * binned by {@code mappers}.
   *
   * @param windowRows rows the window holds, at least 1
   */
  BinWindow(List<String> names, List<BinMapper> mappers, DriftProfile profile, long windowRows) {
    if (windowRows < 1) {
      throw new IllegalArgumentException("a window holds at least one row, not " + windowRows);
    }
    int features = mappers.size();
    this.mappers = mappers.toArray(new BinMapper[0]);
    this.names = names.toArray(new String[0]);
    this.rangeMin = new double[features];
    this.rangeMax = new double[features];
    this.scoreCells = profile.predictions();
    this.cells = new int[features];
    this.below = new int[features];
    int slot = 0;
    for (int f = 0; f < features; f++) {
      FeatureCounts reference = profile.features().get(f);
      boolean ranged = !Double.isNaN(reference.min());
      rangeMin[f] = ranged ? reference.min() : Double.NEGATIVE_INFINITY;
      rangeMax[f] = ranged ? reference.max() : Double.POSITIVE_INFINITY;
      cells[f] = slot;
      slot += FeatureCounts.cellCount(this.mappers[f]);
      below[f] = slot;
      slot += 2;
    }
    this.scores = slot;
    this.slots = slot + scoreCells.counts().length;
    this.slices = (int) Math.min(SLICES, windowRows);
    this.sliceRows = (windowRows + slices - 1) / slices;
    this.ring = new AtomicReferenceArray<>(slices);
  }

  /** Rows the window holds at most: its slices full. */
  long capacity() {
    return sliceRows * slices;
  }

  /**
   * Counts a row the predictor has encoded ({@code Predictor.predictRaw(Map, double[], double[])}): a numeric
   * value as it is (NaN, or 0.0 when NaN is zero, for a value the mapper bins as missing) and a categorical one
   * as its bin number. Binning the encoded value gives the raw value's bin, since the encoding changes only
   * values the mapper bins as missing; where the encoding merges two cells (an unseen category and a missing
   * one share a bin; NaN read as zero) the raw value in {@code row} tells them apart.
   *
   * @param encoded the row's encoded values, one per feature
   * @param row the row the predictor read, by feature name
   * @param score the row's score ({@link ScoreHistogram#score})
   */
  void add(double[] encoded, Map<String, ?> row, double score) {
    Slice slice = slice(counted.getAndIncrement() / sliceRows);
    if (slice == null) {
      return;
    }
    AtomicLongArray counts = slice.counts;
    for (int f = 0; f < mappers.length; f++) {
      BinMapper mapper = mappers[f];
      double x = encoded[f];
      if (mapper.isCategorical()) {
        counts.getAndIncrement(cells[f] + categoryCell(f, (int) x, row));
        continue;
      }
      int bin = mapper.binOf(x);
      counts.getAndIncrement(cells[f] + bin);
      if (bin != mapper.missingBin() && !(x == 0.0 && mapper.nanIsZero() && row.get(names[f]) == null)) {
        if (x < rangeMin[f]) {
          counts.getAndIncrement(below[f]);
        } else if (x > rangeMax[f]) {
          counts.getAndIncrement(below[f] + 1);
        }
      }
    }
    counts.getAndIncrement(scores + scoreCells.cellOf(score));
  }

  private int categoryCell(int f, int bin, Map<String, ?> row) {
    BinMapper mapper = mappers[f];
    int named = FeatureCounts.unseenCell(mapper);
    if (bin < named) {
      return bin;
    }
    if (bin != mapper.missingBin()) {
      return named;
    }
    Object raw = mapper.hasUnknownBin() ? null : row.get(names[f]);
    return raw == null || "".equals(raw) ? named + 1 : named;
  }

  /** The slice of {@code epoch}, installed if this is its first row; {@code null} once it left the window. */
  private Slice slice(long epoch) {
    int i = (int) (epoch % slices);
    while (true) {
      Slice current = ring.get(i);
      if (current != null && current.epoch >= epoch) {
        return current.epoch == epoch ? current : null;
      }
      Slice fresh = new Slice(epoch, new AtomicLongArray(slots));
      if (ring.compareAndSet(i, current, fresh)) {
        return fresh;
      }
    }
  }

  /** The rows in the window now. */
  Counts counts() {
    long total = counted.get();
    long oldest = total == 0 ? 0 : (total - 1) / sliceRows - slices + 1;
    long[] sum = new long[slots];
    for (int i = 0; i < slices; i++) {
      Slice slice = ring.get(i);
      if (slice != null && slice.epoch >= oldest) {
        for (int s = 0; s < slots; s++) {
          sum[s] += slice.counts.get(s);
        }
      }
    }
    List<FeatureCounts> features = new ArrayList<>(mappers.length);
    for (int f = 0; f < mappers.length; f++) {
      features.add(new FeatureCounts(Arrays.copyOfRange(sum, cells[f], below[f]), sum[below[f]],
          sum[below[f] + 1], Double.NaN, Double.NaN));
    }
    return new Counts(features, Arrays.copyOfRange(sum, scores, slots));
  }
}
