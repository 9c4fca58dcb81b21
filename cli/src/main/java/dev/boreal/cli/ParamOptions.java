package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.params.ConfigFile;
import dev.boreal.engine.params.ParameterTable;
import dev.boreal.engine.params.Params;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Training parameters from the command line: shortcuts for the common ones, {@code -p name=value} for any
 * parameter of the table (LightGBM names or XGBoost / scikit-learn aliases), and {@code --config FILE} in
 * LightGBM's {@code name = value} format. The command line wins over the file; the same parameter given
 * twice on the command line with two values is refused.
 */
final class ParamOptions {
  /** Config-file keys that name files and columns rather than parameters, as LightGBM's CLI reads them. */
  static final List<String> TASK_KEYS = List.of("task", "data", "train", "train_data", "valid", "valid_data",
      "test", "test_data", "output_model", "model_output", "header", "has_header", "label", "label_column",
      "weight", "weight_column", "group", "group_column", "query", "query_column", "ignore_column",
      "categorical_feature", "categorical_column", "output_result", "save_binary", "verbose",
      "verbosity", "is_training_metric", "metric_freq", "output_freq");

  @Option(names = "--objective", paramLabel = "OBJ", description = "The loss: regression, regression_l1, huber, "
      + "quantile, poisson, gamma, tweedie, binary, multiclass, lambdarank, rank_pairwise.")
  String objective;

  @Option(names = "--rounds", paramLabel = "N", description = "Boosting rounds or forest trees (num_iterations).")
  Integer rounds;

  @Option(names = "--learning-rate", paramLabel = "X", description = "Shrinkage (learning_rate).")
  Double learningRate;

  @Option(names = "--num-leaves", paramLabel = "N", description = "Most leaves per tree (num_leaves).")
  Integer numLeaves;

  @Option(names = "--hidden", paramLabel = "W,W", description = "Neural nets: width of each hidden layer, e.g. "
      + "64,64 (hidden).")
  String hidden;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of every random choice (seed).")
  Long seed;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
      description = "Any parameter of the table below, e.g. -p max_depth=8 -p colsample_bytree=0.8.")
  List<String> params = List.of();

  @Option(names = "--config", paramLabel = "FILE", description = "A LightGBM-style config file of name = value "
      + "lines; the command line overrides it.")
  Path config;

  /** The config file's entries (task keys included), or an empty map. */
  Map<String, String> configEntries() {
    return config == null ? Map.of() : ConfigFile.parse(config);
  }

  /** Validated parameters: config file, then -p, then the shortcuts; {@code threads} sets num_threads. */
  Params toParams(Integer threads) {
    return toParams(threads, Map.of());
  }

  /**
   * Validated parameters as {@link #toParams(Integer)}, with a command's own shortcut options
   * ({@code --metric}: name to value, null values left out) checked against {@code -p} like the others.
   */
  Params toParams(Integer threads, Map<String, String> shortcuts) {
    Map<String, String> fromFile = new LinkedHashMap<>(configEntries());
    TASK_KEYS.forEach(fromFile::remove);
    Map<String, String> cli = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("-p expects name=value, got '" + p + "'.");
      }
      put(cli, p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    put(cli, "objective", objective);
    put(cli, "num_iterations", rounds == null ? null : rounds.toString());
    put(cli, "learning_rate", learningRate == null ? null : learningRate.toString());
    put(cli, "num_leaves", numLeaves == null ? null : numLeaves.toString());
    put(cli, "hidden", hidden);
    put(cli, "seed", seed == null ? null : seed.toString());
    put(cli, "num_threads", threads == null ? null : threads.toString());
    shortcuts.forEach((name, value) -> put(cli, name, value));
    return Params.of(ConfigFile.merge(fromFile, cli));
  }

  private static void put(Map<String, String> cli, String name, String value) {
    if (value == null) {
      return;
    }
    String canonical = ParameterTable.resolve(name).name();
    for (Map.Entry<String, String> e : cli.entrySet()) {
      if (ParameterTable.resolve(e.getKey()).name().equals(canonical) && !e.getValue().equals(value)) {
        throw new UsageException(canonical + " is given twice, as '" + e.getKey() + "=" + e.getValue()
            + "' and '" + name + "=" + value + "'; give it once.");
      }
    }
    cli.put(name, value);
  }
}
