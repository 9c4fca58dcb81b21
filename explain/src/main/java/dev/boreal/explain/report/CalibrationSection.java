package dev.boreal.explain.report;

import static dev.boreal.explain.report.Markup.escape;

import dev.boreal.engine.metric.BrierDecomposition;
import dev.boreal.engine.metric.CalibrationSummary;
import dev.boreal.engine.metric.ReliabilityBins;
import dev.boreal.engine.metric.ReliabilityBins.Strategy;
import java.util.Locale;

/**
 * The calibration section of a report: the calibration errors and the Brier decomposition as tables (named as
 * {@code eval --metric} names them), and reliability diagrams with row counts. A binary model shows its
 * positive class over equal-width and equal-mass bins and its top label; a multiclass model its top label
 * over both kinds of bins and each class.
 */
final class CalibrationSection {
  private CalibrationSection() {}

  /** The section's body (the caller opens and closes the section). */
  static void render(StringBuilder h, CalibrationSummary s, String[] classNames) {
    int bins = s.topLabel(Strategy.EQUAL_WIDTH).bins();
    ReportWriter.caption(h, "How well the predicted probabilities match observed frequencies, over " + bins
        + " bins of the forecasts. ECE is the row-weighted mean gap between a bin's observed frequency and its mean"
        + " forecast, MCE the largest gap; top-label uses each row's largest class probability against whether that"
        + " class was right, class-wise the probability of each class against whether the row is of that class. The"
        + " Brier score is exactly reliability \u2212 resolution + uncertainty with forecasts grouped by distinct"
        + " value; when every forecast is distinct, reliability equals the score and resolution the uncertainty,"
        + " and the diagrams show the binned view.");
    errorTable(h, s);
    brierTable(h, s, classNames);
    h.append("<div class=\"grid\">\n");
    if (s.binary()) {
      String positive = "probability of " + className(classNames, 1);
      diagram(h, s.ofClass(1, Strategy.EQUAL_WIDTH), "Positive class " + className(classNames, 1)
          + ", equal-width bins", positive);
      diagram(h, s.ofClass(1, Strategy.EQUAL_MASS), "Positive class " + className(classNames, 1)
          + ", equal-mass bins", positive);
      diagram(h, s.topLabel(Strategy.EQUAL_WIDTH), "Top label, equal-width bins", "confidence");
    } else {
      diagram(h, s.topLabel(Strategy.EQUAL_WIDTH), "Top label, equal-width bins", "confidence");
      diagram(h, s.topLabel(Strategy.EQUAL_MASS), "Top label, equal-mass bins", "confidence");
      for (int c = 0; c < s.classes(); c++) {
        diagram(h, s.ofClass(c, Strategy.EQUAL_WIDTH), "Class " + className(classNames, c) + ", equal-width bins",
            "probability of " + className(classNames, c));
      }
    }
    h.append("</div>\n");
  }

  private static void diagram(StringBuilder h, ReliabilityBins bins, String title, String forecastName) {
    ReportWriter.figure(h, ReliabilityDiagram.render(bins, title, forecastName), null);
  }

  private static void errorTable(StringBuilder h, CalibrationSummary s) {
    h.append("<table class=\"metrics\">\n<caption>Calibration errors</caption>\n")
        .append("<tr><th></th><th>equal-width bins</th><th>equal-mass bins</th></tr>\n");
    row(h, "top-label ECE (ece, ece_mass)", s.topLabel(Strategy.EQUAL_WIDTH).ece(),
        s.topLabel(Strategy.EQUAL_MASS).ece());
    row(h, "top-label MCE (mce, mce_mass)", s.topLabel(Strategy.EQUAL_WIDTH).mce(),
        s.topLabel(Strategy.EQUAL_MASS).mce());
    row(h, (s.binary() ? "positive-class" : "class-wise") + " ECE (classwise_ece, classwise_ece_mass)",
        s.classwiseEce(Strategy.EQUAL_WIDTH), s.classwiseEce(Strategy.EQUAL_MASS));
    h.append("</table>\n");
  }

  private static void brierTable(StringBuilder h, CalibrationSummary s, String[] classNames) {
    h.append("<table class=\"metrics\">\n<caption>Brier score = reliability \u2212 resolution + uncertainty"
        + "</caption>\n<tr><th></th><th>brier</th><th>brier_reliability</th><th>brier_resolution</th>"
        + "<th>brier_uncertainty</th></tr>\n");
    if (s.binary()) {
      row(h, "positive class " + className(classNames, 1), s.brier());
    } else {
      row(h, "all classes (sum)", s.brier());
      for (int c = 0; c < s.classes(); c++) {
        row(h, "class " + className(classNames, c), s.brierOfClass(c));
      }
    }
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, String name, BrierDecomposition d) {
    row(h, name, d.score(), d.reliability(), d.resolution(), d.uncertainty());
  }

  private static void row(StringBuilder h, String name, double... values) {
    h.append("<tr><th>").append(escape(name)).append("</th>");
    for (double v : values) {
      h.append("<td>").append(String.format(Locale.ROOT, "%.6f", v)).append("</td>");
    }
    h.append("</tr>\n");
  }

  private static String className(String[] classNames, int c) {
    return classNames != null && c < classNames.length ? "'" + classNames[c] + "'" : Integer.toString(c);
  }
}
