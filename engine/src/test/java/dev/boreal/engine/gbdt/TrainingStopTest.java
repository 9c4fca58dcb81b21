package dev.boreal.engine.gbdt;

import static dev.boreal.engine.gbdt.GradientBoostingTest.params;
import static dev.boreal.engine.gbdt.GradientBoostingTest.regressionData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.TrainingException;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.objective.Objective;
import dev.boreal.engine.objective.Objectives;
import dev.boreal.engine.params.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every boosting run says why it ended, and a run whose numbers stop being finite fails, naming the iteration. */
class TrainingStopTest {
  /** Remembers what the run said. */
  private static final class Recorder implements TrainingListener {
    final List<TrainingStop> stops = new ArrayList<>();
    int iterations;

    @Override
    public void onIteration(int iteration, int total, List<Evaluation> evaluations) {
      iterations = iteration;
    }

    @Override
    public void onStop(TrainingStop stop) {
      stops.add(stop);
    }
  }

  @Test
  void aCompletedRunWithoutEarlyStoppingKeepsEveryIteration() {
    Recorder log = new Recorder();
    Model m = GradientBoosting.train(regressionData(500, 1, null), List.of(), params("objective", "regression",
        "num_iterations", "12"), null, log);
    TrainingStop stop = log.stops.get(0);
    assertEquals(1, log.stops.size());
    assertEquals(TrainingStop.Reason.COMPLETED, stop.reason());
    assertEquals(12, stop.iterations());
    assertEquals(12, m.bestIteration());
    assertEquals("Trained all 12 iterations; the model keeps every iteration.", stop.sentence());
  }

  @Test
  void aRunThatFindsNoSplitSaysSoAtThatIteration() {
    // Rows at two values only: once both sides are fitted, no split gains anything.
    TrainingData train = regressionData(500, 1, null);
    double[] y = new double[train.rows()];
    Arrays.fill(y, 3.0);
    TrainingData constant = new TrainingData("t", train.data(), train.featureNames(), y, null, null);
    Recorder log = new Recorder();
    Model m = GradientBoosting.train(constant, List.of(), params("objective", "regression", "num_iterations",
        "50"), null, log);
    TrainingStop stop = log.stops.get(0);
    assertEquals(TrainingStop.Reason.NO_SPLIT, stop.reason());
    assertEquals(0, stop.iterations());
    assertEquals(0, log.iterations);
    assertEquals(1, m.numIterations(), "a constant model of one iteration");
    assertEquals("Training stopped at iteration 1 of 50: no tree found a split that passes min_data_in_leaf, "
        + "min_sum_hessian_in_leaf and min_gain_to_split (the data is fitted as well as these limits allow); the "
        + "model predicts its starting score for every row.", stop.sentence());
  }

  @Test
  void earlyStoppingNamesTheMetricAndTheBestIterationAlsoWhenItNeverTriggers() {
    TrainingData train = regressionData(2000, 6, null);
    TrainingData valid = regressionData(2000, 7, train.data());
    valid = new TrainingData("valid", valid.data(), valid.featureNames(), valid.labels(), null, null);
    Params p = params("objective", "regression", "num_iterations", "500", "learning_rate", "0.5",
        "num_leaves", "63", "min_data_in_leaf", "2", "early_stopping_round", "5");
    Recorder stopped = new Recorder();
    Model m = GradientBoosting.train(train, List.of(valid), p, null, stopped);
    TrainingStop stop = stopped.stops.get(0);
    assertEquals(TrainingStop.Reason.EARLY_STOPPING, stop.reason());
    assertEquals(m.bestIteration(), stop.bestIteration());
    assertEquals(String.format("Early stopping at iteration %d of 500: valid l2 did not improve for 5 iterations; "
        + "the model predicts with the best iteration by valid l2, %d.", m.numIterations(), m.bestIteration()),
        stop.sentence());

    // With fewer iterations than it takes to trigger, the best is still early stopping's best, as in LightGBM.
    int rounds = m.numIterations() - 2;
    Recorder completed = new Recorder();
    Model shorter = GradientBoosting.train(train, List.of(valid), p.with("num_iterations",
        Integer.toString(rounds)), null, completed);
    assertEquals(TrainingStop.Reason.COMPLETED, completed.stops.get(0).reason());
    assertEquals(rounds, shorter.numIterations());
    assertEquals(m.bestIteration(), shorter.bestIteration());
  }

  @Test
  void infiniteGradientsFailNamingTheIteration() {
    TrainingData train = regressionData(300, 2, null);
    int[] calls = {0};
    Objective exploding = Objectives.custom((scores, labels, weights, k, grad, hess) -> {
      calls[0]++;
      for (int i = 0; i < grad.length; i++) {
        grad[i] = scores[i] - labels[i];
        hess[i] = 1;
      }
      if (calls[0] == 3) {
        grad[7] = Double.POSITIVE_INFINITY;
      }
    }, 1, Link.IDENTITY, train.labels(), null);
    TrainingException e = assertThrows(TrainingException.class, () -> GradientBoosting.train(train, List.of(),
        params("objective", "custom", "num_iterations", "10"), null, exploding, TrainingListener.NONE));
    assertEquals("Training diverged at iteration 3: the objective's gradient of training row 7 is Infinity. No "
        + "model was written; a smaller learning_rate, a larger min_sum_hessian_in_leaf or lambda_l2, or "
        + "max_delta_step keeps the steps finite.", e.getMessage());
  }

  @Test
  void leafValuesAndScoresThatOverflowFailNamingTheIteration() {
    TrainingData train = regressionData(300, 3, null);
    Objective huge = Objectives.custom((scores, labels, weights, k, grad, hess) -> {
      Arrays.fill(grad, -Double.MAX_VALUE / 1000);
      Arrays.fill(hess, 1e-300);
    }, 1, Link.IDENTITY, train.labels(), null);
    TrainingException leaf = assertThrows(TrainingException.class, () -> GradientBoosting.train(train, List.of(),
        params("objective", "custom", "num_iterations", "10", "min_sum_hessian_in_leaf", "0"), null, huge,
        TrainingListener.NONE));
    assertTrue(leaf.getMessage().startsWith("Training diverged at iteration 1: leaf 0 of the tree has the value "
        + "Infinity."), leaf.getMessage());

  }

  @Test
  void scoresThatOverflowFailNamingTheIterationRowAndClass() {
    double[] scores = {0, 1, 2, Double.MAX_VALUE, 0, Double.NEGATIVE_INFINITY};
    TrainingException e = assertThrows(TrainingException.class, () -> FiniteCheck.scores(scores, 3, 17));
    assertTrue(e.getMessage().startsWith("Training diverged at iteration 17: the raw score of training row 2 "
        + "(class 1) is -Infinity. No model was written"), e.getMessage());
    FiniteCheck.scores(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE}, 2, 1);
  }
}
