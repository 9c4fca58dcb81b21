package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.model.TreeBuilder;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips and refusals of the native model file. */
class ModelFileTest {
  @TempDir
  Path dir;

  static final List<BinMapper> MAPPERS = List.of(
      BinMapper.ofNumeric(new double[] {1e-300, 0.1 + 0.2, 2.5, Double.POSITIVE_INFINITY}, false),
      BinMapper.ofCategorical(new String[] {"red", "3", "blue \"sky\"", "ünï"}, false),
      BinMapper.ofNumeric(new double[] {Double.POSITIVE_INFINITY}, true));

  private static Tree tree(double scale) {
    // node 0: f0 <= 1e-300 (missing right); node 1: f1 in {"red", other/missing}; leaves carry awkward doubles.
    return new TreeBuilder(2, 3)
        .numeric(0, 0, 1e-300, 0, false).children(0, 1, ~0).nodeStats(0, 12.75, 100.5, 200)
        .categorical(1, 1, new long[] {0b10001L}, true).children(1, ~1, ~2).nodeStats(1, Math.PI, 40.25, 80)
        .leaf(0, -0.0, 1, 120).leaf(1, scale * Math.E, 2, 50).leaf(2, scale / 3, 3, 30)
        .build("tree");
  }

  /** Sends every number left, NaN right: its threshold is +Infinity, which the file must still hold. */
  private static Tree infiniteThreshold() {
    return new TreeBuilder(1, 2)
        .numeric(0, 2, Double.POSITIVE_INFINITY, 0, false).children(0, ~0, ~1).nodeStats(0, 0.5, 1, 2)
        .leaf(0, 0.125, 1, 1).leaf(1, -0.125, 1, 1)
        .build("tree");
  }

  static Model model() {
    Map<String, Map<String, double[]>> history = new LinkedHashMap<>();
    history.put("train", Map.of("multi_logloss", new double[] {1.05, 0.9876543210123}));
    history.put("valid", Map.of("multi_logloss", new double[] {1.1, Double.NaN}));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("num_leaves", "31");
    params.put("learning_rate", "0.1");
    return new Model("gbdt", "multiclass", Link.SOFTMAX, List.of("x", "colour", "flat"), MAPPERS,
        new String[] {"a", "b", "c"}, new double[] {-1.0986122886681098, 0.1, 1e-17},
        List.of(tree(1), tree(-2), Tree.constant(0.3, 5, 6), infiniteThreshold(), tree(0.5), tree(7)),
        Model.Ensemble.SUM, 1, params, history);
  }

  @Test
  void roundTripGivesAnEqualModelAndIdenticalPredictions() {
    Model m = model();
    Path file = dir.resolve("model.json");
    ModelFile.write(m, file);
    Model back = ModelFile.read(file);

    assertEquals(m.algorithm(), back.algorithm());
    assertEquals(m.objective(), back.objective());
    assertEquals(m.link(), back.link());
    assertEquals(m.featureNames(), back.featureNames());
    assertEquals(m.mappers(), back.mappers());
    assertArrayEquals(m.classes(), back.classes());
    assertEquals(m.numOutputs(), back.numOutputs());
    for (int k = 0; k < m.numOutputs(); k++) {
      assertEquals(Double.doubleToLongBits(m.baseScore(k)), Double.doubleToLongBits(back.baseScore(k)));
    }
    assertEquals(m.trees(), back.trees(), "Tree.equals compares every array bit for bit");
    assertEquals(m.ensemble(), back.ensemble());
    assertEquals(m.bestIteration(), back.bestIteration());
    assertEquals(m.numIterations(), back.numIterations());
    assertEquals(m.params(), back.params());
    assertEquals(List.copyOf(m.params().keySet()), List.copyOf(back.params().keySet()));
    assertEquals(m.evalHistory().keySet(), back.evalHistory().keySet());
    m.evalHistory().forEach((set, metrics) -> metrics.forEach((metric, values) ->
        assertArrayEquals(values, back.evalHistory().get(set).get(metric), 0.0)));

    Predictor p = m.predictor(m.numIterations());
    Predictor q = back.predictor(back.numIterations());
    Random random = new Random(11);
    String[] colours = {"red", "3", "blue \"sky\"", "ünï", "green", null};
    for (int r = 0; r < 500; r++) {
      assertSameRawScores(p, q, random.nextInt(5) == 0 ? null : random.nextDouble() * 4 - 1,
          colours[random.nextInt(colours.length)], random.nextBoolean() ? null : random.nextGaussian());
    }
  }

  @Test
  void readingAndWritingAgainGivesTheSameBytes() throws IOException {
    Path first = written();
    Path second = dir.resolve("again.json");
    ModelFile.write(ModelFile.read(first), second);
    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
  }

  @Test
  void writingReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("model.json");
    Files.writeString(file, "old contents");
    ModelFile.write(model(), file);
    assertEquals(model().trees(), ModelFile.read(file).trees());
    assertEquals(List.of(file), list(dir));
  }

  @Test
  void failedWritesLeaveNoTemporaryFile() throws IOException {
    Path missingFolder = dir.resolve("no-such-folder").resolve("model.json");
    InputException e = assertThrows(InputException.class, () -> ModelFile.write(model(), missingFolder));
    assertEquals(missingFolder + ": cannot write the model: folder " + missingFolder.getParent()
        + " does not exist.", e.getMessage());
    assertEquals(List.of(), list(dir));

    // A folder in the way is refused before anything is written.
    Path blocked = dir.resolve("blocked");
    Files.createDirectories(blocked.resolve("inside"));
    e = assertThrows(InputException.class, () -> ModelFile.write(model(), blocked));
    assertTrue(e.getMessage().contains("it is a folder"), e.getMessage());
    assertEquals(List.of(blocked), list(dir));
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  @Test
  void refusesATruncatedFile() throws IOException {
    String json = Files.readString(written());
    // Cut just after a comma past the middle, so the JSON is well formed up to where it stops.
    String cut = json.substring(0, json.indexOf(',', json.length() / 2) + 1);
    assertEquals("m.json: is not a complete Boreal model file (the JSON ends early, at line "
        + cut.lines().count() + ").", readError(cut));
  }

  @Test
  void refusesAFileThatIsNotJson() {
    assertEquals("m.json: is not a Boreal model file (it is not JSON; the first error is at line 1, column 7).",
        readError("hello, world"));
    assertEquals("m.json: is not a Boreal model file (it is empty).", readError(""));
  }

  @Test
  void refusesJsonOfAnotherKind() {
    assertEquals("m.json: is not a Boreal model file (it has no \"format\": \"boreal-model\").",
        readError("{\"learner\": {\"gradient_booster\": {}}}"));
    assertEquals("m.json: is not a Boreal model file (it has no \"format\": \"boreal-model\").",
        readError("[1, 2, 3]"));
  }

  @Test
  void refusesANewerFormat() throws IOException {
    assertEquals("m.json: was written by a newer Boreal (model format 5; this version reads formats up to 4).",
        readError(edit(root -> root.put("format_version", 5))));
  }

  @Test
  void refusesMissingIllTypedAndInconsistentFields() throws IOException {
    assertEquals("m.json: field 'trees[1].leaf_value' must hold 3 values, but it holds 2.",
        readError(edit(root -> ((ArrayNode) ((ArrayNode) root.get("trees")).get(1).get("leaf_value")).remove(0))));
    assertEquals("m.json: field 'base_scores' must hold 3 values, but it holds 4.",
        readError(edit(root -> ((ArrayNode) root.get("base_scores")).add(1.0))));
    assertEquals("m.json: field 'trees' must hold 6 values, but it holds 5.",
        readError(edit(root -> ((ArrayNode) root.get("trees")).remove(5))));
    assertEquals("m.json: field 'num_outputs' is missing.", readError(edit(root -> root.remove("num_outputs"))));
    assertEquals("m.json: field 'ensemble' must be a string.", readError(edit(root -> root.put("ensemble", 3))));
    assertEquals("m.json: field 'trees[0].leaf_count[1]' must be an integer.",
        readError(edit(root -> ((ArrayNode) ((ArrayNode) root.get("trees")).get(0).get("leaf_count")).set(1, 2.5))));
    assertEquals("m.json: field 'trees[0].leaf_value[2]' must be a number.",
        readError(edit(root -> ((ArrayNode) ((ArrayNode) root.get("trees")).get(0).get("leaf_value")).set(2, "x"))));
    assertEquals("m.json: field 'trees[1].threshold_bin[0]' must be an integer.", readError(edit(root ->
        ((ArrayNode) ((ArrayNode) root.get("trees")).get(1).get("threshold_bin")).set(0, 1L << 40))));
    assertEquals("m.json: field 'trees[0].default_left[0]' must be true or false.",
        readError(edit(root -> ((ArrayNode) ((ArrayNode) root.get("trees")).get(0).get("default_left")).set(0, 0))));
    assertEquals("m.json: field 'trees[0].left_bins[1]' must list bins, because feature 1 is categorical.",
        readError(edit(root -> ((ArrayNode) ((ArrayNode) root.get("trees")).get(0).get("left_bins")).setNull(1))));
    assertEquals("m.json: field 'trees[0].left_bins[1]' must hold bins from 0 to 4, but it holds 9.",
        readError(edit(root -> ((ArrayNode) ((ArrayNode) root.get("trees")).get(0).get("left_bins").get(1)).add(9))));
    assertEquals("m.json: field 'trees[0].split_feature[0]' must be a feature index below 3, but it is 3.",
        readError(edit(root -> ((ArrayNode) ((ArrayNode) root.get("trees")).get(0).get("split_feature")).set(0, 3))));
    String badBounds = readError(edit(root -> ((ArrayNode) ((ArrayNode) root.get("features")).get(0)
        .get("upper_bounds")).set(1, 0.0)));
    assertTrue(badBounds.startsWith("m.json: field 'features[0].upper_bounds' is invalid ("), badBounds);
    assertEquals("m.json: field 'features[0].zero_as_missing' must be true or false.",
        readError(edit(root -> ((ObjectNode) ((ArrayNode) root.get("features")).get(0)).put("zero_as_missing", 1))));
    assertEquals("m.json: field 'features[0].nan_as_zero' cannot be true together with zero_as_missing: a feature"
        + " whose NaN is read as zero has no missing values.",
        readError(edit(root -> ((ObjectNode) ((ArrayNode) root.get("features")).get(0)).put("zero_as_missing", true)
            .put("nan_as_zero", true))));
  }

  @Test
  void readsFromAStreamWithoutClosingIt() {
    byte[] bytes = new byte[0];
    try {
      bytes = Files.readAllBytes(written());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    boolean[] closed = {false};
    ByteArrayInputStream in = new ByteArrayInputStream(bytes) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    assertEquals(model().trees(), ModelFile.read(in, "stream").trees());
    assertFalse(closed[0]);
  }

  @Test
  void writesNoNonFiniteNumbers() throws IOException {
    String json = Files.readString(written());
    assertTrue(json.contains("\"format\" : \"boreal-model\""), json.substring(0, 80));
    assertFalse(json.matches("(?s).*[:,\\[]\\s*-?(NaN|Infinity).*"), "non-finite values are quoted");
  }

  private Path written() {
    Path file = dir.resolve("written.json");
    ModelFile.write(model(), file);
    return file;
  }

  private String edit(Consumer<ObjectNode> change) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(written().toFile());
    change.accept(root);
    return json.writeValueAsString(root);
  }

  private static String readError(String contents) {
    byte[] bytes = contents.getBytes(StandardCharsets.UTF_8);
    return assertThrows(InputException.class,
        () -> ModelFile.read(new ByteArrayInputStream(bytes), "m.json")).getMessage();
  }

  @Test
  void readsFromAPathAndNamesIt() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{}");
    assertEquals(file + ": is not a Boreal model file (it has no \"format\": \"boreal-model\").",
        assertThrows(InputException.class, () -> ModelFile.read(file)).getMessage());
    Path absent = dir.resolve("absent.json");
    assertEquals(absent + ": does not exist.",
        assertThrows(InputException.class, () -> ModelFile.read(absent)).getMessage());
    assertTrue(Arrays.asList(dir.toFile().list()).contains("bad.json"));
  }

  /** Both predictors give the same raw scores, bit for bit, to the row (x, colour, flat) given by name. */
  static void assertSameRawScores(Predictor p, Predictor q, Object x, Object colour, Object flat) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("x", x);
    row.put("colour", colour);
    row.put("flat", flat);
    double[] a = new double[p.numOutputs()];
    double[] b = new double[q.numOutputs()];
    p.predictRaw(row, a);
    q.predictRaw(row, b);
    assertArrayEquals(a, b, 0.0);
  }
}
