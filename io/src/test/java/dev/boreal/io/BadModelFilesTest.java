package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files whose trees cannot be walked, or whose numbers would make every score wrong, are refused by all
 * three readers (Boreal JSON, LightGBM text, XGBoost JSON) with one sentence naming the tree and node. Each file
 * is read and then scored on rows that follow the broken pointers, under a timeout: a file that was accepted
 * before and hung prediction fails by the timeout rather than hanging the suite.
 */
class BadModelFilesTest {
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** The message of reading {@code file} and scoring rows through it, which must fail. */
  private static String refused(Function<byte[], Model> reader, String file, double[] rows) {
    byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
    return assertTimeoutPreemptively(LIMIT, () -> assertThrows(InputException.class, () -> {
      Model model = reader.apply(bytes);
      int n = rows.length / model.numFeatures();
      model.predictor().predictRaw(rows, n, new double[n * model.numOutputs()]);
    }).getMessage());
  }

  // ---- Boreal ----

  private String boreal(Consumer<ObjectNode> change) throws IOException {
    Path file = dir.resolve("model.json");
    ModelFile.write(ModelFileTest.model(), file);
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    change.accept(root);
    return JSON.writeValueAsString(root);
  }

  private static ObjectNode tree0(ObjectNode root) {
    return (ObjectNode) root.get("trees").get(0);
  }

  private static String borealError(String file) {
    // x = 0 goes left at node 0 (x <= 1e-300), colour 0 (category "red") left at node 1; NaN follows defaults.
    return refused(bytes -> ModelFile.read(new ByteArrayInputStream(bytes), "m.json"), file,
        new double[] {0.0, Double.NaN, 0.0, Double.NaN, Double.NaN, Double.NaN, 5.0, Double.NaN, 1.0});
  }

  @Test
  void borealFileWithACycleIsRefusedInsteadOfHangingPrediction() throws IOException {
    assertEquals("m.json: tree 0 reaches node 0 twice, the second time from node 1, which lies below it: its child "
        + "pointers form a cycle.",
        borealError(boreal(root -> ((ArrayNode) tree0(root).get("left_child")).set(1, 0))));
  }

  @Test
  void borealFileWithBrokenChildrenIsRefused() throws IOException {
    assertEquals("m.json: tree 0 node 0 has node 1 as both its left and its right child.",
        borealError(boreal(root -> ((ArrayNode) tree0(root).get("right_child")).set(0, 1))));
    assertEquals("m.json: tree 0 node 0 has left child 7, outside the tree's 2 internal nodes (0 to 1) and 3 leaves "
        + "(-1 to -3).", borealError(boreal(root -> ((ArrayNode) tree0(root).get("left_child")).set(0, 7))));
    assertEquals("m.json: tree 0 reaches leaf 0 twice, the second time from node 1; every leaf must hang from one "
        + "node.", borealError(boreal(root -> ((ArrayNode) tree0(root).get("left_child")).set(1, -1))));
  }

  @Test
  void borealFileWithNumbersThatAreNotNumbersIsRefused() throws IOException {
    assertEquals("m.json: tree 0 node 0 has a numeric split on feature 0 whose threshold is NaN; a numeric split "
        + "needs a number.", borealError(boreal(root -> ((ArrayNode) tree0(root).get("threshold")).set(0, "NaN"))));
    assertEquals("m.json: holds an inconsistent model (tree 0 leaf 1 has value NaN; leaf values must be finite).",
        borealError(boreal(root -> ((ArrayNode) tree0(root).get("leaf_value")).set(1, "NaN"))));
    assertEquals("m.json: holds an inconsistent model (base score 1 is Infinity, not a finite number).",
        borealError(boreal(root -> ((ArrayNode) root.get("base_scores")).set(1, "Infinity"))));
    assertEquals("m.json: holds an inconsistent model (tree 0 node 0 has threshold 1.0E-300 but threshold bin 1, "
        + "whose upper bound is 0.30000000000000004).",
        borealError(boreal(root -> ((ArrayNode) tree0(root).get("threshold_bin")).set(0, 1))));
  }

  @Test
  void borealFileWithALinkThatDoesNotSuitItsOutputsIsRefused() throws IOException {
    Path fixture = Path.of("src/test/resources/dev/boreal/io/fixtures/gbdt-binary.json");
    ObjectNode binary = (ObjectNode) JSON.readTree(Files.readAllBytes(fixture));
    double[] row = new double[29];
    ((ObjectNode) binary.get("link")).put("name", "softmax");
    assertEquals("m.json: holds an inconsistent model (a softmax link needs two or more outputs, but the model has "
        + "1).", refused(bytes -> ModelFile.read(new ByteArrayInputStream(bytes), "m.json"),
            JSON.writeValueAsString(binary), row));
    ((ObjectNode) binary.get("link")).put("name", "exp");
    assertEquals("m.json: holds an inconsistent model (an exp link gives counts or rates, not the probabilities a "
        + "classifier of 2 classes needs).", refused(bytes -> ModelFile.read(new ByteArrayInputStream(bytes),
            "m.json"), JSON.writeValueAsString(binary), row));
  }

  // ---- LightGBM ----

  private static String lightGbmError(String from, String to) {
    String file = LightGbmModelImporterTest.MODEL.replace(from, to);
    // x = 0 goes left at node 0 of tree 0, shade 2 left at node 1.
    return refused(bytes -> LightGbmModelImporter.read(bytes, "m.txt"), file, new double[] {0.0, 2.0, 0.0, 0.0});
  }

  @Test
  void lightGbmChildThatWrapsToZeroIsRefusedInsteadOfHangingPrediction() {
    assertEquals("m.txt: tree 0 node 0 has left child 1099511627776, outside the tree's 3 internal nodes (0 to 2) "
        + "and 4 leaves (-1 to -4).", lightGbmError("left_child=1 -1 -3", "left_child=1099511627776 -1 -3"));
  }

  @Test
  void lightGbmCycleIsRefusedInsteadOfHangingPrediction() {
    assertEquals("m.txt: tree 0 reaches node 0 twice, the second time from node 1, which lies below it: its child "
        + "pointers form a cycle.", lightGbmError("left_child=1 -1 -3", "left_child=1 0 -3"));
  }

  @Test
  void lightGbmBrokenChildrenAndNumbersAreRefused() {
    assertEquals("m.txt: tree 0 node 0 has node 1 as both its left and its right child.",
        lightGbmError("right_child=2 -2 -4", "right_child=1 -2 -4"));
    assertEquals("m.txt: tree 0 node 0 has a numeric split on feature 0 whose threshold is NaN; a numeric split "
        + "needs a number.", lightGbmError("threshold=0.5 0 -0.25", "threshold=nan 0 -0.25"));
    assertEquals("m.txt: holds an inconsistent model (tree 0 leaf 0 has value NaN; leaf values must be finite).",
        lightGbmError("leaf_value=0.1 -0.2 0.3 -0.05", "leaf_value=nan -0.2 0.3 -0.05"));
    assertEquals("m.txt: tree 0 node 1 splits on feature 4294967296, which is not a feature index.",
        lightGbmError("split_feature=0 1 2", "split_feature=0 4294967296 2"));
  }

  // ---- XGBoost ----

  private static String xgboostError(String from, String to) {
    String file = XgboostModelImporterTest.MODEL.replace(from, to);
    return refused(bytes -> XgboostModelImporter.read(bytes, "m.json"), file, new double[] {-2.0, 1.0, 0.0});
  }

  @Test
  void xgboostCycleSharedSubtreeAndOrphansAreRefused() {
    // Tree 1: node 0 → (1, 2), node 1 → (3, 4); the edits point node 1 back at the root, at node 2, or nowhere.
    assertEquals("m.json: tree 1 reaches node 0 twice, the second time from node 1, which lies below it: its child "
        + "pointers form a cycle.",
        xgboostError("\"left_children\":[1,3,-1,-1,-1]", "\"left_children\":[1,0,-1,-1,-1]"));
    assertEquals("m.json: tree 1 reaches leaf 1 twice, the second time from node 1; every leaf must hang from one "
        + "node.", xgboostError("\"right_children\":[2,4,-1,-1,-1]", "\"right_children\":[2,2,-1,-1,-1]"));
    assertEquals("m.json: tree 1 leaf 2 cannot be reached from the root.",
        xgboostError("\"left_children\":[1,3,-1,-1,-1]", "\"left_children\":[1,-1,-1,-1,-1]"));
    assertEquals("m.json: XGBoost field 'trees[1]' has node 1 with child 9, outside "
        + "its 5 nodes.", xgboostError("\"left_children\":[1,3,-1,-1,-1]", "\"left_children\":[1,9,-1,-1,-1]"));
    // Node 2 is a leaf turned into a split pointing outside the tree; no walk from the root reaches it.
    assertEquals("m.json: XGBoost field 'trees[1]' has node 2 with child -7, outside its 5 nodes.",
        xgboostError("\"left_children\":[1,3,-1,-1,-1]", "\"left_children\":[1,3,-7,-1,-1]"));
  }

  @Test
  void xgboostNonFiniteLeavesAndBaseScoresAreRefused() {
    assertEquals("m.json: holds an inconsistent model (tree 0 leaf 0 has value NaN; leaf values must be finite).",
        xgboostError("\"split_conditions\":[0.3,-0.4,", "\"split_conditions\":[0.3,NaN,"));
  }
}
