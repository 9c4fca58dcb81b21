package dev.boreal.explain.report;

import static dev.boreal.explain.report.ReportWriterTest.parse;
import static dev.boreal.explain.report.ReportWriterTest.section;
import static dev.boreal.explain.report.ReportWriterTest.svgs;
import static dev.boreal.explain.report.ReportWriterTest.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The report of a neural net: every section the SHAP values give, the importance ranking by mean |SHAP|
 * alone, and one sentence wherever a tree model would show what a network does not have.
 */
class NeuralNetReportTest {
  private static final int NUMERIC = 6;

  @Test
  void everySectionRendersAndWhatNeedsTreesIsExplainedNotDrawn() throws Exception {
    ReportInput input = ReportFixture.input(ReportFixture.mlp(NUMERIC), 800, 3, null, new int[] {11});
    String html = ReportWriter.render(input);
    Document doc = parse(html);
    int[] expectedSvgs = {0, 1, 1, DependencePlot.MAX_PLOTS, 3, 1};
    String[] ids = {"model", "importance", "summary", "dependence", "waterfall", "predictions"};
    for (int i = 0; i < ids.length; i++) {
      assertEquals(expectedSvgs[i], svgs(section(doc, ids[i])).size(), "plots in " + ids[i]);
    }
    String model = section(doc, "model").getTextContent();
    assertTrue(model.contains("neural net (mlp)") && model.contains("best epoch9") && model.contains("hidden4"),
        model);
    assertTrue(model.contains(ModelSummary.NO_TREES), model);
    assertFalse(model.contains("best iteration"), model);
    String importance = section(doc, "importance").getTextContent();
    assertTrue(importance.contains("Split-gain importance needs trees, and a neural net has none"), importance);
    assertFalse(html.contains("share of total split gain"), "no gain panel");
    assertTrue(section(doc, "dependence").getTextContent()
        .contains("exact interaction values need a tree model, and this is a neural net"));
    assertTrue(section(doc, "waterfall").getTextContent().contains("over the KernelSHAP background rows"));
  }

  @Test
  void importanceRanksFeaturesByMeanAbsoluteShapComputedHere() throws Exception {
    ReportInput input = ReportFixture.input(ReportFixture.mlp(NUMERIC), 500, 5, null, null);
    int features = NUMERIC + 1;
    double[] meanAbs = new double[features];
    for (int r = 0; r < input.rows(); r++) {
      for (int f = 0; f < features; f++) {
        meanAbs[f] += Math.abs(input.shap()[r * (features + 1) + f]) / input.rows();
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      expected.add(f);
    }
    expected.sort(Comparator.comparingDouble((Integer f) -> -meanAbs[f]).thenComparing(f -> f));
    List<String> names = ReportFixture.names(NUMERIC);
    List<String> labels = texts(svgs(section(parse(ReportWriter.render(input)), "importance")).get(0), "label");
    assertEquals(expected.stream().map(names::get).toList(), labels);
  }
}
