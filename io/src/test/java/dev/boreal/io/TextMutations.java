package dev.boreal.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of a model file's bytes and lines, for every format: truncation, flipped bytes, a span or
 * line deleted or repeated, a number replaced by NaN, infinity, a huge, negative or zero value; and for
 * LightGBM's text format, one value of a {@code key=v1 v2 ...} line replaced, child pointers made cyclic,
 * out of range or swapped, a leaf value changed and a tree replaced by a deep chain.
 */
final class TextMutations {
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  private static final String[] WEIRD = {"NaN", "nan", "Infinity", "inf", "-inf", "1e308", "1e999", "-1", "0",
      "-0", "2147483648", "4294967296", "1099511627776", "9223372036854775808", "0.5", "1e-320", "x", ""};

  /** LightGBM lines that say what the model is, with whole values a writer might give them instead. */
  private static final Map<String, String[]> LINES = Map.ofEntries(
      Map.entry("num_class", new String[] {"0", "1", "2", "3", "1000000000", "-1"}),
      Map.entry("num_tree_per_iteration", new String[] {"0", "1", "2", "3", "1000000000", "-1"}),
      Map.entry("max_feature_idx", new String[] {"-1", "0", "2", "3", "4", "2147483647", "99999999999"}),
      Map.entry("objective", new String[] {"binary sigmoid:1", "multiclass num_class:3", "multiclassova num_class:2",
          "regression", "poisson", "lambdarank", "custom", "binary sigmoid:0", "binary sigmoid:nan", "xentropy"}),
      Map.entry("feature_names", new String[] {"x x z w", "x shade z", "a b c d"}),
      Map.entry("feature_infos", new String[] {"[-3:3] [-3:3] [-2:2] [-2:2]", "[-3:3] -1:0:2:5:33 [-2:2] 0:1",
          "none none none none", "[-3:3] 65535:1 [-2:2] [-2:2]"}),
      Map.entry("num_leaves", new String[] {"0", "1", "2", "3", "4", "5", "-1", "1000000000"}),
      Map.entry("num_cat", new String[] {"0", "1", "2", "-1", "1000", "2147483647"}),
      Map.entry("cat_boundaries", new String[] {"0 1", "0 2 2", "0 3", "-5 2", "0 4294967296", "1 2"}),
      Map.entry("cat_threshold", new String[] {"4 2", "-1 2", "4294967296 2", "4", "4294967295 4294967295"}));
  /** LightGBM node arrays, with single values a writer might give one node instead. */
  private static final Map<String, String[]> NODE_VALUES = Map.of(
      "decision_type", new String[] {"0", "1", "2", "3", "8", "9", "10", "12", "15", "16", "255", "-1", "4294967297"},
      "threshold", new String[] {"0.5", "1e300", "-1", "nan", "1", "0", "inf"},
      "split_feature", new String[] {"0", "1", "2", "3", "4", "-1", "4294967296"},
      "left_child", new String[] {"0", "1", "-1", "-2", "-5", "1099511627776"},
      "right_child", new String[] {"0", "2", "-1", "-4", "-5", "-4294967297"});

  private TextMutations() {}

  /** A byte-level mutation of any file. */
  static byte[] bytes(byte[] file, Random random, StringBuilder what) {
    int at = random.nextInt(file.length);
    switch (random.nextInt(5)) {
      case 0 -> {
        what.append("truncated to ").append(at).append(" bytes");
        return Arrays.copyOf(file, at);
      }
      case 1 -> {
        byte[] out = file.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        what.append("flipped ").append(flips).append(" bytes");
        return out;
      }
      case 2 -> {
        int to = Math.min(file.length, at + 1 + random.nextInt(40));
        what.append("deleted bytes ").append(at).append(" to ").append(to);
        return concat(Arrays.copyOf(file, at), Arrays.copyOfRange(file, to, file.length));
      }
      case 3 -> {
        int to = Math.min(file.length, at + 1 + random.nextInt(40));
        what.append("repeated bytes ").append(at).append(" to ").append(to);
        return concat(Arrays.copyOf(file, to), Arrays.copyOfRange(file, at, file.length));
      }
      default -> {
        return replaceNumber(file, random, what);
      }
    }
  }

  /** One number token of the file replaced by a weird value. */
  private static byte[] replaceNumber(byte[] file, Random random, StringBuilder what) {
    String text = new String(file, StandardCharsets.UTF_8);
    List<int[]> spans = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return file;
    }
    int[] span = spans.get(random.nextInt(spans.size()));
    String value = WEIRD[random.nextInt(WEIRD.length)];
    what.append("replaced '").append(text, span[0], span[1]).append("' by '").append(value).append("'");
    return (text.substring(0, span[0]) + value + text.substring(span[1])).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** A line-level mutation of a LightGBM text model. */
  static byte[] lightGbm(byte[] file, Random random, StringBuilder what) {
    List<String> lines = new ArrayList<>(List.of(new String(file, StandardCharsets.UTF_8).split("\n", -1)));
    List<Integer> valueLines = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).indexOf('=') > 0 && !lines.get(i).startsWith("Tree=")) {
        valueLines.add(i);
      }
    }
    int line = valueLines.get(random.nextInt(valueLines.size()));
    String key = lines.get(line).substring(0, lines.get(line).indexOf('='));
    String[] values = lines.get(line).substring(key.length() + 1).split(" ", -1);
    int i = random.nextInt(values.length);
    switch (random.nextInt(11)) {
      case 8, 9 -> {
        return semantic(lines, random, what);
      }
      case 10 -> {
        lines.add(1, "average_output");
        what.append("made the model a forest (average_output)");
      }
      case 0 -> {
        lines.remove(line);
        what.append("deleted line ").append(key);
      }
      case 1 -> {
        lines.add(line, lines.get(valueLines.get(random.nextInt(valueLines.size()))));
        what.append("repeated a line before ").append(key);
      }
      case 2, 3 -> {
        values[i] = WEIRD[random.nextInt(WEIRD.length)];
        what.append("set ").append(key).append(" value ").append(i).append(" to '").append(values[i]).append("'");
      }
      case 4 -> {
        values[i] = Integer.toString(random.nextInt(2 * values.length + 5) - values.length - 2);
        what.append("set ").append(key).append(" value ").append(i).append(" to ").append(values[i]);
      }
      case 5 -> {
        int length = Math.max(0, values.length - 1 + 2 * random.nextInt(2));
        String[] resized = Arrays.copyOf(values, length);
        Arrays.fill(resized, Math.min(values.length, length), length, "0");
        values = resized;
        what.append("changed the length of ").append(key);
      }
      case 6 -> {
        return swapOrChange(lines, line, random, what);
      }
      default -> {
        return deepTree(lines, line, 200 + random.nextInt(2000), random, what);
      }
    }
    if (line < lines.size() && lines.get(line).startsWith(key + "=")) {
      lines.set(line, key + "=" + String.join(" ", values));
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** A line that says what the model is, or one value of a node array, given another value a writer might give. */
  private static byte[] semantic(List<String> lines, Random random, StringBuilder what) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < lines.size() && !lines.get(i).startsWith("end of trees"); i++) {
      String line = lines.get(i);
      int eq = line.indexOf('=');
      if (eq > 0 && (LINES.containsKey(line.substring(0, eq)) || NODE_VALUES.containsKey(line.substring(0, eq)))) {
        candidates.add(i);
      }
    }
    int at = candidates.get(random.nextInt(candidates.size()));
    String key = lines.get(at).substring(0, lines.get(at).indexOf('='));
    String value;
    if (LINES.containsKey(key)) {
      value = LINES.get(key)[random.nextInt(LINES.get(key).length)];
    } else {
      String[] values = lines.get(at).substring(key.length() + 1).split(" ");
      values[random.nextInt(values.length)] = NODE_VALUES.get(key)[random.nextInt(NODE_VALUES.get(key).length)];
      value = String.join(" ", values);
    }
    lines.set(at, key + "=" + value);
    what.append("set line ").append(key).append("=").append(value);
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** Swaps the children of a node, or changes a leaf value or a numeric threshold: legitimately different models. */
  private static byte[] swapOrChange(List<String> lines, int near, Random random, StringBuilder what) {
    int left = find(lines, near, "left_child=");
    int right = find(lines, near, "right_child=");
    int leaves = find(lines, near, "leaf_value=");
    if (left < 0 || right < 0 || leaves < 0) {
      return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
    String[] l = lines.get(left).substring("left_child=".length()).split(" ");
    String[] r = lines.get(right).substring("right_child=".length()).split(" ");
    if (random.nextBoolean() && !l[0].isEmpty()) {
      int n = random.nextInt(l.length);
      String a = l[n];
      l[n] = r[n];
      r[n] = a;
      lines.set(left, "left_child=" + String.join(" ", l));
      lines.set(right, "right_child=" + String.join(" ", r));
      what.append("swapped the children of node ").append(n);
    } else {
      String[] v = lines.get(leaves).substring("leaf_value=".length()).split(" ");
      int n = random.nextInt(v.length);
      v[n] = Double.toString((random.nextInt(33) - 16) / 8.0);
      lines.set(leaves, "leaf_value=" + String.join(" ", v));
      what.append("set leaf ").append(n).append(" to ").append(v[n]);
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  /** The line starting with {@code prefix} in the tree that holds line {@code near}, or -1. */
  private static int find(List<String> lines, int near, String prefix) {
    int start = near;
    while (start > 0 && !lines.get(start).startsWith("Tree=")) {
      start--;
    }
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("Tree=")
        && !lines.get(i).startsWith("end of trees"); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Replaces the tree holding line {@code near} by a chain of numeric splits on feature 0, {@code depth} deep,
   * whose missing values (type NaN, as the base model's splits on feature 0) go left or right.
   */
  private static byte[] deepTree(List<String> lines, int near, int depth, Random random, StringBuilder what) {
    int start = near;
    while (start > 0 && !lines.get(start).startsWith("Tree=")) {
      start--;
    }
    if (!lines.get(start).startsWith("Tree=")) {
      return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).isBlank()) {
      end++;
    }
    StringBuilder[] f = new StringBuilder[13];
    Arrays.setAll(f, k -> new StringBuilder());
    for (int n = 0; n < depth; n++) {
      String sep = n == 0 ? "" : " ";
      f[0].append(sep).append(0);
      f[1].append(sep).append(1);
      f[2].append(sep).append((random.nextInt(49) - 24) / 8.0);
      f[3].append(sep).append(random.nextBoolean() ? 10 : 8);
      f[4].append(sep).append(~n);
      f[5].append(sep).append(n + 1 < depth ? n + 1 : ~depth);
      f[6].append(sep).append(0);
      f[7].append(sep).append(depth - n + 1);
      f[8].append(sep).append(depth - n + 1);
    }
    for (int l = 0; l <= depth; l++) {
      String sep = l == 0 ? "" : " ";
      f[9].append(sep).append((random.nextInt(33) - 16) / 16.0);
      f[10].append(sep).append(1);
      f[11].append(sep).append(1);
    }
    List<String> tree = List.of("num_leaves=" + (depth + 1), "num_cat=0", "split_feature=" + f[0],
        "split_gain=" + f[1], "threshold=" + f[2], "decision_type=" + f[3], "left_child=" + f[4],
        "right_child=" + f[5], "leaf_value=" + f[9], "leaf_weight=" + f[10], "leaf_count=" + f[11],
        "internal_value=" + f[6], "internal_weight=" + f[7], "internal_count=" + f[8], "is_linear=0",
        "shrinkage=1");
    lines.subList(start + 1, end).clear();
    lines.addAll(start + 1, tree);
    what.append("replaced a tree by a chain ").append(depth).append(" deep");
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }
}
