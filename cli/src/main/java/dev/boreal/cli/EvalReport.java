package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.metric.CalibrationSummary;
import dev.boreal.engine.metric.ReliabilityBins;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.explain.report.CalibrationReport;
import dev.boreal.io.OutputFile;
import java.nio.file.Path;

/** {@code eval --report}: the calibration report of a classifier on the evaluated rows. */
final class EvalReport {
  private EvalReport() {}

  /**
   * Fails before any scoring when the model has no class probabilities to report on or the report cannot be
   * written.
   *
   * @throws UsageException for a model that is not a binary or multiclass classifier
   */
  static void check(TrainedModel model, Path modelFile, Path report) {
    String objective = model.objective();
    if (!objective.equals("binary") && !objective.equals("multiclass")) {
      throw new UsageException("--report draws the calibration of a classifier's probabilities, but " + modelFile
          + " was trained with objective " + objective + ".");
    }
    OutputFile.check(report, "the report");
  }

  /**
   * Writes the report (whole or not at all).
   *
   * @param raw the rows' raw margins, output-major
   * @param labels the encoded labels (class indices)
   * @param weightsOrNull sample weights, or null
   */
  static void write(Path report, TrainedModel model, Path modelFile, Path data, double[] raw, double[] labels,
      double[] weightsOrNull) {
    CalibrationSummary summary = CalibrationSummary.of(raw, model.numOutputs(), model.link(), labels,
        weightsOrNull, ReliabilityBins.DEFAULT_BINS);
    OutputFile.writeString(report, "the report", CalibrationReport.render(modelFile.getFileName().toString(),
        data.getFileName().toString(), labels.length, model.classes(), summary));
  }
}
