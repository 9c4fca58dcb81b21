package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lockstep of folds and the curve's stopping rule, with scripted folds in place of learners. */
class FoldLockstepTest {
  /** A fold that reports {@code values[i]} after iteration i+1 and then ends, logging its steps and closing. */
  private static class Scripted implements FoldLockstep.Fold {
    private final double[] values;
    private final double[] finalValues;
    private final List<String> order;
    private final String name;
    private int next;
    boolean closed;

    Scripted(double[] values, double[] finalValues, List<String> order, String name) {
      this.values = values;
      this.finalValues = finalValues;
      this.order = order;
      this.name = name;
    }

    @Override
    public double[] step() {
      if (next == values.length) {
        return null;
      }
      order.add(name);
      return new double[] {values[next++]};
    }

    @Override
    public double[] finalValues() {
      return finalValues;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static CvCurve curve(int folds, int total, int rounds) {
    return new CvCurve(List.of("l2"), new boolean[] {false}, folds, total, rounds, false);
  }

  @Test
  void foldsTakeTurnsAndAFoldThatEndsEarlyCarriesItsLastValue() {
    List<String> order = new ArrayList<>();
    CvCurve curve = curve(3, 10, 0);
    List<Scripted> folds = List.of(new Scripted(new double[] {9, 8, 7, 6}, null, order, "a"),
        new Scripted(new double[] {5, 4}, null, order, "b"), new Scripted(new double[0], new double[] {3}, order, "c"));
    FoldLockstep.run(folds, curve, () -> { });
    assertEquals(List.of("a", "b", "a", "b", "a", "a"), order);
    assertTrue(folds.stream().allMatch(f -> f.closed), "every fold is closed at the end");
    assertEquals(4, curve.iterations(), "the curve ends with the last fold that trained");
    assertEquals(4, curve.value(1, 0, 3), "fold b carries its last value");
    assertEquals(3, curve.value(2, 0, 1), "fold c, which trained nothing, carries its final model's value");
    assertEquals((6 + 4 + 3) / 3.0, curve.mean(0, 4), 0.0);
    assertFalse(curve.isFinished(), "10 rounds were asked for");
    curve.finishEarly();
    assertEquals(4, curve.bestIteration(), "without early stopping the best is the last trained");
  }

  @Test
  void aStopOnTheMeanEndsEveryFoldAtOnce() {
    List<String> order = new ArrayList<>();
    CvCurve curve = curve(2, 100, 2);
    double[] down = {5, 4, 3, 3.5, 3.6, 3.7, 3.8, 3.9};
    List<Integer> rounds = new ArrayList<>();
    FoldLockstep.run(List.of(new Scripted(down, null, order, "a"), new Scripted(down, null, order, "b")),
        curve, () -> rounds.add(curve.iterations()));
    assertEquals(List.of(1, 2, 3, 4, 5), rounds, "each round reaches the curve once, in order");
    assertEquals(10, order.size(), "no fold trains past the stop");
    assertTrue(curve.stoppedEarly());
    assertEquals(3, curve.bestIteration());
  }

  @Test
  void aFailingFoldStopsTheOthersAndItsErrorComesOut() {
    IllegalStateException boom = new IllegalStateException("fold b failed");
    List<String> order = new ArrayList<>();
    Scripted endless = new Scripted(new double[1000], null, order, "a");
    Scripted failing = new Scripted(new double[] {1}, null, order, "b") {
      @Override
      public double[] step() {
        if (super.step() == null) {
          throw boom;
        }
        return new double[] {1};
      }
    };
    Scripted third = new Scripted(new double[1000], null, order, "c");
    CvCurve curve = curve(3, 1000, 0);
    assertSame(boom, assertThrows(IllegalStateException.class,
        () -> FoldLockstep.run(List.of(endless, failing, third), curve, () -> { })));
    assertEquals(1, curve.iterations());
    assertEquals(List.of("a", "b", "c", "a"), order, "no fold steps after the failure");
    assertTrue(endless.closed && failing.closed && third.closed, "the folds' copies are freed");
  }

  @Test
  void reachingTheLastIterationTheFirstMetricDecidesAsLightGbmsFinalCheckDoes() {
    // The second metric has stalled for 2 rounds at the last round; LightGBM looks at the first one first.
    CvCurve curve = new CvCurve(List.of("auc", "l2"), new boolean[] {true, false}, 1, 4, 2, false);
    assertFalse(curve.add(new double[][] {{0.5, 1.0}}));
    assertFalse(curve.add(new double[][] {{0.6, 0.9}}));
    assertFalse(curve.add(new double[][] {{0.6, 0.95}}));
    assertFalse(curve.add(new double[][] {{0.7, 0.97}}));
    assertEquals(4, curve.bestIteration());
    assertFalse(curve.stoppedEarly());
  }

  @Test
  void foldsThatAllStoppedLearningLetTheRuleRunOnTheirLastMeans() {
    // The mean last improved at round 2; unchanged models would stop LightGBM at round 5, best 2.
    CvCurve curve = curve(1, 50, 3);
    for (double v : new double[] {3, 2, 2.5}) {
      curve.add(new double[][] {{v}});
    }
    curve.finishEarly();
    assertEquals(2, curve.bestIteration());
    assertEquals(3, curve.iterations(), "the curve keeps the iterations trained");
    assertTrue(curve.stoppedEarly());
    CvCurve close = curve(1, 4, 3);
    for (double v : new double[] {3, 2, 2.5}) {
      close.add(new double[][] {{v}});
    }
    close.finishEarly();
    assertEquals(2, close.bestIteration(), "the last iteration comes first: the first metric's best");
    assertFalse(close.stoppedEarly());
  }
}
