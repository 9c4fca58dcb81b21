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
 * @param cells row count per cell
 * @param belowRange numeric rows below the reference's smallest value (0 for the reference itself and for
 *     categories); they are counted in the first cell too
 * @param aboveRange numeric rows above the reference's largest value, counted in the last value cell too
 * @param min the smallest non-missing numeric value seen, NaN when none (or categorical)
 * @param max the largest non-missing numeric value seen, NaN when none (or categorical)
 */
public record FeatureCounts(long[] cells, long belowRange, long aboveRange, double min, double max) {

  /** Copies {@code cells}, so the record stays immutable. */
  public FeatureCounts {
    cells = cells.clone();
  }

  /** A copy of the row count per cell. */
  @Override
  public long[] cells() {
    return cells.clone();
  }

  /** The count of cell {@code c}. */
  public long cell(int c) {
    return cells[c];
  }

  /** Number of cells. */
  public int size() {
    return cells.length;
  }

  /** Rows counted: the sum of the cells. */
  public long total() {
    long sum = 0;
    for (long c : cells) {
      sum += c;
    }
    return sum;
  }

  /** Rows with a missing value: the last cell. */
  public long missing() {
    return cells[cells.length - 1];
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
