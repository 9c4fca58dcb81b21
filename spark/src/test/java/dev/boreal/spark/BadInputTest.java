package dev.boreal.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** Bad input meets one typed exception with one sentence, before or instead of a Spark stack of failures. */
class BadInputTest {
  private static Dataset<Row> data() {
    double[][] x = SparkTestData.features(200, 1);
    return SparkTestData.frame(x, SparkTestData.labels(x, "binary", 1), 1);
  }

  private static BorealClassifier classifier() {
    return new BorealClassifier().setNumIterations(2).setNumLeaves(4).setNumThreads(1);
  }

  @Test
  void missingLabelColumn() {
    InputException e = assertThrows(InputException.class, () -> classifier().setLabelCol("target").fit(data()));
    assertEquals("The label column 'target' is not in the data, whose columns are features, label.", e.getMessage());
  }

  @Test
  void textLabel() {
    Dataset<Row> text = data().withColumn("label", functions.lit("yes"));
    InputException e = assertThrows(InputException.class, () -> classifier().fit(text));
    assertEquals("The label column 'label' holds string where numbers were expected.", e.getMessage());
  }

  @Test
  void emptyData() {
    Dataset<Row> empty = data().limit(0);
    InputException e = assertThrows(InputException.class, () -> classifier().fit(empty));
    assertEquals("The training data has no rows.", e.getMessage());
  }

  @Test
  void labelThatIsNotAClassIndex() {
    Dataset<Row> half = data().withColumn("label", functions.lit(0.5));
    InputException e = assertThrows(InputException.class, () -> classifier().fit(half));
    assertEquals("The label of row 0 is 0.5; a classifier's labels must be class indices 0, 1, 2, ... "
        + "(StringIndexer makes them).", e.getMessage());
  }

  @Test
  void featureVectorOfAnotherLengthFoundByATask() {
    Dataset<Row> data = data();
    List<Row> rows = List.of(RowFactory.create(Vectors.dense(1, 2, 3, 4, 0), 1.0),
        RowFactory.create(Vectors.dense(1, 2, 3), 0.0));
    Dataset<Row> ragged = SparkTestData.spark().createDataFrame(rows, data.schema());
    InputException e = assertThrows(InputException.class, () -> classifier().fit(ragged));
    assertEquals("A feature vector holds 3 values where 5 features were expected.", e.getMessage());
  }

  @Test
  void parameterOutOfRange() {
    UsageException e = assertThrows(UsageException.class, () -> classifier().setNumLeaves(1).fit(data()));
    assertEquals(List.of(true), List.of(e.getMessage().contains("num_leaves")), e.getMessage());
  }
}
