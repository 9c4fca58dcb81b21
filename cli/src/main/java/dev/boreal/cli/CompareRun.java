package dev.boreal.cli;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.learn.Labels;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.learn.PreparedData;
import dev.boreal.engine.learn.Preparation;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.Loss;
import dev.boreal.engine.params.Params;
import dev.boreal.io.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One algorithm trained on one split of {@code boreal compare} and measured on its test part: the
 * objective's metrics, training seconds (from raw columns: binning included for trees, preprocessing for
 * the neural net), single-thread prediction rows per second, and the size of its model file.
 */
final class CompareRun {
  /**
   * Algorithms compare knows, in table order: the learners, and {@code mlp-plr}, the mlp with
   * {@code numeric_embedding=plr}.
   */
  static final List<String> ALGORITHMS = List.of("gbdt", "rf", "mlp", "mlp-plr", "ft-transformer");
  /** Those compared when {@code --algorithms} names none: the nets with embeddings or attention are asked for. */
  static final List<String> DEFAULT_ALGORITHMS = List.of("gbdt", "rf", "mlp");
  /**
   * Prediction is repeated untimed for this long first, so that the JIT has compiled the model's scoring
   * path, then timed until it has run as long again: small test sets still time reliably.
   */
  private static final long PREDICT_NANOS = 200_000_000L;
  private static final int MAX_PREDICT_REPEATS = 1000;

  /**
   * A metric column: a metric as LightGBM defines it, shown as is or as its complement (accuracy is
   * 1 - error).
   */
  record Column(String header, Metric metric, boolean complement, boolean higherIsBetter) {
    double value(double[] outputMajor, int outputs, TrainedModel model, DataPart test) {
      double v = metric.evaluate(outputMajor, outputs, model.link(), test.labels(), test.weights(), test.groups());
      return complement ? 1 - v : v;
    }
  }

  /**
   * What one run measured.
   *
   * @param metrics one value per metric column
   * @param trainSeconds wall time of training, from raw columns to model
   * @param predictRowsPerSecond test rows scored per second by one thread
   * @param modelBytes size of the model file
   */
  record Result(double[] metrics, double trainSeconds, double predictRowsPerSecond, long modelBytes) {}

  private CompareRun() {}

  /** The metric columns of an objective: AUC, log loss and accuracy; RMSE and MAE; NDCG@k. */
  static List<Column> columns(String objective, Params p) {
    List<Column> out = new ArrayList<>();
    switch (objective) {
      case "binary":
        out.add(new Column("AUC", metric("auc", p), false, true));
        out.add(new Column("log loss", metric("binary_logloss", p), false, false));
        out.add(new Column("accuracy", metric("binary_error", p), true, true));
        break;
      case "multiclass":
        out.add(new Column("log loss", metric("multi_logloss", p), false, false));
        out.add(new Column("accuracy", metric("multi_error", p), true, true));
        break;
      case "lambdarank":
      case "rank_pairwise":
        int[] at = p.isSet("eval_at") ? p.getIntList("eval_at") : new int[] {1, 3, 5};
        for (int k : at) {
          out.add(new Column("NDCG@" + k, metric("ndcg@" + k, p), false, true));
        }
        break;
      default:
        out.add(new Column("RMSE", metric("rmse", p), false, false));
        out.add(new Column("MAE", metric("l1", p), false, false));
        break;
    }
    return out;
  }

  private static Metric metric(String name, Params p) {
    return Metrics.parse(name, p.getString("objective"), Settings.objective(p), p.getIntList("eval_at")).get(0);
  }

  /**
   * Why {@code algorithm} cannot learn {@code objective}, or null when it can.
   */
  static String unsupported(String algorithm, String objective) {
    switch (algorithm) {
      case "rf":
        return objective.equals("regression") || objective.equals("binary") || objective.equals("multiclass")
            ? null : "random forests learn regression, binary and multiclass";
      case "mlp":
      case "mlp-plr":
      case "ft-transformer":
        try {
          Loss.forObjective(objective);
          return null;
        } catch (UsageException e) {
          return "the neural nets learn regression, binary, multiclass and, pointwise, lambdarank and "
              + "rank_pairwise";
        }
      default:
        return null;
    }
  }

  /**
   * Trains {@code algorithm} on the split's training part, through the one pipeline on the command's team,
   * and measures it on its test part.
   *
   * @param labels the whole data set's label encoding and parameters
   */
  static Result run(String algorithm, DataPart.Split split, Labels labels, List<Column> columns, Path scratch,
      Parallel team) {
    DataPart test = split.test();
    long start = System.nanoTime();
    boolean plr = algorithm.equals("mlp-plr");
    TrainedModel model = train(plr ? Learners.MLP : Learners.of(algorithm), split.train(),
        plr ? labels.withParams(labels.params().with("numeric_embedding", "plr")) : labels, team);
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    double[] outputMajor = test.rawScores(model);
    double[] values = new double[columns.size()];
    for (int m = 0; m < values.length; m++) {
      values[m] = columns.get(m).value(outputMajor, model.numOutputs(), model, test);
    }
    double[] raw = new double[outputMajor.length];
    rowsPerSecond(model, test, raw, false);
    double rowsPerSecond = rowsPerSecond(model, test, raw, true);
    return new Result(values, trainSeconds, rowsPerSecond, modelBytes(model, scratch));
  }

  /** Rows per second over repeated scoring of the test rows; the first call ({@code timed} false) warms up. */
  private static double rowsPerSecond(TrainedModel model, DataPart test, double[] raw, boolean timed) {
    int repeats = 0;
    long from = System.nanoTime();
    long elapsed;
    do {
      model.predictRaw(test.columns(), raw);
      repeats++;
      elapsed = System.nanoTime() - from;
    } while (elapsed < PREDICT_NANOS && repeats < MAX_PREDICT_REPEATS);
    return timed ? (double) repeats * test.rows() / (elapsed / 1e9) : 0;
  }

  private static TrainedModel train(Learner<?> learner, DataPart train, Labels labels, Parallel team) {
    Labels own = learner == Learners.RF ? labels.withParams(withoutOutOfBag(labels.params())) : labels;
    PreparedData data = Preparation.of(learner, train.input(), own, team).data();
    return learner.fit(data, TrainingListener.NONE, team);
  }

  /**
   * A forest's parameters with out-of-bag scoring off unless asked for: a held-out part measures what
   * out-of-bag scoring would, at the cost of scoring every tree again.
   */
  static Params withoutOutOfBag(Params p) {
    return p.isSet("oob_score") ? p : p.with("oob_score", "false");
  }

  /** Bytes of the model's file, written to a scratch folder and deleted again. */
  private static long modelBytes(TrainedModel model, Path scratch) {
    Path file = scratch.resolve("model.json");
    try {
      ModelFile.write(model, file);
      long size = Files.size(file);
      Files.delete(file);
      return size;
    } catch (IOException e) {
      throw new InputException(scratch + ": cannot hold a scratch model file to measure its size ("
          + e.getMessage() + ").", e);
    }
  }
}
