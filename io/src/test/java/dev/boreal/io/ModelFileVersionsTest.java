package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.histogram.BinMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model file's versions: a model with missing zeros, unknown-category bins apart from missing, or NaN read
 * as zero is written as version 2 and round-trips with identical scores; a model without them stays a version 1
 * file, and version 1 files written before still read.
 */
class ModelFileVersionsTest {
  @TempDir
  Path dir;

  /** The same model, but x's zeros are missing and colour keeps an unknown bin (bin 4, missing bin 5). */
  static Model modelWithMissingZerosAndAnUnknownBin() {
    return withMappers(BinMapper.ofNumeric(ModelFileTest.MAPPERS.get(0).upperBounds(), true, false),
        BinMapper.ofCategorical(ModelFileTest.MAPPERS.get(1).categories(), true, false));
  }

  /** {@link ModelFileTest#model()} with other mappers for x and colour. */
  private static Model withMappers(BinMapper x, BinMapper colour) {
    Model m = ModelFileTest.model();
    return new Model(m.algorithm(), m.objective(), m.link(), m.featureNames(), List.of(x, colour, ModelFileTest.MAPPERS.get(2)),
        m.classes(), new double[] {m.baseScore(0), m.baseScore(1), m.baseScore(2)}, m.trees(), m.ensemble(),
        m.bestIteration(), m.params(), m.evalHistory());
  }

  @Test
  void missingZerosAndUnknownBinsRoundTripInAVersion2File() throws IOException {
    Model m = modelWithMissingZerosAndAnUnknownBin();
    Model back = roundTripInVersion2(m, "v2.json", "zero_as_missing", "unknown_bin");
    assertTrue(back.mapper(0).zeroIsMissing());
    assertEquals(4, back.mapper(1).unknownBin());
    assertEquals(5, back.mapper(1).missingBin());
    Predictor p = m.predictor(m.numIterations());
    Predictor q = back.predictor(back.numIterations());
    for (double x : new double[] {0.0, -0.0, 1e-36, 1e-300, Double.NaN}) {
      for (String colour : new String[] {"red", "green", null}) {
        ModelFileTest.assertSameRawScores(p, q, x, colour, 1.0);
      }
    }
  }

  @Test
  void nanAsZeroRoundTripsInAVersion2FileAndScoresNaNAsZero() throws IOException {
    Model m = ModelFileTest.model();
    Model nanIsZero = withMappers(BinMapper.ofNumeric(ModelFileTest.MAPPERS.get(0).upperBounds(), false, true, false),
        ModelFileTest.MAPPERS.get(1));
    Model back = roundTripInVersion2(nanIsZero, "nan-as-zero.json", "nan_as_zero");
    assertTrue(back.mapper(0).nanIsZero());
    assertFalse(back.mapper(0).zeroIsMissing());
    // x's only split (1e-300, missing right) sends 0.0 left: NaN follows it once read back, not the default side.
    Predictor p = back.predictor(back.numIterations());
    Predictor learned = m.predictor(m.numIterations());
    double[] nan = new double[3];
    double[] zero = new double[3];
    double[] missingRight = new double[3];
    p.predictRaw(new double[] {Double.NaN, 3, 1}, nan);
    p.predictRaw(new double[] {0.0, 3, 1}, zero);
    learned.predictRaw(new double[] {Double.NaN, 3, 1}, missingRight);
    assertArrayEquals(zero, nan, 0.0);
    assertFalse(Arrays.equals(missingRight, nan), "the flag changed where NaN goes");
  }

  @Test
  void aModelWithoutThemIsStillAVersion1File() throws IOException {
    Path file = dir.resolve("written.json");
    ModelFile.write(ModelFileTest.model(), file);
    String json = Files.readString(file);
    assertTrue(json.contains("\"format_version\" : 1,"), json.substring(0, 80));
    assertFalse(json.contains("zero_as_missing") || json.contains("unknown_bin") || json.contains("nan_as_zero"), json);
  }

  /** The example of docs/model-format.md, a file as the first format version wrote it. */
  private static final String VERSION_1_FILE = """
      {
        "format" : "boreal-model",
        "format_version" : 1,
        "algorithm" : "gbdt",
        "objective" : "binary",
        "link" : {"name" : "sigmoid", "parameter" : 1.0},
        "num_outputs" : 1,
        "classes" : ["no","yes"],
        "base_scores" : [-0.4054651081081644],
        "ensemble" : "sum",
        "best_iteration" : 1,
        "num_iterations" : 1,
        "params" : {"learning_rate" : "0.1", "num_leaves" : "3"},
        "eval_history" : {"valid" : {"binary_logloss" : [0.6421]}},
        "features" : [
          {"name" : "age", "type" : "numeric", "upper_bounds" : [0.5,2.0], "constant" : false},
          {"name" : "colour", "type" : "categorical", "categories" : ["red","blue"], "constant" : false}],
        "trees" : [{
          "num_leaves" : 3,
          "split_feature" : [0,1],
          "threshold" : [0.5,null],
          "threshold_bin" : [0,-1],
          "default_left" : [true,false],
          "left_bins" : [null,[0,2]],
          "left_child" : [-1,-2],
          "right_child" : [1,-3],
          "split_gain" : [12.5,3.25],
          "internal_hessian" : [40.0,22.0],
          "internal_count" : [160,88],
          "leaf_value" : [-0.2,0.15,0.4],
          "leaf_hessian" : [18.0,12.0,10.0],
          "leaf_count" : [72,48,40]
        }]
      }
      """;

  @Test
  void readsAVersion1File() {
    Model m = ModelFile.read(new ByteArrayInputStream(VERSION_1_FILE.getBytes(StandardCharsets.UTF_8)), "v1.json");
    assertFalse(m.mapper(0).zeroIsMissing());
    assertFalse(m.mapper(1).hasUnknownBin());
    assertEquals(2, m.mapper(1).unknownBin());
    Predictor p = m.predictor();
    double[] out = new double[1];
    p.predict(Map.of("age", 1.2, "colour", "green"), out);
    assertEquals(1 / (1 + Math.exp(0.4054651081081644 - 0.15)), out[0], 1e-15, "the example's unseen colour");
    p.predict(Map.of("age", 0.0, "colour", "blue"), out);
    assertEquals(1 / (1 + Math.exp(0.4054651081081644 + 0.2)), out[0], 1e-15, "zero is a value: 0 <= 0.5");
  }

  /**
   * Writes {@code m} as {@code name}, checks that the file is version 2 and sets each of {@code flags}, and
   * returns the model read back, after checking its mappers and that writing it again gives the same bytes.
   */
  private Model roundTripInVersion2(Model m, String name, String... flags) throws IOException {
    Path file = dir.resolve(name);
    ModelFile.write(m, file);
    String json = Files.readString(file);
    assertTrue(json.contains("\"format_version\" : 2,"), json.substring(0, 80));
    for (String flag : flags) {
      assertTrue(json.contains("\"" + flag + "\" : true"), flag + " in " + json);
    }
    Model back = ModelFile.read(file);
    assertEquals(m.mappers(), back.mappers());
    Path again = dir.resolve("again-" + name);
    ModelFile.write(back, again);
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    return back;
  }
}
