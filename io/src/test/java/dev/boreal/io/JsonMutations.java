package dev.boreal.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of a JSON model file (Boreal's or XGBoost's) on its parsed tree: a key deleted, a value
 * replaced by NaN, infinity, a huge, negative or zero number or another type, integers moved in and out of
 * range, array elements swapped, removed or repeated, child pointers made cyclic, shared or swapped, a leaf
 * value changed, a value nested thousands of levels deep, a tree replaced by a deep chain. Numbers keep their
 * decimal text and NaN stays a bare token, so a file that is not mutated is written back as it was read.
 */
final class JsonMutations {
  static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] WEIRD_TEXT = {"NaN", "Infinity", "-Infinity", "1000000000", "-1", "0",
      "4294967296", "1e9", "99999999999999999999", "", "x"};
  private static final String NEST = "nest:";
  private static final Pattern NESTED = Pattern.compile("\"" + NEST + "([0-9]+)\"");

  /**
   * Where a format keeps what the targeted mutations change.
   *
   * @param trees the path of the trees array from the root
   * @param leftChildren the name of a tree's left-child array
   * @param rightChildren the name of a tree's right-child array
   * @param changeLeaf changes one leaf value of a tree to another finite number
   * @param deepTree replaces a tree by a chain of the given depth
   */
  record Shape(String[] trees, String leftChildren, String rightChildren, BiConsumer<ObjectNode, Random> changeLeaf,
      DeepTree deepTree) {}

  /** Builds a chain-shaped tree. */
  interface DeepTree {
    void replace(ObjectNode tree, int depth, Random random);
  }

  /**
   * Fields of either JSON format whose values say what the model is, with values a careless or hostile
   * writer might give them instead (as JSON text).
   */
  private static final Map<String, String[]> SEMANTIC = Map.ofEntries(
      Map.entry("objective", new String[] {"\"binary\"", "\"multiclass\"", "\"regression\"", "\"poisson\"",
          "\"lambdarank\"", "\"custom\""}),
      Map.entry("algorithm", new String[] {"\"gbdt\"", "\"rf\"", "\"mlp\""}),
      Map.entry("name", new String[] {"\"softmax\"", "\"exp\"", "\"identity\"", "\"sigmoid\"", "\"x\"",
          "\"a\"", "\"multi:softmax\"", "\"reg:squarederror\"", "\"binary:logitraw\"", "\"count:poisson\"",
          "\"rank:ndcg\"", "\"gblinear\""}),
      Map.entry("classes", new String[] {"[\"0\"]", "[\"a\",\"a\"]", "[\"0\",\"1\"]", "[\"a\",\"b\",\"c\"]",
          "[]", "null", "[\"0\",\"1\",\"2\",\"3\",\"4\"]"}),
      Map.entry("num_outputs", new String[] {"0", "1", "2", "3", "5", "-1", "1000000000"}),
      Map.entry("num_iterations", new String[] {"0", "1", "2", "3", "-1", "1000000000"}),
      Map.entry("best_iteration", new String[] {"0", "1", "2", "3", "-1", "1000000000"}),
      Map.entry("ensemble", new String[] {"\"sum\"", "\"average\"", "\"mean\""}),
      Map.entry("type", new String[] {"\"numeric\"", "\"categorical\""}),
      Map.entry("parameter", new String[] {"0", "-1", "\"NaN\"", "2"}),
      Map.entry("format_version", new String[] {"0", "1", "2", "3"}),
      Map.entry("num_leaves", new String[] {"0", "1", "2", "3", "-1", "1000000000"}),
      Map.entry("num_class", new String[] {"\"0\"", "\"1\"", "\"2\"", "\"3\"", "\"1000000000\"", "\"-1\"",
          "\"4294967297\"", "1000000000"}),
      Map.entry("num_feature", new String[] {"\"0\"", "\"1\"", "\"2\"", "\"4\"", "\"1000000000\"", "\"-1\"",
          "4294967299"}),
      Map.entry("num_target", new String[] {"\"1\"", "\"2\"", "\"1000000000\""}),
      Map.entry("num_nodes", new String[] {"\"0\"", "\"1\"", "\"3\"", "\"7\"", "\"1000000000\"", "4294967301"}),
      Map.entry("size_leaf_vector", new String[] {"\"0\"", "\"2\"", "\"1000000000\""}),
      Map.entry("base_score", new String[] {"\"5E-1\"", "\"0\"", "\"1\"", "\"NaN\"", "\"-1\"", "\"[2.5E-1]\"",
          "\"1e40\""}),
      Map.entry("tree_info", new String[] {"[0,0]", "[0,1]", "[1,0]", "[0]", "[4294967296,0]", "[-1,0]"}),
      Map.entry("feature_types", new String[] {"[\"float\",\"float\",\"float\"]", "[\"c\",\"c\",\"c\"]",
          "[\"float\",\"c\"]"}),
      Map.entry("feature_names", new String[] {"[\"a\",\"a\",\"c\"]", "[\"a\",\"color\"]",
          "[\"x\",\"y\",\"z\"]"}),
      Map.entry("categories_nodes", new String[] {"[0]", "[2,2]", "[4294967298]", "[]"}),
      Map.entry("categories_segments", new String[] {"[0]", "[1]", "[-1]", "[2147483647]"}),
      Map.entry("categories_sizes", new String[] {"[2]", "[3]", "[2147483647]", "[-1]", "[0]"}),
      Map.entry("categories", new String[] {"[1,3]", "[0]", "[-1]", "[65535,1]", "[2147483647]"}),
      Map.entry("split_type", new String[] {"[0,0,1,0,0]", "[1,1,1,1,1]", "[2,0,0,0,0]"}));

  private final Shape shape;

  JsonMutations(Shape shape) {
    this.shape = shape;
  }

  static ObjectNode parse(byte[] file) {
    try {
      return (ObjectNode) JSON.readTree(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] write(JsonNode root) {
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mutates a copy of {@code file}; returns the new file and says what was done in {@code what}. */
  byte[] mutate(byte[] file, Random random, StringBuilder what) {
    ObjectNode root = parse(file);
    ArrayNode trees = trees(root);
    int op = random.nextInt(14);
    if (op >= 11) {
      semantic(root, random, what);
      return finish(root);
    }
    if (op >= 6 && trees.isEmpty()) {
      op = random.nextInt(6);
    }
    ObjectNode tree = op >= 6 ? (ObjectNode) trees.get(random.nextInt(trees.size())) : null;
    switch (op) {
      case 0 -> deleteKey(pick(root, random, true), random, what);
      case 1, 2 -> replaceValue(pick(random.nextBoolean() ? trees : root, random, false), random, what);
      case 3 -> integerInRange(pick(trees, random, false), random, what);
      case 4 -> reorder(pick(root, random, false), random, what);
      case 5 -> nest(pick(root, random, false), random, what);
      case 6, 7 -> children(tree, random, what);
      case 8 -> {
        shape.changeLeaf().accept(tree, random);
        what.append("changed a leaf value");
      }
      case 9 -> {
        int depth = 200 + random.nextInt(2000);
        shape.deepTree().replace(tree, depth, random);
        what.append("replaced a tree by a chain ").append(depth).append(" deep");
      }
      default -> {
        ArrayNode array = (ArrayNode) tree.get(random.nextBoolean() ? shape.leftChildren() : shape.rightChildren());
        if (array != null && !array.isEmpty()) {
          array.set(random.nextInt(array.size()), NODES.numberNode(BigInteger.ONE.shiftLeft(32 + random.nextInt(9))));
        }
        what.append("set a child to a power of two beyond int");
      }
    }
    return finish(root);
  }

  /** The mutated tree written out, with any placeholder of {@link #nest} turned into deep brackets. */
  private static byte[] finish(ObjectNode root) {
    String text = new String(write(root), StandardCharsets.UTF_8);
    Matcher nested = NESTED.matcher(text);
    if (nested.find()) {
      int depth = Integer.parseInt(nested.group(1));
      text = text.substring(0, nested.start()) + "[".repeat(depth) + "]".repeat(depth) + text.substring(nested.end());
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private ArrayNode trees(ObjectNode root) {
    JsonNode node = root;
    for (String name : shape.trees()) {
      node = node.path(name);
    }
    return node.isArray() ? (ArrayNode) node : NODES.arrayNode();
  }

  /** A random container inside {@code from} (itself included): an object, or unless {@code objectsOnly} an array. */
  private static JsonNode pick(JsonNode from, Random random, boolean objectsOnly) {
    List<JsonNode> containers = new ArrayList<>();
    collect(from, containers, objectsOnly);
    return containers.isEmpty() ? from : containers.get(random.nextInt(containers.size()));
  }

  private static void collect(JsonNode node, List<JsonNode> out, boolean objectsOnly) {
    if (node.isObject() || (node.isArray() && !objectsOnly && !node.isEmpty())) {
      out.add(node);
    }
    node.forEach(child -> collect(child, out, objectsOnly));
  }

  private static void deleteKey(JsonNode node, Random random, StringBuilder what) {
    if (node instanceof ObjectNode object && !object.isEmpty()) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      String key = keys.get(random.nextInt(keys.size()));
      object.remove(key);
      what.append("deleted key ").append(key);
    }
  }

  private static JsonNode weird(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> NODES.numberNode(Double.NaN);
      case 1 -> NODES.numberNode(random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
      case 2 -> NODES.numberNode(new BigDecimal("1e308").multiply(BigDecimal.TEN));
      case 3 -> NODES.numberNode(BigInteger.TEN.pow(10 + random.nextInt(20)));
      case 4 -> NODES.numberNode(-1 - random.nextInt(3));
      case 5 -> NODES.numberNode(0);
      case 6 -> NODES.numberNode(1_000_000_000);
      case 7 -> NODES.numberNode(new BigDecimal("0.25"));
      case 8 -> NODES.textNode(WEIRD_TEXT[random.nextInt(WEIRD_TEXT.length)]);
      case 9 -> NODES.nullNode();
      case 10 -> random.nextBoolean() ? NODES.booleanNode(true) : NODES.objectNode();
      default -> NODES.arrayNode().add(1);
    };
  }

  private static void replaceValue(JsonNode node, Random random, StringBuilder what) {
    JsonNode value = weird(random);
    if (node instanceof ObjectNode object && !object.isEmpty()) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      String key = keys.get(random.nextInt(keys.size()));
      object.set(key, value);
      what.append("set ").append(key).append(" to ").append(value);
    } else if (node instanceof ArrayNode array && !array.isEmpty()) {
      int i = random.nextInt(array.size());
      array.set(i, value);
      what.append("set element ").append(i).append(" to ").append(value);
    }
  }

  /** An integer element moved to a nearby value, in or just outside its array's range. */
  private static void integerInRange(JsonNode node, Random random, StringBuilder what) {
    if (node instanceof ArrayNode array && !array.isEmpty()) {
      int i = random.nextInt(array.size());
      int value = random.nextInt(2 * array.size() + 5) - array.size() - 2;
      array.set(i, NODES.numberNode(value));
      what.append("set element ").append(i).append(" to ").append(value);
    }
  }

  /** A field that says what the model is given another value a writer might give it. */
  private static void semantic(ObjectNode root, Random random, StringBuilder what) {
    List<ObjectNode> owners = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<JsonNode> all = new ArrayList<>();
    collect(root, all, true);
    for (JsonNode node : all) {
      node.fieldNames().forEachRemaining(key -> {
        if (SEMANTIC.containsKey(key)) {
          owners.add((ObjectNode) node);
          keys.add(key);
        }
      });
    }
    if (owners.isEmpty()) {
      return;
    }
    int i = random.nextInt(owners.size());
    String[] values = SEMANTIC.get(keys.get(i));
    String value = values[random.nextInt(values.length)];
    try {
      owners.get(i).set(keys.get(i), JSON.readTree(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    what.append("set ").append(keys.get(i)).append(" to ").append(value);
  }

  /** Two elements swapped, one removed or one repeated. */
  private static void reorder(JsonNode node, Random random, StringBuilder what) {
    if (node instanceof ArrayNode array && !array.isEmpty()) {
      int i = random.nextInt(array.size());
      int j = random.nextInt(array.size());
      switch (random.nextInt(3)) {
        case 0 -> {
          JsonNode a = array.get(i);
          array.set(i, array.get(j));
          array.set(j, a);
          what.append("swapped elements ").append(i).append(" and ").append(j);
        }
        case 1 -> {
          array.remove(i);
          what.append("removed element ").append(i);
        }
        default -> {
          array.insert(i, array.get(j).deepCopy());
          what.append("repeated element ").append(j);
        }
      }
    }
  }

  /**
   * A value nested hundreds to thousands of arrays deep: a placeholder here, which {@link #mutate} replaces
   * by the brackets once the tree is written (Jackson would not write so deep a tree).
   */
  private static void nest(JsonNode node, Random random, StringBuilder what) {
    int depth = 500 + random.nextInt(5000);
    JsonNode deep = NODES.textNode(NEST + depth);
    if (node instanceof ObjectNode object && !object.isEmpty()) {
      object.set(object.fieldNames().next(), deep);
    } else if (node instanceof ArrayNode array) {
      array.set(0, deep);
    }
    what.append("nested a value ").append(depth).append(" arrays deep");
  }

  /** A child pointer made cyclic or shared, or a node's children swapped (which changes the model legitimately). */
  private void children(ObjectNode tree, Random random, StringBuilder what) {
    JsonNode left = tree.get(shape.leftChildren());
    JsonNode right = tree.get(shape.rightChildren());
    if (!(left instanceof ArrayNode l) || !(right instanceof ArrayNode r) || l.isEmpty() || l.size() != r.size()) {
      return;
    }
    int n = random.nextInt(l.size());
    switch (random.nextInt(3)) {
      case 0 -> {
        JsonNode a = l.get(n);
        l.set(n, r.get(n));
        r.set(n, a);
        what.append("swapped the children of node ").append(n);
      }
      case 1 -> {
        (random.nextBoolean() ? l : r).set(n, NODES.numberNode(random.nextInt(n + 1)));
        what.append("pointed node ").append(n).append(" back up the tree");
      }
      default -> {
        int m = random.nextInt(l.size());
        (random.nextBoolean() ? l : r).set(n, (random.nextBoolean() ? l : r).get(m).deepCopy());
        what.append("gave node ").append(n).append(" a child of node ").append(m);
      }
    }
  }
}
