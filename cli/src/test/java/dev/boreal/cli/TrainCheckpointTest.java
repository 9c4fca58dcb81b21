package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boreal.api.Boreal;
import dev.boreal.engine.model.Model;
import dev.boreal.io.Datasets;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ModelFormats;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --checkpoint} and {@code -p input_model}: a resumed run writes the bytes of the uninterrupted
 * run; the options change nothing in a model file; a Boreal, XGBoost or LightGBM model is continued with its
 * trees scoring as before; and each misuse is refused in one sentence. The kill -9 case is
 * {@link TrainKillResumeTest}.
 */
class TrainCheckpointTest {
  /** The importer tests' XGBoost and LightGBM models, read where the io module keeps them. */
  private static final Path IMPORTED = Path.of("../io/src/test/resources/dev/boreal/io/fixtures");
  @TempDir
  static Path dir;
  static Path train;
  static Path valid;

  @BeforeAll
  static void data() throws IOException {
    train = dir.resolve("train.csv");
    valid = dir.resolve("valid.csv");
    SyntheticData.writeCsv(train, 600, 1);
    SyntheticData.writeCsv(valid, 200, 2);
  }

  /** Five-class boosting with bagging every 3 iterations, feature sampling and a validation file. */
  private static List<String> multiclass(Path model, int iterations, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--data", train.toString(), "--valid", valid.toString(),
        "--label", SyntheticData.CHANNEL, "--ignore", SyntheticData.LABEL, "-p", "objective=multiclass",
        "-p", "num_iterations=" + iterations, "-p", "num_leaves=6", "-p", "bagging_fraction=0.7", "-p", "bagging_freq=3",
        "-p", "feature_fraction=0.7", "--threads", "2", "--log-every", "0", "--model", model.toString()));
    args.addAll(List.of(more));
    return args;
  }

  private static CliRunner boreal(List<String> args) {
    return CliRunner.run(args.toArray(new String[0]));
  }

  @Test
  void aResumedCheckpointWritesTheUninterruptedModelsBytes() throws IOException {
    Path plain = dir.resolve("plain.json");
    Path full = dir.resolve("full.json");
    Path resumed = dir.resolve("resumed.json");
    Path ckpt = dir.resolve("ckpt.json");
    CliRunner r = boreal(multiclass(plain, 16));
    assertEquals(0, r.exitCode, r.err);
    String[] resume = {"--checkpoint", ckpt.toString(), "--checkpoint-every", "5", "-p",
        "input_model=" + ckpt};
    r = boreal(multiclass(full, 16, resume));
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.startsWith("No checkpoint at " + ckpt + " yet: training from the start.\n"), r.out);
    assertEquals(Files.readString(plain), Files.readString(full), "the options leave no trace in the model file");
    assertEquals(15, ModelFile.read(ckpt).numIterations(), "the last checkpoint is at a multiple of 5");

    r = boreal(multiclass(resumed, 16, resume));
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.startsWith("Resuming checkpoint " + ckpt + " at iteration 15 of 16.\n"), r.out);
    assertEquals(Files.readString(full), Files.readString(resumed));
  }

  @Test
  void aBorealXgboostOrLightGbmModelIsContinuedWithItsTreesScoringAsBefore() throws IOException {
    assumeTrue(Files.isDirectory(IMPORTED), "the io module's fixtures are not at " + IMPORTED.toAbsolutePath());
    Path boreal = dir.resolve("first.json");
    assertEquals(0, CliRunner.run("train", "--data", valid.toString(), "--label", SyntheticData.LABEL, "-p",
        "objective=binary", "-p", "num_iterations=6", "--log-every", "0", "--model", boreal.toString()).exitCode);
    continues(boreal, train, SyntheticData.CHANNEL, 6, 6);
    continues(IMPORTED.resolve("xgboost.json"), csv("xgb.csv", "a,color,c", new int[] {0, 1, 2, 3, 4}), "color", 2,
        2);
    continues(IMPORTED.resolve("lightgbm.txt"), csv("lgb.csv", "x,shade,z,w", new int[] {0, 1, 2, 5, 33, 7}), "shade",
        3, 3);
  }

  @Test
  void aConfigFilesInputModelContinuesTrainingAsInLightGbm() throws IOException {
    Path first = dir.resolve("config-first.json");
    Path out = dir.resolve("config-continued.json");
    assertEquals(0, boreal(multiclass(first, 2)).exitCode);
    Path config = dir.resolve("train.conf");
    Files.writeString(config, "task = train\ninput_model = " + first + "\nnum_iterations = 3\n");
    CliRunner r = CliRunner.run("train", "--data", train.toString(), "--label", SyntheticData.CHANNEL, "--ignore",
        SyntheticData.LABEL, "--log-every", "0", "--model", out.toString(), "--config", config.toString());
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.startsWith("Continuing from " + first + ", a model of 2 iterations (10 trees): adding 3 "
        + "iterations to reach 5.\n"), r.out);
  }

  /** Continues {@code input} on {@code data} with 4 more iterations and checks its trees score as before. */
  private static void continues(Path input, Path data, String categorical, int iterations, int trees)
      throws IOException {
    Path out = dir.resolve("continued-" + input.getFileName() + ".json");
    CliRunner r = CliRunner.run("train", "--data", data.toString(), "--label", "label", "--categorical",
        categorical, "-p", "xgb_model=" + input, "-p", "num_iterations=4", "--log-every", "0", "--model",
        out.toString());
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.startsWith("Continuing from " + input + ", a model of " + iterations + " iterations (" + trees
        + " trees): adding 4 iterations to reach " + (iterations + 4) + ".\n"), r.out);
    Model before = ModelFormats.load(input);
    Model after = ModelFile.read(out);
    assertEquals(iterations + 4, after.numIterations());
    assertFalse(after.params().containsKey("input_model"));
    ReadOptions read = ReadOptions.defaults().withLabel("label").withCategorical(Set.of(categorical));
    try (Table t = Boreal.read(data, read)) {
      double[] expected = new double[t.rowCount()];
      double[] actual = new double[t.rowCount()];
      before.predictor(iterations).predictRaw(Datasets.columnsFor(t, before.featureNames(), before.mappers()),
          expected);
      after.predictor(iterations).predictRaw(Datasets.columnsFor(t, after.featureNames(), after.mappers()), actual);
      assertArrayEquals(expected, actual, input.getFileName() + ": the input model's trees score every row as before");
    }
  }

  /** A binary CSV with numeric columns and one integer-coded categorical column (the second). */
  private static Path csv(String name, String header, int[] categories) throws IOException {
    Random random = new Random(name.hashCode());
    StringBuilder s = new StringBuilder(header).append(",label\n");
    int columns = header.split(",").length;
    for (int r = 0; r < 500; r++) {
      double sum = 0;
      for (int c = 0; c < columns; c++) {
        double v = c == 1 ? categories[random.nextInt(categories.length)] : random.nextDouble() * 6 - 3;
        sum += c == 1 ? (v == categories[1] ? 1 : 0) : v;
        s.append(c == 1 ? Integer.toString((int) v) : String.format(java.util.Locale.ROOT, "%.4f", v)).append(',');
      }
      s.append(sum + random.nextGaussian() > 0 ? 1 : 0).append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, s);
    return file;
  }

  @Test
  void misusesAreRefusedInOneSentence() throws IOException {
    Path model = dir.resolve("refused.json");
    Path first = dir.resolve("three.json");
    assertEquals(0, boreal(multiclass(first, 3)).exitCode);
    refused(2, "input_model continues gradient boosting only (gbdt); rf trains from scratch.",
        multiclass(model, 3, "--algorithm", "rf", "-p", "input_model=" + first));
    refused(2, "input_model continues gradient boosting only (gbdt); mlp trains from scratch.",
        multiclass(model, 3, "--algorithm", "mlp", "-p", "init_model=" + first));
    refused(2, "--checkpoint saves gradient boosting (gbdt) runs only; rf cannot be resumed.",
        multiclass(model, 3, "--algorithm", "rf", "--checkpoint", dir.resolve("c.json").toString()));
    refused(2, "--checkpoint-every needs --checkpoint FILE.", multiclass(model, 3, "--checkpoint-every", "3"));
    refused(1, first + ": is a checkpoint of a different run (learning_rate was 0.1, here 0.3); delete it or give "
        + "another --checkpoint to start afresh.", multiclass(model, 3, "-p", "learning_rate=0.3", "-p",
            "input_model=" + first, "--checkpoint", first.toString()));
    Path binary = dir.resolve("binary.json");
    List<String> onLabel = List.of("train", "--data", train.toString(), "--label", SyntheticData.LABEL,
        "--log-every", "0", "--model");
    CliRunner trained = boreal(concat(onLabel, binary.toString(), "-p", "objective=binary"));
    assertEquals(0, trained.exitCode, trained.err);
    refused(1, binary + ": the input model's objective is binary but this run's is regression; give"
        + " -p objective=binary to continue it.", concat(onLabel, model.toString(), "-p", "objective=regression",
            "-p", "input_model=" + binary));
    refused(1, first + ": the input model has 28 features but the training data has 27; continued training needs"
        + " the same features.", multiclass(model, 3, "--ignore", SyntheticData.LABEL + ",m_bb", "-p",
            "input_model=" + first));
    String cvAndCompare = "input_model is read by boreal train and the API's Trainer only; cross-validation and "
        + "compare train every model from scratch, so drop input_model.";
    refused(2, cvAndCompare, List.of("cv", "--data", train.toString(), "--label", SyntheticData.LABEL, "-p",
        "objective=binary", "-p", "input_model=" + first));
    refused(2, cvAndCompare, List.of("compare", "--data", train.toString(), "--valid", valid.toString(), "--label",
        SyntheticData.LABEL, "-p", "objective=binary", "-p", "input_model=" + first));
    assertFalse(Files.exists(model), "no model file is written");
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  private static void refused(int exitCode, String sentence, List<String> args) {
    CliRunner r = boreal(args);
    assertEquals(exitCode, r.exitCode, r.err);
    assertEquals("boreal: " + sentence, r.err.strip());
    assertTrue(r.errIsOneLine(), r.err);
  }
}
