package dev.boreal.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.model.Model;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training from data in memory: named {@code double[]} and {@code String[]} columns, or an Arrow record batch,
 * train the very model (byte for byte in its file) that the same values written as CSV train, and bad columns
 * fail with the file readers' sentences, the data named by the caller.
 */
class MemoryTablesTest {
  private static final ReadOptions OPTIONS = ReadOptions.defaults().withLabel("label").withThreads(2);
  private static final String[] CITIES = {"oslo", "bergen", "tromso", "bodo"};
  private static final int ROWS = 600;

  @TempDir
  Path dir;

  @Test
  void arraysTrainTheModelTheSameCsvTrains() throws IOException {
    Map<String, Object> columns = columns();
    Path csv = dir.resolve("train.csv");
    Files.writeString(csv, csv(columns), StandardCharsets.UTF_8);
    byte[] fromCsv;
    byte[] fromArrays;
    try (Table t = Boreal.read(csv, OPTIONS)) {
      fromCsv = trainedBytes(t, "csv.json");
    }
    try (Table t = Boreal.table("train", columns, OPTIONS)) {
      assertEquals(List.of("a", "b", "city"), t.featureNames());
      fromArrays = trainedBytes(t, "arrays.json");
    }
    assertArrayEquals(fromCsv, fromArrays);
  }

  @Test
  void aDictionaryEncodedRecordBatchTrainsTheModelItsArraysTrain() throws IOException {
    Map<String, Object> columns = columns();
    byte[] fromArrays;
    try (Table t = Boreal.table("train", columns, OPTIONS)) {
      fromArrays = trainedBytes(t, "arrays.json");
    }
    // The CSV reader's own batch: numbers as Float8Vector, the city as dictionary codes.
    Path csv = dir.resolve("train.csv");
    Files.writeString(csv, csv(columns), StandardCharsets.UTF_8);
    try (Table file = Boreal.read(csv, OPTIONS);
        Table batch = Boreal.table("batch", file.root(), file.dictionaries(), OPTIONS)) {
      assertTrue(batch.isCategorical("city"));
      assertArrayEquals(fromArrays, trainedBytes(batch, "batch.json"));
    }
  }

  @Test
  void validationTablesAreNamedByTheirCallersName() {
    Map<String, Object> columns = columns();
    try (Table t = Boreal.table("train", columns, OPTIONS); Table v = Boreal.table("holdout", columns, OPTIONS)) {
      Model m = Boreal.gradientBoosting().objective("binary").numIterations(3).threads(2).build().fit(t, v);
      assertEquals(List.of("holdout"), List.copyOf(m.evalHistory().keySet()));
    }
  }

  @Test
  void badColumnsAreNamedInOneSentence() {
    Map<String, Object> columns = columns();
    columns.put("b", new double[ROWS - 1]);
    assertEquals("train: column 'b' has 599 rows, but column 'a' has 600.",
        assertThrows(InputException.class, () -> Boreal.table("train", columns, OPTIONS)).getMessage());
    columns.put("b", new int[ROWS]);
    assertEquals("train: column 'b' is a int[]; expected a double[] (numeric) or a String[] (categorical).",
        assertThrows(InputException.class, () -> Boreal.table("train", columns, OPTIONS)).getMessage());
    columns.put("b", new double[ROWS]);
    ((double[]) columns.get("label"))[4] = Double.NaN;
    assertEquals("train: row 5, column 'label': the label is missing or NaN; a label must be a finite number.",
        assertThrows(InputException.class, () -> Boreal.table("train", columns, OPTIONS)).getMessage());
    assertEquals("train: --label names column 'y', which is neither a column name nor a position below 4.",
        assertThrows(UsageException.class,
            () -> Boreal.table("train", columns, OPTIONS.withLabel("y"))).getMessage());
  }

  @Test
  void aDictionaryEncodedColumnNeedsItsDictionary() {
    DictionaryEncoding encoding = new DictionaryEncoding(7, false, null);
    Field field = new Field("city", new FieldType(true, new ArrowType.Int(32, true), encoding), null);
    try (IntVector codes = new IntVector(field, Boreal.allocator())) {
      codes.allocateNew(1);
      codes.set(0, 0);
      codes.setValueCount(1);
      VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(codes));
      root.setRowCount(1);
      assertEquals("batch: column 'city' is dictionary-encoded, but its dictionary 7 was not given.",
          assertThrows(UsageException.class,
              () -> Boreal.table("batch", root, null, ReadOptions.defaults())).getMessage());
    }
  }

  /** The bytes of the model file that a small boosted model trained on {@code t} is saved as. */
  private byte[] trainedBytes(Table t, String file) throws IOException {
    Model m = Boreal.gradientBoosting().objective("binary").numIterations(12).numLeaves(7).threads(2).seed(3)
        .build().fit(t);
    Path path = dir.resolve(file);
    Boreal.save(m, path);
    return Files.readAllBytes(path);
  }

  /** Two numeric features (one with NaN), a city with missing values, and a 0/1 label that depends on them. */
  private static Map<String, Object> columns() {
    SplittableRandom random = new SplittableRandom(17);
    double[] a = new double[ROWS];
    double[] b = new double[ROWS];
    String[] city = new String[ROWS];
    double[] label = new double[ROWS];
    for (int r = 0; r < ROWS; r++) {
      a[r] = random.nextInt(12) == 0 ? Double.NaN : random.nextGaussian();
      b[r] = random.nextInt(50) * 0.5;
      int c = random.nextInt(CITIES.length + 1);
      city[r] = c == CITIES.length ? null : CITIES[c];
      double score = (Double.isNaN(a[r]) ? 0 : a[r]) + 0.05 * b[r] + (c == 1 ? 1.0 : 0.0) + random.nextGaussian();
      label[r] = score > 0.8 ? 1 : 0;
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("a", a);
    columns.put("b", b);
    columns.put("city", city);
    columns.put("label", label);
    return columns;
  }

  /** The columns as CSV: NaN and null as empty fields, doubles in Java's shortest exact form. */
  private static String csv(Map<String, Object> columns) {
    StringBuilder out = new StringBuilder(String.join(",", columns.keySet())).append('\n');
    for (int r = 0; r < ROWS; r++) {
      String sep = "";
      for (Object column : columns.values()) {
        out.append(sep);
        sep = ",";
        if (column instanceof double[] d && !Double.isNaN(d[r])) {
          out.append(d[r]);
        } else if (column instanceof String[] s && s[r] != null) {
          out.append(s[r]);
        }
      }
      out.append('\n');
    }
    return out.toString();
  }
}
