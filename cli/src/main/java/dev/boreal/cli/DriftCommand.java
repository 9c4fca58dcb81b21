package dev.boreal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.api.Monitoring;
import dev.boreal.engine.Parallel;
import dev.boreal.io.DataReaders;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ProfiledModel;
import dev.boreal.io.Table;
import dev.boreal.monitor.drift.DriftReport;
import dev.boreal.monitor.drift.FeatureDrift;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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

  @Option(names = "--json", description = "Print every number as JSON.")
  boolean json;

  @Option(names = "--fail-on-drift", description = "Exit with code 3 when any feature or the prediction drifted.")
  boolean failOnDrift;

  @Option(names = "--threads", paramLabel = "N", description = "Threads to use (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Mixin
  SchemaOptions schema;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (threads < 1) {
      throw new UsageException("--threads must be at least 1; got " + threads + ".");
    }
    ProfiledModel profiled = ModelFile.readProfiled(modelFile);
    if (profiled.profile() == null) {
      throw new InputException(modelFile + ": has no drift profile; add one with 'boreal profile --model "
          + modelFile + " --data TRAIN'.");
    }
    DriftReport report;
    try (BufferAllocator allocator = new RootAllocator(); Parallel parallel = new Parallel(threads);
        Table table = DataReaders.read(data, schema.toReadOptions(threads), allocator, parallel.team())) {
      ReadNotes.print(table.notes(), spec.commandLine().getErr());
      if (table.rowCount() == 0) {
        throw new InputException(data + ": has no rows to test for drift.");
      }
      report = Monitoring.drift(profiled.model(), profiled.profile(), table, threads);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      print(report, out);
    }
    return failOnDrift && report.anyDrift() ? DRIFTED : 0;
  }

  private void print(DriftReport r, PrintWriter out) {
    out.printf(Locale.ROOT, "Drift of %s (%,d rows) against the profile of %s (%,d rows); thresholds for %.0f%% "
        + "false alarms per feature at this size%n", data, r.rows(), modelFile, r.referenceRows(),
        100 * r.falseAlarmRate());
    int width = Math.max(10, r.features().stream().mapToInt(f -> f.name().length()).max().orElse(10));
    out.printf(Locale.ROOT, "%-" + width + "s  %-7s  %-17s  %-8s  %-6s  %-15s  %7s  %7s  %7s%n", "feature",
        "verdict", "PSI (threshold)", "band", "JS", "KS (threshold)", "missing", "range", "unseen");
    for (FeatureDrift f : r.features()) {
      line(f, width, out);
    }
    line(r.prediction(), width, out);
    if (r.importanceNdcg() != null) {
      out.printf(Locale.ROOT, "Mean |SHAP| ranking nDCG against the reference: %.4f%n", r.importanceNdcg());
    }
    long drifted = r.features().stream().filter(FeatureDrift::drift).count();
    out.printf(Locale.ROOT, "%d of %d features drifted; the prediction %s.%n", drifted, r.features().size(),
        r.prediction().drift() ? "drifted" : "did not drift");
  }

  private static void line(FeatureDrift f, int width, PrintWriter out) {
    String ks = f.ks() == null ? "-" : String.format(Locale.ROOT, "%.4f (%.4f)", f.ks(), f.ksThreshold());
    String range = f.belowRangeRate() == null ? "-" : percent(f.belowRangeRate() + f.aboveRangeRate());
    out.printf(Locale.ROOT, "%-" + width + "s  %-7s  %-17s  %-8s  %.4f  %-15s  %7s  %7s  %7s%n", f.name(),
        f.drift() ? "DRIFT" : "ok", String.format(Locale.ROOT, "%.4f (%.4f)", f.psi(), f.psiThreshold()),
        f.psiBand(), f.jensenShannon(), ks, percent(f.missingRate()), range,
        f.unseenRate() == null ? "-" : percent(f.unseenRate()));
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * rate);
  }
}
