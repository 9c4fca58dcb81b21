package dev.boreal.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boreal.BorealException;
import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Routing;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.model.TreeBuilder;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON tree of a {@link ModelFile} into a {@link Model} (or, through {@link MlpModelJson}, an MLP),
 * checking every field on the way through {@link CheckedJson}'s accessors: one instance per document, so every
 * error can name the source and the field ({@code trees[3].threshold}).
 */
final class ModelFileReader extends CheckedJson {

  /** A reader whose errors name {@code source}. */
  ModelFileReader(String source) {
    super(source);
  }

  /**
   * The model the document describes, of any kind: a tree {@link Model} or an MLP ({@link MlpModelJson}).
   */
  TrainedModel any(JsonNode root) {
    return profiled(root).model();
  }

  /** The model the document describes, of any kind, and its drift profile (null when it has none), checked. */
  ProfiledModel profiled(JsonNode root) {
    checkHeader(root);
    boolean mlp = isNeuralNet(root);
    if (mlp && root.has("calibration")) {
      throw fail("calibration", "is not supported for a neural-net (" + root.path("algorithm").textValue()
          + ") model");
    }
    TrainedModel model = mlp ? MlpModelJson.read(this, root) : treeModel(root);
    return new ProfiledModel(model, ProfileJson.read(this, root, model));
  }

  /** The tree model the document describes; {@code root} is null or missing for an empty document. */
  Model model(JsonNode root) {
    checkHeader(root);
    if (isNeuralNet(root)) {
      throw new InputException(source() + ": holds a neural-net (" + root.path("algorithm").textValue()
          + ") model, but this needs a tree model (gbdt or rf).");
    }
    return (Model) profiled(root).model();
  }

  private static boolean isNeuralNet(JsonNode root) {
    String algorithm = root.path("algorithm").textValue();
    return "mlp".equals(algorithm) || MlpModelJson.TRANSFORMER.equals(algorithm);
  }

  private Model treeModel(JsonNode root) {
    int outputs = outputs(root);
    Link link = CalibrationJson.read(this, root, link(root), outputs);
    double[] baseScores = doubles(root, "", "base_scores", outputs);
    String[] classes = classes(root);
    String ensembleName = text(root, "", "ensemble");
    if (!ensembleName.equals("sum") && !ensembleName.equals("average")) {
      throw fail("ensemble", "must be \"sum\" or \"average\", but it is \"" + ensembleName + "\"");
    }
    int iterations = integer(root, "", "num_iterations");
    if (iterations < 0) {
      throw fail("num_iterations", "must not be negative, but it is " + iterations);
    }
    int best = integer(root, "", "best_iteration");
    Map<String, String> params = params(root);
    Map<String, Map<String, double[]>> history = history(root);
    List<String> names = new ArrayList<>();
    List<BinMapper> mappers = new ArrayList<>();
    features(root, names, mappers);
    List<Tree> trees = new ArrayList<>();
    if (integer(root, "", "format_version") >= ForestTreesJson.FORMAT_VERSION) {
      trees = ForestTreesJson.read(this, root, iterations, outputs, classes, mappers);
    } else {
      JsonNode treeNodes = array(root, "", "trees", (long) iterations * outputs);
      for (int t = 0; t < treeNodes.size(); t++) {
        trees.add(tree(treeNodes.get(t), t, mappers));
      }
    }
    try {
      return new Model(text(root, "", "algorithm"), text(root, "", "objective"), link, names, mappers,
          classes, baseScores, trees, ensembleName.equals("sum") ? Model.Ensemble.SUM : Model.Ensemble.AVERAGE,
          best, params, history);
    } catch (IllegalArgumentException e) {
      throw new InputException(source() + ": holds an inconsistent model (" + e.getMessage() + ").", e);
    }
  }

  /** Checks that the document is a Boreal model of a version this code reads. */
  private void checkHeader(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      throw new InputException(source() + ": is not a Boreal model file (it is empty).");
    }
    JsonNode format = root.path("format");
    if (!root.isObject() || !ModelFile.FORMAT.equals(format.textValue())) {
      throw new InputException(source() + ": is not a Boreal model file (it has no \"format\": \""
          + ModelFile.FORMAT + "\").");
    }
    int version = integer(root, "", "format_version");
    if (version > ModelFile.FORMAT_VERSION) {
      throw new InputException(source() + ": was written by a newer Boreal (model format " + version
          + "; this version reads formats up to " + ModelFile.FORMAT_VERSION + ").");
    }
    if (version < 1) {
      throw fail("format_version", "must be between 1 and " + ModelFile.FORMAT_VERSION + ", but it is " + version);
    }
  }

  /** The {@code link} field. */
  Link link(JsonNode root) {
    JsonNode linkNode = object(root, "", "link");
    String name = text(linkNode, "link.", "name");
    double parameter = number(field(linkNode, "link.", "parameter"), "link.parameter");
    Link link;
    try {
      link = Link.of(name, parameter);
    } catch (BorealException e) {
      throw fail("link", "is not a known link (" + stripPeriod(e.getMessage()) + ")");
    }
    return link;
  }

  /** The {@code num_outputs} field, at least 1. */
  int outputs(JsonNode root) {
    int outputs = integer(root, "", "num_outputs");
    if (outputs < 1) {
      throw fail("num_outputs", "must be at least 1, but it is " + outputs);
    }
    return outputs;
  }

  /** The {@code classes} field: class labels, or null. */
  String[] classes(JsonNode root) {
    JsonNode classesNode = field(root, "", "classes");
    return classesNode.isNull() ? null : strings(classesNode, "classes");
  }

  /** The {@code params} field. */
  Map<String, String> params(JsonNode root) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object(root, "", "params").properties()) {
      params.put(e.getKey(), text(e.getValue(), "params." + e.getKey()));
    }
    return params;
  }

  /** The {@code eval_history} field. */
  Map<String, Map<String, double[]>> history(JsonNode root) {
    Map<String, Map<String, double[]>> history = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> set : object(root, "", "eval_history").properties()) {
      String path = "eval_history." + set.getKey();
      if (!set.getValue().isObject()) {
        throw fail(path, "must be an object");
      }
      Map<String, double[]> metrics = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> metric : set.getValue().properties()) {
        metrics.put(metric.getKey(), doubles(set.getValue(), path + ".", metric.getKey(), -1));
      }
      history.put(set.getKey(), metrics);
    }
    return history;
  }

  /** The {@code features} field: adds each feature's name and mapper. */
  void features(JsonNode root, List<String> names, List<BinMapper> mappers) {
    JsonNode featureNodes = array(root, "", "features", -1);
    for (int f = 0; f < featureNodes.size(); f++) {
      String path = "features[" + f + "].";
      JsonNode node = featureNodes.get(f);
      names.add(text(node, path, "name"));
      mappers.add(mapper(node, path));
    }
  }

  private BinMapper mapper(JsonNode node, String path) {
    String type = text(node, path, "type");
    boolean constant = bool(field(node, path, "constant"), path + "constant");
    boolean zeroIsMissing = optionalFlag(node, path, "zero_as_missing");
    boolean nanIsZero = optionalFlag(node, path, "nan_as_zero");
    boolean unknownBin = optionalFlag(node, path, "unknown_bin");
    if (zeroIsMissing && nanIsZero) {
      throw fail(path + "nan_as_zero", "cannot be true together with zero_as_missing: a feature whose NaN is read"
          + " as zero has no missing values");
    }
    boolean numeric = type.equals("numeric");
    if (!numeric && !type.equals("categorical")) {
      throw fail(path + "type", "must be \"numeric\" or \"categorical\", but it is \"" + type + "\"");
    }
    // The fields are read first, so that only the mapper's own objections are wrapped below.
    double[] bounds = numeric ? doubles(node, path, "upper_bounds", -1) : null;
    String[] categories = numeric ? null : strings(field(node, path, "categories"), path + "categories");
    try {
      if (numeric) {
        double[] all = Arrays.copyOf(bounds, bounds.length + 1);
        all[bounds.length] = Double.POSITIVE_INFINITY;
        return BinMapper.ofNumeric(all, zeroIsMissing, nanIsZero, constant);
      }
      return BinMapper.ofCategorical(categories, unknownBin, constant);
    } catch (InputException e) {
      throw fail(path + (type.equals("numeric") ? "upper_bounds" : "categories"),
          "is invalid (" + stripPeriod(e.getMessage()) + ")");
    }
  }

  private Tree tree(JsonNode node, int index, List<BinMapper> mappers) {
    String path = "trees[" + index + "].";
    if (!node.isObject()) {
      throw fail(path.substring(0, path.length() - 1), "must be an object");
    }
    int leaves = integer(node, path, "num_leaves");
    if (leaves < 1) {
      throw fail(path + "num_leaves", "must be at least 1, but it is " + leaves);
    }
    int nodes = leaves - 1;
    int[] feature = ints(node, path, "split_feature", nodes);
    JsonNode thresholds = array(node, path, "threshold", nodes);
    JsonNode leftBins = array(node, path, "left_bins", nodes);
    int[] thresholdBin = ints(node, path, "threshold_bin", nodes);
    boolean[] defaultLeft = bools(node, path, "default_left", nodes);
    int[] left = ints(node, path, "left_child", nodes);
    int[] right = ints(node, path, "right_child", nodes);
    double[] gain = doubles(node, path, "split_gain", nodes);
    double[] hessian = doubles(node, path, "internal_hessian", nodes);
    long[] count = longs(node, path, "internal_count", nodes);
    double[] leafValue = doubles(node, path, "leaf_value", leaves);
    double[] leafHessian = doubles(node, path, "leaf_hessian", leaves);
    long[] leafCount = longs(node, path, "leaf_count", leaves);
    TreeBuilder tree = new TreeBuilder(nodes, leaves);
    for (int n = 0; n < nodes; n++) {
      split(tree, path, n, feature[n], leftBins.get(n), thresholds.get(n), thresholdBin[n], defaultLeft[n], mappers);
      tree.children(n, left[n], right[n]).nodeStats(n, gain[n], hessian[n], count[n]);
    }
    for (int l = 0; l < leaves; l++) {
      tree.leaf(l, leafValue[l], leafHessian[l], leafCount[l]);
    }
    return tree.build(source() + ": tree " + index);
  }

  /**
   * Makes node {@code n} of {@code tree} the split the file describes, after checking its feature index and
   * that its kind fits the feature's.
   *
   * @param bins the node's entry of {@code left_bins}, or {@code null} when the tree has no such array (no
   *     categorical node, format 4)
   * @param threshold the node's entry of {@code threshold}, or {@code null} when the file leaves thresholds to
   *     the bins (format 4): then the threshold is the upper bound of its threshold bin
   */
  void split(TreeBuilder tree, String path, int n, int feature, JsonNode bins, JsonNode threshold,
      int thresholdBin, boolean defaultLeft, List<BinMapper> mappers) {
    String at = "[" + n + "]";
    if (feature < 0 || feature >= mappers.size()) {
      throw fail(path + "split_feature" + at, "must be a feature index below " + mappers.size()
          + ", but it is " + feature);
    }
    BinMapper mapper = mappers.get(feature);
    boolean listed = bins != null && !bins.isNull();
    if (mapper.isCategorical() != listed) {
      throw fail(path + "left_bins" + at, mapper.isCategorical()
          ? "must list bins, because feature " + feature + " is categorical"
          : "must be null, because feature " + feature + " is numeric");
    }
    if (mapper.isCategorical()) {
      tree.categorical(n, feature, bitset(bins, path + "left_bins" + at, mapper.numBins()), defaultLeft);
    } else if (threshold != null) {
      tree.numeric(n, feature, number(threshold, path + "threshold" + at), thresholdBin, defaultLeft);
    } else {
      if (thresholdBin < 0 || thresholdBin >= mapper.missingBin()) {
        throw fail(path + "threshold_bin" + at, "must be a value bin of feature " + feature + ", 0 to "
            + (mapper.missingBin() - 1) + ", but it is " + thresholdBin);
      }
      tree.numeric(n, feature, mapper.upperBound(thresholdBin), thresholdBin, defaultLeft);
    }
  }

  /** A bitset sized to cover every bin of the feature, as training builds it. */
  private long[] bitset(JsonNode list, String path, int numBins) {
    if (!list.isArray()) {
      throw fail(path, "must be an array of bins or null");
    }
    long[] bits = new long[Routing.words(numBins)];
    for (int i = 0; i < list.size(); i++) {
      JsonNode bin = list.get(i);
      if (!bin.canConvertToInt() || !bin.isIntegralNumber() || bin.intValue() < 0 || bin.intValue() >= numBins) {
        throw fail(path, "must hold bins from 0 to " + (numBins - 1) + ", but it holds " + bin);
      }
      bits[bin.intValue() >>> 6] |= 1L << bin.intValue();
    }
    return bits;
  }

  private static String stripPeriod(String message) {
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }
}
