package dev.boreal.cli.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.api.RowBatch;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The body of {@code POST /predict} and {@code POST /explain}: {@code {"rows": [{"f1": 1.0, "color": "red"},
 * ...]}}, checked against the model's schema and assembled into a {@link RowBatch}.
 *
 * <p>A numeric feature takes a number, {@code true}/{@code false} (1/0) or {@code null} (missing). A
 * categorical feature takes a string (the category's name), a number (the category named by that number)
 * or {@code null}; an unknown category scores like a missing value. Every feature must be present in
 * every row; other keys (an id, say) are ignored. Anything else is a 400 naming the field.
 */
final class RowsRequest {
  /** Reasons per row when {@code top_k} is not given. */
  static final int DEFAULT_TOP_K = 3;

  private RowsRequest() {}

  /**
   * A parser of request bodies that refuses JSON nested deeper than {@code maxDepth} levels and trailing
   * text after the document.
   */
  static ObjectMapper parser(int maxDepth) {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build()).build();
    return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * The request's JSON document, or a 400 if it is not JSON. The message says where and, for the common
   * mistakes, what, in the API's words: never the parser's class or feature names.
   */
  static JsonNode parse(ObjectMapper parser, byte[] body) {
    try {
      JsonNode root = parser.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw HttpError.badRequest("The body is empty; send {\"rows\": [{...}, ...]}.", null);
      }
      return root;
    } catch (StreamConstraintsException e) {
      throw HttpError.badRequest("The body's JSON is nested deeper than "
          + parser.getFactory().streamReadConstraints().getMaxNestingDepth() + " levels; a request is "
          + "{\"rows\": [{...}, ...]}.", null);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw HttpError.badRequest("The body is not valid JSON" + where + what(e.getOriginalMessage()) + ".", null);
    } catch (IOException e) {
      throw HttpError.badRequest("The body cannot be read.", null);
    }
  }

  /** The common mistakes named plainly; the parser's own wording names its classes and settings. */
  private static String what(String message) {
    String m = message == null ? "" : message;
    if (m.contains("end-of-input")) {
      return ": it ends before the document does";
    }
    if (m.contains("Trailing token")) {
      return ": text follows the document";
    }
    if (m.contains("Unrecognized token") || m.contains("Unexpected character")) {
      return ": a value that is not a number, string, true, false, null, object or array";
    }
    if (m.contains("Non-standard token")) {
      return ": NaN and Infinity are not JSON numbers; send null for a missing value";
    }
    return "";
  }

  /**
   * {@code top_k} from a query string: a whole number from 0 to the number of features, or
   * {@link #DEFAULT_TOP_K} (at most the features) when the query does not give it.
   *
   * @param query the raw query string, or {@code null}
   * @throws HttpError 400 when it is given but is not such a number
   */
  static int topK(String query, int features) {
    int fallback = Math.min(DEFAULT_TOP_K, features);
    if (query == null) {
      return fallback;
    }
    for (String part : query.split("&")) {
      if (part.startsWith("top_k=")) {
        String text = part.substring("top_k=".length());
        try {
          int k = Integer.parseInt(text);
          if (k >= 0 && k <= features) {
            return k;
          }
        } catch (NumberFormatException e) {
          // falls through to the error below
        }
        throw HttpError.badRequest("top_k must be a whole number from 0 to " + features + ", but it is '"
            + text + "'.", "top_k");
      }
    }
    return fallback;
  }

  /** The {@code rows} array of a request document, or a 400. */
  static JsonNode rows(JsonNode root) {
    if (!root.isObject()) {
      throw HttpError.badRequest("The body must be a JSON object with a \"rows\" array.", null);
    }
    JsonNode rows = root.get("rows");
    if (rows == null || !rows.isArray()) {
      throw HttpError.badRequest("Field \"rows\" must be an array of objects, one per row.", "rows");
    }
    return rows;
  }

  /**
   * Checks every row against the schema: an object holding every feature, each value of a type the
   * feature takes.
   *
   * @throws HttpError 400 naming the first row or value that does not fit
   */
  static void check(JsonNode rows, RowBatch.Schema schema) {
    for (int r = 0; r < rows.size(); r++) {
      JsonNode row = rows.get(r);
      if (!row.isObject()) {
        throw HttpError.badRequest("Row " + r + " must be an object of feature values.", "rows[" + r + "]");
      }
      for (int f = 0; f < schema.size(); f++) {
        check(row.get(schema.names().get(f)), schema, r, f);
      }
    }
  }

  private static void check(JsonNode value, RowBatch.Schema schema, int r, int f) {
    String name = schema.names().get(f);
    String field = "rows[" + r + "]." + name;
    boolean categorical = schema.isCategorical(f);
    if (value == null) {
      throw HttpError.badRequest("Row " + r + " has no value for feature '" + name + "'; send null for a missing "
          + "value.", field);
    }
    boolean fits = value.isNull() || value.isNumber() || (categorical ? value.isTextual() : value.isBoolean());
    if (!fits) {
      throw HttpError.badRequest("Row " + r + ": feature '" + name + "' must be "
          + (categorical ? "a category name (a string), a number or null" : "a number or null") + ", but it is "
          + kind(value) + ".", field);
    }
  }

  /**
   * The rows as columns in the model's schema, for batch scoring and explanation; the caller closes it.
   *
   * @throws HttpError 400 naming the first row or value that does not fit the schema
   */
  static RowBatch batch(JsonNode rows, RowBatch.Schema schema, BufferAllocator allocator) {
    check(rows, schema);
    RowBatch.Builder b = RowBatch.builder(schema, rows.size(), allocator);
    try {
      for (int r = 0; r < rows.size(); r++) {
        JsonNode row = rows.get(r);
        for (int f = 0; f < schema.size(); f++) {
          JsonNode value = row.get(schema.names().get(f));
          if (value.isNull()) {
            b.missing(r, f);
          } else if (value.isNumber()) {
            b.number(r, f, value.doubleValue());
          } else if (value.isBoolean()) {
            b.number(r, f, value.booleanValue() ? 1.0 : 0.0);
          } else {
            b.category(r, f, value.textValue());
          }
        }
      }
      return b.build();
    } catch (RuntimeException e) {
      b.discard();
      throw e;
    }
  }

  /**
   * One checked row seen as the map {@link dev.boreal.engine.model.Predictor#predictRaw(Map, double[])}
   * reads, values converted as they are asked for: the predictor's allocation-free one-row path, which
   * encodes and walks the trees exactly as the column path of batch prediction. Reused row after row by
   * one thread.
   */
  static final class RowView extends AbstractMap<String, Object> {
    private JsonNode row;

    /** Shows row {@code row} (an object already {@link #check checked}). */
    RowView show(JsonNode row) {
      this.row = row;
      return this;
    }

    @Override
    public Object get(Object key) {
      JsonNode value = row.get((String) key);
      if (value == null || value.isNull()) {
        return null;
      }
      if (value.isNumber()) {
        return value.doubleValue();
      }
      return value.isBoolean() ? (Object) value.booleanValue() : value.textValue();
    }

    @Override
    public boolean containsKey(Object key) {
      return row.has((String) key);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      throw new UnsupportedOperationException("a row view is read by key only");
    }
  }

  private static String kind(JsonNode value) {
    switch (value.getNodeType()) {
      case STRING: return "a string";
      case BOOLEAN: return "a boolean";
      case ARRAY: return "an array";
      case OBJECT: return "an object";
      default: return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
