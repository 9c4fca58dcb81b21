package dev.boreal.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.monitor.drift.DriftProfile;
import dev.boreal.monitor.drift.FeatureCounts;
import dev.boreal.monitor.drift.ScoreHistogram;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional top-level {@code "profile"} object of a {@link ModelFile}: a model's {@link DriftProfile}
 * (documented in {@code docs/model-format.md}). A file without one reads and scores as before; a file with one
 * has it checked against the model's features as it is read.
 *
 * <p>Counts are written as whole JSON numbers when they are whole (an unweighted profile, exactly as before
 * weights were profiled) and as decimals otherwise; {@code "effective_rows"} is written only for a weighted
 * profile (whose Kish effective size differs from its total weight), so a file without it, such as one written
 * before, reads as unweighted.
 */
final class ProfileJson {
  /** The top-level field's name. */
  static final String FIELD = "profile";

  private ProfileJson() {}

  /** Writes {@code "profile": {...}} into the model object being written. */
  static void write(JsonGenerator g, DriftProfile p) throws IOException {
    g.writeObjectFieldStart(FIELD);
    g.writeFieldName("rows");
    writeCount(g, p.rows());
    if (p.effectiveRows() != p.rows()) {
      g.writeFieldName("effective_rows");
      ModelJsonWriter.writeDouble(g, p.effectiveRows());
    }
    g.writeArrayFieldStart("features");
    for (int f = 0; f < p.features().size(); f++) {
      FeatureCounts c = p.features().get(f);
      g.writeStartObject();
      g.writeStringField("name", p.featureNames().get(f));
      writeCounts(g, "cells", c.cells());
      g.writeNumberField("below_range", c.belowRange());
      g.writeNumberField("above_range", c.aboveRange());
      g.writeFieldName("min");
      ModelJsonWriter.writeDouble(g, c.min());
      g.writeFieldName("max");
      ModelJsonWriter.writeDouble(g, c.max());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("predictions");
    ModelJsonWriter.writeDoubles(g, "edges", p.predictions().edges());
    writeCounts(g, "counts", p.predictions().counts());
    g.writeEndObject();
    if (p.meanAbsShap() != null) {
      ModelJsonWriter.writeDoubles(g, "mean_abs_shap", p.meanAbsShap());
      g.writeNumberField("shap_rows", p.shapRows());
    }
    g.writeEndObject();
  }

  private static void writeCounts(JsonGenerator g, String field, double[] counts) throws IOException {
    g.writeArrayFieldStart(field);
    for (double c : counts) {
      writeCount(g, c);
    }
    g.writeEndArray();
  }

  /** A count: a whole number as a JSON integer (the format of unweighted counts), else as a decimal. */
  private static void writeCount(JsonGenerator g, double count) throws IOException {
    if (count == Math.rint(count) && Math.abs(count) < 0x1p53) {
      g.writeNumber((long) count);
    } else {
      ModelJsonWriter.writeDouble(g, count);
    }
  }

  /**
   * The profile of a model document, or null when it has none.
   *
   * @throws dev.boreal.InputException naming the source and the field if the profile is ill-formed or does not
   *     fit the model's features
   */
  static DriftProfile read(CheckedJson r, JsonNode root, TrainedModel model) {
    JsonNode node = root.get(FIELD);
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      throw r.fail(FIELD, "must be an object");
    }
    int featureCount = model.featureNames().size();
    JsonNode featureNodes = r.array(node, "profile.", "features", featureCount);
    List<String> names = new ArrayList<>(featureCount);
    List<FeatureCounts> features = new ArrayList<>(featureCount);
    for (int f = 0; f < featureCount; f++) {
      String path = "profile.features[" + f + "].";
      JsonNode feature = featureNodes.get(f);
      names.add(r.text(feature, path, "name"));
      JsonNode cells = r.array(feature, path, "cells", -1);
      features.add(new FeatureCounts(r.doubles(feature, path, "cells", cells.size()),
          r.integral(r.field(feature, path, "below_range"), path + "below_range", false),
          r.integral(r.field(feature, path, "above_range"), path + "above_range", false),
          r.number(r.field(feature, path, "min"), path + "min"), r.number(r.field(feature, path, "max"), path + "max")));
    }
    JsonNode predictionNode = r.object(node, "profile.", "predictions");
    double[] edges = r.doubles(predictionNode, "profile.predictions.", "edges", -1);
    double[] counts = r.doubles(predictionNode, "profile.predictions.", "counts", edges.length + 2);
    ScoreHistogram predictions;
    try {
      predictions = new ScoreHistogram(edges, counts);
    } catch (IllegalArgumentException e) {
      throw r.fail("profile.predictions.edges", "must be finite and strictly increasing");
    }
    double[] shap = node.has("mean_abs_shap") ? r.doubles(node, "profile.", "mean_abs_shap", featureCount) : null;
    int shapRows = shap == null ? 0 : r.integer(node, "profile.", "shap_rows");
    if (shap != null && shapRows < 1) {
      throw r.fail("profile.shap_rows", "must be at least 1, but it is " + shapRows);
    }
    DriftProfile unweighted = new DriftProfile(names, features, predictions, shap, shapRows);
    DriftProfile profile = !node.has("effective_rows") ? unweighted : new DriftProfile(names, features, predictions,
        shap, shapRows, r.number(node.get("effective_rows"), "profile.effective_rows"));
    String problem = profile.problemWith(model.featureNames(), model.mappers());
    if (problem != null) {
      throw r.fail(FIELD, "does not fit the model: " + problem);
    }
    double rows = r.number(r.field(node, "profile.", "rows"), "profile.rows");
    if (!(Math.abs(rows - profile.rows()) <= 1e-9 * profile.rows())) {
      throw r.fail("profile.rows", "is " + FeatureCounts.show(rows) + ", but the features count "
          + FeatureCounts.show(profile.rows()) + " rows");
    }
    return profile;
  }
}
