package dev.boreal.api;

import dev.boreal.InputException;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * A batch of rows given feature by feature (from maps, or from a JSON request) assembled into Arrow
 * columns in a model's schema, so that the whole batch is scored and explained by the column paths of
 * {@link dev.boreal.engine.model.Predictor} and {@code TreeShap}: the same code, and the same answers, as
 * batch prediction on a file.
 *
 * <p>Numeric features become a {@code Float8Vector} (NaN or null = missing); categorical features an
 * {@code IntVector} of codes into the batch's own category names, which the predictor maps to the model's
 * bins by name. A number given for a categorical feature names the category whose name is that number
 * ({@code 3} or {@code 3.0} is category "3"). The batch owns its vectors: close it.
 */
public final class RowBatch implements AutoCloseable {
  /** A category name that is a plain decimal number, so a number can name it. */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /**
   * The feature schema of a model as rows are checked against it: names, kinds, and the numeric names
   * of categories. Immutable; build it once per model and share it.
   */
  public static final class Schema {
    private final List<String> names;
    private final boolean[] categorical;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final List<Map<Double, String>> byNumber = new ArrayList<>();

    /** The schema of a trained model. */
    public Schema(TrainedModel model) {
      this(model.featureNames(), model.mappers());
    }

    /** A schema of features and their mappers, in schema order. */
    public Schema(List<String> names, List<BinMapper> mappers) {
      this.names = List.copyOf(names);
      this.categorical = new boolean[names.size()];
      for (int f = 0; f < names.size(); f++) {
        indexOf.put(names.get(f), f);
        categorical[f] = mappers.get(f).isCategorical();
        Map<Double, String> numbers = new HashMap<>();
        for (String name : mappers.get(f).categories()) {
          // The first of two names of one number ("1", "1.0") is the more frequent, as the predictor picks.
          if (NUMBER.matcher(name).matches()) {
            numbers.putIfAbsent(Double.parseDouble(name) + 0.0, name);
          }
        }
        byNumber.add(numbers);
      }
    }

    /** Feature names in schema order. */
    public List<String> names() {
      return names;
    }

    /** Number of features. */
    public int size() {
      return names.size();
    }

    /** Whether feature {@code f} is categorical. */
    public boolean isCategorical(int f) {
      return categorical[f];
    }

    /** The index of the feature called {@code name}, or -1 when the model has no such feature. */
    public int indexOf(String name) {
      Integer f = indexOf.get(name);
      return f == null ? -1 : f;
    }
  }

  /** Fills a batch cell by cell; every feature of every row must be set before {@link #build()}. */
  public static final class Builder {
    private final Schema schema;
    private final int rows;
    private final FieldVector[] vectors;
    private final List<Map<String, Integer>> codes = new ArrayList<>();
    private final boolean[][] set;
    private boolean built;

    private Builder(Schema schema, int rows, BufferAllocator allocator) {
      this.schema = schema;
      this.rows = rows;
      this.vectors = new FieldVector[schema.size()];
      this.set = new boolean[schema.size()][rows];
      try {
        for (int f = 0; f < vectors.length; f++) {
          String name = schema.names.get(f);
          if (schema.categorical[f]) {
            IntVector v = new IntVector(name, allocator);
            v.allocateNew(rows);
            vectors[f] = v;
          } else {
            Float8Vector v = new Float8Vector(name, allocator);
            v.allocateNew(rows);
            vectors[f] = v;
          }
          vectors[f].setValueCount(rows);
          codes.add(new LinkedHashMap<>());
        }
      } catch (RuntimeException e) {
        close(vectors);
        throw e;
      }
    }

    /** Sets a numeric value (NaN = missing) of a numeric feature, or names a category by number. */
    public Builder number(int row, int feature, double value) {
      if (schema.categorical[feature]) {
        if (Double.isNaN(value)) {
          return missing(row, feature);
        }
        String name = schema.byNumber.get(feature).get(value + 0.0);
        return category(row, feature, name != null ? name : numberText(value));
      }
      ((Float8Vector) vectors[feature]).set(row, value);
      set[feature][row] = true;
      return this;
    }

    /**
     * Sets the category name of a categorical feature; a name the model does not know takes the feature's
     * unknown bin, which is its missing bin unless the model keeps the two apart.
     */
    public Builder category(int row, int feature, String name) {
      if (!schema.categorical[feature]) {
        throw new InputException("Row " + row + ": feature '" + schema.names.get(feature)
            + "' is numeric, but the row gives the category '" + name + "'.");
      }
      Map<String, Integer> dictionary = codes.get(feature);
      Integer code = dictionary.get(name);
      if (code == null) {
        code = dictionary.size();
        dictionary.put(name, code);
      }
      ((IntVector) vectors[feature]).set(row, code);
      set[feature][row] = true;
      return this;
    }

    /** Marks a value missing. */
    public Builder missing(int row, int feature) {
      vectors[feature].setNull(row);
      set[feature][row] = true;
      return this;
    }

    /**
     * The finished batch; the builder's vectors now belong to it.
     *
     * @throws InputException naming the first row and feature that was never set
     */
    public RowBatch build() {
      if (built) {
        throw new IllegalStateException("the batch was built already");
      }
      for (int f = 0; f < vectors.length; f++) {
        for (int r = 0; r < rows; r++) {
          if (!set[f][r]) {
            close(vectors);
            throw new InputException("Row " + r + " has no value for feature '" + schema.names.get(f) + "'.");
          }
        }
      }
      built = true;
      List<FeatureColumn> columns = new ArrayList<>(vectors.length);
      for (int f = 0; f < vectors.length; f++) {
        String name = schema.names.get(f);
        columns.add(schema.categorical[f]
            ? FeatureColumn.categorical(name, (IntVector) vectors[f], codes.get(f).keySet().toArray(new String[0]))
            : FeatureColumn.numeric(name, vectors[f]));
      }
      return new RowBatch(rows, vectors, columns);
    }

    /** Releases the vectors of a batch that will not be built. */
    public void discard() {
      if (!built) {
        built = true;
        close(vectors);
      }
    }
  }

  private final int rows;
  private final FieldVector[] vectors;
  private final List<FeatureColumn> columns;

  private RowBatch(int rows, FieldVector[] vectors, List<FeatureColumn> columns) {
    this.rows = rows;
    this.vectors = vectors;
    this.columns = List.copyOf(columns);
  }

  /** A builder for {@code rows} rows of {@code schema}, its vectors taken from {@code allocator}. */
  public static Builder builder(Schema schema, int rows, BufferAllocator allocator) {
    ArrowAccess.check();
    return new Builder(schema, rows, allocator);
  }

  /**
   * A batch of rows given as maps from feature name to value: a {@link Number}, a {@link String} (a
   * category name, or a number in text for a numeric feature; empty is missing), a {@link Boolean} (1 or
   * 0) or {@code null} (missing). Keys that are not features are ignored.
   *
   * @throws InputException naming the row and feature of a missing value, a value of another type, or
   *     text that is not a number for a numeric feature
   */
  public static RowBatch of(Schema schema, List<? extends Map<String, ?>> rows, BufferAllocator allocator) {
    Builder b = builder(schema, rows.size(), allocator);
    try {
      for (int r = 0; r < rows.size(); r++) {
        Map<String, ?> row = rows.get(r);
        if (row == null) {
          throw new InputException("Row " + r + " is null; give a map from feature name to value.");
        }
        for (int f = 0; f < schema.size(); f++) {
          String name = schema.names.get(f);
          Object value = row.get(name);
          if (value == null && !row.containsKey(name)) {
            throw new InputException("Row " + r + " has no value for feature '" + name + "'.");
          }
          put(b, r, f, name, value);
        }
      }
      return b.build();
    } catch (RuntimeException e) {
      b.discard();
      throw e;
    }
  }

  private static void put(Builder b, int r, int f, String name, Object value) {
    boolean categorical = b.schema.categorical[f];
    if (value == null) {
      b.missing(r, f);
    } else if (value instanceof Number n) {
      b.number(r, f, n.doubleValue());
    } else if (value instanceof Boolean bool) {
      b.number(r, f, bool ? 1.0 : 0.0);
    } else if (value instanceof String s && categorical) {
      b.category(r, f, s);
    } else if (value instanceof String s) {
      String text = s.strip();
      try {
        b.number(r, f, text.isEmpty() ? Double.NaN : Double.parseDouble(text));
      } catch (NumberFormatException e) {
        throw new InputException("Row " + r + ": feature '" + name + "' is numeric, but the row gives '" + s + "'.");
      }
    } else {
      throw new InputException("Row " + r + ": feature '" + name + "' has a value of type "
          + value.getClass().getSimpleName() + "; expected a number, a string, a boolean or null.");
    }
  }

  /** Whole numbers without a fraction ("3"), others in Java's shortest form ("2.5"). */
  private static String numberText(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  private static void close(FieldVector[] vectors) {
    for (FieldVector v : vectors) {
      if (v != null) {
        v.close();
      }
    }
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** The columns in schema order, for the column APIs of the predictor and TreeSHAP. */
  public List<FeatureColumn> columns() {
    return columns;
  }

  @Override
  public void close() {
    close(vectors);
  }
}
