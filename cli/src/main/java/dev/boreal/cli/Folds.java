package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.learn.FoldDealing;
import java.util.Arrays;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The K folds {@code boreal cv}, {@code boreal compare --folds} and {@code train -p calibration} split a data
 * set into: which rows each fold holds out, deterministic for a seed, dealt by {@link FoldDealing} (whole
 * query groups, stratified by class, or shuffled rows), and the copies of each fold's rows.
 *
 * <p>Every part keeps its rows in file order, so query groups stay consecutive and a fold's training part
 * reads exactly like a file of the same rows.
 */
final class Folds {
  /** How the rows were dealt. */
  enum Kind {
    GROUPED, STRATIFIED, SHUFFLED;

    /** How reports name it. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final int k;
  private final Kind kind;
  private final int[] foldOfRow;
  /** Query group sizes of the whole data set, or null. */
  private final int[] groups;

  private Folds(int k, Kind kind, int[] foldOfRow, int[] groups) {
    this.k = k;
    this.kind = kind;
    this.foldOfRow = foldOfRow;
    this.groups = groups;
  }

  /**
   * Deals the rows of a data set to {@code k} folds.
   *
   * @param labels encoded labels (class indices for a classifier)
   * @param classes class names of a classifier (its folds are stratified), or null
   * @param groups query group sizes (whole groups go to one fold), or null
   * @throws UsageException if {@code k} is below 2 or above the rows (or groups), or, for stratified folds,
   *     a class has fewer rows than folds
   */
  static Folds of(int k, long seed, double[] labels, String[] classes, int[] groups) {
    return of(k, seed, labels, classes, groups, "--folds");
  }

  /** As {@link #of(int, long, double[], String[], int[])}, messages naming the fold count {@code option}. */
  static Folds of(int k, long seed, double[] labels, String[] classes, int[] groups, String option) {
    int[] foldOfRow = FoldDealing.deal(k, seed, labels, classes, groups, option);
    Kind kind = groups != null ? Kind.GROUPED : classes != null ? Kind.STRATIFIED : Kind.SHUFFLED;
    return new Folds(k, kind, foldOfRow, groups == null ? null : groups.clone());
  }

  /** Number of folds. */
  int k() {
    return k;
  }

  /** How the rows were dealt. */
  Kind kind() {
    return kind;
  }

  /** How reports name fold {@code fold} (0-based): "fold 2 of 5". */
  String name(int fold) {
    return "fold " + (fold + 1) + " of " + k;
  }

  /** The rows fold {@code fold} holds out ({@code heldOut}) or trains on, in file order. */
  int[] rows(int fold, boolean heldOut) {
    int[] out = new int[foldOfRow.length];
    int n = 0;
    for (int r = 0; r < foldOfRow.length; r++) {
      if ((foldOfRow[r] == fold) == heldOut) {
        out[n++] = r;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The query group sizes of {@link #rows}, or null when the data has no groups. */
  int[] groupSizes(int fold, boolean heldOut) {
    if (groups == null) {
      return null;
    }
    int[] out = new int[groups.length];
    int n = 0;
    for (int g = 0, row = 0; g < groups.length; row += groups[g], g++) {
      if ((foldOfRow[row] == fold) == heldOut) {
        out[n++] = groups[g];
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Fold {@code fold}'s training and held-out rows of {@code all}, copied; closing the split frees them.
   */
  DataPart.Split split(DataPart all, int fold, BufferAllocator allocator) {
    DataPart.Copy test = part(all, fold, true, allocator);
    try {
      return DataPart.Split.owning(part(all, fold, false, allocator), test);
    } catch (RuntimeException e) {
      test.close();
      throw e;
    }
  }

  /** One side of fold {@code fold}, copied: the held-out rows named as the fold, the rest "not fold ...". */
  DataPart.Copy part(DataPart all, int fold, boolean heldOut, BufferAllocator allocator) {
    return DataPart.copy(all, rows(fold, heldOut), groupSizes(fold, heldOut),
        heldOut ? name(fold) : "not " + name(fold), allocator);
  }
}
