package dev.boreal.engine.objective;

import dev.boreal.InputException;

/** Query groups for ranking: consecutive runs of rows given by their sizes. */
public final class Groups {
  private Groups() {}

  /**
   * Start offsets of the groups plus the end ({@code sizes.length + 1} entries), after checking the sizes
   * are positive and cover exactly n rows.
   *
   * @param what names who needs the groups, for the error message (e.g. "lambdarank")
   */
  public static int[] offsets(int[] sizes, int n, String what) {
    if (sizes == null) {
      throw new InputException(what + " needs query groups, but none were given.");
    }
    int[] offsets = new int[sizes.length + 1];
    for (int q = 0; q < sizes.length; q++) {
      if (sizes[q] <= 0) {
        throw new InputException("query group " + q + " has size " + sizes[q] + "; group sizes must be positive.");
      }
      offsets[q + 1] = offsets[q] + sizes[q];
    }
    if (offsets[sizes.length] != n) {
      throw new InputException("query group sizes add up to " + offsets[sizes.length] + " rows but the data has "
          + n + " rows.");
    }
    return offsets;
  }
}
