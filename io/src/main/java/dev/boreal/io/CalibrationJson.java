package dev.boreal.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.boreal.engine.objective.Link;
import dev.boreal.engine.objective.OutputMap;
import dev.boreal.monitor.calibration.Calibrations;
import dev.boreal.monitor.calibration.Calibrator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The optional top-level {@code "calibration"} object of a Boreal model file: the calibration map a model's
 * link carries ({@link Link#calibration()}), as its method name and one object of named number arrays per
 * fitted map, e.g. {@code {"method": "platt", "maps": [{"a": [-1.02], "b": [0.03]}]}}. A file that holds one
 * has format version 3, so an older Boreal refuses it instead of scoring without the calibration.
 */
final class CalibrationJson {
  /** The format version a file with a calibration needs. */
  static final int FORMAT_VERSION = 3;

  private CalibrationJson() {}

  /** Writes the {@code calibration} field when the model's link has one. */
  static void write(JsonGenerator g, Link link) throws IOException {
    OutputMap map = link.calibration();
    if (map == null) {
      return;
    }
    if (!(map instanceof Calibrator calibrator)) {
      throw new IllegalArgumentException("cannot write a " + map.getClass().getName() + " calibration");
    }
    g.writeObjectFieldStart("calibration");
    g.writeStringField("method", calibrator.method());
    g.writeArrayFieldStart("maps");
    for (Map<String, double[]> arrays : calibrator.parameters()) {
      g.writeStartObject();
      // Sorted names, so that the same calibration always writes the same bytes.
      for (Map.Entry<String, double[]> e : new TreeMap<>(arrays).entrySet()) {
        ModelJsonWriter.writeDoubles(g, e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * The link with the document's calibration, or the link itself when there is none.
   *
   * @throws dev.boreal.InputException naming the field when the calibration is malformed or does not suit
   *     the model (unknown method, a map count or array length that does not match, numbers that are not
   *     finite, isotonic thresholds out of order)
   */
  static Link read(CheckedJson r, JsonNode root, Link link, int outputs) {
    if (!root.has("calibration")) {
      return link;
    }
    JsonNode node = r.object(root, "", "calibration");
    String method = r.text(node, "calibration.", "method");
    JsonNode mapNodes = r.array(node, "calibration.", "maps", -1);
    List<Map<String, double[]>> maps = new ArrayList<>();
    for (int m = 0; m < mapNodes.size(); m++) {
      String path = "calibration.maps[" + m + "]";
      JsonNode mapNode = mapNodes.get(m);
      if (!mapNode.isObject()) {
        throw r.fail(path, "must be an object");
      }
      Map<String, double[]> arrays = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : mapNode.properties()) {
        arrays.put(e.getKey(), r.doubles(mapNode, path + ".", e.getKey(), -1));
      }
      maps.add(arrays);
    }
    try {
      return link.calibrated(Calibrations.restore(method, outputs, maps));
    } catch (IllegalArgumentException e) {
      throw r.fail("calibration", "is not a valid calibration (" + e.getMessage() + ")");
    }
  }
}
