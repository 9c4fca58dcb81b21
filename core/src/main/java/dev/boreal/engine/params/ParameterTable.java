package dev.boreal.engine.params;

import static dev.boreal.engine.params.ParameterDefs.above;
import static dev.boreal.engine.params.ParameterDefs.atLeast;
import static dev.boreal.engine.params.ParameterDefs.between;
import static dev.boreal.engine.params.ParameterSpec.Group.CORE;
import static dev.boreal.engine.params.ParameterSpec.Group.DATASET;
import static dev.boreal.engine.params.ParameterSpec.Group.LEARNING_CONTROL;
import static dev.boreal.engine.params.ParameterSpec.Group.METRIC;
import static dev.boreal.engine.params.ParameterSpec.Group.MLP;
import static dev.boreal.engine.params.ParameterSpec.Group.OBJECTIVE;
import static dev.boreal.engine.params.ParameterSpec.Group.RANDOM_FOREST;
import static dev.boreal.engine.params.ParameterSpec.Type.BOOLEAN;
import static dev.boreal.engine.params.ParameterSpec.Type.DOUBLE;
import static dev.boreal.engine.params.ParameterSpec.Type.DOUBLE_LIST;
import static dev.boreal.engine.params.ParameterSpec.Type.ENUM;
import static dev.boreal.engine.params.ParameterSpec.Type.INT;
import static dev.boreal.engine.params.ParameterSpec.Type.INT_LIST;
import static dev.boreal.engine.params.ParameterSpec.Type.INT_LISTS;
import static dev.boreal.engine.params.ParameterSpec.Type.LONG;
import static dev.boreal.engine.params.ParameterSpec.Type.STRING;

import dev.boreal.UsageException;
import dev.boreal.engine.params.ParameterDefs.Def;
import dev.boreal.engine.params.ParameterSpec.Group;
import dev.boreal.engine.params.ParameterSpec.Range;
import dev.boreal.engine.params.ParameterSpec.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every parameter Boreal knows, each defined once: the single source of truth for names, aliases,
 * defaults, range checks and the {@code --help} documentation ({@link #helpText()}).
 *
 * <p>Canonical names are LightGBM's; aliases cover XGBoost, scikit-learn and LightGBM's own. Names are
 * matched ignoring case and treating {@code -} as {@code _}. The table checks itself when the class
 * loads: every default must pass its own range check and no name may mean two parameters.
 */
public final class ParameterTable {

  /** Why the categorical split limits scale with the training rows. */
  private static final String SMALL_DATA_CATEGORIES = "LightGBM's values suit tens of thousands of rows: on "
      + "a few hundred they leave most categories out of every split (the Servo data's 5-level columns get "
      + "none: RMSE 7.2 against 4.1 scaled). From 10,000 rows on the values are LightGBM's; see the README.";

  /**
   * Most levels of quantized gradients: a row's gradient and hessian levels are packed 16 bits each into one
   * {@code int}, and this keeps each well inside its half (LightGBM keeps them in a byte each).
   */
  public static final int MAX_GRAD_QUANT_BINS = 127;

  /** The definitions as written below; read once, when the class loads, to build {@link #ALL}. */
  private static final ParameterDefs DEFS = new ParameterDefs();

  static {
    def(CORE, "objective", ENUM, "regression", "The loss to minimise; custom takes gradients from the caller.")
        .aliases("objective_type", "app", "application", "loss")
        .values("regression|regression_l2|l2|mean_squared_error|mse|root_mean_squared_error|rmse"
                + "|reg:squarederror",
            "regression_l1|l1|mae|mean_absolute_error|reg:absoluteerror", "huber", "quantile|reg:quantileerror",
            "poisson|count:poisson", "gamma|reg:gamma", "tweedie|reg:tweedie", "binary|binary:logistic",
            "multiclass|softmax|multi:softprob|multi:softmax", "lambdarank|rank:ndcg",
            "rank_pairwise|rank:pairwise", "custom");
    def(CORE, "boosting", ENUM, "gbdt",
        "gbdt adds trees one after another; rf averages independent trees; mlp and ft-transformer train a "
        + "neural net.")
        .aliases("boosting_type", "boost", "algorithm")
        .values("gbdt|gbrt", "rf|random_forest", "mlp", "ft-transformer|ft_transformer|fttransformer");
    def(CORE, "num_iterations", INT, "100", "Number of boosting rounds, or of trees in a random forest.")
        .aliases("num_iteration", "n_iter", "num_tree", "num_trees", "num_round", "num_rounds", "nrounds",
            "num_boost_round", "n_estimators", "max_iter")
        .range(atLeast(1));
    def(CORE, "learning_rate", DOUBLE, "0.1", "Shrinks each tree's output; smaller needs more iterations.")
        .aliases("shrinkage_rate", "eta").range(above(0));
    def(CORE, "num_leaves", INT, "31", "Most leaves one tree may have (rf: no limit unless set).")
        .aliases("num_leaf", "max_leaves", "max_leaf", "max_leaf_nodes").range(between(2, true, 131072, true));
    def(CORE, "num_threads", INT, "0", "Threads; 0 uses every core. Boosting on under 1.5M rows x columns grows "
        + "trees on one. Results do not depend on it.")
        .aliases("num_thread", "nthread", "nthreads", "n_jobs").range(atLeast(0));
    def(CORE, "seed", LONG, "0", "Master seed for every random choice.").aliases("random_seed", "random_state");
    def(CORE, "input_model", STRING, "", "gbdt: a model file (Boreal, XGBoost JSON, LightGBM text) to continue.")
        .aliases("init_model", "xgb_model", "model_input", "model_in").notRecorded();
    def(CORE, "calibration", ENUM, "none", "After training, fit a calibration map on k-fold out-of-fold margins.")
        .values("none", "auto", "platt", "isotonic", "temperature", "beta", "venn-abers|venn_abers")
        .notRecorded();
    def(CORE, "calibration_folds", INT, "5", "Folds whose out-of-fold margins the calibration is fitted on.")
        .range(atLeast(2)).notRecorded();

    def(LEARNING_CONTROL, "max_depth", INT, "-1", "Deepest a tree may grow; -1 means no limit.")
        .range(new Range(1, true, Double.POSITIVE_INFINITY, true, -1));
    def(LEARNING_CONTROL, "min_data_in_leaf", INT, "20", "Fewest rows a leaf may hold (rf: 1 unless set).")
        .aliases("min_data_per_leaf", "min_data", "min_child_samples", "min_samples_leaf").range(atLeast(0));
    def(LEARNING_CONTROL, "min_sum_hessian_in_leaf", DOUBLE, "1e-3", "Smallest hessian sum a leaf may hold.")
        .aliases("min_sum_hessian_per_leaf", "min_sum_hessian", "min_hessian", "min_child_weight")
        .range(atLeast(0))
        .departs("1e-3", "binary: the mean sample weight (1 without weights); otherwise 1e-3",
            "The hessian p(1-p) of a log loss vanishes on rows predicted with confidence, and a leaf's Newton step "
                + "-G/H grows without bound as its H does: with LightGBM's 1e-3, a leaf of rare-class rows steps by "
                + "thousands and training diverges. The floor is XGBoost's min_child_weight of 1. Multiclass keeps "
                + "1e-3 and caps the step with max_delta_step instead.");
    def(LEARNING_CONTROL, "bagging_fraction", DOUBLE, "1.0", "Fraction of rows sampled for each tree.")
        .aliases("sub_row", "subsample", "bagging", "max_samples").range(between(0, false, 1, true));
    def(LEARNING_CONTROL, "bagging_freq", INT, "0", "Resample rows every k iterations; 0 disables bagging.")
        .aliases("subsample_freq").range(atLeast(0));
    def(LEARNING_CONTROL, "bagging_seed", LONG, "3", "Seed of the row sampling.").aliases("bagging_fraction_seed");
    def(LEARNING_CONTROL, "feature_fraction", DOUBLE, "1.0", "Fraction of features sampled for each tree.")
        .aliases("sub_feature", "colsample_bytree").range(between(0, false, 1, true));
    def(LEARNING_CONTROL, "feature_fraction_bynode", DOUBLE, "1.0",
        "Fraction of a tree's features tried per split (rf classifiers: sqrt(p) unless set).")
        .aliases("sub_feature_bynode", "colsample_bynode", "max_features").range(between(0, false, 1, true));
    def(LEARNING_CONTROL, "feature_fraction_seed", LONG, "2", "Seed of the feature sampling.");
    def(LEARNING_CONTROL, "extra_trees", BOOLEAN, "false",
        "Try one random threshold per feature (extremely randomised).")
        .aliases("extra_tree");
    def(LEARNING_CONTROL, "extra_seed", LONG, "6", "Seed of the random thresholds of extra_trees.");
    def(LEARNING_CONTROL, "early_stopping_round", INT, "0",
        "Stop when validation has not improved for k rounds; 0 never.")
        .aliases("early_stopping_rounds", "early_stopping", "n_iter_no_change").range(atLeast(0));
    def(LEARNING_CONTROL, "first_metric_only", BOOLEAN, "false", "Early stopping watches only the first metric.");
    def(LEARNING_CONTROL, "max_delta_step", DOUBLE, "0.0", "Largest absolute leaf output; <= 0 means no limit.")
        .aliases("max_tree_output", "max_leaf_output")
        .departs("0.0", "multiclass: 2; otherwise 0 (no limit)",
            "A multiclass leaf of rare-class rows predicted with probability p takes a Newton step of about "
                + "(k-1)/(k p), thousands for a class of a few rows, and training diverges. Capping the step keeps "
                + "the small leaves that a hessian floor forbids and that small multiclass sets need.");
    def(LEARNING_CONTROL, "path_smooth", DOUBLE, "0.0",
        "Boosting: moves each child's output towards its parent's, w*(n/s)/(n/s+1) + w_parent/(n/s+1) for a child "
            + "of n rows (the root is not smoothed, so the effect grows with depth); 0 for none; with s > 0, "
            + "min_data_in_leaf is at least 2.")
        .range(atLeast(0));
    // alpha is not an alias here, unlike XGBoost: LightGBM's alpha is the huber/quantile parameter.
    def(LEARNING_CONTROL, "lambda_l1", DOUBLE, "0.0", "L1 regularisation of leaf outputs.")
        .aliases("reg_alpha", "l1_regularization").range(atLeast(0));
    def(LEARNING_CONTROL, "lambda_l2", DOUBLE, "0.0", "L2 regularisation of leaf outputs.")
        .aliases("reg_lambda", "lambda", "l2_regularization").range(atLeast(0));
    def(LEARNING_CONTROL, "min_gain_to_split", DOUBLE, "0.0", "Smallest loss reduction a split must bring.")
        .aliases("min_split_gain", "gamma").range(atLeast(0));
    def(LEARNING_CONTROL, "grow_policy", ENUM, "leafwise", "Split the best leaf first, or level by level.")
        .values("leafwise|lossguide", "depthwise");
    def(LEARNING_CONTROL, "max_cat_to_onehot", INT, "4",
        "Categorical features with at most this many values split one-vs-rest.")
        .range(atLeast(1));
    def(LEARNING_CONTROL, "cat_smooth", DOUBLE, "10.0",
        "Smoothing of category statistics when ordering categories, and the fewest rows a category needs to "
            + "take part in a many-vs-many split.")
        .range(atLeast(0))
        .departs("10", "rows / 1000, between 1 and 10", SMALL_DATA_CATEGORIES);
    def(LEARNING_CONTROL, "min_data_per_group", INT, "100",
        "Fewest rows a group of categories holds between two cuts of a many-vs-many categorical split, and on "
            + "its right side; a random forest orders only categories of that many training rows (default 5 for "
            + "forests; 1 orders every category).")
        .range(atLeast(1))
        .departs("100", "rows / 100, between 10 and 100", SMALL_DATA_CATEGORIES);
    def(LEARNING_CONTROL, "cat_l2", DOUBLE, "10.0", "L2 regularisation of categorical splits.").range(atLeast(0));
    def(LEARNING_CONTROL, "cat_l2_per_category", BOOLEAN, "true",
        "Apply cat_l2 in proportion to the categories a many-vs-many split orders in the leaf, in full from "
            + "max_cat_threshold categories on; false applies it in full to every such split, as LightGBM does.")
        .departs("none; cat_l2 always applies in full", null,
            "A split over a few categories has few ways to fit noise: by 5-fold CV the full penalty costs "
                + "attrition's 3-9-level columns 1.5 AUC points and remote's 1.0, and the median gap to the peers "
                + "on 17 held-out sets falls from +0.64% to +0.35% without it.");
    def(LEARNING_CONTROL, "max_cat_threshold", INT, "32", "Most categories on one side of a categorical split.")
        .range(atLeast(1));
    def(LEARNING_CONTROL, "monotone_constraints", INT_LIST, "",
        "Per feature: 1 increasing, -1 decreasing, 0 free.")
        .aliases("mc", "monotone_constraint", "monotonic_cst").range(between(-1, true, 1, true));
    def(LEARNING_CONTROL, "interaction_constraints", INT_LISTS, "",
        "Feature sets allowed to interact: [0,1,2],[2,3].")
        .range(atLeast(0));
    def(LEARNING_CONTROL, "force_row_wise", BOOLEAN, "false",
        "Build histograms row by row (one pass over a leaf's rows for all features), every code kept; by default "
            + "small data whose codes mostly sit at their feature's most frequent bin keeps only the others.");
    def(LEARNING_CONTROL, "force_col_wise", BOOLEAN, "false",
        "Build histograms feature by feature; by default row-wise is used from 4 byte-coded features.");
    def(LEARNING_CONTROL, "enable_bundle", BOOLEAN, "true",
        "gbdt: exclusive feature bundling: features rarely away from their most frequent bin on the same row share "
            + "one histogram column. A bundled feature's most frequent bin is summed by subtraction, so float sums "
            + "can differ in the last bits from training with enable_bundle=false (quantized sums cannot).")
        .aliases("is_enable_bundle", "bundle")
        .notRecorded();
    def(LEARNING_CONTROL, "max_conflict_rate", DOUBLE, "0.0",
        "With enable_bundle, the share of rows on which two bundled features may both be away from their most "
            + "frequent bin; 0 bundles only features that never are.")
        .range(between(0, true, 1, false)).notRecorded();

    def(LEARNING_CONTROL, "use_quantized_grad", BOOLEAN, "false",
        "gbdt: each iteration, round gradients and hessians to a few integer levels and build integer "
            + "histograms (LightGBM 4's quantized training): less memory traffic, nearly the same accuracy.")
        .omittedAtDefault();
    def(LEARNING_CONTROL, "num_grad_quant_bins", INT, "4",
        "Integer levels of quantized gradients (hessians use as many, gradients half each side of zero); more is "
            + "closer to float training. Training rows times this must stay below 2^32.")
        .range(between(2, true, MAX_GRAD_QUANT_BINS, true)).omittedAtDefault();
    def(LEARNING_CONTROL, "quant_train_renew_leaf", BOOLEAN, "false",
        "With use_quantized_grad, recompute each leaf's output from the float gradients of its rows.")
        .omittedAtDefault();
    def(LEARNING_CONTROL, "stochastic_rounding", BOOLEAN, "true",
        "With use_quantized_grad, round at random in proportion to the remainder (unbiased) rather than to the "
            + "nearest level.")
        .omittedAtDefault();

    def(DATASET, "max_bin", INT, "255", "Most value bins per numeric feature; a bin for missing values is kept besides.")
        .aliases("max_bins").range(between(2, true, 65535, true));
    def(DATASET, "min_data_in_bin", INT, "3",
        "Fewest sampled rows per bin, and for a category to get a bin of its own.").range(atLeast(1));
    def(DATASET, "bin_construct_sample_cnt", INT, "200000", "Rows sampled to choose bin bounds.")
        .aliases("subsample_for_bin").range(atLeast(1));
    def(DATASET, "data_random_seed", LONG, "1", "Seed of the binning sample.").aliases("data_seed");
    def(DATASET, "use_missing", BOOLEAN, "true",
        "Learn where missing values go at each split; when false, numeric NaN is read as 0.0 in training and"
            + " prediction, and zero_as_missing has no effect, as in LightGBM.");
    def(DATASET, "zero_as_missing", BOOLEAN, "false",
        "Trees treat numeric values within 1e-35 of zero as missing, like NaN, in training and prediction.");

    def(OBJECTIVE, "num_class", INT, "1", "Number of classes for multiclass.")
        .aliases("num_classes").range(atLeast(1));
    def(OBJECTIVE, "is_unbalance", BOOLEAN, "false", "Reweight binary classes to balance them.")
        .aliases("unbalance", "unbalanced_sets");
    def(OBJECTIVE, "scale_pos_weight", DOUBLE, "1.0", "Weight of the positive class in binary.").range(above(0));
    def(OBJECTIVE, "sigmoid", DOUBLE, "1.0", "Slope of the sigmoid in binary and lambdarank.").range(above(0));
    def(OBJECTIVE, "boost_from_average", BOOLEAN, "true", "Start from the label average instead of zero.");
    def(OBJECTIVE, "alpha", DOUBLE, "0.9", "Huber delta, or quantile level (which must be below 1).")
        .aliases("huber_delta", "quantile_alpha").range(above(0));
    def(OBJECTIVE, "tweedie_variance_power", DOUBLE, "1.5", "Variance power of tweedie: 1 is poisson, 2 is gamma.")
        .range(between(1, true, 2, false));
    def(OBJECTIVE, "poisson_max_delta_step", DOUBLE, "0.7", "Safeguards poisson optimisation.").range(above(0));
    def(OBJECTIVE, "lambdarank_truncation_level", INT, "30", "Pairs are formed within this many top results.")
        .range(atLeast(1));
    def(OBJECTIVE, "lambdarank_norm", BOOLEAN, "true", "Normalise lambdas per query.");
    def(OBJECTIVE, "label_gain", DOUBLE_LIST, defaultLabelGain(), "Gain of each relevance label: 2^i - 1.")
        .range(atLeast(0));

    def(METRIC, "metric", STRING, "", "Comma-separated metrics; empty uses the objective's own.")
        .aliases("metrics", "metric_types", "eval_metric");
    def(METRIC, "eval_at", INT_LIST, "1,2,3,4,5", "Positions at which ndcg and map are evaluated.")
        .aliases("ndcg_eval_at", "ndcg_at", "map_eval_at", "map_at").range(atLeast(1));

    def(RANDOM_FOREST, "bootstrap", BOOLEAN, "true", "Sample rows with replacement for each tree.");
    def(RANDOM_FOREST, "criterion", ENUM, "",
        "Split quality; empty means gini for classes, squared_error otherwise.")
        .values("", "gini", "entropy|log_loss", "squared_error|mse|variance");
    def(RANDOM_FOREST, "oob_score", BOOLEAN, "true", "Score each row with the trees that did not sample it.");

    def(MLP, "hidden", INT_LIST, "64,64", "Width of each hidden layer.")
        .aliases("hidden_layer_sizes").range(atLeast(1));
    def(MLP, "activation", ENUM, "relu", "Activation of hidden layers.").values("relu", "tanh", "sigmoid");
    def(MLP, "optimizer", ENUM, "adam", "Weight update rule; adamw decouples weight_decay (ft-transformer's "
        + "default).").aliases("solver").values("adam", "sgd", "adamw");
    def(MLP, "batch_size", INT, "256", "Rows per gradient step.").range(atLeast(1));
    def(MLP, "momentum", DOUBLE, "0.9", "Momentum of sgd.").range(between(0, true, 1, false));
    def(MLP, "weight_decay", DOUBLE, "0.0001", "L2 penalty on weights.").aliases("l2_alpha").range(atLeast(0));
    def(MLP, "dropout", DOUBLE, "0.0",
        "Fraction of hidden units dropped in training.").range(between(0, true, 1, false));
    def(MLP, "max_epochs", INT, "200", "Most passes over the training rows.").aliases("epochs").range(atLeast(1));
    def(MLP, "patience", INT, "10",
        "Stop after this many epochs without validation improvement.").range(atLeast(1));
    def(MLP, "validation_fraction", DOUBLE, "0.1", "Fraction of rows held out for early stopping.")
        .range(between(0, false, 1, false));
    def(MLP, "adam_beta1", DOUBLE, "0.9", "Decay of adam's first moment.").range(between(0, true, 1, false));
    def(MLP, "adam_beta2", DOUBLE, "0.999", "Decay of adam's second moment.").range(between(0, true, 1, false));
    def(MLP, "adam_epsilon", DOUBLE, "1e-8", "Adam's guard against division by zero.").range(above(0));
    def(MLP, "lr_schedule", ENUM, "constant", "How the learning rate changes over epochs.")
        .values("constant", "invscaling", "cosine");
    def(MLP, "numeric_embedding", ENUM, "none", "How numeric features enter the net: as they are, or through "
        + "periodic embeddings (plr: sin/cos of learned frequencies, linear, ReLU).").values("none", "plr")
        .omittedAtDefault();
    def(MLP, "plr_frequencies", INT, "48", "Frequencies per numeric feature of plr embeddings.")
        .aliases("n_frequencies").range(atLeast(1))
        .omittedAtDefault();
    def(MLP, "plr_sigma", DOUBLE, "0.01", "Standard deviation of the plr frequencies' initial values.")
        .aliases("frequency_init_scale").range(above(0))
        .omittedAtDefault();
    def(MLP, "d_embedding", INT, "24", "Width of each numeric feature's plr embedding in the mlp.")
        .range(atLeast(1))
        .omittedAtDefault();
    def(MLP, "preset", ENUM, "default", "ft-transformer size: default (3 blocks, d_token 192, 8 heads) or small "
        + "(1 block, d_token 64, 8 heads, for a CPU); explicit n_blocks, d_token, n_heads win.")
        .values("default", "small")
        .omittedAtDefault();
    def(MLP, "n_blocks", INT, "3", "ft-transformer: transformer blocks.").range(atLeast(1))
        .omittedAtDefault();
    def(MLP, "d_token", INT, "192", "ft-transformer: token width; n_heads must divide it.").range(atLeast(1))
        .omittedAtDefault();
    def(MLP, "n_heads", INT, "8", "ft-transformer: attention heads.").range(atLeast(1))
        .omittedAtDefault();
    def(MLP, "attention_dropout", DOUBLE, "0.2", "ft-transformer: dropout on attention weights.")
        .range(between(0, true, 1, false))
        .omittedAtDefault();
    def(MLP, "ffn_dropout", DOUBLE, "0.1", "ft-transformer: dropout on the feed-forward's hidden units.")
        .range(between(0, true, 1, false))
        .omittedAtDefault();
  }

  private static final List<ParameterSpec> ALL = DEFS.build();
  private static final Map<String, ParameterSpec> BY_NAME = indexNames();

  private ParameterTable() {}

  /** Every parameter, in table order (grouped, as the help text lists them). */
  public static List<ParameterSpec> all() {
    return ALL;
  }

  /** The parameter with this canonical name or alias, ignoring case and treating {@code -} as {@code _}. */
  public static Optional<ParameterSpec> lookup(String nameOrAlias) {
    return Optional.ofNullable(BY_NAME.get(normalize(nameOrAlias)));
  }

  /**
   * Like {@link #lookup} for a name a user wrote.
   *
   * @throws UsageException for an unknown name, suggesting the closest known name or alias
   */
  public static ParameterSpec resolve(String nameOrAlias) {
    ParameterSpec spec = BY_NAME.get(normalize(nameOrAlias));
    if (spec != null) {
      return spec;
    }
    String closest = Spelling.closest(normalize(nameOrAlias), BY_NAME.keySet());
    String hint = "";
    if (closest != null) {
      String canonical = BY_NAME.get(closest).name();
      hint = "; did you mean '" + closest + "'" + (closest.equals(canonical) ? "" : " (" + canonical + ")") + "?";
    }
    throw new UsageException("Unknown parameter '" + nameOrAlias + "'" + hint
        + (hint.isEmpty() ? "; the help lists every parameter." : ""));
  }

  /** The {@code boreal train --help} table of every parameter, grouped; see {@link HelpText}. */
  public static String helpText() {
    return HelpText.render(ALL);
  }

  /** A name as the table stores it: trimmed, lower case, {@code -} replaced by {@code _}. */
  static String normalize(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /** LightGBM's default label_gain: 2^i - 1 for relevance labels i = 0..30. */
  private static String defaultLabelGain() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 31; i++) {
      s.append(i == 0 ? "" : ",").append((1L << i) - 1);
    }
    return s.toString();
  }

  private static Def def(Group group, String name, Type type, String defaultText, String description) {
    return DEFS.def(group, name, type, defaultText, description);
  }

  private static Map<String, ParameterSpec> indexNames() {
    Map<String, ParameterSpec> byName = new LinkedHashMap<>();
    for (ParameterSpec s : ALL) {
      for (String n : concat(s.name(), s.aliases())) {
        ParameterSpec previous = byName.put(normalize(n), s);
        if (previous != null) {
          throw new IllegalStateException("'" + n + "' names both " + previous + " and " + s);
        }
      }
    }
    return byName;
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
