package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.collect.IntList;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How many columns a LibSVM file may make. {@link LibSvmReader} makes a column for every index up to the
 * largest, and training bins each one, so one stray huge index on a short file would allocate for millions of
 * columns. The columns are held to the user's {@code --max-columns} when given, else to a limit derived from the file:
 * {@value #COLUMNS_PER_INDEX_USED} times the distinct indices it uses, or {@value #MIN_COLUMN_LIMIT},
 * whichever is larger.
 */
final class LibSvmColumnLimit {
  /** Columns any file may make without a stated limit: a few seconds' work on a short file. */
  static final int MIN_COLUMN_LIMIT = 1 << 16;
  /** How sparse a file's index range may be, without a stated limit, before it is taken for a mistake. */
  static final int COLUMNS_PER_INDEX_USED = 4;

  private LibSvmColumnLimit() {}

  /**
   * Refuses {@code columns} columns when they are more than {@code maxColumns}, or, when that is 0, than the
   * limit derived from the indices the file uses.
   *
   * @param line the line where {@code maxIndex} first appeared
   * @param indices every entry's index, in file order (counted only when the columns pass the fixed minimum)
   * @throws InputException naming the file, line and index, and the option that would allow them
   */
  static void check(Path file, int line, int maxIndex, long columns, int maxColumns, IntList indices) {
    if (columns <= (maxColumns > 0 ? maxColumns : MIN_COLUMN_LIMIT)) {
      return;
    }
    String makes = file + ": line " + line + ": feature index " + maxIndex + " makes " + columns
        + " columns (Boreal bins a column for every index up to the largest)";
    if (maxColumns > 0) {
      throw new InputException(makes + ", more than --max-columns " + maxColumns + " allows.");
    }
    long used = distinct(indices);
    long limit = Math.max(MIN_COLUMN_LIMIT, COLUMNS_PER_INDEX_USED * used);
    if (columns > limit) {
      throw new InputException(makes + ", but the file uses only " + used + " distinct indices, so at most "
          + limit + " columns are read without a stated limit; if the index is right, give --max-columns "
          + columns + ".");
    }
  }

  private static long distinct(IntList indices) {
    int[] all = indices.toIntArray();
    Arrays.sort(all);
    long distinct = 0;
    for (int k = 0; k < all.length; k++) {
      distinct += k == 0 || all[k] != all[k - 1] ? 1 : 0;
    }
    return distinct;
  }
}
