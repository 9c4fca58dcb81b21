package dev.boreal.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One explanation is consistent with itself and with the model: SHAP values and the expected value add up
 * to the raw score, the raw score is the predictor's, the reasons are the explained output's largest
 * positive and negative contributions with the row's values, and a batch explained from columns, or a row
 * given as a map, equals its rows explained one by one.
 */
class RowExplainerTest {

  @ParameterizedTest(name = "{1} outputs, {2}")
  @CsvSource({"11, 1, SUM", "12, 3, SUM", "13, 1, AVERAGE"})
  void explanationsAddUpAndMatchThePredictor(long seed, int outputs, Model.Ensemble ensemble) {
    SplittableRandom random = new SplittableRandom(seed);
    int features = 6;
    Model model = RandomModels.model(random, features, 8, outputs, 4, ensemble);
    RowExplainer explainer = RowExplainer.of(model);
    int rows = 60;
    double[] x = RandomModels.rows(random, features, rows);
    List<Explanation> batch;
    try (BufferAllocator allocator = new RootAllocator(); Columns columns = new Columns(x, rows, features, allocator)) {
      batch = explainer.explain(columns.list, 2);
    }
    assertEquals(rows, batch.size());
    double[] raw = new double[outputs];
    for (int r = 0; r < rows; r++) {
      double[] row = Arrays.copyOfRange(x, r * features, (r + 1) * features);
      Explanation e = explainer.explain(row, 2);
      model.predictor().predictRaw(row, raw);
      int best = 0;
      for (int k = 0; k < outputs; k++) {
        double sum = e.expectedValue(k);
        for (int f = 0; f < features; f++) {
          sum += e.contribution(k, f);
          assertEquals(e.contribution(k, f), batch.get(r).contribution(k, f), 1e-12);
        }
        assertEquals(raw[k], e.raw(k), 0.0, "row " + r + " output " + k);
        assertEquals(raw[k], batch.get(r).raw(k), 0.0);
        assertEquals(raw[k], sum, 1e-9 * Math.max(1, Math.abs(raw[k])), "additivity, row " + r);
        best = raw[k] > raw[best] ? k : best;
      }
      assertEquals(best, e.explainedOutput());
      assertReasons(e, features, row);
      assertSameReasons(e, batch.get(r), row);
      Explanation named = explainer.explain(named(row), 2);
      for (int f = 0; f < features; f++) {
        assertEquals(e.contribution(best, f), named.contribution(best, f), 0.0, "a map row explains as its double[]");
      }
      assertSameReasons(e, named, row);
    }
  }

  @Test
  void badRowsAreInputExceptionsNamingTheFeature() {
    SplittableRandom random = new SplittableRandom(3);
    RowExplainer explainer = RowExplainer.of(RandomModels.model(random, 6, 8, 1, 4, Model.Ensemble.SUM));
    double[] row = RandomModels.rows(random, 6, 1);
    Map<String, Object> named = named(row);
    named.remove("x2");
    assertEquals("The row has no value for feature 'x2'.",
        assertThrows(InputException.class, () -> explainer.explain(named, 2)).getMessage());
    assertTrue(assertThrows(InputException.class, () -> explainer.explain(new double[5], 2)).getMessage()
        .startsWith("A row needs 6 values"));
    int categorical = RandomModels.isCategorical(0) ? 0 : 1;
    row[categorical] = 99;
    assertTrue(assertThrows(InputException.class, () -> explainer.explain(row, 2)).getMessage()
        .startsWith("Feature 'x" + categorical + "' has no category with code 99;"));
  }

  /** A row as a map: numbers as Doubles, categories by their names, missing values as null. */
  private static Map<String, Object> named(double[] row) {
    Map<String, Object> out = new HashMap<>();
    for (int f = 0; f < row.length; f++) {
      out.put("x" + f, Double.isNaN(row[f]) ? null : RandomModels.isCategorical(f) ? name(row[f]) : row[f]);
    }
    return out;
  }

  private static String name(double code) {
    return Integer.toString((int) code);
  }

  /**
   * The same reasons in both directions (feature and contribution), each with the row's value in the other
   * explanation's form: a category's name where that one was given by name.
   */
  private static void assertSameReasons(Explanation e, Explanation other, double[] row) {
    List<List<Explanation.Reason>> both = List.of(e.reasons(), e.reasonsDown());
    List<List<Explanation.Reason>> others = List.of(other.reasons(), other.reasonsDown());
    for (int d = 0; d < 2; d++) {
      assertEquals(both.get(d).size(), others.get(d).size());
      for (int i = 0; i < both.get(d).size(); i++) {
        Explanation.Reason a = both.get(d).get(i);
        Explanation.Reason b = others.get(d).get(i);
        assertEquals(a.index(), b.index());
        assertEquals(a.contribution(), b.contribution(), 1e-12);
        double value = row[a.index()];
        assertEquals(Double.isNaN(value) ? null : b.value() instanceof String ? name(value) : value, b.value());
      }
    }
  }

  /**
   * Reasons are the top positive contributions of the explained output, largest first, and the top negative
   * ones, most negative first, as ReasonCodes ranks them; each carries the row's value (null when missing).
   */
  private static void assertReasons(Explanation e, int features, double[] row) {
    double[] values = new double[features];
    for (int f = 0; f < features; f++) {
      values[f] = e.contribution(e.explainedOutput(), f);
    }
    int[] up = new int[2];
    int[] down = new int[2];
    assertReasons(e.reasons(), up, ReasonCodes.top(values, 0, features, 2, up), 1.0, row);
    assertReasons(e.reasonsDown(), down, ReasonCodes.bottom(values, 0, features, 2, down), -1.0, row);
  }

  private static void assertReasons(List<Explanation.Reason> reasons, int[] expected, int count, double sign,
      double[] row) {
    assertEquals(count, reasons.size());
    double previous = Double.POSITIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      Explanation.Reason reason = reasons.get(i);
      assertEquals(expected[i], reason.index());
      assertEquals("x" + expected[i], reason.feature());
      assertTrue(sign * reason.contribution() > 0 && sign * reason.contribution() <= previous);
      previous = sign * reason.contribution();
      assertEquals(Double.isNaN(row[reason.index()]) ? null : row[reason.index()], reason.value());
    }
  }

  /** Row-major values as Arrow columns: numeric features as doubles, categorical ones as codes of names. */
  private static final class Columns implements AutoCloseable {
    final List<FeatureColumn> list = new ArrayList<>();
    final List<FieldVector> vectors = new ArrayList<>();

    Columns(double[] x, int rows, int features, BufferAllocator allocator) {
      String[] names = {"0", "1", "2", "3", "7"};
      for (int f = 0; f < features; f++) {
        String name = "x" + f;
        if (RandomModels.isCategorical(f)) {
          IntVector v = new IntVector(name, allocator);
          v.allocateNew(rows);
          for (int r = 0; r < rows; r++) {
            double value = x[r * features + f];
            if (Double.isNaN(value)) {
              v.setNull(r);
            } else {
              v.set(r, Arrays.asList(names).indexOf(Integer.toString((int) value)));
            }
          }
          v.setValueCount(rows);
          vectors.add(v);
          list.add(FeatureColumn.categorical(name, v, names));
        } else {
          Float8Vector v = new Float8Vector(name, allocator);
          v.allocateNew(rows);
          for (int r = 0; r < rows; r++) {
            v.set(r, x[r * features + f]);
          }
          v.setValueCount(rows);
          vectors.add(v);
          list.add(FeatureColumn.numeric(name, v));
        }
      }
    }

    @Override
    public void close() {
      vectors.forEach(FieldVector::close);
    }
  }
}
