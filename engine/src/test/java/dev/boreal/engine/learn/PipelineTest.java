package dev.boreal.engine.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.Rng;
import dev.boreal.engine.Training;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.Columns;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.FeatureColumn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one pipeline: preparation encodes text labels once and matches validation columns by name whatever
 * their order; a run stepped part of the way and finished holds exactly the first iterations of a full
 * run, with the same metric history, for every learner.
 */
class PipelineTest {
  private static final String[] COLOURS = {"red", "green", "blue"};
  private static final int ROWS = 600;
  private Columns train;
  private Columns valid;
  private Parallel team;

  @BeforeEach
  void data() {
    train = columns(ROWS, 1);
    valid = columns(200, 2);
    team = new Parallel(2);
  }

  @AfterEach
  void release() {
    team.close();
    train.close();
    valid.close();
  }

  /** Columns x (numeric), colour (categorical), then the text label "no"/"yes" that depends on both. */
  private static Columns columns(int rows, long seed) {
    Rng rng = new Rng(seed, 0);
    double[] x = new double[rows];
    int[] colour = new int[rows];
    int[] label = new int[rows];
    for (int r = 0; r < rows; r++) {
      x[r] = rng.nextDouble() * 4 - 2;
      colour[r] = rng.nextInt(3);
      label[r] = x[r] + (colour[r] == 1 ? 1 : 0) + rng.nextDouble() - 0.5 > 0.3 ? 1 : 0;
    }
    return new Columns().numeric("x", x).categorical("colour", colour, COLOURS)
        .categorical("y", label, new String[] {"no", "yes"});
  }

  private static InputData input(String name, Columns c, boolean reversed) {
    FeatureColumn x = c.list.get(0);
    FeatureColumn colour = c.list.get(1);
    return new InputData(name, name, reversed ? List.of(colour, x) : List.of(x, colour), c.list.get(2), null, null);
  }

  private static Params params(String... pairs) {
    Params p = Params.of(Map.of("objective", "binary", "num_threads", "2", "min_data_in_leaf", "5"));
    for (int i = 0; i < pairs.length; i += 2) {
      p = p.with(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  @Test
  void textLabelsAreEncodedOnceAndValidationColumnsAreMatchedByName() {
    PreparedData data = Preparation.of(Learners.GBDT, input("train", train, false), params(), team)
        .addValidation(input("valid", valid, true)).data();
    assertArrayEquals(new String[] {"no", "yes"}, data.classes());
    TrainingData v = data.binnedValids().get(0);
    assertEquals(List.of("x", "colour"), v.featureNames());
    BinnedData direct = BinnedData.apply(data.binned().data().mappers(), valid.list.subList(0, 2), 1);
    for (int f = 0; f < 2; f++) {
      for (int r = 0; r < v.rows(); r++) {
        assertEquals(direct.column(f).bin(r), v.data().column(f).bin(r), "feature " + f + " row " + r);
      }
    }
    int[] codes = new int[v.rows()];
    valid.list.get(2).readCodes(0, codes.length, codes);
    for (int r = 0; r < codes.length; r++) {
      assertEquals(codes[r], v.labels()[r], 0.0, "'no' is class 0 and 'yes' class 1 in every set");
    }
  }

  @Test
  void aValidationSetWithoutATrainingFeatureIsNamedInOneSentence() {
    Preparation prep = Preparation.of(Learners.MLP, input("train", train, false), params(), team);
    InputData lacking = new InputData("valid.csv", "valid.csv", List.of(valid.list.get(0)), valid.list.get(2), null,
        null);
    UsageException e = assertThrows(UsageException.class, () -> prep.addValidation(lacking));
    assertEquals("valid.csv: has no column 'colour', a feature of the model.", e.getMessage());
  }

  @Test
  void boostingStoppedPartWayHoldsTheFirstRoundsOfAFullRun() {
    Model full = fit(Learners.GBDT, params("num_iterations", "12"));
    Model part = stepped(Learners.GBDT, params("num_iterations", "12"), 5);
    assertEquals(full.trees().subList(0, 5), part.trees());
    assertPrefix(full.evalHistory(), part.evalHistory(), 5);
  }

  @Test
  void aForestStoppedPartWayHoldsTheFirstTreesOfAFullForest() {
    Model full = fit(Learners.RF, params("num_iterations", "8", "bagging_fraction", "0.7", "bagging_freq", "1"));
    Model part = stepped(Learners.RF, params("num_iterations", "8", "bagging_fraction", "0.7", "bagging_freq", "1"),
        3);
    assertEquals(full.trees().subList(0, 3), part.trees());
    assertPrefix(full.evalHistory(), part.evalHistory(), 3);
  }

  @Test
  void anMlpStoppedPartWayHasTheFullRunsFirstEpochs() {
    Params p = params("max_epochs", "6", "patience", "6", "hidden", "8");
    MlpModel full = fit(Learners.MLP, p);
    MlpModel part = stepped(Learners.MLP, p, 2);
    assertEquals(2, part.epochs());
    assertPrefix(full.evalHistory(), part.evalHistory(), 2);
  }

  private <M extends TrainedModel> M fit(Learner<M> learner, Params p) {
    PreparedData data = Preparation.of(learner, input("train", train, false), p, team)
        .addValidation(input("valid", valid, true)).data();
    return learner.fit(data, TrainingListener.NONE, team);
  }

  private <M extends TrainedModel> M stepped(Learner<M> learner, Params p, int steps) {
    PreparedData data = Preparation.of(learner, input("train", train, false), p, team)
        .addValidation(input("valid", valid, true)).data();
    Training<M> run = learner.start(data, TrainingListener.NONE, team);
    for (int i = 0; i < steps; i++) {
      assertTrue(run.step(), "step " + (i + 1));
      assertEquals(i + 1, run.iterations());
    }
    return run.finish();
  }

  private static void assertPrefix(Map<String, Map<String, double[]>> full, Map<String, Map<String, double[]>> part,
      int n) {
    assertEquals(full.keySet(), part.keySet());
    assertFalse(part.get("valid").isEmpty(), "the validation set has metrics");
    full.forEach((set, metrics) -> metrics.forEach((metric, values) ->
        assertArrayEquals(java.util.Arrays.copyOf(values, n), part.get(set).get(metric), set + " " + metric)));
  }
}
