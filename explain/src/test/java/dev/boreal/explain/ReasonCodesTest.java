package dev.boreal.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReasonCodesTest {
  @Test
  void largestPositiveContributionsComeFirst() {
    double[] c = {0.1, -2.0, 0.7, 0.0, 0.3, Double.NaN, 0.7};
    int[] out = new int[3];
    assertEquals(3, ReasonCodes.top(c, 0, c.length, 3, out));
    assertArrayEquals(new int[] {2, 6, 4}, out, "0.7 twice (earlier feature first), then 0.3");
  }

  @Test
  void fewerPositiveContributionsLeaveEmptySlots() {
    double[] c = {-0.1, 0.2, 0.0, -3};
    int[] out = new int[3];
    assertEquals(1, ReasonCodes.top(c, 0, c.length, 3, out));
    assertArrayEquals(new int[] {1, ReasonCodes.NONE, ReasonCodes.NONE}, out);
  }

  @Test
  void downwardReasonsAreTheMostNegativeFirst() {
    double[] c = {0.1, -2.0, 0.7, 0.0, -0.3, Double.NaN, -2.0};
    int[] out = new int[4];
    assertEquals(3, ReasonCodes.bottom(c, 0, c.length, 4, out));
    assertArrayEquals(new int[] {1, 6, 4, ReasonCodes.NONE}, out, "-2.0 twice (earlier feature first), then -0.3");
    assertEquals(1, ReasonCodes.bottom(c, 0, c.length, 1, out));
    assertEquals(1, out[0]);
  }

  @Test
  void agreesWithSortingOnRandomRows() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 500; trial++) {
      int features = 1 + random.nextInt(30);
      int k = 1 + random.nextInt(8);
      double[] c = new double[features + 3];
      for (int f = 0; f < c.length; f++) {
        // Few distinct values, so ties happen often.
        c[f] = (random.nextInt(9) - 4) * 0.25;
      }
      int from = 3;
      int[] expected = IntStream.range(0, features).filter(f -> c[from + f] > 0).boxed()
          .sorted(Comparator.<Integer>comparingDouble(f -> -c[from + f]).thenComparingInt(f -> f))
          .limit(k).mapToInt(Integer::intValue).toArray();
      int[] want = Arrays.copyOf(expected, k);
      Arrays.fill(want, expected.length, k, ReasonCodes.NONE);
      int[] out = new int[k];
      assertEquals(expected.length, ReasonCodes.top(c, from, features, k, out));
      assertArrayEquals(want, out, Arrays.toString(c));
    }
  }

  @Test
  void rowsUseTheirExplainedOutputAndIgnoreTheExpectedValue() {
    // 2 rows, 2 outputs, 3 features; each block ends with the expected value.
    double[] shap = {
      0.5, 0.1, 0.2, 9.0, /* row 0, output 0 */ -0.5, 0.3, 0.4, 0.0, /* row 0, output 1 */
      0.1, 0.2, 0.3, -1.0, /* row 1, output 0 */ 0.9, 0.8, -0.1, 0.0 /* row 1, output 1 */
    };
    int[] predicted = ReasonCodes.predictedOutputs(shap, 2, 2, 3);
    assertArrayEquals(new int[] {0, 1}, predicted, "row 0: 9.8 > 0.2; row 1: -0.4 < 1.6");
    assertArrayEquals(new int[] {0, 2, 0, 1}, ReasonCodes.forRows(shap, 2, 2, 3, predicted, 2),
        "row 0 output 0: x0, x2; row 1 output 1: x0, x1");
    assertArrayEquals(new int[] {0, 2, 2, 1}, ReasonCodes.forRows(shap, 2, 2, 3, null, 2),
        "output 0 for both rows");
  }
}
