package dev.boreal.engine.forest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.params.Params;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same seed gives a bit-identical forest, validation history and out-of-bag predictions with 1, 2
 * and 3 threads; another seed gives another forest. The training set is large enough that scoring runs
 * in several parallel blocks of rows, and trees finish out of order.
 */
class ThreadCountTest {

  @ParameterizedTest(name = "{0} classes, extra_trees={1}, weighted={2}")
  @CsvSource({"1, false, false", "2, false, true", "4, false, false", "2, true, false", "1, true, true"})
  void oneTwoAndThreeThreadsGiveTheSameForestBitForBit(int classes, boolean extraTrees, boolean weighted) {
    TrainingData train = ForestTestData.make(20_000, classes, weighted, 1);
    TrainingData valid = ForestTestData.make(9_000, classes, false, 2, train.data());
    Params p = ForestTestData.params(classes, "num_iterations", "6", "extra_trees", Boolean.toString(extraTrees),
        "min_data_in_leaf", "3", "seed", "17");
    RandomForest.Trained one = fit(train, valid, p.with("num_threads", "1"), classes);
    RandomForest.Trained two = fit(train, valid, p.with("num_threads", "2"), classes);
    RandomForest.Trained three = fit(train, valid, p.with("num_threads", "3"), classes);
    for (RandomForest.Trained other : List.of(two, three)) {
      assertEquals(one.model().trees(), other.model().trees());
      assertHistoryEquals(one.model(), other.model());
      for (int r = 0; r < train.rows(); r++) {
        for (int k = 0; k < one.outOfBag().outputs(); k++) {
          assertEquals(Double.doubleToLongBits(one.outOfBag().prediction(r, k)),
              Double.doubleToLongBits(other.outOfBag().prediction(r, k)), "row " + r);
        }
      }
    }
    RandomForest.Trained reseeded = fit(train, valid, p.with("seed", "18"), classes);
    assertNotEquals(one.model().trees(), reseeded.model().trees());
  }

  private static RandomForest.Trained fit(TrainingData train, TrainingData valid, Params p, int classes) {
    return RandomForest.fit(train, List.of(valid), p, ForestTestData.classes(classes), TrainingListener.NONE);
  }

  private static void assertHistoryEquals(Model a, Model b) {
    assertEquals(a.evalHistory().keySet(), b.evalHistory().keySet());
    a.evalHistory().forEach((set, metrics) -> metrics.forEach((metric, values) ->
        assertArrayEquals(values, b.evalHistory().get(set).get(metric), set + " " + metric)));
  }
}
