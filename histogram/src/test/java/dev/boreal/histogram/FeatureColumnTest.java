package dev.boreal.histogram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;

/**
 * Bulk reads through buffer views against their twin, Arrow's own checked getters value by value, on columns
 * with nulls, ranges that start and end inside a validity byte, a lone row and an empty range.
 */
class FeatureColumnTest {
  private static final int ROWS = 1_000;
  /** Ranges [from, to): whole, unaligned both ends, within one validity byte, one row, empty. */
  private static final int[][] RANGES = {{0, ROWS}, {3, 997}, {9, 14}, {8, 16}, {517, 518}, {40, 40}, {999, 1000}};

  @Test
  void doublesFloatsAndCodesReadAsTheirGettersSay() {
    SplittableRandom random = new SplittableRandom(7);
    try (RootAllocator allocator = new RootAllocator();
        Float8Vector doubles = new Float8Vector("d", allocator);
        Float4Vector floats = new Float4Vector("f", allocator);
        IntVector codes = new IntVector("c", allocator)) {
      doubles.allocateNew(ROWS);
      floats.allocateNew(ROWS);
      codes.allocateNew(ROWS);
      for (int r = 0; r < ROWS; r++) {
        // Nulls in runs and alone, and values that are themselves special: -0.0, infinities, NaN stored as a value.
        boolean isNull = random.nextInt(5) == 0 || (r >= 100 && r < 140);
        double value = switch (random.nextInt(20)) {
          case 0 -> -0.0;
          case 1 -> Double.NEGATIVE_INFINITY;
          default -> random.nextDouble(-1e6, 1e6);
        };
        if (isNull) {
          doubles.setNull(r);
          floats.setNull(r);
          codes.setNull(r);
        } else {
          doubles.set(r, value);
          floats.set(r, (float) value);
          codes.set(r, random.nextInt(50));
        }
      }
      doubles.setValueCount(ROWS);
      floats.setValueCount(ROWS);
      codes.setValueCount(ROWS);
      FeatureColumn d = FeatureColumn.numeric("d", doubles);
      FeatureColumn f = FeatureColumn.numeric("f", floats);
      FeatureColumn c = FeatureColumn.categorical("c", codes, new String[50]);
      for (int[] range : RANGES) {
        int from = range[0];
        int to = range[1];
        int n = to - from;
        double[] expectedDoubles = new double[n + 1];
        double[] expectedFloats = new double[n + 1];
        int[] expectedCodes = new int[n + 1];
        for (int r = from; r < to; r++) {
          expectedDoubles[r - from] = doubles.isNull(r) ? Double.NaN : doubles.get(r);
          expectedFloats[r - from] = floats.isNull(r) ? Double.NaN : floats.get(r);
          expectedCodes[r - from] = codes.isNull(r) ? FeatureColumn.MISSING_CODE : codes.get(r);
        }
        // One slot past the range keeps its sentinel: a read writes exactly its rows.
        expectedDoubles[n] = 42;
        expectedFloats[n] = 42;
        expectedCodes[n] = 42;
        double[] actualDoubles = new double[n + 1];
        double[] actualFloats = new double[n + 1];
        int[] actualCodes = new int[n + 1];
        actualDoubles[n] = 42;
        actualFloats[n] = 42;
        actualCodes[n] = 42;
        d.readValues(from, to, actualDoubles);
        f.readValues(from, to, actualFloats);
        c.readCodes(from, to, actualCodes);
        String where = "rows [" + from + ", " + to + ")";
        assertBitsEqual(expectedDoubles, actualDoubles, "doubles, " + where);
        assertBitsEqual(expectedFloats, actualFloats, "floats, " + where);
        assertArrayEquals(expectedCodes, actualCodes, "codes, " + where);
      }
    }
  }

  private static void assertBitsEqual(double[] expected, double[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
          what + " at " + i + ": " + expected[i] + " against " + actual[i]);
    }
  }
}
