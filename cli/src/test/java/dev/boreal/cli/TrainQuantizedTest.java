package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.model.Model;
import dev.boreal.io.ModelFile;
import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boreal train -p use_quantized_grad=true}: the model file is an ordinary model recording the mode, and
 * is the same, byte for byte, whether 1, 2 or 3 threads trained it; rf, mlp (in train and cv) and a bad level
 * count are refused in one sentence with exit code 2 and no model file, before any data is read.
 */
class TrainQuantizedTest {
  @TempDir
  static Path dir;
  static Path train;

  @BeforeAll
  static void data() throws IOException {
    train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 3000, 1);
  }

  /** Five-class boosting with bagging, feature sampling and a categorical feature, on quantized gradients. */
  private static List<String> quantized(Path model, String threads, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "--data", train.toString(), "--label",
        SyntheticData.CHANNEL, "--ignore", SyntheticData.LABEL, "-p", "objective=multiclass", "-p",
        "num_iterations=8", "-p", "num_leaves=12", "-p", "bagging_fraction=0.7", "-p", "bagging_freq=1", "-p",
        "feature_fraction=0.8", "-p", "use_quantized_grad=true", "--threads", threads, "--log-every", "0",
        "--model", model.toString()));
    args.addAll(List.of(more));
    return args;
  }

  private static String withoutThreads(Path model) throws IOException {
    return Files.readString(model).replaceFirst("\"num_threads\" : \"\\d\"", "\"num_threads\" : \"n\"");
  }

  @Test
  void oneTwoAndThreeThreadsWriteTheSameModelFile() throws IOException {
    Path one = dir.resolve("one.json");
    CliRunner r = CliRunner.run(quantized(one, "1").toArray(new String[0]));
    assertEquals(0, r.exitCode, r.err);
    for (String threads : List.of("2", "3")) {
      Path more = dir.resolve(threads + ".json");
      r = CliRunner.run(quantized(more, threads).toArray(new String[0]));
      assertEquals(0, r.exitCode, r.err);
      assertEquals(withoutThreads(one), withoutThreads(more), threads + " threads");
    }
    Model model = ModelFile.read(one);
    assertEquals("true", model.params().get("use_quantized_grad"));
    assertFalse(model.params().containsKey("num_grad_quant_bins"), "defaults of the mode are not recorded");
  }

  @Test
  void rfMlpAndBadLevelCountsAreRefusedInOneSentence() {
    refused("use_quantized_grad quantizes the gradients of gradient boosting (gbdt); rf does not train on "
        + "gradient histograms, so leave it false.", "--algorithm", "rf");
    refused("use_quantized_grad quantizes the gradients of gradient boosting (gbdt); mlp does not train on "
        + "gradient histograms, so leave it false.", "--algorithm", "mlp");
    refused("num_grad_quant_bins must be >= 2 and <= 127; got 1.", "-p", "num_grad_quant_bins=1");
    CliRunner cv = CliRunner.run("cv", "--data", train.toString(), "--label", SyntheticData.LABEL, "--algorithm",
        "rf", "-p", "objective=binary", "-p", "use_quantized_grad=true", "--folds", "3");
    assertEquals(2, cv.exitCode, cv.err);
    assertEquals("boreal: use_quantized_grad quantizes the gradients of gradient boosting (gbdt); rf does not train "
        + "on gradient histograms, so leave it false.", cv.err.strip());
  }

  private static void refused(String sentence, String... more) {
    Path model = dir.resolve("refused.json");
    CliRunner r = CliRunner.run(quantized(model, "2", more).toArray(new String[0]));
    assertEquals(2, r.exitCode, r.err);
    assertEquals("boreal: " + sentence, r.err.strip());
    assertTrue(r.errIsOneLine(), r.err);
    assertFalse(Files.exists(model), "no model file is written");
  }
}
