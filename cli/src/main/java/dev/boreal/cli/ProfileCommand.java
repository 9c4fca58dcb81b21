package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.api.Monitoring;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ModelFormats;
import dev.boreal.io.OutputFile;
import dev.boreal.monitor.drift.DriftProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code boreal profile}: adds a drift profile, taken on the model's training data, to a model that has none
 * (imported from XGBoost or LightGBM, or written by an older Boreal), and writes it as a Boreal model file.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
    description = "Add a drift profile (bin counts, prediction histogram, mean |SHAP|) of the training data to a "
        + "model, for 'boreal drift'.")
final class ProfileCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M",
      description = "The model: a Boreal, XGBoost JSON or LightGBM text model file.")
  Path modelFile;

  @Option(names = "--data", required = true, paramLabel = "TRAIN", description = "The model's training data.")
  Path data;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the Boreal model with its profile (default: M itself, for a Boreal model).")
  Path out;

  @Mixin
  ThreadCount threadCount;

  @Mixin
  SchemaOptions schema;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    int threads = threadCount.get();
    byte[] modelBytes = ModelFile.bytes(modelFile);
    TrainedModel model = ModelFormats.loadAny(modelBytes, modelFile.toString());
    Path target = out != null ? out : modelFile;
    if (out == null && ModelFormats.detect(modelBytes) != ModelFormats.Format.BOREAL) {
      throw new UsageException(modelFile + " is not a Boreal model file; give --out FILE for the Boreal model "
          + "with its profile.");
    }
    OutputFile.check(target, "the model");
    DriftProfile profile;
    try (Parallel team = new Parallel(threads)) {
      profile = TeamTable.read(data, schema.toReadOptions(threads), team, spec.commandLine().getErr(),
          table -> Monitoring.profile(model, table, team));
    }
    ModelFile.write(model, profile, target);
    PrintWriter console = spec.commandLine().getOut();
    String weighted = profile.effectiveRows() == profile.rows() ? ""
        : String.format(Locale.ROOT, " (weighted; effective size %,.0f rows)", profile.effectiveRows());
    console.printf(Locale.ROOT, "Profiled %s%s x %d features%s; wrote %s.%n", DriftHtml.rows(profile.rows()),
        weighted, profile.features().size(), profile.meanAbsShap() == null ? ""
            : String.format(Locale.ROOT, " (mean |SHAP| over %,d rows)", profile.shapRows()), target);
    return 0;
  }
}
