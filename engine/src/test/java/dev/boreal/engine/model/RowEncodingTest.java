package dev.boreal.engine.model;

import static dev.boreal.engine.model.PredictorFixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.engine.objective.Link;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How rows are encoded for the trees ({@link RowEncoding}, and the same rules inside {@link Predictor}):
 * category codes in {@code double[]} rows and names in maps, unknown codes, zeros of a zero-as-missing
 * feature, NaN of a feature whose NaN is zero, and encoded rows routing as the naive walk.
 */
class RowEncodingTest {
  @Test
  void mapValuesOfEveryKind() {
    Predictor p = models().get(0).predictor();
    double[] expected = new double[1];
    double[] got = new double[1];
    p.predictRaw(new double[] {1.0, 0.0, 3.0}, expected);
    p.predictRaw(Map.of("f0", true, "f1", false, "f2", 3), got);
    assertArrayEquals(expected, got, 0.0);
    p.predictRaw(Map.of("f0", " 1 ", "f1", 0L, "f2", "3"), got);
    assertArrayEquals(expected, got, 0.0);

    InputException absent = assertThrows(InputException.class,
        () -> p.predictRaw(Map.of("f0", 1.0, "f2", "3"), got));
    assertEquals("The row has no value for feature 'f1'.", absent.getMessage());
    InputException text = assertThrows(InputException.class,
        () -> p.predictRaw(Map.of("f0", "abc", "f1", 0.0, "f2", "3"), got));
    assertEquals("Feature 'f0' is numeric, but the row gives 'abc'.", text.getMessage());
    assertThrows(InputException.class, () -> p.predictRaw(Map.of("f0", List.of(), "f1", 0.0, "f2", "3"), got));
    assertEquals("The row is null; give a map from feature name to value.",
        assertThrows(InputException.class, () -> p.predictRaw((Map<String, ?>) null, got)).getMessage());
  }

  @Test
  void aMapRowLeavesItsEncodedFormBehindAndScoresTheSame() {
    Model m = model(MISSING_MAPPERS, Link.IDENTITY, new double[] {0}, List.of(treeA(), treeB()),
        Model.Ensemble.SUM, 2);
    Predictor p = m.predictor();
    List<Map<String, Object>> rows = List.of(Map.of("f0", 2.5, "f1", 0.0, "f2", "never seen"),
        Map.of("f0", -1, "f1", Math.nextUp(ZERO), "f2", ""), Map.of("f0", "3", "f1", 4.0, "f2", 7.0));
    for (Map<String, Object> row : rows) {
      double[] expected = new double[1];
      double[] got = new double[1];
      double[] encodedHere = new double[3];
      double[] encoded = new double[] {9, 9, 9, 9};
      p.predictRaw(row, expected);
      p.predictRaw(row, encoded, got);
      p.encoding().encodeRow(row, encodedHere);
      assertArrayEquals(expected, got, 0.0, row.toString());
      assertArrayEquals(encodedHere, Arrays.copyOf(encoded, 3), 0.0, row.toString());
      assertEquals(9, encoded[3], 0.0, "values past the row are left alone");
    }
    assertThrows(IllegalArgumentException.class, () -> p.predictRaw(rows.get(0), new double[2], new double[1]));
  }

  @Test
  void categoriesInDoubleRowsAreNumericNames() {
    Model m = model(Link.IDENTITY, new double[] {0}, List.of(treeA()), Model.Ensemble.SUM, 1);
    Predictor p = m.predictor();
    // Row takes the f2 node (f0 > 2): category "3" and "a" go left (leaf 2), others right (leaf 3).
    assertEquals(1.125, p.predict(new double[] {2.5, 0, 3.0}), 0.0);
    assertEquals(1.125, p.predict(new double[] {2.5, 0, 3.000}), 0.0);
    assertEquals(0.75, p.predict(new double[] {2.5, 0, 7.0}), 0.0);
    assertEquals(0.75, p.predict(new double[] {2.5, 0, 10.0}), 0.0);
    assertEquals(0.75, p.predict(new double[] {2.5, 0, Double.NaN}), 0.0, "NaN is missing");
    double[] out = new double[1];
    assertEquals("Feature 'f2' has no category with code 99; its codes are the numeric names of its categories "
        + "('3', '7', 'a', '10'), and NaN is missing, which is how the model scores a category it does not "
        + "know.",
        assertThrows(InputException.class, () -> p.predict(new double[] {2.5, 0, 99.0})).getMessage());
    assertTrue(assertThrows(InputException.class, () -> p.predictRaw(new double[] {2.5, 0, 3.5}, out))
        .getMessage().contains("no category with code 3.5"));
    double[] batch = {2.5, 0, 3.0, 2.5, 0, 7.0, 2.5, 0, -1.0};
    assertTrue(assertThrows(InputException.class, () -> p.predict(batch, 3, new double[3]))
        .getMessage().startsWith("Row 2: feature 'f2' has no category with code -1;"));
    assertTrue(assertThrows(InputException.class, () -> p.encoding().encodeRows(batch, 3))
        .getMessage().startsWith("Row 2: feature 'f2'"));
    assertEquals("A row needs 3 values (the model's features in schema order), but 2 values were given.",
        assertThrows(InputException.class, () -> p.predict(new double[] {2.5, 0})).getMessage());
    assertEquals("A row needs 3 values (the model's features in schema order), but null were given.",
        assertThrows(InputException.class, () -> p.predictRaw((double[]) null, out)).getMessage());
    assertTrue(assertThrows(InputException.class, () -> p.predict(batch, 4, new double[4]))
        .getMessage().startsWith("4 rows of 3 features need 12 values, but 9 values were given."));
  }

  @Test
  void categoryCodesTurnNamesIntoTheNumbersOfDoubleRows() {
    Predictor p = model(Link.IDENTITY, new double[] {0}, List.of(treeA()), Model.Ensemble.SUM, 1).predictor();
    assertEquals(3.0, p.categoryCode("f2", "3"), 0.0);
    assertEquals(10.0, p.categoryCode("f2", "10"), 0.0);
    assertEquals(p.predict(new double[] {2.5, 0, 3.0}),
        p.predict(new double[] {2.5, 0, p.categoryCode("f2", "3")}), 0.0);
    assertEquals("Feature 'f2' cannot give category 'a' a code in a double[] row: only a category named by a "
        + "number has one (and the more frequent of \"1\" and \"1.0\"); give such rows as a Map or a RowBatch.",
        assertThrows(InputException.class, () -> p.categoryCode("f2", "a")).getMessage());
    assertEquals("Feature 'f2' has no category '99'; its categories are '3', '7', 'a', '10'.",
        assertThrows(InputException.class, () -> p.categoryCode("f2", "99")).getMessage());
    assertEquals("The model has no categorical feature 'f0'.",
        assertThrows(InputException.class, () -> p.categoryCode("f0", "3")).getMessage());
  }

  @Test
  void encodedRowsRouteAsTheNaiveWalk() {
    Object[][] rows = randomRows(301, false, 8);
    double[] batch = new double[rows.length * 3];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(doubleRow(rows[r]), 0, batch, r * 3, 3);
    }
    double[] original = batch.clone();
    for (Model m : models()) {
      Predictor p = m.predictor();
      double[] encoded = p.encoding().encodeRows(batch, rows.length);
      assertArrayEquals(original, batch, 0.0, "the caller's rows are not modified");
      int k = m.numOutputs();
      double[] raw = new double[k];
      double[] one = new double[3];
      for (boolean portable : new boolean[] {false, true}) {
        FlatTrees trees = new FlatTrees(m, p.iterations(), portable, false);
        for (int r = 0; r < rows.length; r++) {
          p.encoding().encodeRow(Arrays.copyOfRange(batch, r * 3, r * 3 + 3), one);
          assertArrayEquals(Arrays.copyOfRange(encoded, r * 3, r * 3 + 3), one, 0.0, "row " + r);
          trees.raw(encoded, r * 3, 1, raw, 0);
          assertArrayEquals(naiveRaw(m, p.iterations(), rows[r]), raw, 0.0, "row " + r);
        }
      }
    }
  }

  @Test
  void zerosOfAZeroAsMissingFeatureScoreAsNaNAndUnknownCategoriesApartFromMissing() {
    Model m = model(MISSING_MAPPERS, Link.IDENTITY, new double[] {0}, List.of(treeA(), treeB()),
        Model.Ensemble.SUM, 2);
    Predictor p = m.predictor();
    // f0 = 2.5 takes treeA to its f2 node, which sends bins 0 and 2 left: unknown and missing go right, to
    // 0.75. A missing f1 goes right at treeB's root, to 0.7; a small f1 goes left to its f2 node, which
    // sends bins 1 and 4 left: category 7 and unknown categories to -0.3, missing ones right to 0.1.
    assertEquals(0.75 + 0.7, p.predict(new double[] {2.5, Double.NaN, Double.NaN}), 0.0);
    for (double zero : new double[] {0.0, -0.0, 1e-36, ZERO, -ZERO}) {
      assertEquals(0.75 + 0.7, p.predict(new double[] {2.5, zero, Double.NaN}), 0.0, "f1 = " + zero);
    }
    double small = Math.nextUp(ZERO);
    double[] raw = new double[1];
    p.predictRaw(Map.of("f0", 2.5, "f1", small, "f2", 99.0), raw);
    assertEquals(0.75 - 0.3, raw[0], 0.0, "a number a map gives that names no category is unknown, and goes left");
    assertEquals(0.75 - 0.3, p.predict(new double[] {2.5, small, 99.0}), 0.0,
        "with an unknown bin apart from missing (XGBoost's), a double[] row's unknown code goes there too");
    assertEquals(0.75 + 0.1, p.predict(new double[] {2.5, small, Double.NaN}), 0.0, "missing goes right");
    assertEquals(0.75 - 0.3, p.predict(new double[] {2.5, small, 7.0}), 0.0, "category 7 goes left");
    p.predictRaw(Map.of("f0", 2.5, "f1", "0", "f2", "never seen"), raw);
    assertEquals(0.75 + 0.7, raw[0], 0.0);
    p.predictRaw(Map.of("f0", 2.5, "f1", small, "f2", "never seen"), raw);
    assertEquals(0.75 - 0.3, raw[0], 0.0);
    p.predictRaw(Map.of("f0", 2.5, "f1", small, "f2", ""), raw);
    assertEquals(0.75 + 0.1, raw[0], 0.0);
  }

  @Test
  void nanOfAFeatureWhoseNaNIsZeroScoresAsZeroInEveryForm() {
    List<Tree> trees = List.of(treeA(), treeB(), treeC());
    Predictor learned = model(MAPPERS, Link.IDENTITY, new double[] {0}, trees, Model.Ensemble.SUM, 3).predictor();
    Predictor p = model(NAN_ZERO_MAPPERS, Link.IDENTITY, new double[] {0}, trees, Model.Ensemble.SUM, 3).predictor();
    // NaN as 0.0: treeA f0 <= 2 then f1 <= 0 left (0.25), treeB f1 <= 5 left then "3" right (0.1), treeC left
    // (0.05). Learned directions send NaN right at treeA's f1 node (-0.5), treeB's root (0.7) and treeC's (-0.05).
    double zeros = 0.25 + 0.1 + 0.05;
    assertEquals(zeros, p.predict(new double[] {0.0, 0.0, 3.0}), 0.0);
    assertEquals(zeros, p.predict(new double[] {Double.NaN, Double.NaN, 3.0}), 0.0);
    assertEquals(-0.5 + 0.7 - 0.05, learned.predict(new double[] {Double.NaN, Double.NaN, 3.0}), 0.0);
    Map<String, Object> nulls = new HashMap<>();
    nulls.put("f0", null);
    nulls.put("f1", "");
    nulls.put("f2", "3");
    double[] raw = new double[1];
    p.predictRaw(nulls, raw);
    assertEquals(zeros, raw[0], 0.0, "null and the empty string are missing, so zero");
  }
}
