package dev.boreal.engine.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.Rng;
import dev.boreal.engine.Training;
import dev.boreal.engine.gbdt.Boosting;
import dev.boreal.engine.gbdt.Continuation;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.nn.Columns;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.FeatureColumn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Continued training: a run resumed from a snapshot of itself ends with exactly the model of the run that
 * was never interrupted (trees, base scores, best iteration, metric history, parameters), wherever it was
 * cut, with bagging every few iterations, feature sampling, several classes, a validation set and early
 * stopping; a run continued from another model on data binned differently keeps that model's trees scoring
 * raw rows exactly as before; and the refusals.
 */
class ContinuationTest {
  private static final String[] CLASSES = {"a", "b", "c"};
  private static final String[] COLOURS = {"red", "green", "blue", "grey"};
  private Columns train;
  private Columns valid;
  private Parallel team;

  @BeforeEach
  void data() {
    train = columns(700, 1);
    valid = columns(250, 2);
    team = new Parallel(2);
  }

  @AfterEach
  void release() {
    team.close();
    train.close();
    valid.close();
  }

  /**
   * Numeric x1, x2, x3, categorical colour, then the class label, which depends on all of them, and the
   * class's number as a numeric label.
   */
  private static Columns columns(int rows, long seed) {
    Rng rng = new Rng(seed, 0);
    double[][] x = new double[3][rows];
    int[] colour = new int[rows];
    int[] label = new int[rows];
    for (int r = 0; r < rows; r++) {
      for (double[] column : x) {
        column[r] = rng.nextDouble() * 4 - 2;
      }
      colour[r] = rng.nextInt(COLOURS.length);
      double s = x[0][r] + 0.5 * x[1][r] * x[2][r] + (colour[r] == 1 ? 1 : 0) + rng.nextDouble() - 0.5;
      label[r] = s < -0.5 ? 0 : s < 0.7 ? 1 : 2;
    }
    return new Columns().numeric("x1", x[0]).numeric("x2", x[1]).numeric("x3", x[2])
        .categorical("colour", colour, COLOURS).categorical("y", label, CLASSES)
        .numeric("y_number", java.util.Arrays.stream(label).asDoubleStream().toArray());
  }

  private static InputData input(String name, Columns c) {
    return new InputData(name, name, c.list.subList(0, 4), c.list.get(4), null, null);
  }

  private static Params params(String... pairs) {
    Params p = Params.of(Map.of("objective", "multiclass", "num_threads", "2", "min_data_in_leaf", "5",
        "num_leaves", "7", "num_iterations", "16"));
    for (int i = 0; i < pairs.length; i += 2) {
      p = p.with(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  private Model fit(Learner<Model> learner, Params p, Columns on) {
    PreparedData data = Preparation.of(learner, input("train", on), p, team).addValidation(input("valid", valid))
        .data();
    return learner.fit(data, TrainingListener.NONE, team);
  }

  private Model snapshotAfter(Params p, int steps) {
    PreparedData data = Preparation.of(Learners.GBDT, input("train", train), p, team)
        .addValidation(input("valid", valid)).data();
    Training<Model> run = Learners.GBDT.start(data, TrainingListener.NONE, team);
    for (int i = 0; i < steps; i++) {
      assertTrue(run.step(), "step " + (i + 1));
    }
    return ((Boosting) run).snapshot();
  }

  private Model resumed(Params p, Model checkpoint) {
    return fit(Learners.continuing(Learners.GBDT, Continuation.resume(checkpoint, "ckpt.json")), p, train);
  }

  @Test
  void aFinishedRunResumedWithMoreIterationsEndsWithTheLongerRunsModel() {
    Params shorter = params("bagging_fraction", "0.7", "bagging_freq", "3", "num_iterations", "10", "seed", "5");
    Params longer = shorter.with("num_iterations", "16");
    Model finished = fit(Learners.GBDT, shorter, train);
    assertSameModel(fit(Learners.GBDT, longer, train), resumed(longer, finished), "extended from 10 to 16");
    assertEquals("ckpt.json: the checkpoint holds 10 iterations, more than num_iterations 6; give num_iterations"
        + " of at least 10 to resume it.", assertThrows(InputException.class,
            () -> resumed(shorter.with("num_iterations", "6"), finished)).getMessage());
  }

  @Test
  void aRunResumedAnywhereEndsWithTheUninterruptedModel() {
    Params p = params("bagging_fraction", "0.7", "bagging_freq", "3", "feature_fraction", "0.6", "seed", "11");
    Model full = fit(Learners.GBDT, p, train);
    assertEquals(16, full.numIterations());
    for (int cut : new int[] {1, 4, 6, 13, 16}) {
      assertSameModel(full, resumed(p, snapshotAfter(p, cut)), "resumed after " + cut);
    }
  }

  @Test
  void earlyStoppingResumesWithTheHistoryItHad() {
    Params p = params("num_iterations", "80", "learning_rate", "0.5", "early_stopping_round", "3",
        "bagging_fraction", "0.8", "bagging_freq", "2", "feature_fraction_bynode", "0.7");
    Model full = fit(Learners.GBDT, p, train);
    assertTrue(full.numIterations() < 80, "early stopping fired at " + full.numIterations());
    assertTrue(full.bestIteration() < full.numIterations());
    assertSameModel(full, resumed(p, snapshotAfter(p, full.bestIteration() + 1)), "resumed after the best");
    assertSameModel(full, resumed(p, snapshotAfter(p, 2)), "resumed early");
  }

  @Test
  void continuingAnotherModelOnOtherBinsKeepsItsTreesScoringAsBefore() {
    Model first = fit(Learners.GBDT, params("num_iterations", "6"), valid);
    Model continued = fit(Learners.continuing(Learners.GBDT, Continuation.from(first, "first.json")),
        params("num_iterations", "5", "max_bin", "31"), train);
    assertEquals(11, continued.numIterations(), "num_iterations more, as LightGBM's init_model");
    assertEquals("11", continued.params().get("num_iterations"));
    assertNotEquals(first.mapper(0), continued.mapper(0), "the new data was binned otherwise");
    List<FeatureColumn> rows = train.list.subList(0, 4);
    int n = train.list.get(0).rowCount();
    double[] before = new double[n * 3];
    double[] after = new double[n * 3];
    first.predictor(6).predictRaw(rows, before);
    continued.predictor(6).predictRaw(rows, after);
    assertArrayEquals(before, after, "the input model's trees route raw values by their own thresholds");
    continued.predictor(11).predictRaw(rows, after);
    assertNotEquals(before[0], after[0], "the new trees add to the scores");
  }

  @Test
  void refusalsSayWhatDiffers() {
    Model first = fit(Learners.GBDT, params("num_iterations", "3"), train);
    Continuation from = Continuation.from(first, "first.json");
    assertEquals("input_model continues gradient boosting only (gbdt); rf trains from scratch.",
        assertThrows(UsageException.class, () -> Learners.continuing(Learners.RF, from)).getMessage());
    InputData numbers = new InputData("train", "train", train.list.subList(0, 4), train.list.get(5), null, null);
    assertEquals("first.json: the input model's objective is multiclass but this run's is regression; give"
        + " -p objective=multiclass to continue it.", assertThrows(InputException.class,
            () -> Learners.continuing(Learners.GBDT, from).fit(Preparation.of(Learners.continuing(Learners.GBDT,
                from), numbers, params("objective", "regression"), team).data(), TrainingListener.NONE, team))
            .getMessage());
    assertEquals("ckpt.json: is a checkpoint of a different run (learning_rate was 0.1, here 0.2); delete it or"
        + " give another --checkpoint to start afresh.", assertThrows(InputException.class,
            () -> resumed(params("num_iterations", "3", "learning_rate", "0.2"), first)).getMessage());
    assertEquals("ckpt.json: is a checkpoint of a run on other data (feature 'x1' was binned otherwise); delete it"
        + " or give another --checkpoint to start afresh.", assertThrows(InputException.class,
            () -> Preparation.of(Learners.continuing(Learners.GBDT, Continuation.resume(first, "ckpt.json")),
                input("valid", valid), params("num_iterations", "3"), team)).getMessage());
    InputData fewer = new InputData("train", "train", train.list.subList(0, 3), train.list.get(4), null, null);
    assertEquals("first.json: the input model has 4 features but the training data has 3; continued training"
        + " needs the same features.", assertThrows(InputException.class,
            () -> Preparation.of(Learners.continuing(Learners.GBDT, from), fewer, params(), team)).getMessage());
    assertEquals("input_model is read by boreal train and the API's Trainer only; cross-validation and compare"
        + " train every model from scratch, so drop input_model.", assertThrows(UsageException.class,
            () -> Preparation.of(Learners.GBDT, input("train", train), params("input_model", "m.json"), team))
            .getMessage());
  }

  private static void assertSameModel(Model expected, Model actual, String what) {
    assertEquals(expected.trees(), actual.trees(), what + ": trees");
    assertEquals(expected.numIterations(), actual.numIterations(), what);
    assertEquals(expected.bestIteration(), actual.bestIteration(), what + ": best iteration");
    assertEquals(expected.params(), actual.params(), what + ": parameters");
    assertEquals(expected.mappers(), actual.mappers(), what + ": bins");
    for (int k = 0; k < expected.numOutputs(); k++) {
      assertEquals(expected.baseScore(k), actual.baseScore(k), 0.0, what);
    }
    assertEquals(expected.evalHistory().keySet(), actual.evalHistory().keySet(), what);
    expected.evalHistory().forEach((set, metrics) -> metrics.forEach((metric, values) ->
        assertArrayEquals(values, actual.evalHistory().get(set).get(metric), what + ": " + set + " " + metric)));
  }
}
