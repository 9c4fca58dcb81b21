package dev.boreal.explain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.metric.CalibrationSummary;
import dev.boreal.engine.metric.ReliabilityBins.Strategy;
import dev.boreal.engine.objective.Link;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The evaluation report and the explanation report's calibration section. */
class CalibrationReportTest {
  @TempDir Path dir;

  /** Rows whose labels follow a flattened version of the forecasts, so the model is overconfident. */
  static CalibrationSummary summary(int rows, int outputs, long seed) {
    Random rng = new Random(seed);
    double[] raw = new double[rows * outputs];
    double[] labels = new double[rows];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = rng.nextGaussian() * 2;
    }
    for (int i = 0; i < rows; i++) {
      if (outputs == 1) {
        labels[i] = rng.nextDouble() < 1 / (1 + Math.exp(-0.5 * raw[i])) ? 1 : 0;
      } else {
        int c = rng.nextInt(outputs);
        labels[i] = rng.nextDouble() < 0.5 ? argmax(raw, rows, outputs, i) : c;
      }
    }
    return CalibrationSummary.of(raw, outputs, outputs == 1 ? Link.sigmoid(1.0) : Link.SOFTMAX, labels, null, 15);
  }

  private static int argmax(double[] raw, int rows, int outputs, int i) {
    int best = 0;
    for (int c = 1; c < outputs; c++) {
      best = raw[c * rows + i] > raw[best * rows + i] ? c : best;
    }
    return best;
  }

  @Test
  void binaryReportShowsCountedDiagramsAndTheTables() throws Exception {
    CalibrationSummary s = summary(3000, 1, 5);
    String html = CalibrationReport.render("m.json", "rows <&>.csv", 3000, new String[] {"no", "yes"}, s);
    assertEquals(html, CalibrationReport.render("m.json", "rows <&>.csv", 3000, new String[] {"no", "yes"}, s),
        "the same bytes every time");
    Document doc = ReportWriterTest.parse(html);
    Element section = ReportWriterTest.section(doc, "calibration");
    assertNotNull(section);
    List<Element> svgs = ReportWriterTest.svgs(section);
    assertEquals(3, svgs.size(), "positive class over both kinds of bins, and the top label");
    // Fifteen equal-width bins are wide enough for every count label: they add up to the rows.
    long labelled = 0;
    for (String count : ReportWriterTest.texts(svgs.get(0), "value")) {
      labelled += Long.parseLong(count.replace(",", ""));
    }
    assertEquals(3000, labelled);
    for (double v : new double[] {s.topLabel(Strategy.EQUAL_WIDTH).ece(), s.topLabel(Strategy.EQUAL_MASS).mce(),
        s.classwiseEce(Strategy.EQUAL_WIDTH), s.brier().score(), s.brier().reliability(), s.brier().resolution(),
        s.brier().uncertainty()}) {
      assertTrue(html.contains("<td>" + String.format(Locale.ROOT, "%.6f", v) + "</td>"), "table shows " + v);
    }
    assertTrue(section.getTextContent().contains("positive class 'yes'"), "names the positive class");
  }

  @Test
  void multiclassReportShowsTheTopLabelAndEveryClass() throws Exception {
    CalibrationSummary s = summary(2000, 4, 6);
    Element section = ReportWriterTest.section(ReportWriterTest.parse(
        CalibrationReport.render("m.json", "d.csv", 2000, null, s)), "calibration");
    assertEquals(2 + 4, ReportWriterTest.svgs(section).size());
    assertTrue(section.getTextContent().contains("all classes (sum)"));
  }

  @Test
  void theExplanationReportGetsACalibrationSectionOnlyWhenGivenOne() throws Exception {
    ReportInput input = ReportFixture.input(ReportFixture.model(6, 1), 400, 2, null, new int[0]);
    String plain = ReportWriter.render(input);
    assertEquals(plain, ReportWriter.render(input, null));
    assertNull(ReportWriterTest.section(ReportWriterTest.parse(plain), "calibration"));
    String withLabels = ReportWriter.render(input, summary(400, 1, 3));
    Element section = ReportWriterTest.section(ReportWriterTest.parse(withLabels), "calibration");
    assertNotNull(section);
    assertEquals(3, ReportWriterTest.svgs(section).size());
    assertTrue(withLabels.contains("<a href=\"#calibration\">"), "the navigation links the section");
  }

  @Test
  void theReportRendersInChromium() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(ReportRenderTest.CHROMIUM), "Chromium is not installed at "
        + ReportRenderTest.CHROMIUM + "; skipping the rendering check");
    Path html = dir.resolve("eval.html");
    Files.writeString(html, CalibrationReport.render("m.json", "d.csv", 2000, null, summary(2000, 3, 8)));
    Path png = dir.resolve("eval.png");
    ReportRenderTest.screenshot(html, png, Files.createDirectory(dir.resolve("profile")));
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(ReportRenderTest.hasColour(image, 0xff0d57), "the red dots of the bins' means show");
    assertTrue(ReportRenderTest.hasColour(image, 0xa9cdf2), "the bars of observed frequencies show");
    assertTrue(ReportRenderTest.hasColour(image, 0xa0a4a8), "the count bars show");
  }
}
