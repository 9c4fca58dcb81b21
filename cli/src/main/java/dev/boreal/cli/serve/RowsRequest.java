package dev.boreal.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
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
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RowsRequest() {}

  /** The request's JSON document, or a 400 if it is not JSON. */
  static JsonNode parse(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw HttpError.badRequest("The body is empty; send {\"rows\": [{...}, ...]}.", null);
      }
      return root;
    } catch (JsonProcessingException e) {
      throw HttpError.badRequest("The body is not valid JSON (" + e.getOriginalMessage() + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").", null);
    } catch (IOException e) {
      throw HttpError.badRequest("The body cannot be read (" + e.getMessage() + ").", null);
    }
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
