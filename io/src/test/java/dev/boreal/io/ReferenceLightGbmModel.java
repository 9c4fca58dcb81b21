package dev.boreal.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A LightGBM text model walked as LightGBM's {@code Tree::Decision} walks it, after its dense-row reader has
 * turned values within ±1e-35 of zero into 0.0. {@code decision_type} bit 0 marks a categorical split: NaN and
 * negative values go right, a category goes left iff its bit is set in the split's words of
 * {@code cat_threshold}. Otherwise bits 2–3 give the missing type: unless it is NaN, a NaN is read as 0.0;
 * a zero under type Zero or a NaN under type NaN goes to the default side (bit 1), every other value left iff
 * it is at most the threshold. Tree t belongs to output {@code t % num_tree_per_iteration}; an output is the
 * sum of its leaves, or their mean for {@code average_output}.
 */
final class ReferenceLightGbmModel extends ReferenceModel {
  private static final double ZERO = 1e-35f;

  private final Map<String, String> header = new HashMap<>();
  private final List<Map<String, String>> trees = new ArrayList<>();
  private final boolean average;

  ReferenceLightGbmModel(byte[] file) {
    String[] lines = new String(file, StandardCharsets.UTF_8).split("\r?\n");
    boolean averageOutput = false;
    Map<String, String> fields = header;
    for (String line : lines) {
      if (line.startsWith("end of trees")) {
        break;
      }
      if (line.startsWith("Tree=")) {
        fields = new HashMap<>();
        trees.add(fields);
      } else if (line.indexOf('=') > 0) {
        fields.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).trim());
      } else if (line.trim().equals("average_output")) {
        averageOutput = true;
      }
    }
    average = averageOutput;
    outputs = Integer.parseInt(header.get("num_tree_per_iteration").trim());
    names = List.of(header.get("feature_names").trim().split(" "));
    String[] infos = header.get("feature_infos").trim().split(" ");
    categorical = new boolean[names.size()];
    for (int f = 0; f < infos.length; f++) {
      categorical[f] = !infos[f].startsWith("[") && !infos[f].equals("none");
    }
    for (Map<String, String> tree : trees) {
      if (Integer.parseInt(tree.get("num_leaves")) > 1) {
        long[] types = longs(tree, "decision_type");
        long[] features = longs(tree, "split_feature");
        for (int n = 0; n < types.length; n++) {
          categorical[(int) features[n]] |= (types[n] & 1) != 0;
        }
      }
    }
  }

  @Override
  public double[] score(FuzzRows rows) {
    double[] x = rows.codes(categorical);
    int nf = categorical.length;
    int iterations = trees.size() / outputs;
    double[] out = new double[rows.rows() * outputs];
    for (int r = 0; r < rows.rows(); r++) {
      for (int t = 0; t < trees.size(); t++) {
        out[r * outputs + t % outputs] += leafValue(trees.get(t), x, r * nf);
      }
      for (int k = 0; average && k < outputs; k++) {
        out[r * outputs + k] /= iterations;
      }
    }
    return out;
  }

  private static double leafValue(Map<String, String> tree, double[] x, int offset) {
    double[] leaves = doubles(tree, "leaf_value");
    if (Integer.parseInt(tree.get("num_leaves")) == 1) {
      return leaves[0];
    }
    long[] feature = longs(tree, "split_feature");
    long[] type = longs(tree, "decision_type");
    double[] threshold = doubles(tree, "threshold");
    long[] left = longs(tree, "left_child");
    long[] right = longs(tree, "right_child");
    int node = 0;
    for (int steps = 0; node >= 0; steps++) {
      ReferenceModel.checkSteps(steps, feature.length);
      double v = x[offset + (int) feature[node]];
      if (Math.abs(v) <= ZERO) {
        v = 0.0;
      }
      boolean goesLeft;
      if ((type[node] & 1) != 0) {
        goesLeft = !Double.isNaN(v) && v >= 0 && inBitset(tree, (int) threshold[node], (int) v);
      } else {
        long missing = (type[node] >> 2) & 3;
        if (Double.isNaN(v) && missing != 2) {
          v = 0.0;
        }
        boolean isMissing = (missing == 1 && Math.abs(v) <= ZERO) || (missing == 2 && Double.isNaN(v));
        goesLeft = isMissing ? (type[node] & 2) != 0 : v <= threshold[node];
      }
      node = (int) (goesLeft ? left[node] : right[node]);
    }
    return leaves[~node];
  }

  private static boolean inBitset(Map<String, String> tree, int index, int category) {
    long[] boundaries = longs(tree, "cat_boundaries");
    long[] words = longs(tree, "cat_threshold");
    int word = category / 32;
    if (word >= boundaries[index + 1] - boundaries[index]) {
      return false;
    }
    return ((words[(int) boundaries[index] + word] >> (category % 32)) & 1) != 0;
  }

  private static long[] longs(Map<String, String> tree, String key) {
    String value = tree.get(key).trim();
    return value.isEmpty() ? new long[0] : Arrays.stream(value.split(" ")).mapToLong(Long::parseLong)
        .toArray();
  }

  private static double[] doubles(Map<String, String> tree, String key) {
    String value = tree.get(key).trim();
    return value.isEmpty() ? new double[0] : Arrays.stream(value.split(" ")).mapToDouble(s -> {
      switch (s) {
        case "inf": return Double.POSITIVE_INFINITY;
        case "-inf": return Double.NEGATIVE_INFINITY;
        case "nan": return Double.NaN;
        default: return Double.parseDouble(s);
      }
    }).toArray();
  }
}
