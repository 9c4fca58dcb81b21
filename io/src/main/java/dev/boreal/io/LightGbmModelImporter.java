package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.objective.Objectives;
import dev.boreal.histogram.BinMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a LightGBM model in its text format ({@code save_model("m.txt")}) into a Boreal {@link Model} that
 * scores every row as LightGBM does.
 *
 * <p>LightGBM compares doubles, {@code x <= threshold}, like Boreal, so thresholds are taken as written
 * (LightGBM prints them with 17 significant digits, which read back exactly), except that LightGBM reads
 * dense input with values within ±1e-35 of zero ({@link BinMapper#ZERO_THRESHOLD}) as 0.0, so where that
 * band meets the threshold, a threshold inside it moves to the edge that sends the band where zero goes
 * ({@link #zeroBandThreshold}). Its {@code decision_type} holds three things per node: bit 0 marks a
 * categorical split, bit 1 {@code default_left}, and bits 2–3 the missing type:
 * <ul>
 *   <li>{@code None}: NaN is read as 0.0 and compared, so missing values go where 0.0 goes;</li>
 *   <li>{@code NaN}: NaN goes to the default side;</li>
 *   <li>{@code Zero} ({@code zero_as_missing}): NaN is read as 0.0, and values within ±1e-35 of zero go to
 *       the default side. The feature's mapper then counts that band missing ({@link BinMapper#zeroIsMissing}),
 *       so the predictor turns it into NaN, which goes to the default side, and only values outside the band
 *       meet the threshold, taken as written. LightGBM sets the missing type per feature, and a feature's
 *       mapper decides for all its splits, so a file whose numeric splits on one feature disagree on
 *       {@code Zero} is refused.</li>
 * </ul>
 * A categorical split sends the categories in its bitset ({@code cat_threshold}) left and everything else
 * (other categories, negative values, NaN) right. Category values are integers; LightGBM truncates a
 * fractional value to an integer, Boreal treats it as an unknown category.
 *
 * <p>Predictions go through the objective's output conversion: sigmoid for binary (with its slope),
 * softmax for multiclass, a sigmoid per class for multiclassova, exp for poisson, gamma and tweedie,
 * the identity otherwise. Objectives whose conversion Boreal has no link for are refused.
 */
public final class LightGbmModelImporter {
  /** LightGBM's {@code kZeroThreshold}, a float widened to double as its comparison widens it. */
  private static final double ZERO_THRESHOLD = BinMapper.ZERO_THRESHOLD;
  /** The missing types of bits 2–3 of {@code decision_type}: LightGBM's {@code MissingType}. */
  private static final int MISSING_NONE = 0;
  private static final int MISSING_ZERO = 1;
  private static final int MISSING_NAN = 2;
  /** The largest {@code decision_type}: its four bits all set. */
  private static final int MAX_DECISION_TYPE = 15;

  private final String source;

  private LightGbmModelImporter(String source) {
    this.source = source;
  }

  /**
   * Reads a model from the bytes of a LightGBM text model file.
   *
   * @param sourceName how error messages name the source
   * @throws InputException if the text is not a LightGBM model, uses linear trees or an output conversion
   *     Boreal cannot reproduce, or gives one feature's numeric splits missing type {@code Zero} and another
   */
  public static Model read(byte[] bytes, String sourceName) {
    return new LightGbmModelImporter(sourceName).model(new String(bytes, StandardCharsets.UTF_8));
  }

  private Model model(String text) {
    String[] lines = text.split("\r?\n");
    Map<String, String> header = new HashMap<>();
    Set<String> flags = new HashSet<>();
    int at = 0;
    for (; at < lines.length && !lines[at].startsWith("Tree="); at++) {
      String line = lines[at].trim();
      int eq = line.indexOf('=');
      if (eq > 0) {
        header.put(line.substring(0, eq), line.substring(eq + 1));
      } else if (!line.isEmpty()) {
        flags.add(line);
      }
    }
    if (!header.containsKey("version") || !flags.contains("tree")) {
      throw new InputException(source + ": is not a LightGBM text model (it has no 'tree' and 'version=' header).");
    }
    int outputs = intValue(header, "num_tree_per_iteration", "the header");
    if (outputs < 1) {
      throw new InputException(source + ": has num_tree_per_iteration=" + outputs + "; it must be at least 1.");
    }
    // Every count is checked against text the file holds before anything is allocated for it.
    long maxFeature = longValue(header, "max_feature_idx", "the header");
    List<String> names = List.of(required(header, "feature_names", "the header").trim().split(" "));
    if (names.size() != maxFeature + 1) {
      throw new InputException(source + ": lists " + names.size() + " feature names, but max_feature_idx="
          + maxFeature + " needs " + (maxFeature + 1) + ".");
    }
    int numFeatures = names.size();
    // LightGBM sends a category no split lists right, as it sends missing values. Its own bin (routed the same
    // way) tells the predictor that such a code in a double[] row is a category LightGBM scores, not a mistake.
    ImportedTrees trees = new ImportedTrees(source, names, new boolean[numFeatures], true);
    declareCategories(trees, required(header, "feature_infos", "the header").trim().split(" "));
    LightGbmObjective objective = LightGbmObjective.parse(required(header, "objective", "the header"), source);
    checkOutputs(objective, outputs, header.containsKey("num_class") ? longValue(header, "num_class", "the header")
        : outputs);
    int count = 0;
    while (at < lines.length && lines[at].startsWith("Tree=")) {
      Map<String, String> fields = new HashMap<>();
      for (at++; at < lines.length && !lines[at].isBlank() && !lines[at].startsWith("Tree=")
          && !lines[at].startsWith("end of trees"); at++) {
        int eq = lines[at].indexOf('=');
        if (eq > 0) {
          fields.put(lines[at].substring(0, eq), lines[at].substring(eq + 1).trim());
        }
      }
      trees.add(tree(fields, "tree " + count), "tree " + count);
      count++;
      while (at < lines.length && lines[at].isBlank()) {
        at++;
      }
    }
    // What follows the trees must end them: a stray line would otherwise hide every tree after it.
    if (at < lines.length && !lines[at].startsWith("end of trees")) {
      throw new InputException(source + ": line " + (at + 1) + " ('" + abbreviate(lines[at]) + "') follows tree "
          + (count - 1) + " but is neither a 'Tree=' line nor 'end of trees'.");
    }
    if (count == 0 || count % outputs != 0) {
      throw new InputException(source + ": holds " + count + " trees, which is not a positive multiple of "
          + "num_tree_per_iteration=" + outputs + ".");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (Objectives.NAMES.contains(objective.name())) {
      params.put("objective", objective.name());
    }
    if (outputs > 1) {
      params.put("num_class", Integer.toString(outputs));
    }
    if (objective.link().name().equals("sigmoid") && objective.link().param() != 1.0) {
      params.put("sigmoid", Double.toString(objective.link().param()));
    }
    boolean forest = flags.contains("average_output");
    return trees.toModel(forest ? "rf" : "gbdt", objective.name(), objective.link(),
        objective.classes(outputs), new double[outputs], forest ? Model.Ensemble.AVERAGE : Model.Ensemble.SUM,
        params);
  }

  /**
   * Checks that {@code num_class} and {@code num_tree_per_iteration} agree with each other and with the
   * objective: one tree per class for multiclass (two or more classes), one tree per iteration otherwise.
   */
  private void checkOutputs(LightGbmObjective objective, int outputs, long numClass) {
    boolean multiclass = objective.name().startsWith("multiclass");
    if (multiclass ? numClass != outputs || outputs < 2 : outputs != 1 && !objective.name().equals("custom")) {
      throw new InputException(source + ": has num_class=" + numClass + " and num_tree_per_iteration=" + outputs
          + ", which objective " + objective.name() + " cannot have (" + (multiclass
          ? "it needs one tree per class and two or more classes" : "it needs one tree per iteration") + ").");
    }
  }

  /** {@code feature_infos}: "[min:max]" for numeric features, "none" for unused ones, "c1:c2:..." for categorical. */
  private void declareCategories(ImportedTrees trees, String[] infos) {
    if (infos.length != trees.numFeatures()) {
      throw new InputException(source + ": lists " + infos.length + " feature_infos for " + trees.numFeatures()
          + " features.");
    }
    for (int f = 0; f < infos.length; f++) {
      String info = infos[f];
      if (info.startsWith("[") || info.equals("none")) {
        continue;
      }
      List<Integer> values = new ArrayList<>();
      for (String part : info.split(":")) {
        try {
          int v = Integer.parseInt(part.trim());
          if (v >= 0) { // LightGBM lists NaN as -1
            values.add(v);
          }
        } catch (NumberFormatException e) {
          throw new InputException(source + ": feature_infos of feature " + f + " ('" + info
              + "') is neither a [min:max] range nor a list of integer categories.", e);
        }
      }
      trees.addCategories(f, values.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  /** One tree: LightGBM already numbers nodes as Boreal does (internal 0..L-2, leaf l as ~l). */
  private ImportedTrees.Spec tree(Map<String, String> fields, String where) {
    int leaves = intValue(fields, "num_leaves", where);
    if (leaves < 1) {
      throw new InputException(source + ": " + where + " has num_leaves=" + leaves + ".");
    }
    if ("1".equals(fields.get("is_linear"))) {
      throw new InputException(source + ": " + where + " is a linear tree (linear_tree=true); Boreal imports "
          + "trees with constant leaves only.");
    }
    double[] leafValues = doubles(fields, "leaf_value", leaves, where);
    if (leaves == 1) {
      ImportedTrees.Spec spec = new ImportedTrees.Spec(0, 1);
      spec.tree.leaf(0, leafValues[0], 0, 0);
      return spec;
    }
    int nodes = leaves - 1;
    double[] leafWeight = doubles(fields, "leaf_weight", leaves, where);
    long[] leafCount = longs(fields, "leaf_count", leaves, where);
    long[] feature = longs(fields, "split_feature", nodes, where);
    double[] threshold = doubles(fields, "threshold", nodes, where);
    long[] decisionType = longs(fields, "decision_type", nodes, where);
    long[] left = longs(fields, "left_child", nodes, where);
    long[] right = longs(fields, "right_child", nodes, where);
    double[] gain = doubles(fields, "split_gain", nodes, where);
    double[] weight = doubles(fields, "internal_weight", nodes, where);
    long[] count = longs(fields, "internal_count", nodes, where);
    int numCat = fields.containsKey("num_cat") ? intValue(fields, "num_cat", where) : 0;
    if (numCat < 0 || numCat > nodes) {
      throw new InputException(source + ": " + where + " has num_cat=" + numCat + "; a tree of " + nodes
          + " splits has 0 to " + nodes + " categorical ones.");
    }
    long[] catBoundaries = numCat > 0 ? longs(fields, "cat_boundaries", numCat + 1, where) : new long[0];
    long[] catThreshold = numCat > 0 ? longs(fields, "cat_threshold", -1, where) : new long[0];
    LightGbmBitsets bitsets = new LightGbmBitsets(catBoundaries, catThreshold, source + ": " + where);
    ImportedTrees.Spec spec = new ImportedTrees.Spec(nodes, leaves);
    for (int l = 0; l < leaves; l++) {
      spec.tree.leaf(l, leafValues[l], leafWeight[l], leafCount[l]);
    }
    for (int n = 0; n < nodes; n++) {
      // Children stay long: the builder checks them as written, before any cast could wrap them into range.
      spec.tree.children(n, left[n], right[n]).nodeStats(n, gain[n], weight[n], count[n]);
      int f = featureIndex(feature[n], where, n);
      if (decisionType[n] < 0 || decisionType[n] > MAX_DECISION_TYPE) {
        throw new InputException(source + ": " + where + " node " + n + " has decision_type " + decisionType[n]
            + "; LightGBM writes 0 to " + MAX_DECISION_TYPE + " (bit 0 categorical, bit 1 default left, bits 2-3 "
            + "the missing type).");
      }
      int type = (int) decisionType[n];
      boolean defaultLeft = (type & 2) != 0;
      int missingType = (type >> 2) & 3;
      if ((type & 1) != 0) {
        // NaN, negative and unlisted values all go right.
        spec.categorical(n, f, bitsets.members(threshold[n], n), true, false);
        continue;
      }
      double t = threshold[n];
      switch (missingType) {
        // The zero band (NaN too, read as 0.0) is missing and never meets the threshold.
        case MISSING_ZERO -> spec.numeric(n, f, t, defaultLeft, true);
        case MISSING_NAN -> spec.numeric(n, f, zeroBandThreshold(t), defaultLeft, false);
        // NaN is read as 0.0 and compared.
        case MISSING_NONE -> spec.numeric(n, f, zeroBandThreshold(t), 0.0 <= t, false);
        default -> throw new InputException(source + ": " + where + " node " + n + " has decision_type " + type
            + ", whose missing type " + missingType + " LightGBM does not define.");
      }
    }
    return spec;
  }

  /** A split's feature index, refused here when it does not fit an {@code int} (a cast would wrap it). */
  private int featureIndex(long feature, String where, int node) {
    if (feature < 0 || feature > Integer.MAX_VALUE) {
      throw new InputException(source + ": " + where + " node " + node + " splits on feature " + feature
          + ", which is not a feature index.");
    }
    return (int) feature;
  }

  /**
   * The threshold that routes every value as LightGBM does after its dense-input reader has replaced values
   * within ±1e-35 of zero by 0.0: a threshold inside that band moves to its edge on the side 0.0 takes,
   * so the whole band follows zero; any other threshold routes the band as zero already.
   */
  static double zeroBandThreshold(double t) {
    if (t >= -ZERO_THRESHOLD && t < 0) {
      return Math.nextDown(-ZERO_THRESHOLD);
    }
    if (t >= 0 && t < ZERO_THRESHOLD) {
      return ZERO_THRESHOLD;
    }
    return t;
  }

  private static String abbreviate(String line) {
    return line.length() <= 40 ? line : line.substring(0, 40) + "...";
  }

  private String required(Map<String, String> fields, String key, String where) {
    String value = fields.get(key);
    if (value == null) {
      throw new InputException(source + ": " + where + " has no '" + key + "=' line.");
    }
    return value;
  }

  private int intValue(Map<String, String> fields, String key, String where) {
    long value = longValue(fields, key, where);
    if (value != (int) value) {
      throw new InputException(source + ": " + where + " has " + key + "=" + value + ", which is too large.");
    }
    return (int) value;
  }

  private long longValue(Map<String, String> fields, String key, String where) {
    String value = required(fields, key, where).trim();
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new InputException(source + ": " + where + " has " + key + "=" + value + ", not an integer.", e);
    }
  }

  private double[] doubles(Map<String, String> fields, String key, int length, String where) {
    String[] parts = split(fields, key, length, where);
    double[] out = new double[parts.length];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = parseDouble(parts[i]);
      } catch (NumberFormatException e) {
        throw new InputException(source + ": " + where + " " + key + " value " + (i + 1) + " ('" + parts[i]
            + "') is not a number.", e);
      }
    }
    return out;
  }

  /** A number as C++ prints it: Java's syntax, or "inf", "-inf" and "nan" for the non-finite values. */
  private static double parseDouble(String text) {
    switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "inf": case "+inf": case "infinity": return Double.POSITIVE_INFINITY;
      case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
      case "nan": case "-nan": return Double.NaN;
      default: return Double.parseDouble(text);
    }
  }

  private long[] longs(Map<String, String> fields, String key, int length, String where) {
    String[] parts = split(fields, key, length, where);
    long[] out = new long[parts.length];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Long.parseLong(parts[i]);
      } catch (NumberFormatException e) {
        throw new InputException(source + ": " + where + " " + key + " value " + (i + 1) + " ('" + parts[i]
            + "') is not an integer.", e);
      }
    }
    return out;
  }

  private String[] split(Map<String, String> fields, String key, int length, String where) {
    String value = required(fields, key, where).trim();
    String[] parts = value.isEmpty() ? new String[0] : value.split(" ");
    if (length >= 0 && parts.length != length) {
      throw new InputException(source + ": " + where + " has " + parts.length + " " + key + " values, but "
          + length + " are needed.");
    }
    return parts;
  }
}
