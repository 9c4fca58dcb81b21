package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.api.Monitoring;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.PhaseTimes;
import dev.boreal.engine.Training;
import dev.boreal.engine.forest.ForestRun;
import dev.boreal.engine.forest.OutOfBag;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.learn.PreparedData;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.params.ParameterTable;
import dev.boreal.engine.params.Params;
import dev.boreal.io.Datasets;
import dev.boreal.io.ModelFile;
import dev.boreal.io.OutputFile;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import dev.boreal.monitor.drift.DriftProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/** {@code boreal train}: learns a model from a data file and writes the model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a gradient-boosted model, a random forest or a neural net (mlp) on a data file and write "
        + "the model file.",
    footerHeading = "%nParameters (for -p NAME=VALUE and --config; aliases in brackets):%n")
final class TrainCommand implements Callable<Integer> {
  /** Largest training file whose raw columns training keeps open for the drift profile. */
  private static final long KEEP_TRAINING_BYTES = 512L << 20;

  /** Columns of {@code train --help}: the parameter table's 118 and a margin. */
  private static final int HELP_WIDTH = 120;

  @Option(names = "--data", paramLabel = "FILE", description = "The training data.")
  Path data;

  @Option(names = "--valid", paramLabel = "FILE", description = "A validation file for metrics and early "
      + "stopping (repeatable).")
  List<Path> valid = new ArrayList<>();

  @Option(names = "--algorithm", paramLabel = "ALG", description = "gbdt (gradient boosting), rf (random "
      + "forest) or mlp (a neural net: see the MLP parameters below); the same as -p boosting=ALG.")
  String algorithm;

  @Option(names = "--oob-out", paramLabel = "FILE", description = "Random forests: write each training row's "
      + "out-of-bag prediction (.csv, .tsv, .parquet, .arrow).")
  Path oobOut;

  /** The forest's out-of-bag predictions and class names, kept for --oob-out once the model is written. */
  private OutOfBag outOfBag;
  private String[] classNames;

  @Option(names = "--model", paramLabel = "OUT", description = "Where to write the model (default: model.json).")
  Path model;

  @Option(names = "--checkpoint", paramLabel = "FILE", description = "gbdt: write the model so far to FILE "
      + "every --checkpoint-every iterations; resume it with -p input_model=FILE.")
  Path checkpoint;

  @Option(names = "--checkpoint-every", paramLabel = "N", description = "Iterations between checkpoints (default: "
      + Checkpoints.DEFAULT_EVERY + ").")
  Integer checkpointEvery;

  @Option(names = "--threads", paramLabel = "N", description = "Threads (num_threads; default: all cores).")
  Integer threads;

  @Option(names = "--log-every", paramLabel = "N", description = "Print validation metrics every N rounds "
      + "(default: ${DEFAULT-VALUE}; 0: never).")
  int logEvery = 10;

  @Option(names = "--no-profile", description = "Do not store a drift profile in the model (it costs a second "
      + "read of the training file and a pass over its rows; boreal profile can add one later).")
  boolean noProfile;

  @Option(names = "--timings", description = "After training, print where the time went: reading, binning, "
      + "gradients, histograms, split search, partition, scoring, other.")
  boolean timings;

  @Mixin
  SchemaOptions schema;

  @Mixin
  ParamOptions params;

  @Spec
  CommandSpec spec;

  /**
   * Adds the parameter table to {@code --help}, generated from the one table that validates them. It is
   * rendered only when help is shown: laying it out on every run costs a command's start-up about 40 ms.
   */
  static void describeParameters(CommandLine train) {
    train.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER,
        help -> ParameterTable.helpText() + System.lineSeparator());
    // The table is laid out for 118 columns; picocli would wrap it again at its default 80.
    train.setUsageHelpWidth(HELP_WIDTH);
  }


  @Override
  public Integer call() throws Exception {
    applyConfigTaskKeys(params.configEntries());
    if (data == null) {
      throw new UsageException("boreal train needs --data FILE (or 'data = FILE' in --config).");
    }
    Path out = model != null ? model : Path.of("model.json");
    LearnerChoice choice = LearnerChoice.of(algorithm, params.toParams(threads));
    Params p = choice.params();
    Learner<?> learner = choice.learner();
    checkOutOfBagOutput(learner, p);
    OutOfFoldCalibration.check(p);
    OutputFile.check(out, "the model");
    if (oobOut != null) {
      OutputFile.check(oobOut, "the out-of-bag predictions");
    }
    Checkpoints checkpoints = Checkpoints.of(checkpoint, checkpointEvery, learner);
    Checkpoints.Start from = checkpoints.start(learner, p);
    PrintWriter console = spec.commandLine().getOut();
    if (!from.sentence().isEmpty()) {
      console.println(from.sentence());
    }
    long start = System.nanoTime();
    TrainingLog log = TrainingLog.forConsole(console, spec.commandLine().getErr(), logEvery);
    Outcome outcome = train(from.learner(), from.params(), checkpoints, console, log);
    TrainedModel trained = outcome.model();
    ModelFile.write(trained, outcome.profile(), out);
    if (trained instanceof MlpModel net) {
      reportMlp(net, out, (System.nanoTime() - start) / 1e9, console);
      printTimings(outcome.times(), start, console);
      return 0;
    }
    Model trees = (Model) trained;
    if (log.stop() != null) {
      console.println(log.stop().sentence());
    }
    // A multiclass forest's tree holds every class in its leaves: one tree, not one per class.
    String written = trees.multiOutputTrees()
        ? trees.numIterations() + " trees with " + trees.numOutputs() + " outputs per leaf"
        : trees.trees().size() + " trees";
    console.printf(Locale.ROOT, "Wrote %s%s to %s in %.2f s.%n", written,
        log.stop() == null ? "" : " (" + trees.numIterations() + " iterations)", out,
        (System.nanoTime() - start) / 1e9);
    printFinalMetrics(trees, console);
    if (oobOut != null) {
      OutOfBagOutput.write(outOfBag, classNames, oobOut, console);
    }
    printTimings(outcome.times(), start, console);
    return 0;
  }

  /** With {@code --timings}, one line on where the time since {@code start} went. */
  private void printTimings(PhaseTimes times, long start, PrintWriter console) {
    if (timings) {
      console.println("Timings: " + times.describe((System.nanoTime() - start) / 1e9) + ".");
    }
  }

  /** The trained (and calibrated) model, its drift profile or null, and where the run's time went. */
  private record Outcome(TrainedModel model, DriftProfile profile, PhaseTimes times) {}

  /**
   * Whether to keep the training file's raw columns open through training for the drift profile: they take
   * about as much memory again beside the bins, which small and mid-size files can spare and which saves
   * reading the file twice (0.1 s on agaricus, seconds at a million rows); a larger file is read again.
   */
  private boolean keepTrainingForProfile() throws IOException {
    return !noProfile && Files.isRegularFile(data) && Files.size(data) <= KEEP_TRAINING_BYTES;
  }

  /**
   * The drift profile of the training file, for {@code boreal drift}, from its table when training kept it
   * open, else from a second read (categorical bins merge rare categories with missing values, so the bins
   * alone cannot give the profile's counts).
   */
  private DriftProfile profile(TrainedModel trained, Table kept, ReadOptions read, Parallel team)
      throws IOException {
    if (kept != null) {
      return Monitoring.profile(trained, kept, team);
    }
    return TeamTable.read(data, read, team, null, table -> Monitoring.profile(trained, table, team));
  }

  /** --oob-out needs a forest whose trees leave rows out; say so before training rather than after. */
  private void checkOutOfBagOutput(Learner<?> learner, Params p) {
    if (oobOut == null) {
      return;
    }
    if (learner != Learners.RF) {
      throw new UsageException("--oob-out needs --algorithm rf: only random forests have out-of-bag predictions.");
    }
    if (!p.getBoolean("oob_score")) {
      throw new UsageException("--oob-out needs oob_score=true.");
    }
    if (!p.getBoolean("bootstrap") && p.getDouble("bagging_fraction") >= 1.0) {
      throw new UsageException("--oob-out needs rows left out of the trees: with bootstrap=false, set "
          + "bagging_fraction below 1.");
    }
  }

  /**
   * Reads, prepares and trains through the one pipeline, on one team of {@code num_threads} threads that
   * reading, binning and training share.
   */
  private Outcome train(Learner<?> learner, Params p, Checkpoints checkpoints, PrintWriter console,
      TrainingLog log) throws IOException {
    int threadCount = Settings.threads(p);
    ReadOptions read = schema.toReadOptions(threadCount);
    try (BufferAllocator allocator = new RootAllocator(); Parallel team = new Parallel(threadCount);
        Datasets.Prepared prepared = Datasets.prepare(learner, data, valid, read, p, team, allocator,
            keepTrainingForProfile())) {
      PreparedData d = prepared.data();
      ReadNotes.print(prepared.notes(), spec.commandLine().getErr());
      String objective = d.params().getString("objective");
      console.printf(Locale.ROOT, "Training %s on %,d rows x %d features%s%n",
          !learner.readsBins() ? "an " + learner.name() + " (" + objective + ")" : objective, d.rows(), d.features(),
          valid.isEmpty() ? "" : ", validating on " + valid.size() + " file(s)");
      TrainedModel model;
      try {
        Training<?> run = learner.start(d, log, team);
        while (run.step()) {
          // Every iteration reports to the log; the run decides when training is over.
          checkpoints.after(run);
        }
        model = run.finish();
        if (run instanceof ForestRun forest) {
          outOfBag = forest.outOfBag();
          classNames = d.classes();
        }
      } finally {
        log.finish();
      }
      if (model instanceof Model uncalibrated) {
        model = OutOfFoldCalibration.apply(learner, p, data, read, uncalibrated, console);
      }
      return new Outcome(model, noProfile ? null : profile(model, prepared.training(), read, team), team.times());
    }
  }

  private static void printFinalMetrics(Model m, PrintWriter console) {
    m.evalHistory().forEach((set, metrics) -> metrics.forEach((metric, values) -> {
      if (values.length >= m.bestIteration() && m.bestIteration() > 0) {
        console.printf(Locale.ROOT, "  %s %s at iteration %d: %.6g%n", set, metric, m.bestIteration(),
            values[m.bestIteration() - 1]);
      }
    }));
  }

  /** One line on what was trained, then the held-out and validation metrics at the kept epoch. */
  private static void reportMlp(MlpModel m, Path out, double seconds, PrintWriter console) {
    String shape = m.network().describe();
    console.printf(Locale.ROOT, "Trained an %s, %,d weights) for %d epochs (best %d) in %.2f s; model written to "
        + "%s%n", shape.substring(0, shape.length() - 1), m.network().numParameters(), m.epochs(), m.bestEpoch(),
        seconds, out);
    int best = m.bestEpoch();
    m.evalHistory().forEach((set, metrics) -> metrics.forEach((metric, values) -> {
      if (best > 0 && values.length >= best) {
        console.printf(Locale.ROOT, "  %s %s at epoch %d: %.6g%n", set, metric, best, values[best - 1]);
      }
    }));
  }

  /** Fills options the command line left unset from LightGBM's task keys in the config file. */
  private void applyConfigTaskKeys(Map<String, String> config) {
    for (Map.Entry<String, String> e : config.entrySet()) {
      String v = e.getValue().trim();
      switch (e.getKey()) {
        case "task":
          if (!v.equals("train") && !v.equals("training")) {
            throw new UsageException("--config sets task = " + v + "; boreal train runs task = train.");
          }
          break;
        case "data": case "train": case "train_data":
          data = data != null ? data : Path.of(v);
          break;
        case "valid": case "valid_data": case "test": case "test_data":
          if (valid.isEmpty()) {
            Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).forEach(valid::add);
          }
          break;
        case "output_model": case "model_output":
          model = model != null ? model : Path.of(v);
          break;
        case "header": case "has_header":
          schema.noHeader = schema.noHeader || v.equalsIgnoreCase("false");
          break;
        case "label": case "label_column":
          schema.label = schema.label != null ? schema.label : column(v);
          break;
        case "weight": case "weight_column":
          schema.weight = schema.weight != null ? schema.weight : column(v);
          break;
        case "group": case "group_column": case "query": case "query_column":
          schema.group = schema.group != null ? schema.group : column(v);
          break;
        case "ignore_column":
          schema.ignore = schema.ignore.isEmpty() ? columns(v) : schema.ignore;
          break;
        case "categorical_feature": case "categorical_column":
          schema.categorical = schema.categorical.isEmpty() ? columns(v) : schema.categorical;
          break;
        default:
          break;
      }
    }
  }

  /** LightGBM writes columns as an index or {@code name:NAME}. */
  private static String column(String v) {
    return v.startsWith("name:") ? v.substring(5) : v;
  }

  private static List<String> columns(String v) {
    String list = v.startsWith("name:") ? v.substring(5) : v;
    List<String> out = new ArrayList<>();
    for (String s : list.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
