package dev.boreal.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.engine.Parallel;
import dev.boreal.histogram.BinMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
  private static final BinMapper NUMERIC = BinMapper.ofNumeric(new double[] {Double.POSITIVE_INFINITY}, false);

  @Test
  void standardisesImputesMissingWithAnIndicatorAndOneHotsKnownCategories() {
    double nan = Double.NaN;
    try (Columns c = new Columns()
        .numeric("x", new double[] {1, 2, 3, nan, Double.POSITIVE_INFINITY})
        .numeric("flat", new double[] {7, 7, 7, 7, 7})
        // "green" is a category the mapper does not know: it and missing give all zeros.
        .categorical("colour", new int[] {0, 1, 2, -1, 0}, new String[] {"red", "blue", "green"});
        Parallel parallel = new Parallel(1)) {
      List<BinMapper> mappers = List.of(NUMERIC, NUMERIC, BinMapper.ofCategorical(new String[] {"blue", "red"}, false));
      Preprocessing prep = Preprocessing.fit(c.list, mappers, parallel);
      assertEquals(2.0, prep.mean(0));
      assertEquals(Math.sqrt(2.0 / 3), prep.scale(0), 1e-15);
      assertTrue(prep.hasMissingIndicator(0), "x had missing (and infinite) values");
      assertEquals(1.0, prep.scale(1), "a constant feature keeps scale 1");
      assertTrue(!prep.hasMissingIndicator(1));
      assertEquals(2 + 1 + 2, prep.inputs());
      double[] x = MlpTrainer.encode(prep, c.list, parallel);
      double s = prep.scale(0);
      double[] expected = {
        -1 / s, 0, 0, 0, 1,
        0, 0, 0, 1, 0,
        1 / s, 0, 0, 0, 0,
        0, 1, 0, 0, 0,
        0, 1, 0, 0, 1,
      };
      assertArrayEquals(expected, x, 1e-15);

      // The row API reads categories by numeric name only; with names that are not numbers, every category
      // is unknown there, but by index the same rows encode as the columns do.
      double[] byIndex = {1, 7, 1, 3, 7, 0, Double.NEGATIVE_INFINITY, 7, -1};
      double[] out = new double[3 * prep.inputs()];
      prep.encodeRows(byIndex, 0, 3, out, true);
      assertArrayEquals(new double[] {-1 / s, 0, 0, 0, 1, 1 / s, 0, 0, 1, 0, 0, 1, 0, 0, 0}, out, 1e-15);
      // By name, a number for a feature whose categories are text is an error naming the row, feature and code.
      double[] byName = {1, 7, Double.NaN, 3, 7, 1};
      InputException e = assertThrows(InputException.class, () -> prep.encodeRows(byName, 3, 1, out, false));
      assertEquals("Row 1: feature 'colour' names its categories by text ('blue', 'red'), so a double[] row cannot "
          + "hold 1 for it; NaN is missing, and named categories need a Map or a RowBatch.", e.getMessage());
      prep.encodeRows(byName, 0, 1, out, false);
      assertArrayEquals(new double[] {-1 / s, 0, 0, 0, 0}, Arrays.copyOf(out, 5), 1e-15, "NaN is missing");
    }
  }

  @Test
  void columnsAreMatchedByNameAndKind() {
    try (Columns train = new Columns().numeric("a", new double[] {1, 2}).numeric("b", new double[] {3, 4});
        Columns other = new Columns().numeric("b", new double[] {5, 6}).numeric("a", new double[] {1, 2});
        Columns wrongKind = new Columns().numeric("a", new double[] {1, 2})
            .categorical("b", new int[] {0, 0}, new String[] {"z"});
        Parallel parallel = new Parallel(1)) {
      Preprocessing prep = Preprocessing.fit(train.list, List.of(NUMERIC, NUMERIC), parallel);
      double[] swapped = MlpTrainer.encode(prep, other.list, parallel);
      assertEquals(-1.0, swapped[0], 1e-15, "a = 1 is one deviation below its mean, whatever the column order");
      InputException e = assertThrows(InputException.class, () -> prep.encoder(wrongKind.list));
      assertEquals("Feature 'b' is numeric in the model, but its column is categorical.", e.getMessage());
      InputException missing = assertThrows(InputException.class, () -> prep.encoder(train.list.subList(0, 1)));
      assertEquals("The data has no column for feature 'b'.", missing.getMessage());
    }
  }
}
