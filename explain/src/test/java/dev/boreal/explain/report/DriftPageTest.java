package dev.boreal.explain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The drift page: well-formed XHTML with one plot per panel in order, and a rendering check in Chromium. */
class DriftPageTest {
  @TempDir Path dir;

  static String page() {
    List<String> labels = new ArrayList<>();
    double[] ref = new double[40];
    double[] shifted = new double[40];
    for (int c = 0; c < 40; c++) {
      labels.add(c == 39 ? "missing" : "bin " + c);
      ref[c] = 100 + (c % 7) * 10;
      shifted[c] = c < 20 ? 40 : 170;
    }
    return DriftPage.render("new.csv (1,000 rows) against m.json <profile> & co", "How to read it.",
        List.of("feature", "verdict"), List.of(List.of("age", "DRIFT"), List.of("colour", "ok")),
        List.of(new DriftPage.Panel("age", "drift", true, "PSI 0.3", labels, ref, shifted),
            new DriftPage.Panel("colour", "ok", false, "PSI 0.01", List.of("red", "other", "missing"),
                new double[] {5, 3, 2}, new double[] {50, 31, 19})));
  }

  @Test
  void thePageIsWellFormedWithOnePlotPerPanelInOrder() throws Exception {
    String html = page();
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    assertEquals(2, doc.getElementsByTagName("svg").getLength());
    assertTrue(html.indexOf("age \u00B7 drift") < html.indexOf("colour \u00B7 ok"));
    assertTrue(html.contains("&lt;profile&gt; &amp; co"), "escaped");
    assertTrue(html.contains("<title>bin 3: reference 130 rows ("), "a tooltip per bar");
    assertEquals(html, page(), "the same input gives the same bytes");
    assertThrows(IllegalArgumentException.class, () -> new DriftPage.Panel("x", "ok", false, "", List.of("a"),
        new double[] {1, 2}, new double[] {1, 2}));
  }

  @Test
  void thePageRendersInChromiumWithBothBarColours() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(ReportRenderTest.CHROMIUM), "Chromium is not installed at "
        + ReportRenderTest.CHROMIUM + " (apt-get install chromium); skipping the rendering check");
    Path html = dir.resolve("drift.html");
    Files.writeString(html, page());
    Path png = dir.resolve("drift.png");
    ReportRenderTest.screenshot(html, png, Files.createDirectory(dir.resolve("profile")));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1400, image.getWidth());
    assertTrue(ReportRenderTest.hasColour(image, 0xff0d57), "the drifted feature's red bars show");
    assertTrue(ReportRenderTest.hasColour(image, 0x1e88e5), "the stable feature's blue bars show");
    assertTrue(ReportRenderTest.hasColour(image, 0xa0a4a8), "the reference's grey bars show");
  }
}
