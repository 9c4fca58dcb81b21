package dev.boreal.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks {@link Tree}'s depth, routing of binned rows, scaling and equality. */
class TreeTest {

  /** A chain of three numeric nodes down the right side: depth 3, four leaves. */
  private static Tree chain() {
    return PredictorFixtures.tree(new int[] {0, 1, 0}, new double[] {1.0, 0.0, 2.0}, new int[] {0, 1, 1},
        new boolean[] {true, false, true}, new long[][] {null, null, null}, new int[] {~0, ~1, ~2},
        new int[] {1, 2, ~3}, new double[] {1, 2, 3, 4});
  }

  @Test
  void depthCountsInternalNodesOnTheLongestPath() {
    assertEquals(0, Tree.constant(1.0, 1, 1).depth());
    assertEquals(1, PredictorFixtures.treeC().depth());
    assertEquals(2, PredictorFixtures.treeA().depth());
    assertEquals(2, PredictorFixtures.treeB().depth());
    assertEquals(3, chain().depth());
  }

  @Test
  void leafOfBinsRoutesNumericMissingAndCategoricalBins() {
    Tree a = PredictorFixtures.treeA();
    int[] missing = {4, 4, 4};
    // f0 bin 1 <= threshold bin 1 → left; f1 bin 1 <= 1 → leaf 0, bin 2 → leaf 1, missing → right (leaf 1).
    assertEquals(0, a.leafOfBins(new int[] {1, 1, 0}, missing));
    assertEquals(1, a.leafOfBins(new int[] {1, 2, 0}, missing));
    assertEquals(1, a.leafOfBins(new int[] {0, 4, 0}, missing));
    // f0 missing → default left.
    assertEquals(0, a.leafOfBins(new int[] {4, 0, 0}, missing));
    // f0 bin 2 → right, then categorical bins {0, 2} go left (leaf 2), others right (leaf 3).
    assertEquals(2, a.leafOfBins(new int[] {2, 0, 0}, missing));
    assertEquals(2, a.leafOfBins(new int[] {3, 0, 2}, missing));
    assertEquals(3, a.leafOfBins(new int[] {3, 0, 1}, missing));
    assertEquals(3, a.leafOfBins(new int[] {3, 0, 4}, missing));
    assertEquals(0, Tree.constant(2.0, 1, 1).leafOfBins(new int[] {0, 0, 0}, missing));
  }

  @Test
  void scaledMultipliesLeafValuesOnly() {
    Tree a = PredictorFixtures.treeA();
    Tree half = a.scaled(0.5);
    for (int l = 0; l < a.numLeaves(); l++) {
      assertEquals(a.leafValue(l) * 0.5, half.leafValue(l), 0.0);
      assertEquals(a.leafHessian(l), half.leafHessian(l), 0.0);
      assertEquals(a.leafCount(l), half.leafCount(l));
    }
    for (int n = 0; n < a.numNodes(); n++) {
      assertEquals(a.feature(n), half.feature(n));
      assertEquals(a.left(n), half.left(n));
      assertEquals(a.right(n), half.right(n));
      assertEquals(a.gain(n), half.gain(n), 0.0);
    }
    assertEquals(a, a.scaled(1.0));
    assertNotEquals(a, half);
  }

  @Test
  void equalityComparesEveryArray() {
    assertEquals(PredictorFixtures.treeA(), PredictorFixtures.treeA());
    assertEquals(PredictorFixtures.treeA().hashCode(), PredictorFixtures.treeA().hashCode());
    assertNotEquals(PredictorFixtures.treeA(), PredictorFixtures.treeB());
    assertNotEquals(PredictorFixtures.treeA(), null);
    Tree otherBitset = PredictorFixtures.tree(new int[] {0, 1, 2}, new double[] {2.0, 0.0, Double.NaN},
        new int[] {1, 1, -1}, new boolean[] {true, false, false}, new long[][] {null, null, {0b111L}},
        new int[] {1, ~0, ~2}, new int[] {2, ~1, ~3}, new double[] {0.25, -0.5, 1.125, 0.75});
    assertNotEquals(PredictorFixtures.treeA(), otherBitset);
    assertEquals(Tree.constant(1.0, 2.0, 3), Tree.constant(1.0, 2.0, 3));
    assertNotEquals(Tree.constant(1.0, 2.0, 3), Tree.constant(1.0, 2.0, 4));
  }

  @Test
  void gettersExposeKindsAndCopies() {
    Tree a = PredictorFixtures.treeA();
    assertEquals(4, a.numLeaves());
    assertEquals(3, a.numNodes());
    assertTrue(a.isCategorical(2));
    assertFalse(a.isCategorical(0));
    assertNull(a.leftCategoryBins(0));
    long[] bins = a.leftCategoryBins(2);
    bins[0] = 0;
    assertArrayEquals(new long[] {0b101L}, a.leftCategoryBins(2), "the bitset getter returns a copy");
  }

}
