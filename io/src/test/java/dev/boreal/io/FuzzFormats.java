package dev.boreal.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boreal.engine.model.Model;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The three model file formats as the fuzz test drives them: the reader under test, the independent
 * reference reading, the mutations and how rows are given to a model (categories by name for Boreal's own
 * models, by number for imported ones, as each library's users give them).
 */
enum FuzzFormats {
  BOREAL(true), XGBOOST(false), LIGHTGBM(false);

  static final String SOURCE = "model.file";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMutations BOREAL_JSON = new JsonMutations(new JsonMutations.Shape(
      new String[] {"trees"}, "left_child", "right_child", FuzzFormats::changeBorealLeaf, FuzzFormats::borealChain));
  private static final JsonMutations XGBOOST_JSON = new JsonMutations(new JsonMutations.Shape(
      new String[] {"learner", "gradient_booster", "model", "trees"}, "left_children", "right_children",
      FuzzFormats::changeXgboostLeaf, FuzzFormats::xgboostChain));

  /** Whether rows name categories (else they hold category codes). */
  final boolean namedCategories;

  FuzzFormats(boolean namedCategories) {
    this.namedCategories = namedCategories;
  }

  /** Reads a file with the reader under test. */
  Model read(byte[] file) {
    return switch (this) {
      case BOREAL -> ModelFile.read(new ByteArrayInputStream(file), SOURCE);
      case XGBOOST -> XgboostModelImporter.read(file, SOURCE);
      case LIGHTGBM -> LightGbmModelImporter.read(file, SOURCE);
    };
  }

  /** Reads a file independently of the reader under test. */
  ReferenceModel reference(byte[] file) throws IOException {
    return switch (this) {
      case BOREAL -> new ReferenceBorealModel(file);
      case XGBOOST -> new ReferenceXgboostModel(file);
      case LIGHTGBM -> new ReferenceLightGbmModel(file);
    };
  }

  /** One seeded mutation of {@code file}; {@code what} receives a description. */
  byte[] mutate(byte[] file, Random random, StringBuilder what) {
    if (random.nextInt(3) == 0) {
      return TextMutations.bytes(file, random, what);
    }
    return switch (this) {
      case BOREAL -> BOREAL_JSON.mutate(file, random, what);
      case XGBOOST -> XGBOOST_JSON.mutate(file, random, what);
      case LIGHTGBM -> TextMutations.lightGbm(file, random, what);
    };
  }

  /** The base files: real models as the readers' fixtures hold them, Boreal's cut to a few trees to stay fast. */
  List<byte[]> bases() throws IOException {
    return switch (this) {
      case BOREAL -> List.of(borealBase("gbdt-binary.json", 3), borealBase("gbdt-multiclass.json", 5),
          borealBase("rf-binary.json", 3), borealWritten(), rewritten(borealBase("rf-multiclass.json", 10)),
          rewritten(borealBase("rf-binary.json", 3)));
      case XGBOOST -> List.of(fixture("xgboost.json"), XgboostModelImporterTest.MODEL.getBytes());
      case LIGHTGBM -> List.of(fixture("lightgbm.txt"), LightGbmModelImporterTest.MODEL.getBytes());
    };
  }

  private static byte[] fixture(String name) throws IOException {
    try (var in = FuzzFormats.class.getResourceAsStream("fixtures/" + name)) {
      return in.readAllBytes();
    }
  }

  /** A fixture model cut to its first {@code trees} trees (whole iterations), every one of them used. */
  private static byte[] borealBase(String name, int trees) throws IOException {
    ObjectNode root = JsonMutations.parse(fixture(name));
    ArrayNode all = (ArrayNode) root.get("trees");
    while (all.size() > trees) {
      all.remove(all.size() - 1);
    }
    int iterations = trees / root.get("num_outputs").intValue();
    root.put("num_iterations", iterations);
    root.put("best_iteration", iterations);
    keepUsedBounds(root);
    return JsonMutations.write(root);
  }

  /**
   * Drops every numeric bin bound no split uses, renumbering the threshold bins: the model scores every row
   * as before (a split compares the value with its threshold), and the file is a tenth of the size.
   */
  private static void keepUsedBounds(ObjectNode root) {
    JsonNode features = root.get("features");
    List<TreeMap<Double, JsonNode>> used = new ArrayList<>();
    features.forEach(f -> used.add(new TreeMap<>()));
    for (JsonNode tree : root.get("trees")) {
      for (int n = 0; n < tree.get("threshold").size(); n++) {
        JsonNode threshold = tree.get("threshold").get(n);
        if (threshold.isNumber()) {
          used.get(tree.get("split_feature").get(n).intValue()).put(threshold.doubleValue(), threshold);
        }
      }
    }
    for (int f = 0; f < features.size(); f++) {
      if (features.get(f).has("upper_bounds")) {
        ((ObjectNode) features.get(f)).putArray("upper_bounds").addAll(used.get(f).values());
      }
    }
    for (JsonNode tree : root.get("trees")) {
      ArrayNode bins = (ArrayNode) tree.get("threshold_bin");
      for (int n = 0; n < bins.size(); n++) {
        JsonNode threshold = tree.get("threshold").get(n);
        TreeMap<Double, JsonNode> bounds = used.get(tree.get("split_feature").get(n).intValue());
        if (threshold.isNumber()) {
          bins.set(n, NODES.numberNode(bounds.headMap(threshold.doubleValue()).size()));
        } else if (!threshold.isNull()) {
          bins.set(n, NODES.numberNode(bounds.size()));
        }
      }
    }
  }

  /**
   * The small model of the model file tests (three classes, a categorical feature), as the writer writes it, with
   * a drift profile so that mutations reach the profile too.
   */
  private static byte[] borealWritten() throws IOException {
    Path file = Files.createTempFile("fuzz", ".json");
    try {
      ModelFile.write(ModelFileTest.model(), ProfileJsonTest.profile(), file);
      return Files.readAllBytes(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A Boreal model file read and written again by today's writer (a forest: in format 4). */
  private static byte[] rewritten(byte[] model) throws IOException {
    Path file = Files.createTempFile("fuzz", ".json");
    try {
      ModelFile.write(ModelFile.read(new java.io.ByteArrayInputStream(model), "base"), file);
      return Files.readAllBytes(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void changeBorealLeaf(ObjectNode tree, Random random) {
    ArrayNode leaves = (ArrayNode) tree.get("leaf_value");
    if (leaves != null && !leaves.isEmpty()) {
      leaves.set(random.nextInt(leaves.size()), NODES.numberNode((random.nextInt(33) - 16) / 8.0));
    }
    ArrayNode weights = (ArrayNode) tree.get("leaf_class_weight");
    if (weights != null && !weights.isEmpty()) {
      weights.set(random.nextInt(weights.size()), NODES.numberNode(random.nextInt(9)));
    }
  }

  private static void changeXgboostLeaf(ObjectNode tree, Random random) {
    JsonNode left = tree.path("left_children");
    List<Integer> leaves = new ArrayList<>();
    for (int n = 0; n < left.size(); n++) {
      if (left.get(n).intValue() == -1) {
        leaves.add(n);
      }
    }
    if (!leaves.isEmpty()) {
      ((ArrayNode) tree.get("split_conditions")).set(leaves.get(random.nextInt(leaves.size())),
          NODES.numberNode(new BigDecimal((random.nextInt(33) - 16) / 8.0)));
    }
  }

  /** The nodes {@code 0 .. count-1} that {@code kind} accepts. */
  private static List<Integer> nodesWhere(int count, IntPredicate kind) {
    List<Integer> out = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      if (kind.test(n)) {
        out.add(n);
      }
    }
    return out;
  }

  /** A Boreal tree replaced by a chain whose splits repeat the tree's own numeric splits, so it stays valid. */
  private static void borealChain(ObjectNode tree, int depth, Random random) {
    JsonNode bins = tree.path("left_bins");
    List<Integer> numeric = nodesWhere(bins.size(), n -> bins.get(n).isNull());
    if (numeric.isEmpty()) {
      return;
    }
    String[] copied = {"split_feature", "threshold", "threshold_bin", "default_left", "left_bins", "split_gain",
        "internal_hessian", "internal_count"};
    ObjectNode chain = NODES.objectNode();
    for (String key : copied) {
      chain.putArray(key);
    }
    ArrayNode left = chain.putArray("left_child");
    ArrayNode right = chain.putArray("right_child");
    ArrayNode value = chain.putArray("leaf_value");
    ArrayNode hessian = chain.putArray("leaf_hessian");
    ArrayNode count = chain.putArray("leaf_count");
    for (int n = 0; n < depth; n++) {
      int from = numeric.get(random.nextInt(numeric.size()));
      for (String key : copied) {
        ((ArrayNode) chain.get(key)).add(tree.get(key).get(from));
      }
      left.add(~n);
      right.add(n + 1 < depth ? n + 1 : ~depth);
    }
    for (int l = 0; l <= depth; l++) {
      value.add((random.nextInt(33) - 16) / 16.0);
      hessian.add(1.0);
      count.add(1);
    }
    tree.removeAll();
    tree.put("num_leaves", depth + 1);
    tree.setAll(chain);
  }

  /** An XGBoost tree replaced by a chain whose splits repeat the tree's own numeric splits. */
  private static void xgboostChain(ObjectNode tree, int depth, Random random) {
    JsonNode left = tree.path("left_children");
    JsonNode types = tree.path("split_type");
    List<Integer> numeric = nodesWhere(left.size(),
        n -> left.get(n).intValue() != -1 && types.path(n).intValue() == 0);
    if (numeric.isEmpty()) {
      return;
    }
    String[] copied = {"split_indices", "split_conditions", "default_left", "loss_changes", "split_type"};
    ObjectNode chain = NODES.objectNode();
    for (String key : copied) {
      chain.putArray(key);
    }
    ArrayNode lefts = chain.putArray("left_children");
    ArrayNode rights = chain.putArray("right_children");
    ArrayNode hessians = chain.putArray("sum_hessian");
    // Node 2i splits, node 2i+1 is its leaf; the last node is the chain's final leaf.
    int nodes = 2 * depth + 1;
    for (int n = 0; n < nodes; n++) {
      boolean split = n % 2 == 0 && n < nodes - 1;
      int from = numeric.get(random.nextInt(numeric.size()));
      ((ArrayNode) chain.get("split_indices")).add(split ? tree.get("split_indices").get(from).intValue() : 0);
      ((ArrayNode) chain.get("split_conditions")).add(split ? tree.get("split_conditions").get(from)
          : NODES.numberNode(new BigDecimal((random.nextInt(33) - 16) / 16.0)));
      ((ArrayNode) chain.get("default_left")).add(split ? tree.get("default_left").get(from).intValue() : 0);
      ((ArrayNode) chain.get("loss_changes")).add(split ? 1 : 0);
      ((ArrayNode) chain.get("split_type")).add(0);
      lefts.add(split ? n + 1 : -1);
      rights.add(split ? n + 2 : -1);
      hessians.add(nodes - n);
    }
    ObjectNode param = ((ObjectNode) tree.get("tree_param")).deepCopy();
    param.put("num_nodes", Integer.toString(nodes));
    tree.removeAll();
    tree.setAll(chain);
    tree.set("tree_param", param);
    for (String empty : new String[] {"categories", "categories_nodes", "categories_segments", "categories_sizes"}) {
      tree.putArray(empty);
    }
  }
}
