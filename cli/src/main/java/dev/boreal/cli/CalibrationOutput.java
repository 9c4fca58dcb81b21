package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.metric.CalibrationSummary;
import dev.boreal.engine.metric.ReliabilityBins;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.explain.report.CalibrationReport;
import dev.boreal.io.OutputFile;
import dev.boreal.io.Table;
import java.nio.file.Path;

/**
 * The calibration of a classifier on labelled rows, for reports: {@code eval --report}'s whole report and
 * {@code explain --report}'s calibration section.
 */
final class CalibrationOutput {
  private CalibrationOutput() {}

  /**
   * Fails before any scoring when the model has no class probabilities to report on or the report cannot be
   * written.
   *
   * @throws UsageException for a model that is not a binary or multiclass classifier, or a report that would
   *     replace the model or data file
   */
  static void check(TrainedModel model, Path modelFile, Path data, Path report) {
    String objective = model.objective();
    if (!LabelEncoder.isClassification(objective)) {
      throw new UsageException("--report draws the calibration of a classifier's probabilities, but " + modelFile
          + " was trained with objective " + objective + ".");
    }
    OutputFile.check(report, "the report");
    Path target = report.toAbsolutePath().normalize();
    if (target.equals(data.toAbsolutePath().normalize()) || target.equals(modelFile.toAbsolutePath().normalize())) {
      throw new UsageException(report + " is also an input; choose another file for --report.");
    }
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

  /**
   * The calibration of the table's rows for the explanation report, or null when the read named no label
   * column or the model is not a classifier.
   *
   * @param rowMajorRaw the rows' raw margins, row-major
   */
  static CalibrationSummary ofLabelledRows(TrainedModel model, Table table, double[] rowMajorRaw) {
    Labels.Column column = Labels.read(table);
    if (column == null || !LabelEncoder.isClassification(model.objective())) {
      return null;
    }
    int n = table.rowCount();
    double[] labels = Labels.encoded(model, column.text(), column.numeric());
    return CalibrationSummary.of(Labels.outputMajor(rowMajorRaw, n, model.numOutputs()), model.numOutputs(),
        model.link(), labels, table.weights(), ReliabilityBins.DEFAULT_BINS);
  }
}
