package dev.boreal.bench;

import dev.boreal.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One description of a training run, turned into each library's own parameter names, and the check that
 * the maps really ask for the same thing before any of them is trained.
 *
 * <p>What the spec does not name follows {@link Defaults}: {@code bench compare} aligns the defaults that
 * change the trees, {@code bench suite} leaves each library at its own.
 *
 * @param objective LightGBM's objective name: {@code binary}, {@code regression}, {@code multiclass}
 *     or {@code lambdarank}
 * @param numClass classes of a multiclass objective (ignored otherwise)
 * @param rounds boosting rounds
 * @param leaves most leaves per tree
 * @param learningRate shrinkage
 * @param maxBin most bins per feature, or 0 to leave each library's default
 * @param threads threads each library may use
 * @param seed the seed every library gets, or {@code null} to leave each library's default
 * @param defaults how the settings the spec does not name are chosen
 */
public record ComparisonSpec(String objective, int numClass, int rounds, int leaves, double learningRate,
    int maxBin, int threads, Long seed, Defaults defaults) {

  /** Appended to Boreal's and LightGBM's names: the same run on quantized gradients (use_quantized_grad=true). */
  public static final String QUANTIZED = "-quantized";

  /**
   * The libraries, in the order they run and are printed: Boreal and LightGBM each in float and quantized
   * mode, and XGBoost.
   */
  public static final List<String> LIBRARIES = List.of("boreal", "boreal" + QUANTIZED, "lightgbm",
      "lightgbm" + QUANTIZED, "xgboost");

  /** How the settings a spec does not name are chosen. */
  public enum Defaults {
    /**
     * The same work for every library, for timing: XGBoost's {@code min_child_weight} (1) and {@code lambda}
     * (1) are set to LightGBM's {@code min_sum_hessian_in_leaf} (1e-3) and {@code lambda_l2} (0), because they
     * change the trees; LightGBM's {@code min_data_in_leaf} (20) has no XGBoost counterpart and stays a known
     * difference.
     */
    ALIGNED,
    /**
     * Each library as its users get it, for accuracy: nothing set beyond the spec, except XGBoost's
     * {@code max_cat_to_onehot=4} (its default, written out as the suite's reference.py does).
     */
    LIBRARY
  }

  /** Rejects objectives the harness cannot map onto all three libraries. */
  public ComparisonSpec {
    objective = objective.toLowerCase(Locale.ROOT);
    if (!List.of("binary", "regression", "multiclass", "lambdarank").contains(objective)) {
      throw new UsageException("--objective must be binary, regression, multiclass or lambdarank, not '"
          + objective + "'.");
    }
  }

  /** A spec with aligned defaults and no seed, as {@code bench compare} times them. */
  public ComparisonSpec(String objective, int numClass, int rounds, int leaves, double learningRate, int maxBin,
      int threads) {
    this(objective, numClass, rounds, leaves, learningRate, maxBin, threads, null, Defaults.ALIGNED);
  }

  /** A spec that leaves every unnamed setting (bins included) at each library's default, with a seed. */
  public static ComparisonSpec libraryDefaults(String objective, int numClass, int rounds, int leaves,
      double learningRate, int threads, long seed) {
    return new ComparisonSpec(objective, numClass, rounds, leaves, learningRate, 0, threads, seed, Defaults.LIBRARY);
  }

  /** The metric the comparison reports, by Boreal's (LightGBM's) name. */
  public String metric() {
    return switch (objective) {
      case "binary" -> "auc";
      case "regression" -> "rmse";
      case "multiclass" -> "multi_logloss";
      default -> "ndcg@5";
    };
  }

  /**
   * The parameter map of one library, by its name in {@link #LIBRARIES}: a quantized library's is its float
   * map with {@code use_quantized_grad=true} (LightGBM's name and meaning in both, other settings at their
   * defaults).
   */
  public Map<String, String> paramsFor(String library) {
    if (library.endsWith(QUANTIZED)) {
      Map<String, String> m = paramsFor(library.substring(0, library.length() - QUANTIZED.length()));
      m.put("use_quantized_grad", "true");
      return m;
    }
    return switch (library) {
      case "boreal" -> boreal();
      case "lightgbm" -> lightgbm();
      case "xgboost" -> xgboost();
      default -> throw new IllegalArgumentException("unknown library " + library);
    };
  }

  /** Boreal's parameters (LightGBM's names, read by {@code Params.of}). */
  public Map<String, String> boreal() {
    return lightgbmCore();
  }

  /** LightGBM's parameters, as lightgbm4j passes them to {@code LGBM_BoosterCreate}. */
  public Map<String, String> lightgbm() {
    Map<String, String> m = lightgbmCore();
    m.put("verbose", "-1");
    return m;
  }

  private Map<String, String> lightgbmCore() {
    Map<String, String> m = objectiveAndClasses();
    m.put("num_iterations", Integer.toString(rounds));
    m.put("learning_rate", Double.toString(learningRate));
    m.put("num_leaves", Integer.toString(leaves));
    putIf(m, maxBin > 0, "max_bin", maxBin);
    m.put("num_threads", Integer.toString(threads));
    putIf(m, seed != null, "seed", seed);
    return m;
  }

  /**
   * Boreal's random forest: {@code trees} trees and Boreal's forest defaults (fully grown trees, √p features
   * per node for classifiers), with this spec's objective, threads and seed; the boosting settings (leaves,
   * learning rate, bins) do not apply to it.
   */
  public Map<String, String> borealForest(int trees) {
    Map<String, String> m = objectiveAndClasses();
    m.put("num_iterations", Integer.toString(trees));
    m.put("num_threads", Integer.toString(threads));
    putIf(m, seed != null, "seed", seed);
    return m;
  }

  /**
   * The shared part of Boreal's neural nets' parameters: objective, classes, threads and seed; their learning
   * rate, epochs and layers stay at the nets' own defaults, which are not the trees'.
   */
  public Map<String, String> borealNet() {
    Map<String, String> m = objectiveAndClasses();
    m.put("num_threads", Integer.toString(threads));
    putIf(m, seed != null, "seed", seed);
    return m;
  }

  private Map<String, String> objectiveAndClasses() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("objective", objective);
    putIf(m, objective.equals("multiclass"), "num_class", numClass);
    return m;
  }

  private static void putIf(Map<String, String> m, boolean condition, String key, Object value) {
    if (condition) {
      m.put(key, String.valueOf(value));
    }
  }

  /** XGBoost's parameters; {@code num_round} is the round count given to {@code XGBoost.train}. */
  public Map<String, String> xgboost() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("objective", switch (objective) {
      case "binary" -> "binary:logistic";
      case "regression" -> "reg:squarederror";
      case "multiclass" -> "multi:softprob";
      default -> "rank:ndcg";
    });
    putIf(m, objective.equals("multiclass"), "num_class", numClass);
    m.put("num_round", Integer.toString(rounds));
    m.put("eta", Double.toString(learningRate));
    m.put("tree_method", "hist");
    m.put("grow_policy", "lossguide");
    m.put("max_leaves", Integer.toString(leaves));
    m.put("max_depth", "0");
    putIf(m, maxBin > 0, "max_bin", maxBin);
    putIf(m, defaults == Defaults.ALIGNED, "min_child_weight", "1e-3");
    putIf(m, defaults == Defaults.ALIGNED, "lambda", "0");
    putIf(m, defaults == Defaults.LIBRARY, "max_cat_to_onehot", 4);
    m.put("nthread", Integer.toString(threads));
    putIf(m, seed != null, "seed", seed);
    return m;
  }

  /**
   * Refuses maps whose effective leaves, rounds, learning rate or threads differ, or whose bins or seeds
   * differ where any map sets them, reading each map under its own library's names, so a hand-edited or
   * mis-built map cannot slip into a comparison.
   *
   * @param maps library name → its parameters
   * @throws UsageException listing every setting on which the libraries disagree
   */
  public static void requireEquivalent(Map<String, Map<String, String>> maps) {
    List<String> problems = new ArrayList<>();
    // name, LightGBM's (and Boreal's) key, XGBoost's key, and whether leaving it out everywhere is fine
    String[][] settings = {
      {"leaves", "num_leaves", "max_leaves", "required"},
      {"rounds", "num_iterations", "num_round", "required"},
      {"learning rate", "learning_rate", "eta", "required"},
      {"bins", "max_bin", "max_bin", "optional"},
      {"threads", "num_threads", "nthread", "required"},
      {"seed", "seed", "seed", "optional"},
    };
    for (String[] s : settings) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, String>> e : maps.entrySet()) {
        String key = e.getKey().equals("xgboost") ? s[2] : s[1];
        String raw = e.getValue().get(key);
        values.put(e.getKey(), raw == null ? Double.NaN : Double.parseDouble(raw));
      }
      boolean unsetEverywhere = values.values().stream().allMatch(v -> v.isNaN());
      if (unsetEverywhere && s[3].equals("optional")) {
        continue;
      }
      if (values.values().stream().distinct().count() != 1 || values.containsValue(Double.NaN)) {
        problems.add(s[0] + " " + values);
      }
    }
    if (maps.containsKey("xgboost")) {
      Map<String, String> x = maps.get("xgboost");
      // Without these XGBoost grows depth-wise trees capped at depth 6: not the same model family.
      if (!"lossguide".equals(x.get("grow_policy")) || !"0".equals(x.get("max_depth"))
          || !"hist".equals(x.get("tree_method"))) {
        problems.add("xgboost must use tree_method=hist, grow_policy=lossguide, max_depth=0");
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException("refusing to compare runs whose parameters are not equivalent: "
          + String.join("; ", problems) + ".");
    }
  }

  /** The maps of every library of this spec, checked. */
  public Map<String, Map<String, String>> checkedMaps() {
    return checkedMaps(LIBRARIES);
  }

  /** The maps of the given libraries (names from {@link #LIBRARIES}), in that order, checked. */
  public Map<String, Map<String, String>> checkedMaps(List<String> libraries) {
    Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    for (String library : libraries) {
      maps.put(library, paramsFor(library));
    }
    requireEquivalent(maps);
    return maps;
  }
}
