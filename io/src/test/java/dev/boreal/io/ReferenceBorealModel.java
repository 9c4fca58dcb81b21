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
 * iterations; tree t belongs to output {@code t % num_outputs}.
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
          sum += leafValue(trees.get(i * outputs + k), x);
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

  private double leafValue(JsonNode tree, double[] x) {
    int leaves = tree.get("num_leaves").intValue();
    if (leaves == 1) {
      return number(tree.get("leaf_value").get(0));
    }
    int node = 0;
    for (int steps = 0; node >= 0; steps++) {
      ReferenceModel.checkSteps(steps, leaves - 1);
      int f = tree.get("split_feature").get(node).intValue();
      boolean left;
      JsonNode bins = tree.get("left_bins").get(node);
      if (!bins.isNull()) {
        Set<Integer> set = new HashSet<>();
        bins.forEach(b -> set.add(b.intValue()));
        left = set.contains((int) x[f]);
      } else if (Double.isNaN(x[f])) {
        left = tree.get("default_left").get(node).booleanValue();
      } else {
        left = x[f] <= number(tree.get("threshold").get(node));
      }
      node = tree.get(left ? "left_child" : "right_child").get(node).intValue();
    }
    return number(tree.get("leaf_value").get(~node));
  }

  /** A JSON number, or the strings the format writes for non-finite values. */
  private static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return Double.parseDouble(node.textValue());
  }
}
