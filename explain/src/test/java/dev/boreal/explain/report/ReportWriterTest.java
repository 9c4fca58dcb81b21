package dev.boreal.explain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.model.Model;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report is well-formed XHTML with every section, a labelled SVG per plot, and safely escaped names. */
class ReportWriterTest {
  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final String XHTML = "http://www.w3.org/1999/xhtml";

  static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    // The HTML5 doctype names no DTD, so nothing is fetched; forbid it anyway so the test never goes online.
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  static Element section(Document doc, String id) {
    NodeList sections = doc.getElementsByTagNameNS(XHTML, "section");
    for (int i = 0; i < sections.getLength(); i++) {
      Element s = (Element) sections.item(i);
      if (id.equals(s.getAttribute("id"))) {
        return s;
      }
    }
    return null;
  }

  static List<Element> svgs(Element section) {
    NodeList list = section.getElementsByTagNameNS(SVG, "svg");
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  /** Texts of the elements with CSS class {@code cls} inside {@code svg}. */
  static List<String> texts(Element svg, String cls) {
    NodeList list = svg.getElementsByTagNameNS(SVG, "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      Element t = (Element) list.item(i);
      if (cls.equals(t.getAttribute("class"))) {
        out.add(t.getTextContent());
      }
    }
    return out;
  }

  @Test
  void everySectionHasItsPlotsWithLabelledAxes() throws Exception {
    Model model = ReportFixture.model(7, 1);
    ReportInput input = ReportFixture.input(model, 3000, 1, null, new int[] {17, 42});
    Document doc = parse(ReportWriter.render(input));

    int[] expectedSvgs = {0, 1, 1, DependencePlot.MAX_PLOTS, 4, 1};
    String[] ids = {"model", "importance", "summary", "dependence", "waterfall", "predictions"};
    for (int i = 0; i < ids.length; i++) {
      Element s = section(doc, ids[i]);
      assertNotNull(s, "section " + ids[i]);
      List<Element> svgs = svgs(s);
      assertEquals(expectedSvgs[i], svgs.size(), "plots in " + ids[i]);
      for (Element svg : svgs) {
        assertFalse(texts(svg, "axis-title").isEmpty(), "an axis title in " + ids[i]);
        assertTrue(texts(svg, "tick").size() >= 3, "ticks in " + ids[i]);
      }
    }
    String model_ = section(doc, "model").getTextContent();
    assertTrue(model_.contains("gradient-boosted trees") && model_.contains("binary") && model_.contains("auc"),
        model_);
    assertTrue(model_.contains("0.75 (2)"), "the best auc and its iteration: " + model_);
  }

  @Test
  void beeswarmDrawsOneDotPerSampledRowAndFeature() throws Exception {
    Model model = ReportFixture.model(7, 1);
    Document doc = parse(ReportWriter.render(ReportFixture.input(model, 3000, 2, null, null)));
    Element svg = svgs(section(doc, "summary")).get(0);
    NodeList paths = svg.getElementsByTagNameNS(SVG, "path");
    int dots = 0;
    for (int i = 0; i < paths.getLength(); i++) {
      String d = ((Element) paths.item(i)).getAttribute("d");
      dots += d.split("h0", -1).length - 1;
    }
    assertEquals(ReportData.MAX_DOTS * model.numFeatures(), dots);
    assertEquals(model.numFeatures(), texts(svg, "label").size());
  }

  @Test
  void namesWithMarkupCharactersAreEscapedNotInterpreted() throws Exception {
    Model model = ReportFixture.model(3, 1);
    String html = ReportWriter.render(ReportFixture.input(model, 200, 3, null, null));
    Document doc = parse(html);
    String all = doc.getDocumentElement().getTextContent();
    assertTrue(all.contains(ReportFixture.NASTY), "the feature name survives as text");
    assertTrue(all.contains("data<&>.csv"));
    assertFalse(html.contains("<a&b>"));
    assertFalse(html.contains("<script") || html.contains("<img") || html.contains("<link")
        || html.contains("url("), "no external resources");
    assertEquals(List.of("http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"),
        html.lines().flatMap(l -> java.util.regex.Pattern.compile("https?://[^\"]+").matcher(l).results())
            .map(m -> m.group()).distinct().sorted().toList());
  }

  @Test
  void waterfallsPickTheHighestAndLowestScoredRowsAndEndAtTheirScore() throws Exception {
    Model model = ReportFixture.model(5, 1);
    ReportInput input = ReportFixture.input(model, 500, 4, null, null);
    ReportData d = new ReportData(input);
    int hi = 0;
    int lo = 0;
    for (int r = 0; r < d.rows; r++) {
      hi = d.raw[r] > d.raw[hi] ? r : hi;
      lo = d.raw[r] < d.raw[lo] ? r : lo;
    }
    List<Element> svgs = svgs(section(parse(ReportWriter.render(input)), "waterfall"));
    assertEquals(2, svgs.size());
    assertTrue(texts(svgs.get(0), "panel-title").get(0).startsWith("Row " + hi + " (highest score"));
    assertTrue(texts(svgs.get(1), "panel-title").get(0).startsWith("Row " + lo + " (lowest score"));
    assertEquals("f(x) = " + Markup.num(d.raw[hi]), texts(svgs.get(0), "marker-text").get(0));
  }

  @Test
  void multiclassStacksImportanceByClassAndExplainsThePredictedClass() throws Exception {
    Model model = ReportFixture.model(4, 3);
    ReportInput input = ReportFixture.input(model, 400, 5, null, new int[] {3});
    Document doc = parse(ReportWriter.render(input));
    Element importance = svgs(section(doc, "importance")).get(0);
    List<String> legend = texts(importance, "tick");
    assertTrue(legend.containsAll(List.of("cat", "dog", "a&b")), legend.toString());
    ReportData d = new ReportData(input);
    assertEquals(2, d.explained[3], "class 3 has the largest SHAP weights in the fixture");
    String title = texts(svgs(section(doc, "waterfall")).get(2), "panel-title").get(0);
    assertTrue(title.startsWith("Row 3 (requested with --rows, class a&b)"), title);
  }

  @Test
  void exactInteractionsChooseTheColouringFeature() {
    Model model = ReportFixture.model(4, 1);
    int f = model.numFeatures();
    double[] strength = new double[f * f];
    strength[0 * f + 3] = 5;
    strength[0 * f + 1] = 1;
    ReportData d = new ReportData(ReportFixture.input(model, 300, 6, strength, null));
    assertEquals(3, DependencePlot.colouring(d, 0));
    ReportData approx = new ReportData(ReportFixture.input(model, 3000, 6, null, null));
    assertEquals(1, DependencePlot.colouring(approx, 0), "x0's SHAP value depends on x1 in the fixture");
  }

  @Test
  void aHundredThousandRowsStaySmallAndTheOutputIsDeterministic() {
    Model model = ReportFixture.model(29, 1);
    ReportInput input = ReportFixture.input(model, 100_000, 7, null, null);
    String html = ReportWriter.render(input);
    assertTrue(html.length() < 3_000_000, "report of " + html.length() + " chars");
    assertEquals(html, ReportWriter.render(input));
  }

  @Test
  void aReportOfNoRowsIsStillWellFormed() throws Exception {
    Document doc = parse(ReportWriter.render(ReportFixture.input(ReportFixture.model(3, 1), 0, 10, null, null)));
    assertTrue(section(doc, "waterfall").getTextContent().contains("The data has no rows."));
    assertEquals(1, svgs(section(doc, "summary")).size());
  }

  @Test
  void inputsThatDoNotFitAreRejected() {
    Model model = ReportFixture.model(2, 1);
    ReportInput ok = ReportFixture.input(model, 50, 9, null, null);
    assertThrows(IllegalArgumentException.class, () -> new ReportInput(model, "d", "m", ok.features(),
        new double[10], null, null));
    assertThrows(IllegalArgumentException.class, () -> new ReportInput(model, "d", "m", ok.features(),
        ok.shap(), null, new int[] {50}));
    assertThrows(IllegalArgumentException.class, () -> new ReportInput(model, "d", "m", ok.features(),
        ok.shap(), new double[3], null));
  }
}
