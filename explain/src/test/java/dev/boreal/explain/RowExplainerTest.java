package dev.boreal.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.model.Model;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One explanation is consistent with itself and with the model: SHAP values and the expected value add up
 * to the raw score, the raw score is the predictor's, the reasons are the explained output's largest
 * positive contributions, and a batch explained from columns equals its rows explained one by one.
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
      assertReasons(e, features);
      assertEquals(e.reasons(), batch.get(r).reasons());
    }
  }

  /** Reasons are the top positive contributions of the explained output, largest first, as ReasonCodes. */
  private static void assertReasons(Explanation e, int features) {
    double[] values = new double[features];
    for (int f = 0; f < features; f++) {
      values[f] = e.contribution(e.explainedOutput(), f);
    }
    int[] expected = new int[2];
    int count = ReasonCodes.top(values, 0, features, 2, expected);
    assertEquals(count, e.reasons().size());
    double previous = Double.POSITIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      Explanation.Reason reason = e.reasons().get(i);
      assertEquals(expected[i], reason.index());
      assertEquals("x" + expected[i], reason.feature());
      assertTrue(reason.contribution() > 0 && reason.contribution() <= previous);
      previous = reason.contribution();
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
