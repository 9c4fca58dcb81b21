package dev.boreal.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.objective.Link;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an XGBoost model saved as JSON ({@code save_model("m.json")}, a {@code gbtree} booster) into a
 * Boreal {@link Model} that scores every row as XGBoost does.
 *
 * <p>XGBoost casts each input to float32 and sends it left iff {@code (float) x < split}; Boreal sends a
 * double left iff {@code x <= threshold}. {@link #thresholdOf(float)} gives, for each float split, the
 * largest double whose float32 cast is below it, so both rules route every double alike. Missing values
 * (NaN) follow the node's {@code default_left}. Leaf values and the base score are float32 in XGBoost and
 * are taken exactly; the base score is turned into a margin with the objective's link, as XGBoost does
 * (for logistic objectives XGBoost 2 stores it as a probability).
 *
 * <p>Categorical splits send the listed categories right and every other category left, missing values
 * (NaN) excepted, which follow {@code default_left}: XGBoost's {@code Decision} sends left a category the
 * node does not list, one beyond the node's bitset, and an invalid one (negative, or 2^24 and above). So a
 * categorical feature gets a bin per category value some split names, an unknown bin for every other value,
 * which each categorical node sends left, and a missing bin, which goes to its {@code default_left} side.
 * XGBoost truncates a fractional value to the category below it; Boreal reads a category by its numeric
 * name, so a fractional value is an unknown category and goes left.
 */
public final class XgboostModelImporter {
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Fewest features a file of any size may declare: a model need not split on every feature it was trained on. */
  private static final long MIN_FEATURE_LIMIT = 1 << 16;

  private final String source;
  /** The file's size in bytes: no count it declares (classes, nodes, trees) can be larger. */
  private final long fileSize;

  private XgboostModelImporter(String source, long fileSize) {
    this.source = source;
    this.fileSize = fileSize;
  }

  /**
   * Reads a model from the bytes of an XGBoost JSON model file.
   *
   * @param sourceName how error messages name the source
   * @throws InputException if the bytes are not an XGBoost JSON model, or the model uses a booster,
   *     objective or tree kind Boreal cannot score exactly
   */
  public static Model read(byte[] bytes, String sourceName) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new InputException(sourceName + ": is not an XGBoost JSON model (it is not valid JSON; binary "
          + "UBJSON models must be saved again with save_model(\"model.json\")).", e);
    }
    return new XgboostModelImporter(sourceName, bytes.length).model(root);
  }

  /**
   * The double threshold equivalent to XGBoost's float32 split: for every double {@code x},
   * {@code x <= thresholdOf(split)} exactly when {@code (float) x < split}.
   *
   * <p>The float32 values below {@code split} are those up to its predecessor {@code p}; a double rounds to
   * {@code p} or lower exactly when it lies below the midpoint of {@code p} and {@code split}, or on it when
   * round-half-even picks {@code p}. The midpoint of two adjacent floats is exact in double.
   */
  static double thresholdOf(float split) {
    if (Float.isNaN(split) || split == Float.NEGATIVE_INFINITY) {
      throw new IllegalArgumentException("no double threshold matches a split at " + split);
    }
    float below = Math.nextDown(split);
    // Below -Float.MAX_VALUE only -Infinity remains; rounding treats it as 2^128, whose mantissa is even.
    double p = below == Float.NEGATIVE_INFINITY ? -0x1p128 : below;
    double s = split == Float.POSITIVE_INFINITY ? 0x1p128 : split;
    double mid = (p + s) / 2;
    boolean tieGoesBelow = below == Float.NEGATIVE_INFINITY || (Float.floatToRawIntBits(below) & 1) == 0;
    return tieGoesBelow ? mid : Math.nextDown(mid);
  }

  private Model model(JsonNode root) {
    JsonNode learner = root.path("learner");
    if (!learner.isObject()) {
      throw new InputException(source + ": is not an XGBoost JSON model (it has no \"learner\" object).");
    }
    JsonNode booster = learner.path("gradient_booster");
    String boosterName = booster.path("name").asText("");
    if (!boosterName.equals("gbtree")) {
      throw new InputException(source + ": uses the XGBoost booster '" + boosterName
          + "'; Boreal imports gbtree models only.");
    }
    JsonNode params = learner.path("learner_model_param");
    // The counts are checked against the file's size before anything is allocated for them.
    String at = "learner.learner_model_param.";
    int numFeatures = count(params, at, "num_feature", Math.max(fileSize, MIN_FEATURE_LIMIT), "features");
    int numClass = params.has("num_class") ? count(params, at, "num_class", fileSize, "classes") : 0;
    int numTargets = params.has("num_target") ? count(params, at, "num_target", fileSize, "targets") : 1;
    if (numTargets > 1) {
      throw new InputException(source + ": has " + numTargets + " targets; "
          + "Boreal imports single-target XGBoost models.");
    }
    float baseScore = baseScore(params.path("base_score"));
    String objectiveName = learner.path("objective").path("name").asText("");
    XgboostObjective objective = XgboostObjective.of(objectiveName, source);
    int outputs = objective.link() == Link.SOFTMAX ? numClass : 1;
    if (outputs < 1 || (objective.link() == Link.SOFTMAX && numClass < 2)) {
      throw new InputException(source + ": objective " + objectiveName + " needs num_class of 2 or more, but it is "
          + numClass + ".");
    }
    ImportedTrees trees = new ImportedTrees(source, featureNames(learner, numFeatures),
        categoricalFeatures(learner, numFeatures), true);
    JsonNode model = booster.path("model");
    JsonNode treeNodes = model.path("trees");
    JsonNode treeInfo = model.path("tree_info");
    if (!treeNodes.isArray() || !treeInfo.isArray() || treeInfo.size() != treeNodes.size()) {
      throw fail("learner.gradient_booster.model", "must hold arrays 'trees' and 'tree_info' of one length");
    }
    List<List<ImportedTrees.Spec>> byOutput = new ArrayList<>();
    for (int k = 0; k < outputs; k++) {
      byOutput.add(new ArrayList<>());
    }
    for (int t = 0; t < treeNodes.size(); t++) {
      JsonNode info = treeInfo.get(t);
      int group = info.isIntegralNumber() && info.canConvertToInt() ? info.intValue() : -1;
      if (group < 0 || group >= outputs) {
        throw fail("tree_info[" + t + "]", "must be an output index below " + outputs);
      }
      byOutput.get(group).add(tree(treeNodes.get(t), "trees[" + t + "]"));
    }
    int iterations = byOutput.get(0).size();
    for (int k = 1; k < outputs; k++) {
      if (byOutput.get(k).size() != iterations) {
        throw fail("tree_info", "gives output 0 " + iterations + " trees but output " + k + " "
            + byOutput.get(k).size() + "; Boreal needs the same number for every output");
      }
    }
    for (int i = 0; i < iterations; i++) {
      for (int k = 0; k < outputs; k++) {
        trees.add(byOutput.get(k).get(i), "tree " + (i * outputs + k));
      }
    }
    double[] baseScores = new double[outputs];
    Arrays.fill(baseScores, objective.margin(baseScore, source));
    String[] classes = null;
    if (objective.classifier()) {
      classes = new String[Math.max(2, outputs)];
      for (int c = 0; c < classes.length; c++) {
        classes[c] = Integer.toString(c);
      }
    }
    Map<String, String> modelParams = new LinkedHashMap<>();
    if (objective.borealParam() != null) {
      modelParams.put("objective", objective.borealParam());
    }
    if (outputs > 1) {
      modelParams.put("num_class", Integer.toString(outputs));
    }
    return trees.toModel("gbdt", objective.name(), objective.link(), classes, baseScores, Model.Ensemble.SUM,
        modelParams);
  }

  /** XGBoost 2 writes the base score as a string ("5E-1"); a later version may write a one-value list. */
  private float baseScore(JsonNode node) {
    String text = node.asText("").trim();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1).trim();
    }
    try {
      return Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw fail("learner.learner_model_param.base_score", "must be a number, but it is '" + node.asText("") + "'");
    }
  }

  private List<String> featureNames(JsonNode learner, int numFeatures) {
    JsonNode given = learner.path("feature_names");
    List<String> names = new ArrayList<>(numFeatures);
    for (int f = 0; f < numFeatures; f++) {
      names.add(given.isArray() && given.size() == numFeatures ? given.get(f).asText() : "f" + f);
    }
    return names;
  }

  private static boolean[] categoricalFeatures(JsonNode learner, int numFeatures) {
    JsonNode types = learner.path("feature_types");
    boolean[] categorical = new boolean[numFeatures];
    for (int f = 0; f < numFeatures && types.isArray() && f < types.size(); f++) {
      categorical[f] = types.get(f).asText().equals("c");
    }
    return categorical;
  }

  /** One XGBoost tree, its nodes renumbered into Boreal's form by a depth-first walk from the root. */
  private ImportedTrees.Spec tree(JsonNode node, String path) {
    int numNodes = count(node.path("tree_param"), path + ".tree_param.", "num_nodes", fileSize, "nodes");
    if (numNodes < 1) {
      throw fail(path + ".tree_param.num_nodes", "must be at least 1");
    }
    if (node.path("tree_param").has("size_leaf_vector")
        && count(node.path("tree_param"), path + ".tree_param.", "size_leaf_vector", fileSize, "leaf values") > 1) {
      throw fail(path, "has vector leaves (multi-target trees), which Boreal does not import");
    }
    int[] leftChildren = ints(node, path, "left_children", numNodes);
    int[] rightChildren = ints(node, path, "right_children", numNodes);
    int[] splitIndices = ints(node, path, "split_indices", numNodes);
    int[] defaultLeft = ints(node, path, "default_left", numNodes);
    float[] conditions = floats(node, path, "split_conditions", numNodes);
    float[] gains = floats(node, path, "loss_changes", numNodes);
    float[] hessians = floats(node, path, "sum_hessian", numNodes);
    int[] splitType = node.has("split_type") ? ints(node, path, "split_type", numNodes) : new int[numNodes];
    for (int n = 0; n < numNodes; n++) {
      if (splitType[n] != 0 && splitType[n] != 1) {
        throw fail(path + ".split_type[" + n + "]", "must be 0 (numeric) or 1 (categorical), but it is "
            + splitType[n]);
      }
    }
    int[][] categories = categories(node, path, numNodes);
    int[] order = depthFirstOrder(leftChildren, rightChildren, path);
    // Boreal numbers internal nodes and leaves separately, each in that order.
    int[] borealIndex = new int[numNodes];
    int internal = 0;
    int leaves = 0;
    for (int n : order) {
      borealIndex[n] = leftChildren[n] == -1 ? ~leaves++ : internal++;
    }
    ImportedTrees.Spec spec = new ImportedTrees.Spec(internal, leaves);
    for (int n : order) {
      int b = borealIndex[n];
      if (b < 0) {
        spec.tree.leaf(~b, conditions[n], hessians[n], 0);
        continue;
      }
      spec.tree.children(b, borealIndex[leftChildren[n]], borealIndex[rightChildren[n]])
          .nodeStats(b, gains[n], hessians[n], 0);
      if (splitType[n] == 1) {
        if (categories[n] == null) {
          throw fail(path, "has a categorical split at node " + n + " with no categories");
        }
        // XGBoost sends the listed categories right.
        spec.categorical(b, splitIndices[n], categories[n], false, defaultLeft[n] != 0);
      } else {
        if (Float.isNaN(conditions[n]) || conditions[n] == Float.NEGATIVE_INFINITY) {
          throw fail(path + ".split_conditions[" + n + "]", "must be a number above -Infinity at a numeric split");
        }
        spec.numeric(b, splitIndices[n], thresholdOf(conditions[n]), defaultLeft[n] != 0, false);
      }
    }
    return spec;
  }

  /**
   * XGBoost's nodes in depth-first order from the root, left before right, then any node the walk did not
   * reach; every child index must name one of the tree's nodes. A node reached again is not walked again
   * but keeps its place, so a cycle, a shared subtree or an unreachable node becomes a Boreal tree that
   * shows it, which the tree builder rejects.
   */
  private int[] depthFirstOrder(int[] leftChildren, int[] rightChildren, String path) {
    int numNodes = leftChildren.length;
    for (int n = 0; n < numNodes; n++) {
      for (int child : new int[] {leftChildren[n], rightChildren[n]}) {
        if (leftChildren[n] != -1 && (child < 0 || child >= numNodes)) {
          throw fail(path, "has node " + n + " with child " + child + ", outside its " + numNodes + " nodes");
        }
      }
    }
    int[] order = new int[numNodes];
    boolean[] reached = new boolean[numNodes];
    int[] stack = new int[numNodes];
    int top = 0;
    int visited = 0;
    stack[top++] = 0;
    reached[0] = true;
    while (top > 0) {
      int n = stack[--top];
      order[visited++] = n;
      if (leftChildren[n] == -1) {
        continue;
      }
      for (int child : new int[] {rightChildren[n], leftChildren[n]}) {
        if (!reached[child]) {
          reached[child] = true;
          stack[top++] = child;
        }
      }
    }
    for (int n = 0; n < numNodes; n++) {
      if (!reached[n]) {
        order[visited++] = n;
      }
    }
    return order;
  }

  /** Categories of each categorical node: {@code categories[segment .. segment+size)} for its entry. */
  private int[][] categories(JsonNode node, String path, int numNodes) {
    int[][] out = new int[numNodes][];
    if (!node.has("categories_nodes")) {
      return out;
    }
    JsonNode nodes = node.path("categories_nodes");
    int[] all = ints(node, path, "categories", -1);
    int[] segments = ints(node, path, "categories_segments", nodes.size());
    int[] sizes = ints(node, path, "categories_sizes", nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode at = nodes.get(i);
      int n = at.isIntegralNumber() && at.canConvertToInt() ? at.intValue() : -1;
      if (n < 0 || n >= numNodes || segments[i] < 0 || sizes[i] < 0 || (long) segments[i] + sizes[i] > all.length) {
        throw fail(path + ".categories_nodes[" + i + "]", "points outside the tree or its categories");
      }
      out[n] = Arrays.copyOfRange(all, segments[i], segments[i] + sizes[i]);
    }
    return out;
  }

  private int[] ints(JsonNode parent, String path, String name, int length) {
    JsonNode node = array(parent, path, name, length);
    int[] out = new int[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw fail(path + "." + name + "[" + i + "]", "must be an integer");
      }
      out[i] = v.intValue();
    }
    return out;
  }

  /** Float32 values exactly as XGBoost wrote them: the decimal text is parsed straight to float. */
  private float[] floats(JsonNode parent, String path, String name, int length) {
    JsonNode node = array(parent, path, name, length);
    float[] out = new float[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isNumber()) {
        throw fail(path + "." + name + "[" + i + "]", "must be a number");
      }
      out[i] = v.isBigDecimal() ? Float.parseFloat(v.decimalValue().toString()) : (float) v.doubleValue();
    }
    return out;
  }

  private JsonNode array(JsonNode parent, String path, String name, int length) {
    JsonNode node = parent.path(name);
    if (!node.isArray()) {
      throw fail(path + "." + name, "must be an array");
    }
    if (length >= 0 && node.size() != length) {
      throw fail(path + "." + name, "must hold " + length + " values, but it holds " + node.size());
    }
    return node;
  }

  /**
   * A count XGBoost writes as a string ("126") or a number, from 0 to {@code limit}: a larger one is refused
   * before anything is allocated for it, and a number too large for an {@code int} is not wrapped into range.
   *
   * @param path the path of {@code parent}, for the message, ending with a dot
   * @param what what is counted, for the message ("classes")
   */
  private int count(JsonNode parent, String path, String name, long limit, String what) {
    JsonNode node = parent.path(name);
    String text = node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.asText("").trim();
    if (!text.matches("-?[0-9]{1,30}")) {
      throw fail(path + name, "must be an integer, but it is '" + node.asText("") + "'");
    }
    BigInteger value = new BigInteger(text);
    if (value.signum() < 0) {
      throw fail(path + name, "must not be negative, but it is " + text);
    }
    long most = Math.min(limit, Integer.MAX_VALUE);
    if (value.compareTo(BigInteger.valueOf(most)) > 0) {
      throw fail(path + name, "is " + text + ", more " + what + " than a model file of " + fileSize
          + " bytes can describe (at most " + most + ")");
    }
    return value.intValue();
  }

  private InputException fail(String field, String problem) {
    return new InputException(source + ": XGBoost field '" + field + "' " + problem + ".");
  }
}
