package dev.boreal.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.histogram.BinMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Boreal JSON model file as {@code docs/model-format.md} describes it, walked from the parsed JSON: a
 * numeric value (NaN when missing; within ±1e-35 of zero missing where the feature says
 * {@code zero_as_missing}; NaN read as 0.0 where it says {@code nan_as_zero}) goes left iff it is at most
 * the threshold, a missing one to {@code default_left}'s side; a category goes left iff its bin is listed in
 * {@code left_bins} (missing and empty names take the missing bin, unseen names the unknown bin when the
 * feature has one, else the missing bin). Output k is its base score plus the sum (or, for
 * {@code "average"}, the mean) of the leaves its trees reach over the first {@code best_iteration}
 * iterations; tree t belongs to output {@code t % num_outputs}. Format 4 as documented too: with
 * {@code tree_outputs} tree i serves every output (leaf l's value for output k at {@code l × K + k}); a missing
 * {@code threshold} is the upper bound of the node's {@code threshold_bin} (+Infinity past the last); a
 * {@code default_left} of 0 or 1; {@code left_bins} listing the categorical nodes only; and with
 * {@code split_criterion} a leaf's value for output k is class k's weight over the leaf's total (class 1's for
 * a binary forest's one output).
 */
final class ReferenceBorealModel extends ReferenceModel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;

  ReferenceBorealModel(byte[] file) throws IOException {
    root = JSON.readTree(file);
    names = new ArrayList<>();
    outputs = root.get("num_outputs").intValue();
    JsonNode features = root.get("features");
    categorical = new boolean[features.size()];
    for (int f = 0; f < features.size(); f++) {
      names.add(features.get(f).get("name").textValue());
      categorical[f] = features.get(f).get("type").textValue().equals("categorical");
    }
  }

  @Override
  public double[] score(FuzzRows rows) {
    JsonNode trees = root.get("trees");
    int iterations = root.get("best_iteration").intValue();
    boolean average = root.get("ensemble").textValue().equals("average");
    double[] out = new double[rows.rows() * outputs];
    for (int r = 0; r < rows.rows(); r++) {
      double[] x = encode(rows.named(r, categorical));
      for (int k = 0; k < outputs; k++) {
        double base = number(root.get("base_scores").get(k));
        double sum = average ? 0.0 : base;
        for (int i = 0; i < iterations; i++) {
          sum += root.has("tree_outputs") ? leafValue(trees.get(i), x, k, outputs)
              : leafValue(trees.get(i * outputs + k), x, 0, 1);
        }
        out[r * outputs + k] = !average ? sum : iterations == 0 ? base : base + sum / iterations;
      }
    }
    return out;
  }

  /** Numeric values as the trees compare them, categories as their bins. */
  private double[] encode(Object[] row) {
    double[] x = new double[row.length];
    JsonNode features = root.get("features");
    for (int f = 0; f < row.length; f++) {
      JsonNode feature = features.get(f);
      if (categorical[f]) {
        JsonNode categories = feature.get("categories");
        int known = categories.size();
        boolean unknownBin = feature.path("unknown_bin").asBoolean(false);
        int missingBin = known + (unknownBin ? 1 : 0);
        String name = (String) row[f];
        int bin = name == null || name.isEmpty() ? missingBin : unknownBin ? known : missingBin;
        for (int b = 0; b < known; b++) {
          if (categories.get(b).textValue().equals(name)) {
            bin = b;
            break;
          }
        }
        x[f] = bin;
      } else {
        double v = (Double) row[f];
        if (feature.path("zero_as_missing").asBoolean(false) && Math.abs(v) <= BinMapper.ZERO_THRESHOLD) {
          v = Double.NaN;
        }
        x[f] = Double.isNaN(v) && feature.path("nan_as_zero").asBoolean(false) ? 0.0 : v;
      }
    }
    return x;
  }

  /** Output k's value of the leaf the row reaches in a tree whose leaves hold {@code width} values each. */
  private double leafValue(JsonNode tree, double[] x, int k, int width) {
    int leaves = tree.get("num_leaves").intValue();
    int node = leaves == 1 ? ~0 : 0;
    boolean compact = !tree.has("threshold");
    for (int steps = 0; node >= 0; steps++) {
      ReferenceModel.checkSteps(steps, leaves - 1);
      int f = tree.get("split_feature").get(node).intValue();
      boolean left;
      JsonNode bins = compact ? categorical[f] ? tree.get("left_bins").get(categoricalBefore(tree, node)) : null
          : tree.get("left_bins").get(node);
      if (bins != null && !bins.isNull()) {
        Set<Integer> set = new HashSet<>();
        bins.forEach(b -> set.add(b.intValue()));
        left = set.contains((int) x[f]);
      } else if (Double.isNaN(x[f])) {
        JsonNode side = tree.get("default_left").get(node);
        left = side.isBoolean() ? side.booleanValue() : side.intValue() == 1;
      } else {
        left = x[f] <= threshold(tree, node, f, compact);
      }
      node = tree.get(left ? "left_child" : "right_child").get(node).intValue();
    }
    int leaf = ~node;
    if (root.has("split_criterion")) {
      JsonNode weights = tree.get("leaf_class_weight");
      int classes = root.get("classes").size();
      double total = 0;
      for (int c = 0; c < classes; c++) {
        total += number(weights.get(leaf * classes + c));
      }
      return number(weights.get(leaf * classes + (classes == 2 ? 1 : k))) / total;
    }
    return number(tree.get("leaf_value").get(leaf * width + k));
  }

  /** How many of the nodes before {@code node} split a categorical feature: its entry in a compact left_bins. */
  private int categoricalBefore(JsonNode tree, int node) {
    int n = 0;
    for (int i = 0; i < node; i++) {
      n += categorical[tree.get("split_feature").get(i).intValue()] ? 1 : 0;
    }
    return n;
  }

  private double threshold(JsonNode tree, int node, int f, boolean compact) {
    if (!compact) {
      return number(tree.get("threshold").get(node));
    }
    JsonNode bounds = root.get("features").get(f).get("upper_bounds");
    int bin = tree.get("threshold_bin").get(node).intValue();
    return bin == bounds.size() ? Double.POSITIVE_INFINITY : number(bounds.get(bin));
  }

  /** A JSON number, or the strings the format writes for non-finite values. */
  private static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return Double.parseDouble(node.textValue());
  }
}
