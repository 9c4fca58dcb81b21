package dev.boreal.monitor.drift;

import dev.boreal.histogram.BinMapper;
import java.util.Arrays;

/**
 * How the rows of a data set fell into one feature's <em>cells</em>: the model's own bins, with missing
 * values and unseen categories kept apart. Immutable.
 *
 * <p>Cell layout, fixed by the feature's {@link BinMapper}: a numeric feature has one cell per value bin
 * ({@code 0 .. numBins()-2}, in value order) and a last cell for missing values, exactly the mapper's bins. A
 * categorical feature has one cell per category the mapper names (in bin order), then a cell for every other
 * category (unseen by the model, or too rare in training to get a bin), then a cell for missing values.
 *
 * <p>Counts are doubles because a weighted reference counts each training row with its sample weight (the
 * weighted share is the reference distribution, as the model was trained on it); unweighted counts are whole
 * numbers, exact up to 2<sup>53</sup> rows.
 *
 * @param cells row count per cell (summed sample weights for a weighted reference)
 * @param belowRange numeric rows below the reference's smallest value (0 for the reference itself and for
 *     categories); they are counted in the first cell too
 * @param aboveRange numeric rows above the reference's largest value, counted in the last value cell too
 * @param min the smallest non-missing numeric value seen, NaN when none (or categorical)
 * @param max the largest non-missing numeric value seen, NaN when none (or categorical)
 */
public record FeatureCounts(double[] cells, long belowRange, long aboveRange, double min, double max) {

  /** Copies {@code cells}, so the record stays immutable. */
  public FeatureCounts {
    cells = cells.clone();
  }

  /** Counts of unweighted rows: {@code rows} per cell. */
  public FeatureCounts(long[] rows, long belowRange, long aboveRange, double min, double max) {
    this(DriftStatistics.counts(rows), belowRange, aboveRange, min, max);
  }

  /** A copy of the row count per cell. */
  @Override
  public double[] cells() {
    return cells.clone();
  }

  /** The count of cell {@code c}. */
  public double cell(int c) {
    return cells[c];
  }

  /** Number of cells. */
  public int size() {
    return cells.length;
  }

  /** Rows counted (their weight, when weighted): the sum of the cells. */
  public double total() {
    return DriftStatistics.total(cells);
  }

  /** Rows with a missing value: the last cell. */
  public double missing() {
    return cells[cells.length - 1];
  }

  /** A count as text: a whole count without a decimal point ("10"), a weighted one as a double ("10.5"). */
  public static String show(double count) {
    return count == Math.rint(count) && Math.abs(count) < 0x1p53 ? Long.toString((long) count)
        : Double.toString(count);
  }

  /** Number of cells of a feature binned by {@code mapper}. */
  public static int cellCount(BinMapper mapper) {
    return mapper.isCategorical() ? mapper.categories().length + 2 : mapper.numBins();
  }

  /** The cell of categories the mapper does not name, or -1 for a numeric feature. */
  public static int unseenCell(BinMapper mapper) {
    return mapper.isCategorical() ? mapper.categories().length : -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureCounts c && Arrays.equals(cells, c.cells) && belowRange == c.belowRange
        && aboveRange == c.aboveRange && Double.compare(min, c.min) == 0 && Double.compare(max, c.max) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(cells) + Long.hashCode(belowRange + 31 * aboveRange);
  }

  @Override
  public String toString() {
    return "FeatureCounts[" + Arrays.toString(cells) + ", below " + belowRange + ", above " + aboveRange + "]";
  }
}
