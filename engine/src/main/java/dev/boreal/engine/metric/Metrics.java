package dev.boreal.engine.metric;

import dev.boreal.UsageException;
import dev.boreal.engine.objective.ObjectiveSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parses the {@code metric} parameter into metrics, with LightGBM's aliases and per-objective defaults. */
public final class Metrics {
  /** LightGBM's default eval_at. */
  private static final int[] DEFAULT_EVAL_AT = {1, 2, 3, 4, 5};

  /** Alias → canonical name, as LightGBM accepts them. */
  private static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
    alias("l2", "l2", "mse", "mean_squared_error", "regression_l2", "regression");
    alias("rmse", "rmse", "root_mean_squared_error", "l2_root");
    alias("l1", "l1", "mae", "mean_absolute_error", "regression_l1");
    alias("huber", "huber");
    alias("quantile", "quantile");
    alias("poisson", "poisson");
    alias("gamma", "gamma");
    alias("gamma_deviance", "gamma_deviance");
    alias("tweedie", "tweedie");
    alias("binary_logloss", "binary_logloss", "logloss", "binary");
    alias("binary_error", "binary_error", "error");
    alias("auc", "auc");
    alias("multi_logloss", "multi_logloss", "multiclass", "softmax");
    alias("multi_error", "multi_error");
    alias("ndcg", "ndcg", "lambdarank", "rank_pairwise");
    alias("map", "map", "mean_average_precision");
    alias("r2", "r2");
    alias("none", "none", "null", "na", "custom");
    CalibrationMetrics.BINNED.forEach(name -> alias(name, name));
    CalibrationMetrics.BRIER.forEach(name -> alias(name, name));
  }

  private Metrics() {}

  private static void alias(String canonical, String... names) {
    for (String a : names) {
      ALIASES.put(a, canonical);
    }
  }

  /**
   * The metrics named in {@code commaSeparated} (duplicates dropped, order kept). "ndcg" and "map" expand to
   * one metric per eval_at position; "ndcg@5" names one. An empty string gives the objective's default
   * (LightGBM's: regression → l2, binary → binary_logloss, multiclass → multi_logloss, lambdarank → ndcg@eval_at,
   * …); "none" gives no metric. The calibration metrics ({@code ece}, {@code ece_mass@20}, {@code brier}, …)
   * need objective binary or multiclass.
   *
   * @param evalAt cut-offs for ndcg and map; null or empty for LightGBM's 1..5
   * @throws UsageException naming the unknown metric and the known ones, or a calibration metric that does not
   *     fit the objective
   */
  public static List<Metric> parse(String commaSeparated, String objectiveName, ObjectiveSettings s, int[] evalAt) {
    int[] at = evalAt == null || evalAt.length == 0 ? DEFAULT_EVAL_AT : evalAt;
    List<String> names = new ArrayList<>();
    for (String part : (commaSeparated == null ? "" : commaSeparated).split(",")) {
      String t = part.trim().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        names.add(t);
      }
    }
    if (names.isEmpty()) {
      String def = defaultMetric(objectiveName);
      if (def != null) {
        names.add(def);
      }
    }
    Map<String, Metric> out = new LinkedHashMap<>();
    for (String name : names) {
      for (Metric m : create(name, objectiveName, s, at)) {
        out.putIfAbsent(m.name(), m);
      }
    }
    return List.copyOf(out.values());
  }

  /** LightGBM's default metric of an objective, or null when it has none (custom). */
  static String defaultMetric(String objective) {
    switch (objective) {
      case "regression": return "l2";
      case "regression_l1": return "l1";
      case "huber": case "quantile": case "poisson": case "gamma": case "tweedie": return objective;
      case "binary": return "binary_logloss";
      case "multiclass": return "multi_logloss";
      case "lambdarank": case "rank_pairwise": return "ndcg";
      default: return null;
    }
  }

  private static List<Metric> create(String name, String objective, ObjectiveSettings s, int[] evalAt) {
    int cut = name.indexOf('@');
    String base = cut < 0 ? name : name.substring(0, cut);
    String canonical = ALIASES.get(base);
    if (canonical == null || (cut >= 0 && !canonical.equals("ndcg") && !canonical.equals("map")
        && !CalibrationMetrics.takesBins(canonical))) {
      throw new UsageException("unknown metric '" + name + "'; known metrics are "
          + String.join(", ", ALIASES.keySet()) + ", and ndcg@k / map@k / ece@bins.");
    }
    if (CalibrationMetrics.covers(canonical)) {
      return List.of(CalibrationMetrics.create(canonical, cut < 0 ? null : name.substring(cut + 1), objective));
    }
    if (canonical.equals("ndcg") || canonical.equals("map")) {
      int[] ks = cut < 0 ? evalAt : new int[] {parsePosition(name, name.substring(cut + 1))};
      boolean ndcg = canonical.equals("ndcg");
      double[] gain = s.effectiveLabelGain();
      List<Metric> list = new ArrayList<>();
      for (int k : ks) {
        list.add(new RankingMetric(ndcg, k, gain));
      }
      return list;
    }
    switch (canonical) {
      case "none": return List.of();
      case "auc": return List.of(new AucMetric());
      case "multi_logloss": return List.of(new MulticlassMetric(true));
      case "multi_error": return List.of(new MulticlassMetric(false));
      default: return List.of(pointwise(canonical, s));
    }
  }

  private static Metric pointwise(String canonical, ObjectiveSettings s) {
    PointwiseMetric.Kind kind = PointwiseMetric.Kind.valueOf(canonical.toUpperCase(Locale.ROOT));
    double param = 0;
    if (kind == PointwiseMetric.Kind.HUBER || kind == PointwiseMetric.Kind.QUANTILE) {
      param = s.alpha();
    } else if (kind == PointwiseMetric.Kind.TWEEDIE) {
      param = s.tweedieVariancePower();
    }
    return new PointwiseMetric(kind, canonical, param);
  }

  private static int parsePosition(String name, String digits) {
    try {
      int k = Integer.parseInt(digits);
      if (k > 0) {
        return k;
      }
    } catch (NumberFormatException e) {
      // fall through to the usage error below
    }
    throw new UsageException("metric '" + name + "' needs a positive position after '@', e.g. ndcg@5.");
  }
}
