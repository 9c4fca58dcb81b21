package dev.boreal.cli;

import dev.boreal.InputException;
import dev.boreal.api.Monitoring;
import dev.boreal.engine.Parallel;
import dev.boreal.io.DriftReportJson;
import dev.boreal.io.ModelFile;
import dev.boreal.io.OutputFile;
import dev.boreal.io.ProfiledModel;
import dev.boreal.monitor.drift.DriftReport;
import dev.boreal.monitor.drift.FeatureDrift;
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
 * {@code boreal drift}: tests new data against the drift profile stored in a model: per feature PSI, JS distance,
 * binned KS and the missing, out-of-range and unseen-category rates, with a verdict from size-aware thresholds;
 * the same for the predictions; and the nDCG of the mean |SHAP| ranking. Worst features first.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = "Test new data for drift against the model's training profile (see 'boreal profile').")
final class DriftCommand implements Callable<Integer> {
  /** The exit code of {@code --fail-on-drift} when something drifted. */
  static final int DRIFTED = 3;

  @Option(names = "--model", required = true, paramLabel = "M", description = "A Boreal model with a profile.")
  Path modelFile;

  @Option(names = "--data", required = true, paramLabel = "NEW", description = "The new rows.")
  Path data;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Write a self-contained HTML report: the statistics and each feature's bins, worst first.")
  Path report;

  @Option(names = "--json", description = "Print every number as JSON.")
  boolean json;

  @Option(names = "--fail-on-drift", description = "Exit with code 3 when any feature or the prediction drifted.")
  boolean failOnDrift;

  @Mixin
  ThreadCount threadCount;

  @Mixin
  SchemaOptions schema;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    int threads = threadCount.get();
    if (report != null) {
      OutputFile.check(report, "the report");
    }
    ProfiledModel profiled = ModelFile.readProfiled(modelFile);
    if (profiled.profile() == null) {
      throw new InputException(modelFile + ": has no drift profile; add one with 'boreal profile --model "
          + modelFile + " --data TRAIN'.");
    }
    DriftReport result;
    try (Parallel team = new Parallel(threads)) {
      result = TeamTable.read(data, schema.toReadOptions(threads), team, spec.commandLine().getErr(), table -> {
        if (table.rowCount() == 0) {
          throw new InputException(data + ": has no rows to test for drift.");
        }
        return Monitoring.drift(profiled.model(), profiled.profile(), table, team);
      });
    }
    PrintWriter out = spec.commandLine().getOut();
    if (report != null) {
      OutputFile.writeString(report, "the report", DriftHtml.render(result, data, modelFile, profiled));
    }
    if (json) {
      out.println(DriftReportJson.of(result));
    } else {
      print(result, out);
    }
    return failOnDrift && result.anyDrift() ? DRIFTED : 0;
  }

  private void print(DriftReport r, PrintWriter out) {
    out.println(DriftHtml.subtitle(r, data, modelFile));
    int width = Math.max(10, r.features().stream().mapToInt(f -> f.name().length()).max().orElse(10));
    String format = "%-" + width + "s  %-7s  %-17s  %-8s  %-6s  %-15s  %7s  %7s  %7s%n";
    out.printf(Locale.ROOT, format, DriftHtml.HEADER.toArray());
    for (FeatureDrift f : r.features()) {
      out.printf(Locale.ROOT, format, DriftHtml.cells(f).toArray());
    }
    out.printf(Locale.ROOT, format, DriftHtml.cells(r.prediction()).toArray());
    if (r.importanceNdcg() != null) {
      out.printf(Locale.ROOT, "Mean |SHAP| ranking nDCG against the reference: %.4f%n", r.importanceNdcg());
    }
    out.println(DriftHtml.conclusion(r));
  }
}
