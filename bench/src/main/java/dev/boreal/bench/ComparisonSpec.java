package dev.boreal.bench;

import dev.boreal.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One description of a training run, turned into each library's own parameter names, and the check that
 * the three maps really ask for the same thing before any of them is timed.
 *
 * <p>Everything not named here is left at each library's default, except where the defaults differ in
 * ways that change the trees: XGBoost's {@code min_child_weight} (1) and {@code lambda} (1) are set to
 * LightGBM's {@code min_sum_hessian_in_leaf} (1e-3) and {@code lambda_l2} (0), and XGBoost grows
 * loss-guided with no depth limit, as LightGBM does. LightGBM's {@code min_data_in_leaf} (20) has no
 * XGBoost counterpart and stays a known difference.
 *
 * @param objective LightGBM's objective name: {@code binary}, {@code regression}, {@code multiclass}
 *     or {@code lambdarank}
 * @param numClass classes of a multiclass objective (ignored otherwise)
 * @param rounds boosting rounds
 * @param leaves most leaves per tree
 * @param learningRate shrinkage
 * @param maxBin most bins per feature
 * @param threads threads each library may use
 */
public record ComparisonSpec(String objective, int numClass, int rounds, int leaves, double learningRate,
    int maxBin, int threads) {

  /** The three libraries, in the order they run and are printed. */
  public static final List<String> LIBRARIES = List.of("boreal", "lightgbm", "xgboost");

  /** Rejects objectives the harness cannot map onto all three libraries. */
  public ComparisonSpec {
    objective = objective.toLowerCase(Locale.ROOT);
    if (!List.of("binary", "regression", "multiclass", "lambdarank").contains(objective)) {
      throw new UsageException("--objective must be binary, regression, multiclass or lambdarank, not '"
          + objective + "'.");
    }
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

  /** The parameter map of one library, by its name in {@link #LIBRARIES}. */
  public Map<String, String> paramsFor(String library) {
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
    Map<String, String> m = new LinkedHashMap<>();
    m.put("objective", objective);
    if (objective.equals("multiclass")) {
      m.put("num_class", Integer.toString(numClass));
    }
    m.put("num_iterations", Integer.toString(rounds));
    m.put("learning_rate", Double.toString(learningRate));
    m.put("num_leaves", Integer.toString(leaves));
    m.put("max_bin", Integer.toString(maxBin));
    m.put("num_threads", Integer.toString(threads));
    return m;
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
    if (objective.equals("multiclass")) {
      m.put("num_class", Integer.toString(numClass));
    }
    m.put("num_round", Integer.toString(rounds));
    m.put("eta", Double.toString(learningRate));
    m.put("tree_method", "hist");
    m.put("grow_policy", "lossguide");
    m.put("max_leaves", Integer.toString(leaves));
    m.put("max_depth", "0");
    m.put("max_bin", Integer.toString(maxBin));
    m.put("min_child_weight", "1e-3");
    m.put("lambda", "0");
    m.put("nthread", Integer.toString(threads));
    return m;
  }

  /**
   * Refuses maps whose effective leaves, rounds, learning rate, bins or threads differ, reading each map
   * under its own library's names, so a hand-edited or mis-built map cannot slip into a timing.
   *
   * @param maps library name → its parameters
   * @throws UsageException listing every setting on which the libraries disagree
   */
  public static void requireEquivalent(Map<String, Map<String, String>> maps) {
    List<String> problems = new ArrayList<>();
    String[][] settings = {
      {"leaves", "num_leaves", "max_leaves"},
      {"rounds", "num_iterations", "num_round"},
      {"learning rate", "learning_rate", "eta"},
      {"bins", "max_bin", "max_bin"},
      {"threads", "num_threads", "nthread"},
    };
    for (String[] s : settings) {
      Map<String, Double> values = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, String>> e : maps.entrySet()) {
        String key = e.getKey().equals("xgboost") ? s[2] : s[1];
        String raw = e.getValue().get(key);
        values.put(e.getKey(), raw == null ? Double.NaN : Double.parseDouble(raw));
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

  /** The three maps of this spec, checked. */
  public Map<String, Map<String, String>> checkedMaps() {
    Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    for (String library : LIBRARIES) {
      maps.put(library, paramsFor(library));
    }
    requireEquivalent(maps);
    return maps;
  }
}
