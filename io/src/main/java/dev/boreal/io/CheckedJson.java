package dev.boreal.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boreal.InputException;

/**
 * Typed, checked access to the fields of a parsed JSON document: every accessor refuses a missing field or a
 * value of the wrong kind or length with an {@link InputException} naming the document and the field's path
 * ({@code trees[3].threshold}). The model file's readers ({@link ModelFileReader} and the sections it hands
 * on: calibration, drift profile, MLP) share it.
 */
class CheckedJson {
  private final String source;

  /** Access whose errors name {@code source}. */
  CheckedJson(String source) {
    this.source = source;
  }

  /** How error messages name the document. */
  final String source() {
    return source;
  }


  JsonNode field(JsonNode parent, String path, String name) {
    JsonNode node = parent.get(name);
    if (node == null) {
      throw fail(path + name, "is missing");
    }
    return node;
  }

  JsonNode object(JsonNode parent, String path, String name) {
    JsonNode node = field(parent, path, name);
    if (!node.isObject()) {
      throw fail(path + name, "must be an object");
    }
    return node;
  }

  JsonNode array(JsonNode parent, String path, String name, long length) {
    JsonNode node = field(parent, path, name);
    if (!node.isArray()) {
      throw fail(path + name, "must be an array");
    }
    if (length >= 0 && node.size() != length) {
      throw fail(path + name, "must hold " + length + " values, but it holds " + node.size());
    }
    return node;
  }

  String text(JsonNode parent, String path, String name) {
    return text(field(parent, path, name), path + name);
  }

  String text(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw fail(path, "must be a string");
    }
    return node.textValue();
  }

  int integer(JsonNode parent, String path, String name) {
    return (int) integral(field(parent, path, name), path + name, true);
  }

  long integral(JsonNode node, String path, boolean asInt) {
    if (!node.isIntegralNumber() || !(asInt ? node.canConvertToInt() : node.canConvertToLong())) {
      throw fail(path, "must be an integer");
    }
    return node.longValue();
  }

  /** A boolean field that may be absent, meaning false (the flags format version 2 added). */
  boolean optionalFlag(JsonNode parent, String path, String name) {
    JsonNode node = parent.get(name);
    return node != null && bool(node, path + name);
  }

  boolean bool(JsonNode node, String path) {
    if (!node.isBoolean()) {
      throw fail(path, "must be true or false");
    }
    return node.booleanValue();
  }

  /** A number, or one of the strings the writer uses for non-finite values. */
  double number(JsonNode node, String path) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    String s = node.isTextual() ? node.textValue() : "";
    switch (s) {
      case "NaN": return Double.NaN;
      case "Infinity": return Double.POSITIVE_INFINITY;
      case "-Infinity": return Double.NEGATIVE_INFINITY;
      default: throw fail(path, "must be a number");
    }
  }

  String[] strings(JsonNode node, String path) {
    if (!node.isArray()) {
      throw fail(path, "must be an array of strings");
    }
    String[] out = new String[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode element = node.get(i);
      out[i] = element.isTextual() ? element.textValue() : text(element, path + "[" + i + "]");
    }
    return out;
  }

  double[] doubles(JsonNode parent, String path, String name, long length) {
    JsonNode node = array(parent, path, name, length);
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode element = node.get(i);
      out[i] = element.isNumber() ? element.doubleValue() : number(element, elementPath(path, name, i));
    }
    return out;
  }

  int[] ints(JsonNode parent, String path, String name, int length) {
    JsonNode node = array(parent, path, name, length);
    int[] out = new int[length];
    for (int i = 0; i < length; i++) {
      JsonNode element = node.get(i);
      out[i] = element.isInt() ? element.intValue() : (int) integral(element, elementPath(path, name, i), true);
    }
    return out;
  }

  long[] longs(JsonNode parent, String path, String name, int length) {
    JsonNode node = array(parent, path, name, length);
    long[] out = new long[length];
    for (int i = 0; i < length; i++) {
      JsonNode element = node.get(i);
      out[i] = element.isInt() || element.isLong() ? element.longValue()
          : integral(element, elementPath(path, name, i), false);
    }
    return out;
  }

  boolean[] bools(JsonNode parent, String path, String name, int length) {
    JsonNode node = array(parent, path, name, length);
    boolean[] out = new boolean[length];
    for (int i = 0; i < length; i++) {
      JsonNode element = node.get(i);
      out[i] = element.isBoolean() ? element.booleanValue() : bool(element, elementPath(path, name, i));
    }
    return out;
  }

  /**
   * An array element's path for an error message. The array readers build it only for an element that fails its
   * check: a model file holds hundreds of thousands of elements, and building every path cost more than reading.
   */
  private static String elementPath(String path, String name, int index) {
    return path + name + "[" + index + "]";
  }

  InputException fail(String field, String problem) {
    return new InputException(source + ": field '" + field + "' " + problem + ".");
  }
}
