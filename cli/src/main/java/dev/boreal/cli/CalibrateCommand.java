package dev.boreal.cli;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.params.Params;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ModelFormats;
import dev.boreal.monitor.calibration.AutoChoice;
import dev.boreal.monitor.calibration.Calibrations;
import dev.boreal.monitor.calibration.Calibrator;
import dev.boreal.monitor.drift.DriftProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code boreal calibrate}: fits a calibration map on a held-out labelled file's raw margins and writes the
 * model with it. The map replaces any calibration the model had; it is fitted on raw margins, so it does
 * not depend on the old one.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Fit a calibration map (auto, platt, isotonic, temperature, beta, venn-abers) for a classifier "
        + "on a held-out labelled file and write the calibrated model.")
final class CalibrateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M", description = "The model file (Boreal, "
      + "XGBoost JSON or LightGBM text).")
  Path modelFile;

  @Option(names = "--data", required = true, paramLabel = "CAL", description = "Labelled calibration rows, "
      + "not used in training.")
  Path data;

  @Option(names = "--method", paramLabel = "METHOD", description = "auto (default: the lowest cross-validated "
      + "log loss among the methods and no calibration), platt, isotonic, temperature, beta or venn-abers.")
  String method = "auto";

  @Option(names = "--folds", paramLabel = "K", description = "Folds auto cross-validates on (default: "
      + "${DEFAULT-VALUE}).")
  int folds = 5;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of auto's fold shuffle (default: "
      + "${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--model-out", required = true, paramLabel = "M2", description = "Where to write the "
      + "calibrated model (a Boreal model file).")
  Path modelOut;

  @Mixin
  SchemaOptions schema;

  @Mixin
  ThreadCount threadCount;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Calibrations.checkMethod(method);
    TrainedModel loaded = ModelFormats.loadAny(modelFile);
    if (!(loaded instanceof Model model)) {
      throw new InputException(modelFile + ": holds an " + loaded.algorithm() + " model; calibration applies to "
          + "tree models (gbdt or rf).");
    }
    String[] classes = model.classes();
    Calibrations.checkModel(model.link(), classes, model.objective(), modelFile.toString());
    Link base = model.link().uncalibrated();
    Scoring.Scored scored = Scoring.score(model, model.predictor(), data, schema.toReadOptions(threadCount.get()), false);
    if (scored.labels() == null && scored.numericLabels() == null) {
      throw new UsageException(data + ": calibrate needs the label column; name it with --label.");
    }
    double[] encoded = Labels.encoded(model, scored.labels(), scored.numericLabels());
    int[] labels = classIndices(encoded);
    String autoNote = Calibrations.checkClasses(labels, classes, method, data.toString());
    int k = model.numOutputs();
    double[] margins = scored.raw();
    PrintWriter out = spec.commandLine().getOut();
    if (autoNote != null) {
      out.println(autoNote);
    }
    Calibrator calibrator;
    String chosen;
    if (method.equals("auto")) {
      AutoChoice choice = AutoChoice.choose(base, margins, k, labels, classes, folds, seed);
      out.printf(Locale.ROOT, "auto: %d-fold cross-validated log loss and ECE on %s (the lowest ECE among those "
          + "whose log loss is not above the identity's, nor above the lowest by more than one standard error)%n",
          folds, data);
      for (String name : choice.logLoss().keySet()) {
        out.printf(Locale.ROOT, "  %-12s log loss %.6f  ECE %.6f%s%n", name, choice.logLoss().get(name),
            choice.ece().get(name), name.equals(choice.method()) ? "  (chosen)"
                : choice.admissible().get(name) ? "" : "  (log loss too high)");
      }
      calibrator = choice.calibrator();
      chosen = choice.method();
    } else {
      calibrator = Calibrations.fit(method, base, margins, k, labels);
      chosen = method;
    }
    Link after = calibrator == null ? base : base.calibrated(calibrator);
    out.printf(Locale.ROOT, "method %s on %,d rows of %s%n", chosen, labels.length, data);
    out.printf(Locale.ROOT, "  log loss  %.6f -> %.6f%n", AutoChoice.logLoss(base, margins, k, labels),
        AutoChoice.logLoss(after, margins, k, labels));
    out.printf(Locale.ROOT, "  ECE       %.6f -> %.6f  (15 equal-width bins of the top class's probability)%n",
        ece(model, base, margins, k, encoded), ece(model, after, margins, k, encoded));
    ModelFile.write(model.withLink(after), profileOf(modelFile), modelOut);
    out.printf(Locale.ROOT, "wrote %s%n", modelOut);
    return 0;
  }

  /** The drift profile a Boreal model file holds, kept in the calibrated model's file; null for other files. */
  private static DriftProfile profileOf(Path file) {
    try {
      return ModelFormats.detect(Files.readAllBytes(file)) == ModelFormats.Format.BOREAL
          ? ModelFile.readProfiled(file).profile() : null;
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ").", e);
    }
  }

  private static int[] classIndices(double[] encoded) {
    int[] labels = new int[encoded.length];
    for (int i = 0; i < encoded.length; i++) {
      labels[i] = (int) encoded[i];
    }
    return labels;
  }

  /** The expected calibration error (engine's {@code ece}: 15 equal-width bins, top label) of the link's output. */
  private static double ece(Model model, Link link, double[] margins, int k, double[] labels) {
    Metric ece = Metrics.parse("ece", model.objective(), Settings.objective(Params.of(model.params())),
        Params.of(model.params()).getIntList("eval_at")).get(0);
    int n = labels.length;
    double[] outputMajor = Labels.outputMajor(margins, n, k);
    return ece.evaluate(outputMajor, k, link, labels, null, null);
  }
}
