package dev.boreal.cli.serve;

import dev.boreal.histogram.BinMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * How the last rows a server scored fall into the cells drift is measured on: per feature, the model's own
 * bins, with unseen categories apart from missing values, and numeric values outside the reference's range;
 * and the rows' scores over the reference's score histogram.
 *
 * <p>Cells per feature: a numeric feature has its mapper's bins (the missing bin last); a categorical one has
 * a cell per category its mapper names (in bin order), one for any other category, and one for missing values.
 *
 * <p>The window holds about the last {@code windowRows} rows in {@link #SLICES} slices of
 * {@code ceil(windowRows / SLICES)} rows each (a window under ten rows: one row per slice); a row goes to the
 * slice of its number in the order rows were counted, and when a new slice starts the oldest one leaves the
 * window at once. So the window holds the rows of the current, partly filled slice and of the nine before it:
 * between nine tenths of {@code windowRows} and {@code windowRows} rows once that many were scored (when ten
 * divides {@code windowRows}; else up to a slice more).
 *
 * <p>Lock-free: a row takes its number with one atomic increment and adds one to one cell per feature and one
 * score cell (and to a range count when a value is outside the reference's range). The thread that first
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
  private final double[] scoreEdges;
  /**
   * Slot layout of a slice: [cells[f]] feature f's first cell; [below[f]], [below[f] + 1] its values below and
   * above the reference's range; [scores] the first score cell; the slice holds [slots] counts.
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
   * What new rows are compared with: each numeric feature's training range and the upper edges of the score
   * histogram's bins (the last bin has none; a last cell holds NaN scores).
   *
   * @param min per feature, the smallest training value; -Infinity for none or a categorical feature
   * @param max per feature, the largest training value; +Infinity for none or a categorical feature
   * @param scoreEdges strictly increasing upper edges of the score bins
   */
  record Reference(double[] min, double[] max, double[] scoreEdges) {
    /** No range and one score bin: counts that compare with nothing yet. */
    static Reference none(int features) {
      double[] min = new double[features];
      double[] max = new double[features];
      Arrays.fill(min, Double.NEGATIVE_INFINITY);
      Arrays.fill(max, Double.POSITIVE_INFINITY);
      return new Reference(min, max, new double[0]);
    }
  }

  /**
   * A window's counts.
   *
   * @param cells per feature, rows per cell
   * @param belowRange per feature, values below the reference's range (counted in their cell too)
   * @param aboveRange per feature, values above it
   * @param scores rows per score cell: one per score bin, then NaN scores
   */
  record Counts(long[][] cells, long[] belowRange, long[] aboveRange, long[] scores) {
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
   * An empty window over the cells of {@code mappers}.
   *
   * @param windowRows rows the window holds, at least 1
   */
  BinWindow(List<String> names, List<BinMapper> mappers, Reference reference, long windowRows) {
    if (windowRows < 1) {
      throw new IllegalArgumentException("a window holds at least one row, not " + windowRows);
    }
    int features = mappers.size();
    this.mappers = mappers.toArray(new BinMapper[0]);
    this.names = names.toArray(new String[0]);
    this.rangeMin = reference.min().clone();
    this.rangeMax = reference.max().clone();
    this.scoreEdges = reference.scoreEdges().clone();
    this.cells = new int[features];
    this.below = new int[features];
    int slot = 0;
    for (int f = 0; f < features; f++) {
      cells[f] = slot;
      slot += cellCount(this.mappers[f]);
      below[f] = slot;
      slot += 2;
    }
    this.scores = slot;
    this.slots = slot + reference.scoreEdges().length + 2;
    this.slices = (int) Math.min(SLICES, windowRows);
    this.sliceRows = (windowRows + slices - 1) / slices;
    this.ring = new AtomicReferenceArray<>(slices);
  }

  /** A feature's cells: its bins, and for a categorical one a cell for unseen categories beside missing. */
  static int cellCount(BinMapper mapper) {
    return mapper.isCategorical() ? mapper.categories().length + 2 : mapper.numBins();
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
   * @param score the row's score: its prediction, or the top class's probability
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
    counts.getAndIncrement(scores + scoreCell(score));
  }

  /**
   * A row's score, as the drift profile's score histogram defines it: its prediction, or for several outputs
   * the largest (the predicted class's probability).
   *
   * @param predicted predictions, the row's {@code outputs} from {@code offset}
   */
  static double score(double[] predicted, int offset, int outputs) {
    double best = predicted[offset];
    for (int j = offset + 1; j < offset + outputs; j++) {
      best = Math.max(best, predicted[j]);
    }
    return best;
  }

  private int categoryCell(int f, int bin, Map<String, ?> row) {
    BinMapper mapper = mappers[f];
    int named = mapper.numBins() - (mapper.hasUnknownBin() ? 2 : 1);
    if (bin < named) {
      return bin;
    }
    if (bin != mapper.missingBin()) {
      return named;
    }
    Object raw = mapper.hasUnknownBin() ? null : row.get(names[f]);
    return raw == null || "".equals(raw) ? named + 1 : named;
  }

  private int scoreCell(double score) {
    if (Double.isNaN(score)) {
      return scoreEdges.length + 1;
    }
    int lo = 0;
    int hi = scoreEdges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (scoreEdges[mid] < score) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
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
    int features = mappers.length;
    long[][] perFeature = new long[features][];
    long[] belowRange = new long[features];
    long[] aboveRange = new long[features];
    for (int f = 0; f < features; f++) {
      perFeature[f] = Arrays.copyOfRange(sum, cells[f], below[f]);
      belowRange[f] = sum[below[f]];
      aboveRange[f] = sum[below[f] + 1];
    }
    return new Counts(perFeature, belowRange, aboveRange, Arrays.copyOfRange(sum, scores, slots));
  }
}
