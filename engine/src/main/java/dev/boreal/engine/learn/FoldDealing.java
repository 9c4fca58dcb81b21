package dev.boreal.engine.learn;

import dev.boreal.UsageException;
import dev.boreal.engine.Rng;
import java.util.Arrays;

/**
 * Deals the rows of a data set to K folds, deterministic for a seed: the one rule behind {@code boreal cv},
 * {@code compare --folds} and the cross-validation of calibration maps.
 *
 * <ul>
 *   <li><b>Query groups</b>: whole groups are shuffled and dealt to the folds in turn, so a group is never
 *       split (scikit-learn's {@code GroupKFold}, with a shuffle).
 *   <li><b>Classes</b>: stratified, as scikit-learn's {@code StratifiedKFold} with {@code shuffle=True}. Each
 *       class's rows are shuffled, the classes are laid end to end in class order, and position {@code j} of
 *       that sequence goes to fold {@code j mod K}: every fold holds {@code floor} or {@code ceil} of a class's
 *       rows / K, and fold sizes differ by at most one row.
 *   <li><b>Otherwise</b>: rows are shuffled and dealt to the folds in turn ({@code KFold}, {@code shuffle=True}).
 * </ul>
 */
public final class FoldDealing {
  /** The stream of {@link Rng} that shuffles folds, apart from every training stage's. */
  private static final long STREAM = 0x666F6C6473L;

  private FoldDealing() {}

  /**
   * The fold (0 to k-1) of every row.
   *
   * @param k number of folds, at least 2 and at most the rows (or groups)
   * @param labels encoded labels (class indices for a classifier)
   * @param classes class names of a classifier (its folds are stratified), or null
   * @param groups query group sizes (whole groups go to one fold), or null
   * @param option how messages name the fold count, e.g. "--folds"
   * @throws UsageException if {@code k} is below 2 or above the rows (or groups), or, for stratified folds, a
   *     class has fewer rows than folds
   */
  public static int[] deal(int k, long seed, double[] labels, String[] classes, int[] groups, String option) {
    int n = labels.length;
    int units = groups == null ? n : groups.length;
    if (k < 2 || k > units) {
      throw new UsageException(option + " must be between 2 and the number of " + (groups == null ? "rows"
          : "query groups") + " (" + units + "); got " + k + ".");
    }
    Rng rng = new Rng(seed, STREAM);
    if (groups == null && classes != null) {
      return stratified(k, rng, labels, classes, option);
    }
    int[] order = new int[units];
    for (int i = 0; i < units; i++) {
      order[i] = i;
    }
    shuffle(order, rng);
    int[] foldOfUnit = new int[units];
    for (int i = 0; i < units; i++) {
      foldOfUnit[order[i]] = i % k;
    }
    if (groups == null) {
      return foldOfUnit;
    }
    int[] foldOfRow = new int[n];
    for (int g = 0, row = 0; g < groups.length; g++) {
      Arrays.fill(foldOfRow, row, row + groups[g], foldOfUnit[g]);
      row += groups[g];
    }
    return foldOfRow;
  }

  /** Each class's rows shuffled, classes end to end, position j to fold j mod k. */
  private static int[] stratified(int k, Rng rng, double[] labels, String[] classes, String option) {
    int[] counts = new int[classes.length];
    for (double y : labels) {
      counts[(int) y]++;
    }
    for (int c = 0; c < classes.length; c++) {
      // A class that num_class names but no row holds has nothing to spread.
      if (counts[c] > 0 && counts[c] < k) {
        throw new UsageException("Class '" + classes[c] + "' has " + counts[c] + (counts[c] == 1 ? " row" : " rows")
            + ", fewer than the " + k + " folds, so stratified folds cannot each hold one of its rows; "
            + (counts[c] >= 2 ? "use " + option + " " + counts[c] + " or fewer." : "a class needs at least 2 rows."));
      }
    }
    int[][] rowsOf = new int[classes.length][];
    for (int c = 0; c < classes.length; c++) {
      rowsOf[c] = new int[counts[c]];
    }
    int[] filled = new int[classes.length];
    for (int r = 0; r < labels.length; r++) {
      int c = (int) labels[r];
      rowsOf[c][filled[c]++] = r;
    }
    int[] foldOfRow = new int[labels.length];
    int position = 0;
    for (int[] rows : rowsOf) {
      shuffle(rows, rng);
      for (int r : rows) {
        foldOfRow[r] = position++ % k;
      }
    }
    return foldOfRow;
  }

  private static void shuffle(int[] a, Rng rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
