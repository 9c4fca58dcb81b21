package dev.boreal.cli.serve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.engine.model.Model;
import dev.boreal.explain.Explanation;
import dev.boreal.histogram.BinMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The JSON bodies the server sends. Doubles are written in Java's shortest round-tripping form, so a client
 * that parses a prediction gets the very double batch prediction computes.
 *
 * <p>Predictions: {@code {"predictions": [p, ...]}} for one output per row (the probability of the second
 * class for a binary classifier), or {@code [[p0, p1, ...], ...]} with {@code "classes"} for multiclass;
 * classifiers add {@code "labels"}, the predicted class of each row.
 */
final class Responses {
  /** A factory with an object codec, so request values can be echoed as trees. */
  private static final JsonFactory FACTORY = new ObjectMapper().getFactory();

  private Responses() {}

  /** Something that writes one JSON document. */
  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] json(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  /** {@code {"error": message, "field": field}}, the field left out when there is none. */
  static byte[] error(String message, String field) {
    return json(g -> {
      g.writeStartObject();
      g.writeStringField("error", message);
      if (field != null) {
        g.writeStringField("field", field);
      }
      g.writeEndObject();
    });
  }

  /** {@code {"status": "ok", ...}} with the model's identity, for load balancers and humans. */
  static byte[] health(Model model) {
    return json(g -> {
      g.writeStartObject();
      g.writeStringField("status", "ok");
      g.writeStringField("algorithm", model.algorithm());
      g.writeNumberField("features", model.numFeatures());
      g.writeEndObject();
    });
  }

  /**
   * The feature schema a request must follow, what the model is, and which version of its file is live.
   *
   * @param source the model file's name
   * @param sha256 the file's SHA-256
   * @param loadedAt when it was read
   * @param generation 1 for the first model, one more for each reload
   */
  static byte[] model(Model model, String source, String sha256, Instant loadedAt, int generation) {
    return json(g -> {
      g.writeStartObject();
      g.writeStringField("source", source);
      g.writeStringField("sha256", sha256);
      g.writeStringField("loaded_at", loadedAt.toString());
      g.writeNumberField("generation", generation);
      g.writeStringField("algorithm", model.algorithm());
      g.writeStringField("objective", model.objective());
      g.writeStringField("link", model.link().name());
      if (model.link().calibration() != null) {
        g.writeStringField("calibration", model.link().calibration().method());
      }
      g.writeNumberField("outputs", model.numOutputs());
      writeClasses(g, model.classes());
      g.writeNumberField("iterations", model.bestIteration());
      g.writeNumberField("trees", model.bestIteration() * model.numOutputs());
      g.writeArrayFieldStart("features");
      for (int f = 0; f < model.numFeatures(); f++) {
        BinMapper mapper = model.mapper(f);
        g.writeStartObject();
        g.writeStringField("name", model.featureNames().get(f));
        g.writeStringField("type", mapper.isCategorical() ? "categorical" : "numeric");
        if (mapper.isCategorical()) {
          String[] categories = mapper.categories();
          g.writeFieldName("categories");
          g.writeArray(categories, 0, categories.length);
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /**
   * Predictions of {@code rows} rows.
   *
   * @param raw raw scores, row-major; decide the labels
   * @param predicted predictions, row-major
   */
  static byte[] predictions(Model model, int rows, double[] raw, double[] predicted) {
    int k = model.numOutputs();
    String[] classes = model.classes();
    return json(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("predictions");
      for (int r = 0; r < rows; r++) {
        if (k == 1) {
          g.writeNumber(predicted[r]);
        } else {
          g.writeArray(predicted, r * k, k);
        }
      }
      g.writeEndArray();
      if (classes != null) {
        if (k > 1) {
          writeClasses(g, classes);
        }
        g.writeArrayFieldStart("labels");
        for (int r = 0; r < rows; r++) {
          g.writeString(classes[label(raw, r, k)]);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    });
  }

  /** The predicted class of row r: the largest raw score, or for one output the second class when raw > 0. */
  static int label(double[] raw, int r, int k) {
    if (k == 1) {
      return raw[r] > 0 ? 1 : 0;
    }
    int best = 0;
    for (int j = 1; j < k; j++) {
      best = raw[r * k + j] > raw[r * k + best] ? j : best;
    }
    return best;
  }

  /**
   * Explanations of the rows: per row its prediction (and label), SHAP values by feature name, the expected
   * value, and the top reasons with the value the request gave for each.
   */
  static byte[] explanations(Model model, List<Explanation> explanations, JsonNode rows) {
    String[] classes = model.classes();
    List<String> names = model.featureNames();
    return json(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("explanations");
      for (int r = 0; r < explanations.size(); r++) {
        Explanation e = explanations.get(r);
        int k = e.numOutputs();
        g.writeStartObject();
        if (k == 1) {
          g.writeNumberField("prediction", e.prediction(0));
          g.writeNumberField("raw", e.raw(0));
        } else {
          g.writeArrayFieldStart("prediction");
          for (int j = 0; j < k; j++) {
            g.writeNumber(e.prediction(j));
          }
          g.writeEndArray();
        }
        if (classes != null) {
          double[] raw = new double[k];
          for (int j = 0; j < k; j++) {
            raw[j] = e.raw(j);
          }
          g.writeStringField("label", classes[label(raw, 0, k)]);
        }
        int explained = e.explainedOutput();
        if (k > 1) {
          g.writeStringField("explained_class", className(classes, explained));
        }
        if (k == 1) {
          g.writeNumberField("expected_value", e.expectedValue(0));
          g.writeFieldName("shap");
          writeShap(g, e, 0, names);
        } else {
          g.writeObjectFieldStart("expected_value");
          for (int j = 0; j < k; j++) {
            g.writeNumberField(className(classes, j), e.expectedValue(j));
          }
          g.writeEndObject();
          g.writeObjectFieldStart("shap");
          for (int j = 0; j < k; j++) {
            g.writeFieldName(className(classes, j));
            writeShap(g, e, j, names);
          }
          g.writeEndObject();
        }
        g.writeArrayFieldStart("reasons");
        for (Explanation.Reason reason : e.reasons()) {
          g.writeStartObject();
          g.writeStringField("feature", reason.feature());
          g.writeFieldName("value");
          g.writeTree(rows.get(r).get(reason.feature()));
          g.writeNumberField("contribution", reason.contribution());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** {@code {"feature": value, ...}}: output k's SHAP values by feature name. */
  private static void writeShap(JsonGenerator g, Explanation e, int k, List<String> names) throws IOException {
    g.writeStartObject();
    for (int f = 0; f < names.size(); f++) {
      g.writeNumberField(names.get(f), e.contribution(k, f));
    }
    g.writeEndObject();
  }

  private static String className(String[] classes, int k) {
    return classes != null ? classes[k] : Integer.toString(k);
  }

  private static void writeClasses(JsonGenerator g, String[] classes) throws IOException {
    g.writeFieldName("classes");
    if (classes == null) {
      g.writeNull();
    } else {
      g.writeArray(classes, 0, classes.length);
    }
  }
}
