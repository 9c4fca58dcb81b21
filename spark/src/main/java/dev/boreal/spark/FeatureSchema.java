package dev.boreal.spark;

import dev.boreal.InputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The features a feature-vector column holds: their number, names, and which are categorical. Spark ML marks a
 * categorical slot of a vector with a {@link NominalAttribute} in the column's metadata (as
 * {@code VectorIndexer} and {@code StringIndexer} + {@code VectorAssembler} write it); its values are category
 * indices 0, 1, 2, …, which Boreal names "0", "1", "2", … in the model file. Slots without metadata are numeric
 * and named {@code f0, f1, …} unless the metadata names them.
 *
 * @param names one per slot
 * @param categorical one per slot
 * @param categories per slot: the number of categories the metadata declares, or 0 when it declares none
 */
record FeatureSchema(List<String> names, boolean[] categorical, int[] categories) implements Serializable {

  int size() {
    return names.size();
  }

  /**
   * Reads the features of {@code featuresCol}, checking the columns training needs.
   *
   * @param weightCol the weight column, or null
   * @throws InputException for a missing column, a column of the wrong type, or no rows
   */
  static FeatureSchema of(Dataset<?> dataset, String featuresCol, String labelCol, String weightCol) {
    StructType schema = dataset.schema();
    StructField field = column(schema, featuresCol, "features");
    if (!(field.dataType() instanceof VectorUDT)) {
      throw new InputException("The features column '" + featuresCol + "' holds " + field.dataType().simpleString()
          + " where a vector (org.apache.spark.ml.linalg.Vector) was expected.");
    }
    numeric(column(schema, labelCol, "label"), "label");
    if (weightCol != null) {
      numeric(column(schema, weightCol, "weight"), "weight");
    }
    AttributeGroup group = AttributeGroup.fromStructField(field);
    int size = group.size();
    if (size < 0) {
      List<Row> first = dataset.select(featuresCol).limit(1).collectAsList();
      if (first.isEmpty()) {
        throw new InputException("The training data has no rows.");
      }
      size = ((Vector) first.get(0).get(0)).size();
    }
    List<String> names = new ArrayList<>(size);
    boolean[] categorical = new boolean[size];
    int[] categories = new int[size];
    Attribute[] attributes = group.attributes().isDefined() ? group.attributes().get() : null;
    for (int f = 0; f < size; f++) {
      Attribute a = attributes == null ? null : attributes[f];
      names.add(a != null && a.name().isDefined() ? a.name().get() : "f" + f);
      if (a instanceof NominalAttribute nominal) {
        categorical[f] = true;
        categories[f] = nominal.getNumValues().isDefined() ? (Integer) nominal.getNumValues().get() : 0;
      }
    }
    return new FeatureSchema(List.copyOf(names), categorical, categories);
  }

  private static StructField column(StructType schema, String name, String role) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new InputException("The " + role + " column '" + name + "' is not in the data, whose columns are "
        + String.join(", ", schema.fieldNames()) + ".");
  }

  private static void numeric(StructField field, String role) {
    DataType type = field.dataType();
    if (!(type instanceof NumericType)) {
      throw new InputException("The " + role + " column '" + field.name() + "' holds " + type.simpleString()
          + " where numbers were expected.");
    }
  }
}
