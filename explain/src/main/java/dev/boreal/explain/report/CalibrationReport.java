package dev.boreal.explain.report;

import static dev.boreal.explain.report.Markup.escape;

import dev.boreal.engine.metric.CalibrationSummary;
import java.util.Locale;

/**
 * Renders the evaluation report: one self-contained HTML file, styled like the explanation report, with a
 * classifier's reliability diagrams (with per-bin row counts), calibration errors and Brier decomposition on
 * labelled data. The same input always gives the same bytes; writing the file is the caller's.
 */
public final class CalibrationReport {
  private CalibrationReport() {}

  /**
   * The report's HTML.
   *
   * @param modelName the model file's name, as shown in the header
   * @param dataName the data file's name, as shown in the header
   * @param rows the number of labelled rows evaluated
   * @param classNames the model's class names (class 1 is a binary model's positive class), or null
   * @param summary the calibration numbers of those rows
   */
  public static String render(String modelName, String dataName, int rows, String[] classNames,
      CalibrationSummary summary) {
    StringBuilder h = new StringBuilder(1 << 16);
    ReportWriter.start(h, "Boreal evaluation report: " + modelName + " on " + dataName);
    h.append("<header>\n<h1>Evaluation report</h1>\n<p>").append(escape(modelName)).append(" on ")
        .append(escape(dataName)).append(" \u00B7 ").append(String.format(Locale.ROOT, "%,d", rows))
        .append(" rows \u00B7 ").append(summary.binary() ? "binary" : summary.classes() + " classes")
        .append("</p>\n</header>\n<main>\n");
    ReportWriter.open(h, "calibration", "Calibration");
    CalibrationSection.render(h, summary, classNames);
    h.append("</section>\n");
    ReportWriter.end(h);
    return h.toString();
  }
}
