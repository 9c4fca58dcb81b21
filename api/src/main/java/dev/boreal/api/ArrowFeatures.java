package dev.boreal.api;

import dev.boreal.InputException;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.histogram.FeatureColumn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/**
 * The features of an Arrow {@link VectorSchemaRoot} (a record batch from Arrow Flight, a Parquet reader,
 * a Spark or pandas export) as the {@link FeatureColumn}s a model scores: numbers, booleans and integers
 * are numeric features; dictionary-encoded vectors and plain string vectors are categorical, their
 * categories named by their text.
 *
 * <p>Every error in the batch (a feature without a column, a column of the wrong kind or type) is an
 * {@link InputException} naming the feature, as for rows given any other way. Arrow needs the JVM option
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}; without it {@link #of} throws a
 * {@link dev.boreal.UsageException} naming it.
 *
 * <p>Numeric vectors and dictionary vectors with 32-bit indices are used in place. Strings and other
 * index widths are turned into codes in vectors this object owns, from the root's allocator: close it.
 */
public final class ArrowFeatures implements AutoCloseable {
  private final List<FeatureColumn> columns;
  private final List<FieldVector> owned;

  private ArrowFeatures(List<FeatureColumn> columns, List<FieldVector> owned) {
    this.columns = List.copyOf(columns);
    this.owned = owned;
  }

  /**
   * The columns of {@code root} named in {@code features}; other columns are left alone.
   *
   * @param dictionaries where dictionary-encoded vectors find their dictionaries ({@code null} when none
   *     is dictionary-encoded)
   * @throws InputException if a feature has no column, or its column is of a type Boreal does not read
   */
  public static ArrowFeatures of(VectorSchemaRoot root, DictionaryProvider dictionaries, List<String> features) {
    ArrowAccess.check();
    List<FeatureColumn> columns = new ArrayList<>(features.size());
    List<FieldVector> owned = new ArrayList<>();
    try {
      for (String name : features) {
        FieldVector v = root.getVector(name);
        if (v == null) {
          throw new InputException("The record batch has no column '" + name + "', a feature of the model.");
        }
        columns.add(column(name, v, dictionaries, owned));
      }
      return new ArrowFeatures(columns, owned);
    } catch (RuntimeException e) {
      owned.forEach(FieldVector::close);
      throw e;
    }
  }

  /**
   * Predictions (through the link) of every row of {@code root}, row-major, {@code rows * numOutputs()}.
   *
   * @throws InputException as {@link #of}, or if a column's kind (numeric or categorical) differs from the
   *     model's
   */
  public static double[] predict(TrainedModel model, VectorSchemaRoot root, DictionaryProvider dictionaries) {
    try (ArrowFeatures features = of(root, dictionaries, model.featureNames())) {
      int k = model.numOutputs();
      double[] out = new double[root.getRowCount() * k];
      model.predictRaw(features.columns(), out);
      for (int r = 0; r < root.getRowCount(); r++) {
        model.link().transformRow(out, r * k, k, out);
      }
      return out;
    }
  }

  private static FeatureColumn column(String name, FieldVector v, DictionaryProvider dictionaries,
      List<FieldVector> owned) {
    DictionaryEncoding encoding = v.getField().getDictionary();
    if (encoding != null) {
      Dictionary dictionary = dictionaries == null ? null : dictionaries.lookup(encoding.getId());
      if (dictionary == null) {
        throw new InputException("Column '" + name + "' is dictionary-encoded, but its dictionary "
            + encoding.getId() + " was not given.");
      }
      String[] names = texts(dictionary.getVector());
      if (v instanceof IntVector codes) {
        return FeatureColumn.categorical(name, codes, names);
      }
      IntVector codes = new IntVector(name, v.getAllocator());
      owned.add(codes);
      codes.allocateNew(v.getValueCount());
      BaseIntVector index = (BaseIntVector) v;
      for (int r = 0; r < v.getValueCount(); r++) {
        if (v.isNull(r)) {
          codes.setNull(r);
        } else {
          codes.set(r, (int) index.getValueAsLong(r));
        }
      }
      codes.setValueCount(v.getValueCount());
      return FeatureColumn.categorical(name, codes, names);
    }
    if (v instanceof VarCharVector || v instanceof LargeVarCharVector) {
      return encodeStrings(name, v, owned);
    }
    if (v instanceof Float8Vector || v instanceof Float4Vector || v instanceof BaseIntVector
        || v instanceof BitVector) {
      return FeatureColumn.numeric(name, v);
    }
    throw new InputException("Column '" + name + "' is a " + v.getMinorType() + " vector; Boreal reads numbers, "
        + "booleans, strings and dictionary-encoded columns.");
  }

  /** Codes in order of first appearance, as Boreal's readers number categories. */
  private static FeatureColumn encodeStrings(String name, FieldVector v, List<FieldVector> owned) {
    int rows = v.getValueCount();
    IntVector codes = new IntVector(name, v.getAllocator());
    owned.add(codes);
    codes.allocateNew(rows);
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int r = 0; r < rows; r++) {
      if (v.isNull(r)) {
        codes.setNull(r);
        continue;
      }
      String text = text(v, r);
      Integer code = seen.get(text);
      if (code == null) {
        code = seen.size();
        seen.put(text, code);
      }
      codes.set(r, code);
    }
    codes.setValueCount(rows);
    return FeatureColumn.categorical(name, codes, seen.keySet().toArray(new String[0]));
  }

  private static String[] texts(ValueVector dictionary) {
    String[] out = new String[dictionary.getValueCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = dictionary.isNull(i) ? null : text(dictionary, i);
    }
    return out;
  }

  private static String text(ValueVector v, int r) {
    if (v instanceof VarCharVector s) {
      return new String(s.get(r), StandardCharsets.UTF_8);
    }
    if (v instanceof LargeVarCharVector s) {
      return new String(s.get(r), StandardCharsets.UTF_8);
    }
    return String.valueOf(v.getObject(r));
  }

  /** The feature columns, in the order the features were asked for. */
  public List<FeatureColumn> columns() {
    return columns;
  }

  @Override
  public void close() {
    owned.forEach(FieldVector::close);
  }
}
