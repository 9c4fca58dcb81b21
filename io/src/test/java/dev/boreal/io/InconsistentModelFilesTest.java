package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boreal.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Model files whose parts do not fit each other (classes, outputs, link, objective, feature names), or whose
 * counts no file of their size could describe, are refused by all three readers with one sentence, before
 * anything is allocated for a count. Each case was accepted, or failed with an index, arithmetic or
 * number-format exception, or ran out of memory, before the readers checked it (issue 14, item 2).
 */
class InconsistentModelFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path BINARY = Path.of("src/test/resources/dev/boreal/io/fixtures/gbdt-binary.json");
  private static final Path MULTICLASS = Path.of("src/test/resources/dev/boreal/io/fixtures/gbdt-multiclass.json");

  private static String borealError(Path fixture, Consumer<ObjectNode> change) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(Files.readAllBytes(fixture));
    change.accept(root);
    byte[] bytes = JSON.writeValueAsBytes(root);
    return assertThrows(InputException.class, () -> ModelFile.read(new ByteArrayInputStream(bytes), "m.json"))
        .getMessage();
  }

  @Test
  void borealClassesMustBeTwoOrMoreDistinctAndOnePerOutput() throws IOException {
    assertEquals("m.json: holds an inconsistent model (a classifier needs two or more classes, but the model lists 1 "
        + "('0')).", borealError(BINARY, root -> root.putArray("classes").add("0")));
    assertEquals("m.json: holds an inconsistent model (class 'ee' is listed twice; class labels must be distinct).",
        borealError(MULTICLASS, root -> ((ArrayNode) root.get("classes")).set(1, "ee")));
    assertEquals("m.json: holds an inconsistent model (the model lists 4 classes for 5 outputs; a model of several "
        + "outputs has one class per output).", borealError(MULTICLASS, root -> ((ArrayNode) root.get("classes"))
            .remove(4)));
    assertEquals("m.json: holds an inconsistent model (objective regression does not classify, but the model lists 2 "
        + "classes).", borealError(BINARY, root -> root.put("objective", "regression")));
  }

  @Test
  void borealLinkAndFeatureNamesMustSuitTheModel() throws IOException {
    assertEquals("m.json: holds an inconsistent model (objective binary predicts through the sigmoid link, but the "
        + "model's link is identity).", borealError(BINARY, root -> ((ObjectNode) root.get("link"))
            .put("name", "identity")));
    assertEquals("m.json: holds an inconsistent model (objective multiclass needs two or more outputs, but the model "
        + "has 1).", borealError(BINARY, root -> root.put("objective", "multiclass")));
    assertEquals("m.json: holds an inconsistent model (features 0 and 1 are both named 'lepton_pt'; feature names "
        + "must be distinct).", borealError(BINARY, root -> ((ObjectNode) root.get("features").get(1)).put("name",
            root.get("features").get(0).get("name").textValue())));
  }

  @Test
  void borealJsonNestedPastTheParserLimitIsOneSentence() {
    byte[] deep = ("{\"format\": " + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
    assertEquals("m.json: is not a Boreal model file (its JSON is nested deeper than a model file's few levels).",
        assertThrows(InputException.class, () -> ModelFile.read(new ByteArrayInputStream(deep), "m.json"))
            .getMessage());
  }

  // ---- XGBoost ----

  private static String xgboostError(String from, String to) {
    String file = XgboostModelImporterTest.MODEL.replace(from, to);
    assertTrue(file.contains(to), "the edit applies");
    return assertThrows(InputException.class, () -> XgboostModelImporter.read(file.getBytes(StandardCharsets.UTF_8),
        "m.json")).getMessage();
  }

  @Test
  void xgboostBillionClassesAreRefusedBeforeAnythingIsAllocatedForThem() {
    String file = XgboostModelImporterTest.MODEL.replace("\"num_class\":\"0\"", "\"num_class\":\"1000000000\"")
        .replace("binary:logistic", "multi:softprob");
    byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    String message = assertThrows(InputException.class, () -> XgboostModelImporter.read(bytes, "m.json"))
        .getMessage();
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals("m.json: XGBoost field 'learner.learner_model_param.num_class' is 1000000000, more classes than a "
        + "model file of " + bytes.length + " bytes can describe (at most " + bytes.length + ").", message);
    // Before the check the reader made a list per class: 6 GB, then an OutOfMemoryError.
    assertTrue(allocated < 20_000_000, "allocated " + allocated + " bytes");
  }

  @Test
  void xgboostCountsTooLargeForAnIntAreNotWrapped() {
    // 4294967301 = 2^32 + 5 once wrapped to an int: five nodes, which the arrays have.
    assertEquals("m.json: XGBoost field 'trees[0].tree_param.num_nodes' is 4294967301, more nodes than a model "
        + "file of 1576 bytes can describe (at most 1576).",
        xgboostError("\"num_nodes\":\"5\"", "\"num_nodes\":4294967301"));
    assertEquals("m.json: XGBoost field 'learner.learner_model_param.num_feature' must not be negative, but it is -3.",
        xgboostError("\"num_feature\":\"3\",\"num_target\"", "\"num_feature\":\"-3\",\"num_target\""));
    // 2^32 wraps to output 0.
    assertEquals("m.json: XGBoost field 'tree_info[0]' must be an output index below 1.",
        xgboostError("\"tree_info\":[0,0]", "\"tree_info\":[4294967296,0]"));
    assertEquals("m.json: XGBoost field 'trees[0].split_type[0]' must be 0 (numeric) or 1 (categorical), but it is 2.",
        xgboostError("\"split_type\":[0,0,1,0,0]", "\"split_type\":[2,0,1,0,0]"));
  }

  @Test
  void xgboostCoversThatExplanationsCannotWeighAreRefused() {
    // An infinite hessian sum made every SHAP value NaN. XGBoost's node 2 is the tree's second split.
    assertEquals("m.json: holds an inconsistent model (tree 0 node 1 has hessian sum Infinity; it must be finite "
        + "and not negative).",
        xgboostError("\"sum_hessian\":[100.0,40.0,60.0,", "\"sum_hessian\":[100.0,40.0,1E309,"));
    // A negative one gave cover shares outside 0 to 1, and NaN SHAP values.
    assertEquals("m.json: holds an inconsistent model (tree 0 leaf 2 has hessian sum -5.0; it must be finite and not "
        + "negative).", xgboostError("\"sum_hessian\":[100.0,40.0,60.0,25.0,35.0]",
            "\"sum_hessian\":[100.0,40.0,60.0,25.0,-5.0]"));
  }

  // ---- LightGBM ----

  private static String lightGbmError(String from, String to) {
    String file = LightGbmModelImporterTest.MODEL.replace(from, to);
    assertTrue(file.contains(to), "the edit applies");
    return assertThrows(InputException.class, () -> LightGbmModelImporter.read(file.getBytes(StandardCharsets.UTF_8),
        "m.txt")).getMessage();
  }

  @Test
  void lightGbmOutputsMustFitTheObjective() {
    // Was an ArithmeticException (a count modulo zero) and a NegativeArraySizeException.
    assertEquals("m.txt: has num_tree_per_iteration=0; it must be at least 1.",
        lightGbmError("num_tree_per_iteration=1", "num_tree_per_iteration=0"));
    assertEquals("m.txt: has num_tree_per_iteration=-1; it must be at least 1.",
        lightGbmError("num_tree_per_iteration=1", "num_tree_per_iteration=-1"));
    assertEquals("m.txt: has num_class=3 and num_tree_per_iteration=3, which objective binary cannot have (it needs "
        + "one tree per iteration).", lightGbmError("num_class=1\nnum_tree_per_iteration=1",
            "num_class=3\nnum_tree_per_iteration=3"));
    assertEquals("m.txt: has num_class=1 and num_tree_per_iteration=1, which objective multiclass cannot have (it "
        + "needs one tree per class and two or more classes).", lightGbmError("objective=binary sigmoid:0.5",
            "objective=multiclass num_class:1"));
    assertEquals("m.txt: lists 4 feature names, but max_feature_idx=2147483647 needs 2147483648.",
        lightGbmError("max_feature_idx=3", "max_feature_idx=2147483647"));
  }

  @Test
  void lightGbmBitsetsAndDecisionTypesMustBeWhatLightGbmWrites() {
    // Each was an ArrayIndexOutOfBoundsException.
    assertEquals("m.txt: tree 0 has cat_boundaries [-5, 2], which must rise from 0 to the 2 words of cat_threshold.",
        lightGbmError("cat_boundaries=0 2", "cat_boundaries=-5 2"));
    assertEquals("m.txt: tree 0 node 1 is a categorical split whose threshold 4.294967296E9 names no bitset; it must "
        + "be a whole number from 0 to 0 (num_cat=1).", lightGbmError("threshold=0.5 0 -0.25",
            "threshold=0.5 4294967296 -0.25"));
    assertEquals("m.txt: tree 0 cat_threshold value 1 is -4, not a 32-bit word of a category bitset.",
        lightGbmError("cat_threshold=4 2", "cat_threshold=-4 2"));
    assertEquals("m.txt: tree 0 node 0 has decision_type 26; LightGBM writes 0 to 15 (bit 0 categorical, bit 1 "
        + "default left, bits 2-3 the missing type).", lightGbmError("decision_type=10 1 0", "decision_type=26 1 0"));
    assertEquals("m.txt: tree 0 has num_cat=7; a tree of 3 splits has 0 to 3 categorical ones.",
        lightGbmError("num_cat=1", "num_cat=7"));
  }

  @Test
  void lightGbmStrayLineAfterATreeCannotHideTheTreesAfterIt() {
    // Trees 1 and 2 were silently dropped.
    assertEquals("m.txt: line 32 ('T4 2') follows tree 0 but is neither a 'Tree=' line nor 'end of trees'.",
        lightGbmError("shrinkage=1\n\n\nTree=1", "shrinkage=1\n\nT4 2\n\nTree=1"));
  }
}
