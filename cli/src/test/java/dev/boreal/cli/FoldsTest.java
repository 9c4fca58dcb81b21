package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fold-splitting seam of {@code cv} and {@code compare --folds}: every row held out once, by its rule. */
class FoldsTest {
  /** Labels of three unbalanced classes: 0 for 61 rows, 1 for 30, 2 for 9, shuffled. */
  private static double[] unbalancedLabels() {
    double[] y = new double[100];
    for (int i = 0; i < y.length; i++) {
      y[i] = i < 61 ? 0 : i < 91 ? 1 : 2;
    }
    SplittableRandom random = new SplittableRandom(3);
    for (int i = y.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double t = y[i];
      y[i] = y[j];
      y[j] = t;
    }
    return y;
  }

  @Test
  void stratifiedFoldsHoldEachClassWithinOneRowOfItsShareAndEveryRowOnce() {
    double[] y = unbalancedLabels();
    int[] classRows = {61, 30, 9};
    for (int k : new int[] {2, 3, 4, 5, 7, 9}) {
      Folds folds = Folds.of(k, 11, y, new String[] {"a", "b", "c"}, null);
      assertEquals(Folds.Kind.STRATIFIED, folds.kind());
      int[] heldOutTimes = new int[y.length];
      int smallest = Integer.MAX_VALUE;
      int largest = 0;
      for (int f = 0; f < k; f++) {
        int[] held = folds.rows(f, true);
        int[] trained = folds.rows(f, false);
        assertEquals(y.length, held.length + trained.length);
        assertIncreasing(held);
        assertIncreasing(trained);
        int[] perClass = new int[3];
        for (int r : held) {
          heldOutTimes[r]++;
          perClass[(int) y[r]]++;
        }
        for (int c = 0; c < 3; c++) {
          double share = (double) classRows[c] / k;
          assertTrue(perClass[c] >= Math.floor(share) && perClass[c] <= Math.ceil(share),
              "k=" + k + " fold " + f + " class " + c + ": " + perClass[c] + " rows for a share of " + share);
        }
        smallest = Math.min(smallest, held.length);
        largest = Math.max(largest, held.length);
      }
      assertTrue(largest - smallest <= 1, "fold sizes " + smallest + ".." + largest);
      for (int times : heldOutTimes) {
        assertEquals(1, times);
      }
    }
  }

  @Test
  void foldsDependOnTheSeedAndOnNothingElse() {
    double[] y = unbalancedLabels();
    String[] classes = {"a", "b", "c"};
    Folds a = Folds.of(5, 7, y, classes, null);
    Folds b = Folds.of(5, 7, y, classes, null);
    Folds c = Folds.of(5, 8, y, classes, null);
    boolean differs = false;
    for (int f = 0; f < 5; f++) {
      assertArrayEquals(a.rows(f, true), b.rows(f, true));
      differs |= !Arrays.equals(a.rows(f, true), c.rows(f, true));
    }
    assertTrue(differs, "another seed deals other folds");
  }

  @Test
  void queryGroupsAreNeverSplitAndStayInOrder() {
    int[] groups = new int[40];
    SplittableRandom random = new SplittableRandom(5);
    int n = 0;
    for (int g = 0; g < groups.length; g++) {
      groups[g] = 1 + random.nextInt(12);
      n += groups[g];
    }
    int[] groupOfRow = new int[n];
    for (int g = 0, row = 0; g < groups.length; row += groups[g], g++) {
      Arrays.fill(groupOfRow, row, row + groups[g], g);
    }
    // Class names as well: groups win, since a ranking label is no class.
    Folds folds = Folds.of(4, 2, new double[n], new String[] {"0", "1"}, groups);
    assertEquals(Folds.Kind.GROUPED, folds.kind());
    int[] foldOfGroup = new int[groups.length];
    Arrays.fill(foldOfGroup, -1);
    int heldOutGroups = 0;
    for (int f = 0; f < 4; f++) {
      int[] held = folds.rows(f, true);
      assertIncreasing(held);
      assertIncreasing(folds.rows(f, false));
      for (int r : held) {
        int g = groupOfRow[r];
        assertTrue(foldOfGroup[g] == -1 || foldOfGroup[g] == f, "group " + g + " is in two folds");
        foldOfGroup[g] = f;
      }
      // The held-out part's group sizes are its groups, whole and in file order.
      int[] sizes = folds.groupSizes(f, true);
      heldOutGroups += sizes.length;
      int at = 0;
      for (int size : sizes) {
        int g = groupOfRow[held[at]];
        assertEquals(groups[g], size);
        assertEquals(g, groupOfRow[held[at + size - 1]]);
        at += size;
      }
      assertEquals(held.length, at);
      assertEquals(n - held.length, Arrays.stream(folds.groupSizes(f, false)).sum());
    }
    assertEquals(groups.length, heldOutGroups, "every group is held out exactly once");
  }

  @Test
  void regressionFoldsAreShuffledRowsOfEqualSize() {
    Folds folds = Folds.of(3, 0, new double[10], null, null);
    assertEquals(Folds.Kind.SHUFFLED, folds.kind());
    int[] sizes = new int[3];
    for (int f = 0; f < 3; f++) {
      sizes[f] = folds.rows(f, true).length;
    }
    assertArrayEquals(new int[] {4, 3, 3}, sizes);
    assertFalse(Arrays.equals(new int[] {0, 1, 2, 3}, folds.rows(0, true)), "rows are shuffled, not cut in runs");
  }

  @Test
  void impossibleFoldsAreRefusedWithASentence() {
    assertEquals("--folds must be between 2 and the number of rows (10); got 1.",
        assertThrows(UsageException.class, () -> Folds.of(1, 0, new double[10], null, null)).getMessage());
    assertEquals("--folds must be between 2 and the number of query groups (3); got 4.",
        assertThrows(UsageException.class, () -> Folds.of(4, 0, new double[9], null, new int[] {3, 3, 3}))
            .getMessage());
    double[] y = {0, 0, 0, 0, 0, 0, 1, 1, 1};
    assertEquals("Class 'yes' has 3 rows, fewer than the 4 folds, so stratified folds cannot each hold one of its "
        + "rows; use --folds 3 or fewer.", assertThrows(UsageException.class,
            () -> Folds.of(4, 0, y, new String[] {"no", "yes"}, null)).getMessage());
  }

  private static void assertIncreasing(int[] rows) {
    for (int i = 1; i < rows.length; i++) {
      assertTrue(rows[i - 1] < rows[i], "rows keep file order");
    }
  }
}
