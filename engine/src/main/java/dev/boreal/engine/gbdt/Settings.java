package dev.boreal.engine.gbdt;

import dev.boreal.UsageException;
import dev.boreal.engine.Rng;
import dev.boreal.engine.objective.ObjectiveSettings;
import dev.boreal.engine.params.Params;
import dev.boreal.engine.tree.GradientQuantization;
import dev.boreal.engine.tree.TreeParams;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.HistogramBuilder;

/**
 * Turns the validated parameter table into the plain settings each stage reads, and derives the seeds
 * of every random stage from {@code seed} when the user set it (as LightGBM does), unless a stage's own
 * seed was given explicitly.
 */
public final class Settings {
  private Settings() {}

  /**
   * Fewest cells (rows times the histogram columns a leaf reads) of the training data at which boosting grows its
   * trees on more than one thread. Measured on two cores, fresh JVMs as the command line runs them: the sixteen
   * suite sets (all under 10,000 rows) trained in 8.8-9.0 s on one thread against 10.3-10.5 s on two, none
   * faster on two; 30,000 synthetic rows of 28 features (840,000 cells) about as fast or faster on one, 100,000
   * rows (2.8 million) 10-15% faster on two. Below it a tree's steps are so short that handing them over costs
   * more than it saves, and the JIT compilers get the other core while the code is still being compiled.
   */
  static final long MIN_SHARED_CELLS = 1_500_000;

  /**
   * Whether growing trees on {@code data} is worth sharing between threads ({@link #MIN_SHARED_CELLS}). Models do
   * not depend on it: every thread count grows the same trees.
   */
  static boolean sharesTreeWork(BinnedData data) {
    return (long) data.rows() * data.binColumns() >= MIN_SHARED_CELLS;
  }

  /** Threads to use: {@code num_threads}, or every core when it is 0. */
  public static int threads(Params p) {
    int t = p.getInt("num_threads");
    return t > 0 ? t : Runtime.getRuntime().availableProcessors();
  }

  /** The seed of one random stage ({@code bagging_seed}, {@code feature_fraction_seed}, ...). */
  public static long seed(Params p, String stageSeed) {
    if (p.isSet("seed") && !p.isSet(stageSeed)) {
      return Rng.mix(p.getLong("seed"), stageSeed.hashCode());
    }
    return p.getLong(stageSeed);
  }

  /**
   * The parameters with every automatic default resolved for this training set and objective (see
   * {@link dev.boreal.engine.params.ParameterSpec.Departure#rule()}), so that the values the trees were
   * grown with are the ones a model file records. Values the user gave are kept.
   *
   * @param objective the objective's canonical name
   * @param weights the training rows' weights, or null when every row weighs 1
   */
  public static Params resolveDefaults(Params p, String objective, double[] weights, int rows) {
    Params resolved = resolveCategoricalDefaults(p, rows);
    if (!p.isSet("min_sum_hessian_in_leaf")) {
      resolved = resolved.with("min_sum_hessian_in_leaf", Double.toString(hessianFloor(p, objective, weights)));
    }
    if (!p.isSet("max_delta_step") && objective.equals("multiclass")) {
      resolved = resolved.with("max_delta_step", Double.toString(MULTICLASS_MAX_DELTA_STEP));
    }
    return resolved;
  }

  /**
   * The default {@code max_delta_step} of multiclass. A leaf of rare-class rows predicted with probability p steps
   * by about (k-1)/(k·p) before shrinkage, thousands for a class of a few rows in thousands, and with LightGBM's
   * hessian floor of 1e-3 training diverges; capping the step keeps it finite where a hessian floor would also
   * forbid the small leaves that small multiclass sets need (on shared CV folds: vowel +3.8 points, glass +1.4).
   * At 2 a rare class still moves 0.2 in log-odds a round at learning_rate 0.1; 1 learned rare classes too slowly
   * and 5 cost hpc accuracy beyond fold noise.
   */
  static final double MULTICLASS_MAX_DELTA_STEP = 2.0;

  /**
   * The default {@code min_sum_hessian_in_leaf}: for binary, XGBoost's {@code min_child_weight} of 1 (one row of
   * mean weight; binary's hessian is p(1-p)w in both libraries), so that a leaf of a few confidently predicted rows
   * cannot take an unbounded Newton step; otherwise LightGBM's 1e-3 (multiclass bounds its step by
   * {@link #MULTICLASS_MAX_DELTA_STEP} instead).
   */
  private static double hessianFloor(Params p, String objective, double[] weights) {
    return objective.equals("binary") ? meanWeight(weights) : p.getDouble("min_sum_hessian_in_leaf");
  }

  /**
   * The categorical split limits, unless given, scaled to the training rows: {@code min_data_per_group}
   * rows/100 and {@code cat_smooth} rows/1000, each within LightGBM's default and a floor, so that from 10,000
   * rows on they are LightGBM's. Boosting and the forest both order categories by these.
   */
  public static Params resolveCategoricalDefaults(Params p, int rows) {
    Params resolved = p;
    if (!p.isSet("min_data_per_group")) {
      long group = Math.max(10, Math.min(100, Math.round(rows / 100.0)));
      resolved = resolved.with("min_data_per_group", Long.toString(group));
    }
    if (!p.isSet("cat_smooth")) {
      resolved = resolved.with("cat_smooth", Double.toString(Math.max(1, Math.min(10, rows / 1000.0))));
    }
    return resolved;
  }

  private static double meanWeight(double[] weights) {
    if (weights == null || weights.length == 0) {
      return 1.0;
    }
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    return sum / weights.length;
  }

  /** Tree-shaping settings; monotone constraints must cover exactly {@code features} when given. */
  public static TreeParams tree(Params p, int features) {
    int[] monotone = p.getIntList("monotone_constraints");
    if (monotone.length != 0 && monotone.length != features) {
      throw new UsageException("monotone_constraints has " + monotone.length + " values but the data has "
          + features + " features; give one of -1, 0, 1 per feature.");
    }
    int[][] groups = p.getIntLists("interaction_constraints");
    for (int[] g : groups) {
      for (int f : g) {
        if (f < 0 || f >= features) {
          throw new UsageException("interaction_constraints names feature " + f + " but the data has features 0.."
              + (features - 1) + ".");
        }
      }
    }
    double pathSmooth = p.getDouble("path_smooth");
    // As in LightGBM: a smoothed child's gain can be positive with no rows at all, and a child's rows are estimated
    // from its hessian, so an estimate of one row may stand for none; two rows at least rule that out.
    int minDataInLeaf = pathSmooth > 0 ? Math.max(2, p.getInt("min_data_in_leaf")) : p.getInt("min_data_in_leaf");
    return new TreeParams(
        p.getInt("num_leaves"),
        p.getInt("max_depth"),
        "depthwise".equals(p.getString("grow_policy")),
        minDataInLeaf,
        p.getDouble("min_sum_hessian_in_leaf"),
        p.getDouble("lambda_l1"),
        p.getDouble("lambda_l2"),
        p.getDouble("min_gain_to_split"),
        p.getDouble("max_delta_step"),
        pathSmooth,
        p.getInt("max_cat_to_onehot"),
        p.getDouble("cat_smooth"),
        p.getDouble("cat_l2"),
        p.getBoolean("cat_l2_per_category"),
        p.getInt("max_cat_threshold"),
        p.getInt("min_data_per_group"),
        monotone,
        groups,
        p.getDouble("feature_fraction_bynode"),
        p.getBoolean("extra_trees"),
        layout(p));
  }

  /** How boosting quantizes gradients ({@code use_quantized_grad} and its settings), or null when it does not. */
  public static GradientQuantization quantization(Params p) {
    if (!p.getBoolean("use_quantized_grad")) {
      return null;
    }
    return new GradientQuantization(p.getInt("num_grad_quant_bins"), p.getBoolean("stochastic_rounding"),
        p.getBoolean("quant_train_renew_leaf"));
  }

  /**
   * Refuses {@code use_quantized_grad} for an algorithm that does not boost.
   *
   * @param algorithm the algorithm's name as users write it, "rf" or "mlp"
   * @throws UsageException when use_quantized_grad is true
   */
  public static void refuseQuantization(Params p, String algorithm) {
    if (p.getBoolean("use_quantized_grad")) {
      throw new UsageException("use_quantized_grad quantizes the gradients of gradient boosting (gbdt); " + algorithm
          + " does not train on gradient histograms, so leave it false.");
    }
  }

  /**
   * {@code data} with exclusive feature bundles ({@code max_conflict_rate}) when {@code enable_bundle} is true,
   * else {@code data} itself.
   */
  public static BinnedData bundled(BinnedData data, Params p) {
    if (!p.getBoolean("enable_bundle")) {
      return data;
    }
    return data.withBundles(p.getDouble("max_conflict_rate"));
  }

  private static HistogramBuilder.Layout layout(Params p) {
    boolean row = p.getBoolean("force_row_wise");
    boolean col = p.getBoolean("force_col_wise");
    if (row && col) {
      throw new UsageException("force_row_wise and force_col_wise cannot both be true.");
    }
    return row ? HistogramBuilder.Layout.ROW_WISE : col ? HistogramBuilder.Layout.COLUMN_WISE
        : HistogramBuilder.Layout.AUTO;
  }

  /** Objective settings. */
  public static ObjectiveSettings objective(Params p) {
    return new ObjectiveSettings(
        p.getDouble("alpha"),
        p.getDouble("tweedie_variance_power"),
        p.getDouble("sigmoid"),
        p.getDouble("scale_pos_weight"),
        p.getBoolean("is_unbalance"),
        p.getBoolean("boost_from_average"),
        p.getInt("lambdarank_truncation_level"),
        p.getBoolean("lambdarank_norm"),
        p.getDoubleList("label_gain"),
        p.getInt("num_class"),
        p.getDouble("poisson_max_delta_step"));
  }

  /** Binning settings. */
  public static BinningParams binning(Params p) {
    return BinningParams.defaults()
        .withMaxBin(p.getInt("max_bin"))
        .withMinDataInBin(p.getInt("min_data_in_bin"))
        .withBinConstructSampleCnt(p.getInt("bin_construct_sample_cnt"))
        .withSeed(seed(p, "data_random_seed"))
        .withThreads(threads(p))
        .withZeroAsMissing(p.getBoolean("zero_as_missing"))
        .withUseMissing(p.getBoolean("use_missing"));
  }
}
