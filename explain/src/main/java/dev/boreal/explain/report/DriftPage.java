package dev.boreal.explain.report;

import static dev.boreal.explain.report.Markup.escape;

import java.util.List;

/**
 * Renders a drift report: one self-contained HTML file, styled as the explanation report ({@link ReportWriter}),
 * with a table of every distribution's statistics and verdict and, worst first, a plot of each one's reference
 * and new share of rows per bin. It knows nothing of how drift is measured: the caller gives the rows of the
 * table and the panels, already in order. The same input always gives the same bytes.
 */
public final class DriftPage {

  /**
   * One distribution's plot.
   *
   * @param name the feature's name, or "prediction"
   * @param verdict a word or two shown beside the name, e.g. "drift" or "ok"
   * @param drift whether to draw the new bars in the drift colour
   * @param summary a line of statistics shown at the top right
   * @param cellLabels one label per cell, e.g. "(0.5, 1.2]", "red", "missing"
   * @param reference the reference's rows per cell (summed weights, for a weighted reference)
   * @param observed the new data's rows per cell
   */
  public record Panel(String name, String verdict, boolean drift, String summary, List<String> cellLabels,
      double[] reference, double[] observed) {

    /** Checks that the three per-cell lists have one entry per cell. */
    public Panel {
      if (cellLabels.size() != reference.length || observed.length != reference.length) {
        throw new IllegalArgumentException(cellLabels.size() + " labels, " + reference.length + " reference and "
            + observed.length + " new counts");
      }
      cellLabels = List.copyOf(cellLabels);
    }
  }

  private DriftPage() {}

  /**
   * The report's HTML.
   *
   * @param subtitle a line under the title: what was compared with what
   * @param note a paragraph that says how to read the verdicts
   * @param header the table's column names
   * @param rows the table's rows, each with one cell per column
   * @param panels the plots, in the order to show them
   */
  public static String render(String subtitle, String note, List<String> header, List<List<String>> rows,
      List<Panel> panels) {
    StringBuilder h = new StringBuilder(1 << 16);
    ReportWriter.start(h, "Boreal drift report");
    h.append("<header>\n<h1>Drift report</h1>\n<p>").append(escape(subtitle))
        .append("</p>\n<nav><a href=\"#table\">Statistics</a><a href=\"#plots\">Bins</a></nav>\n</header>\n<main>\n");
    ReportWriter.open(h, "table", "Statistics, worst first");
    ReportWriter.caption(h, note);
    h.append("<table class=\"metrics\">\n<tr>");
    for (String column : header) {
      h.append("<th>").append(escape(column)).append("</th>");
    }
    h.append("</tr>\n");
    for (List<String> row : rows) {
      h.append("<tr>");
      for (String cell : row) {
        h.append("<td>").append(escape(cell)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n</section>\n");
    ReportWriter.open(h, "plots", "Reference and new rows per bin");
    ReportWriter.caption(h, "Each pair of bars is one of the model's own bins (in value order, missing values "
        + "last) or one category: grey the share of the reference's rows, coloured the share of the new rows "
        + "(red when the distribution drifted). Hover a bar for its bin and count.");
    for (Panel panel : panels) {
      ReportWriter.figure(h, BinComparisonPlot.render(panel), null);
    }
    h.append("</section>\n");
    ReportWriter.end(h);
    return h.toString();
  }
}
