package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model format 4, the forests' compact trees: forest files written before it, read and written again, hold
 * the same trees and score their rows exactly as recorded when they were written, in a fraction of the
 * bytes (a multiclass forest's trees stored once); and every field the format adds or changes is refused with
 * one sentence when it is wrong.
 */
class ForestFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(ForestFormatTest.class.getResource("fixtures/" + name).toURI());
  }

  /** The fixture written again by today's writer. */
  private Path rewritten(String name) throws IOException, URISyntaxException {
    Path out = dir.resolve("v4-" + name);
    ModelFile.write(ModelFile.read(fixture(name)), out);
    return out;
  }

  @Test
  void olderForestFilesWrittenAgainHoldTheSameTreesAndScoreAsRecorded() throws Exception {
    for (String name : List.of("rf-binary.json", "rf-multiclass.json")) {
      Model before = ModelFile.read(fixture(name));
      Path file = rewritten(name);
      JsonNode json = JSON.readTree(file.toFile());
      assertEquals(4, json.get("format_version").intValue(), name);
      Model after = ModelFile.read(file);
      assertEquals(before.trees(), after.trees(), name);
      double[] expected = Files.readAllLines(fixture(name + ".scores")).stream()
          .mapToDouble(Double::parseDouble).toArray();
      assertArrayEquals(expected, FixtureScoresTest.scoreTrainingRows(after, name.endsWith("multiclass.json")), 0.0,
          name);
      // The trees take a fraction of the bytes: the header (schema, bins, parameters) is unchanged.
      long treesBefore = treeBytes(fixture(name));
      long treesAfter = treeBytes(file);
      int k = before.numOutputs();
      assertTrue(treesAfter * Math.max(2, k) <= treesBefore, name + ": " + treesBefore + " -> " + treesAfter);
    }
    Model multiclass = ModelFile.read(rewritten("rf-multiclass.json"));
    assertTrue(multiclass.multiOutputTrees());
    assertEquals(multiclass.numIterations(), JSON.readTree(rewritten("rf-multiclass.json").toFile()).get("trees").size(),
        "one entry per multi-output tree");
  }

  private static long treeBytes(Path file) throws IOException {
    String text = Files.readString(file);
    int at = text.indexOf("\"trees\"");
    int end = text.indexOf("\"profile\"");
    return (end < 0 ? text.length() : end) - at;
  }

  /** The message reading the rewritten fixture gives after {@code edit}. */
  private String error(String name, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(rewritten(name).toFile());
    edit.accept(root);
    Path file = dir.resolve("bad.json");
    Files.write(file, JSON.writeValueAsBytes(root));
    return assertThrows(InputException.class, () -> ModelFile.read(file)).getMessage();
  }

  private static ObjectNode tree(ObjectNode root, int t) {
    return (ObjectNode) root.get("trees").get(t);
  }

  @Test
  void illFormedFormat4FieldsAreRefusedWithOneSentence() throws Exception {
    String src = dir.resolve("bad.json").toString();
    assertEquals(src + ": field 'trees[0].default_left[0]' must be 0 or 1, but it is 2.",
        error("rf-binary.json", root -> ((ArrayNode) tree(root, 0).get("default_left")).set(0, 2)));
    String outOfRange = error("rf-multiclass.json", root -> ((ArrayNode) tree(root, 1).get("threshold_bin")).set(0, 9999));
    assertTrue(outOfRange.startsWith(src + ": field 'trees[1].threshold_bin[0]' must be a value bin of feature "),
        outOfRange);
    assertTrue(outOfRange.endsWith(", but it is 9999."), outOfRange);
    assertEquals(src + ": field 'trees[0].leaf_class_weight[1]' must be a finite weight of at least 0, but it is -1.0.",
        error("rf-multiclass.json", root -> ((ArrayNode) tree(root, 0).get("leaf_class_weight")).set(1, -1)));
    assertEquals(src + ": field 'trees[0].leaf_class_weight' must give leaf 0 some weight, but its 5 class weights "
        + "are 0.", error("rf-multiclass.json", root -> {
          ArrayNode w = (ArrayNode) tree(root, 0).get("leaf_class_weight");
          for (int k = 0; k < 5; k++) {
            w.set(k, 0);
          }
        }));
    assertEquals(src + ": field 'tree_outputs' must equal num_outputs (5) and be at least 2, but it is 3.",
        error("rf-multiclass.json", root -> root.put("tree_outputs", 3)));
    assertEquals(src + ": field 'split_criterion' must be \"gini\" or \"entropy\", but it is \"squared_error\".",
        error("rf-binary.json", root -> root.put("split_criterion", "squared_error")));
    assertEquals(src + ": field 'split_criterion' needs a classifier whose trees hold one output per class (or one "
        + "for two classes).", error("rf-binary.json", root -> root.putNull("classes")));
    String feature = error("rf-multiclass.json", root -> ((ArrayNode) tree(root, 0).get("split_feature")).set(0, 1000));
    assertTrue(feature.matches(".*field 'trees\\[0\\]\\.split_feature\\[0\\]' must be a feature index below \\d+, "
        + "but it is 1000\\."), feature);
    String trees = error("rf-multiclass.json", root -> ((ArrayNode) root.get("trees")).remove(0));
    assertTrue(trees.startsWith(src + ": field 'trees' must hold "), trees);
    assertEquals(src + ": field 'trees[0].leaf_count' adds up beyond a 64-bit count.",
        error("rf-multiclass.json", root -> {
          ArrayNode counts = (ArrayNode) tree(root, 0).get("leaf_count");
          counts.set(0, Long.MAX_VALUE);
          counts.set(1, Long.MAX_VALUE);
        }));
    String leftBins = error("rf-binary.json", root -> {
      for (JsonNode t : root.get("trees")) {
        ((ObjectNode) t).remove("left_bins");
      }
    });
    assertTrue(leftBins.matches(".*field 'trees\\[\\d+\\]\\.left_bins' is missing, but node \\d+ splits categorical "
        + "feature \\d+\\."), leftBins);
    String listed = error("rf-binary.json", root -> {
      for (JsonNode t : root.get("trees")) {
        if (t.has("left_bins")) {
          ((ArrayNode) t.get("left_bins")).add(JSON.createArrayNode());
        }
      }
    });
    assertTrue(listed.matches(".*field 'trees\\[\\d+\\]\\.left_bins' must hold \\d+ values, but it holds \\d+\\."),
        listed);
  }
}
