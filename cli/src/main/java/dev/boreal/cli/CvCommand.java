package dev.boreal.cli;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.api.Monitoring;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.learn.Labels;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Preparation;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.params.Params;
import dev.boreal.io.DataReaders;
import dev.boreal.io.ModelFile;
import dev.boreal.io.OutputFile;
import dev.boreal.io.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code boreal cv}: K-fold cross-validation as {@code lgb.cv} and {@code xgb.cv} run it. The rows are dealt
 * to seeded folds ({@link Folds}: stratified by class, whole query groups, or shuffled), every fold trains
 * on the other folds' rows with its own rows held out ({@link CvFold}), the folds advance in lockstep
 * ({@link FoldLockstep}), and after every iteration each metric's mean and standard deviation over the
 * held-out parts go on the curve ({@link CvCurve}), where LightGBM's early-stopping rule picks the best
 * iteration. {@code --model} then trains on every row for that many iterations, as {@code boreal train}
 * would.
 *
 * <p><b>Binning per fold.</b> {@code lgb.cv} bins the whole data set once and hands each fold a subset of
 * those bins, so the bin boundaries have seen the held-out rows' feature values. Here each fold's training
 * rows are binned on their own and its held-out rows are binned with those mappers, exactly as
 * {@code boreal train --valid} treats a validation file: nothing about the held-out rows reaches training,
 * and each fold's figures equal those of a {@code train} run on the same rows. The price is K binning
 * passes, small beside K trainings.
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
    description = "Cross-validate gradient boosting, a random forest or a neural net (mlp) on K folds of a data "
        + "file: each metric's mean ± standard deviation over the held-out folds after every iteration, the "
        + "best iteration (early stopping on the mean), and optionally a model trained on every row for that "
        + "many iterations.")
final class CvCommand implements Callable<Integer> {
  @Option(names = "--data", paramLabel = "FILE", description = "The data to cross-validate on.")
  Path data;

  @Option(names = "--algorithm", paramLabel = "ALG", description = "gbdt (default), rf or mlp; the same as "
      + "-p boosting=ALG.")
  String algorithm;

  @Option(names = "--folds", paramLabel = "K", description = "Number of folds (default: ${DEFAULT-VALUE}); "
      + "stratified by class for binary and multiclass, whole query groups for ranking, shuffled otherwise.")
  int folds = 5;

  @Option(names = "--metric", paramLabel = "M,M", description = "Metrics of the curve, the same as -p metric=... "
      + "(default: the objective's); early stopping watches every one, or the first with first_metric_only.")
  String metric;

  @Option(names = "--model", paramLabel = "OUT", description = "Train on every row for the best iteration's "
      + "count and write the model file, as boreal train would.")
  Path model;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the whole run as JSON: parameters, "
      + "folds, each metric's mean, standard deviation and per-fold values after every iteration, the best "
      + "iteration.")
  Path json;

  @Option(names = "--threads", paramLabel = "N", description = "Threads (num_threads; default: all cores). The "
      + "figures are the same for any count.")
  Integer threads;

  @Option(names = "--log-every", paramLabel = "N", description = "Print the mean metrics every N iterations "
      + "(default: ${DEFAULT-VALUE}; 0: never).")
  int logEvery = 10;

  @Mixin
  SchemaOptions schema;

  @Mixin
  ParamOptions params;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (data == null) {
      throw new UsageException("boreal cv needs --data FILE.");
    }
    if (logEvery < 0) {
      throw new UsageException("--log-every must be 0 (never) or more; got " + logEvery + ".");
    }
    Params p = params.toParams(threads, metric == null ? Map.of() : Map.of("metric", metric));
    if (!p.isSet("objective")) {
      throw new UsageException("boreal cv needs --objective, e.g. --objective binary.");
    }
    String objective = p.getString("objective");
    LearnerChoice choice = LearnerChoice.of(algorithm, p);
    String alg = choice.name();
    String why = CompareRun.unsupported(alg, objective);
    if (why != null) {
      throw new UsageException("--algorithm " + alg + " cannot learn " + objective + ": " + why + ".");
    }
    p = choice.params();
    for (Path out : new Path[] {json, model}) {
      if (out != null) {
        OutputFile.check(out, out == json ? "the JSON" : "the model");
      }
    }
    PrintWriter console = spec.commandLine().getOut();
    int threadCount = Settings.threads(p);
    Learner<?> learner = choice.learner();
    try (BufferAllocator allocator = new RootAllocator(); Parallel team = new Parallel(threadCount);
        Table table = DataReaders.read(data, schema.toReadOptions(threadCount), allocator, team.team())) {
      DataPart.Labelled labelled = DataPart.Labelled.of(table, data.getFileName().toString(), p);
      p = labelled.params();
      String[] classes = labelled.classes();
      DataPart all = labelled.all();
      Folds split = Folds.of(folds, p.getLong("seed"), all.labels(), classes, all.groups());
      List<Metric> metrics = Metrics.parse(p.getString("metric"), objective, Settings.objective(p),
          p.getIntList("eval_at"));
      if (metrics.isEmpty()) {
        throw new UsageException("cross-validation needs a metric, but metric=" + p.getString("metric")
            + " names none; give one with --metric.");
      }
      CvCurve curve = curve(alg, p, metrics, split.k());
      CvReport.Setup setup = setup(all, alg, objective, p, split);
      console.println(setup.sentence(threadCount));
      console.flush();
      long start = System.nanoTime();
      TrainingLog log = TrainingLog.forConsole(console, spec.commandLine().getErr(), logEvery);
      try {
        FoldLockstep.run(CvFold.all(learner, all, split, labelled.labels(), metrics, allocator, team), curve,
            () -> log.onIteration(curve.iterations(), curve.total(), CvReport.line(curve, curve.iterations())));
      } finally {
        log.finish();
      }
      curve.finishEarly();
      if (!curve.isFinished()) {
        throw new InputException(data + ": no fold's first tree found a split (are the features constant?), so "
            + "there is no curve to cross-validate.");
      }
      CvReport report = new CvReport(setup, curve);
      console.printf(Locale.ROOT, "Cross-validated %d folds in %.2f s.%n", split.k(), (System.nanoTime() - start) / 1e9);
      console.print(report.summary());
      if (json != null) {
        OutputFile.writeString(json, "the JSON", report.json());
        console.printf("Curve written to %s%n", json);
      }
      if (model != null) {
        refit(learner, all, table, labelled.labels(), curve.bestIteration(), team, console);
      }
    }
    return 0;
  }

  /**
   * The curve of the run: {@code num_iterations} rounds or trees, or {@code max_epochs} epochs, stopping
   * after {@code early_stopping_round} iterations without a better mean; the mlp, which always stops early
   * in {@code train}, stops after {@code patience} epochs unless early_stopping_round is set.
   */
  private static CvCurve curve(String alg, Params p, List<Metric> metrics, int k) {
    List<String> names = new ArrayList<>();
    boolean[] higher = new boolean[metrics.size()];
    for (int m = 0; m < higher.length; m++) {
      names.add(metrics.get(m).name());
      higher[m] = metrics.get(m).higherIsBetter();
    }
    int total = p.getInt(CvReport.isNet(alg) ? "max_epochs" : "num_iterations");
    return new CvCurve(names, higher, k, total, stoppingRounds(alg, p), p.getBoolean("first_metric_only"));
  }

  private static int stoppingRounds(String alg, Params p) {
    int rounds = p.getInt("early_stopping_round");
    return CvReport.isNet(alg) && rounds == 0 ? p.getInt("patience") : rounds;
  }

  private CvReport.Setup setup(DataPart all, String alg, String objective, Params p, Folds split) {
    int[] heldOut = new int[split.k()];
    for (int f = 0; f < heldOut.length; f++) {
      heldOut[f] = split.rows(f, true).length;
    }
    return new CvReport.Setup(all.name(), all.rows(), all.columns().size(), alg, objective, p.toCanonicalMap(),
        split, p.getLong("seed"), heldOut, stoppingRounds(alg, p));
  }

  /**
   * Trains on every row for {@code best} iterations and writes {@code --model}: for boosting and forests
   * exactly {@code boreal train --rounds best} with the same parameters; for the mlp {@code max_epochs} and
   * {@code patience} set to {@code best}, so that it trains every one of those epochs. The model gets the drift
   * profile of {@code table}, as {@code boreal train} gives it.
   */
  private void refit(Learner<?> learner, DataPart all, Table table, Labels labels, int best, Parallel team,
      PrintWriter console) {
    long start = System.nanoTime();
    String count = Integer.toString(best);
    Params p = labels.params();
    Params refit = !learner.readsBins() ? p.with("max_epochs", count).with("patience", count)
        : p.with("num_iterations", count);
    TrainingLog log = TrainingLog.forConsole(console, spec.commandLine().getErr(), 0);
    TrainedModel trained;
    try {
      trained = learner.fit(Preparation.of(learner, all.input(), labels.withParams(refit), team).data(), log, team);
    } finally {
      log.finish();
    }
    ModelFile.write(trained, Monitoring.profile(trained, table, team), model);
    console.printf(Locale.ROOT, "Trained on all %,d rows for %d %ss in %.2f s; model written to %s%n", all.rows(),
        best, CvReport.unit(learner.name()), (System.nanoTime() - start) / 1e9, model);
  }
}
