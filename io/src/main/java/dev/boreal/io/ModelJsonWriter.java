package dev.boreal.io;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Routing;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.model.Tree;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.histogram.BinMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;

/**
 * Writes the sections of a Boreal model file into the JSON object being written: the header every model
 * starts with, what training recorded and the feature schema, and the trees, with every double written so it
 * reads back bit for bit. {@link ModelFile} opens the document; the neural-net, forest, calibration and
 * profile writers share these pieces.
 */
final class ModelJsonWriter {
  private ModelJsonWriter() {}

  /** Writes the fields of a tree model into the object being written. */
  static void writeModel(JsonGenerator g, Model m) throws IOException {
    writeHeader(g, m);
    writeDoubles(g, "base_scores", m.numOutputs(), m::baseScore);
    g.writeStringField("ensemble", m.ensemble() == Model.Ensemble.SUM ? "sum" : "average");
    g.writeNumberField("best_iteration", m.bestIteration());
    g.writeNumberField("num_iterations", m.numIterations());
    writeRecordAndSchema(g, m);
    CalibrationJson.write(g, m.link());
    if (formatVersion(m) >= ForestTreesJson.FORMAT_VERSION) {
      ForestTreesJson.write(g, m);
      return;
    }
    g.writeArrayFieldStart("trees");
    for (Tree t : m.trees()) {
      writeTree(g, t);
    }
    g.writeEndArray();
  }

  /** The fields every model starts with: format, version, algorithm, objective, link, outputs, classes. */
  static void writeHeader(JsonGenerator g, TrainedModel m) throws IOException {
    g.writeStringField("format", ModelFile.FORMAT);
    g.writeNumberField("format_version", formatVersion(m));
    g.writeStringField("algorithm", m.algorithm());
    g.writeStringField("objective", m.objective());
    g.writeObjectFieldStart("link");
    g.writeStringField("name", m.link().name());
    g.writeFieldName("parameter");
    writeDouble(g, m.link().param());
    g.writeEndObject();
    g.writeNumberField("num_outputs", m.numOutputs());
    g.writeFieldName("classes");
    String[] classes = m.classes();
    if (classes == null) {
      g.writeNull();
    } else {
      g.writeArray(classes, 0, classes.length);
    }
  }

  /**
   * The version a model is written in: 4 for a random forest (its compact trees, {@link ForestTreesJson}) and
   * for a neural net with a transformer, periodic embeddings or quantile-normalised inputs; otherwise the
   * lowest that holds the model: 3 when its link has a calibration; 2 when a feature's zeros are missing, its
   * NaN is zero, or a categorical feature has an unknown bin; else 1.
   */
  static int formatVersion(TrainedModel m) {
    if (m instanceof Model && m.algorithm().equals("rf")) {
      return ForestTreesJson.FORMAT_VERSION;
    }
    if (m instanceof MlpModel net && MlpModelJson.needsVersion4(net)) {
      return MlpModelJson.FORMAT_VERSION;
    }
    if (m.link().calibration() != null) {
      return CalibrationJson.FORMAT_VERSION;
    }
    for (BinMapper mapper : m.mappers()) {
      if (mapper.zeroIsMissing() || mapper.nanIsZero() || mapper.hasUnknownBin()) {
        return 2;
      }
    }
    return 1;
  }

  /** What training recorded and the feature schema: params, eval_history, features. */
  static void writeRecordAndSchema(JsonGenerator g, TrainedModel m) throws IOException {
    g.writeObjectFieldStart("params");
    for (Map.Entry<String, String> e : m.params().entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("eval_history");
    for (Map.Entry<String, Map<String, double[]>> set : m.evalHistory().entrySet()) {
      g.writeObjectFieldStart(set.getKey());
      for (Map.Entry<String, double[]> metric : set.getValue().entrySet()) {
        writeDoubles(g, metric.getKey(), metric.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeArrayFieldStart("features");
    for (int f = 0; f < m.featureNames().size(); f++) {
      BinMapper mapper = m.mappers().get(f);
      g.writeStartObject();
      g.writeStringField("name", m.featureNames().get(f));
      g.writeStringField("type", mapper.isCategorical() ? "categorical" : "numeric");
      // The version-2 flags are written only when true, so a file without them is a version-1 file.
      if (mapper.isCategorical()) {
        String[] categories = mapper.categories();
        g.writeFieldName("categories");
        g.writeArray(categories, 0, categories.length);
        if (mapper.hasUnknownBin()) {
          g.writeBooleanField("unknown_bin", true);
        }
      } else {
        double[] bounds = mapper.upperBounds();
        // The last bound is always +Infinity: implicit in the file, so every number written is finite.
        writeDoubles(g, "upper_bounds", Arrays.copyOf(bounds, bounds.length - 1));
        if (mapper.zeroIsMissing()) {
          g.writeBooleanField("zero_as_missing", true);
        }
        if (mapper.nanIsZero()) {
          g.writeBooleanField("nan_as_zero", true);
        }
      }
      g.writeBooleanField("constant", mapper.isConstant());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeTree(JsonGenerator g, Tree t) throws IOException {
    int nodes = t.numNodes();
    int leaves = t.numLeaves();
    g.writeStartObject();
    g.writeNumberField("num_leaves", leaves);
    writeLongs(g, "split_feature", nodes, t::feature);
    g.writeArrayFieldStart("threshold");
    for (int n = 0; n < nodes; n++) {
      if (t.isCategorical(n)) {
        g.writeNull();
      } else {
        writeDouble(g, t.threshold(n));
      }
    }
    g.writeEndArray();
    writeLongs(g, "threshold_bin", nodes, t::thresholdBin);
    g.writeArrayFieldStart("default_left");
    for (int n = 0; n < nodes; n++) {
      g.writeBoolean(t.defaultLeft(n));
    }
    g.writeEndArray();
    writeLeftBins(g, t, true);
    writeLongs(g, "left_child", nodes, t::left);
    writeLongs(g, "right_child", nodes, t::right);
    writeDoubles(g, "split_gain", nodes, t::gain);
    writeDoubles(g, "internal_hessian", nodes, t::nodeHessian);
    writeLongs(g, "internal_count", nodes, t::nodeCount);
    writeDoubles(g, "leaf_value", leaves, t::leafValue);
    writeDoubles(g, "leaf_hessian", leaves, t::leafHessian);
    writeLongs(g, "leaf_count", leaves, t::leafCount);
    g.writeEndObject();
  }

  /**
   * The {@code left_bins} array: at each categorical node the bins that go left; at a numeric node null, or
   * (format 4) nothing.
   */
  static void writeLeftBins(JsonGenerator g, Tree t, boolean nullAtNumeric) throws IOException {
    g.writeArrayFieldStart("left_bins");
    for (int n = 0; n < t.numNodes(); n++) {
      long[] bits = t.leftCategoryBins(n);
      if (bits == null) {
        if (nullAtNumeric) {
          g.writeNull();
        }
        continue;
      }
      g.writeStartArray();
      for (int bin = 0; bin < bits.length * 64; bin++) {
        if (Routing.inSet(bits, 0, bin)) {
          g.writeNumber(bin);
        }
      }
      g.writeEndArray();
    }
    g.writeEndArray();
  }

  static void writeLongs(JsonGenerator g, String field, int n, IntToLongFunction value)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (int i = 0; i < n; i++) {
      g.writeNumber(value.applyAsLong(i));
    }
    g.writeEndArray();
  }

  static void writeDoubles(JsonGenerator g, String field, int n, IntToDoubleFunction value)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (int i = 0; i < n; i++) {
      writeDouble(g, value.applyAsDouble(i));
    }
    g.writeEndArray();
  }

  static void writeDoubles(JsonGenerator g, String field, double[] values) throws IOException {
    writeDoubles(g, field, values.length, i -> values[i]);
  }

  /**
   * A finite double as a JSON number (Java's shortest round-tripping form); the non-finite values JSON
   * numbers cannot hold (a threshold of +Infinity, a NaN metric) as the strings "Infinity", "-Infinity"
   * and "NaN".
   */
  static void writeDouble(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeString(Double.toString(v));
    }
  }
}
