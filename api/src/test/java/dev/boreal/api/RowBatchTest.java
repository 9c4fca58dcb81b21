package dev.boreal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows given by name, as maps or as an Arrow record batch, score exactly as the predictor scores the same
 * rows given one by one as maps; ill-formed rows fail with one sentence naming the row and feature.
 */
class RowBatchTest {
  @TempDir
  static Path dir;
  static Model model;
  static final String[] CHANNELS = {"ee", "mumu", "emu", "etau", "mutau", "unseen"};

  @BeforeAll
  static void train() throws IOException {
    Path file = dir.resolve("train.csv");
    SyntheticData.writeCsv(file, 2000, 3);
    try (Table t = Boreal.read(file, ReadOptions.defaults().withLabel(SyntheticData.LABEL).withThreads(2))) {
      model = Boreal.gradientBoosting().objective("binary").numIterations(15).threads(2).build().fit(t);
    }
  }

  /** Random rows with missing values and an unseen channel, as maps. */
  static List<Map<String, Object>> rows(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Map<String, Object> row = new HashMap<>();
      for (String name : SyntheticData.numericFeatureNames()) {
        row.put(name, random.nextInt(10) == 0 ? null : random.nextDouble() * 3 - 0.5);
      }
      row.put(SyntheticData.CHANNEL, random.nextInt(12) == 0 ? null : CHANNELS[random.nextInt(CHANNELS.length)]);
      row.put("id", r); // not a feature: ignored
      rows.add(row);
    }
    return rows;
  }

  @Test
  void mapsScoreAsThePredictorScoresThemOneByOne() {
    List<Map<String, Object>> rows = rows(300, 5);
    double[] batch = new double[rows.size()];
    try (RowBatch b = Boreal.rows(model, rows)) {
      model.predictor().predict(b.columns(), batch);
    }
    Predictor predictor = model.predictor();
    double[] one = new double[1];
    for (int r = 0; r < rows.size(); r++) {
      predictor.predict(rows.get(r), one);
      assertEquals(one[0], batch[r], 0.0, "row " + r);
    }
  }

  @Test
  void anArrowRecordBatchScoresAsItsRows() {
    List<Map<String, Object>> rows = rows(200, 9);
    List<String> names = model.featureNames();
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> vectors = new ArrayList<>();
      for (String name : names) {
        if (name.equals(SyntheticData.CHANNEL)) {
          VarCharVector v = new VarCharVector(name, allocator);
          v.allocateNew(rows.size());
          for (int r = 0; r < rows.size(); r++) {
            Object c = rows.get(r).get(name);
            if (c == null) {
              v.setNull(r);
            } else {
              v.setSafe(r, ((String) c).getBytes(StandardCharsets.UTF_8));
            }
          }
          v.setValueCount(rows.size());
          vectors.add(v);
        } else {
          Float8Vector v = new Float8Vector(name, allocator);
          v.allocateNew(rows.size());
          for (int r = 0; r < rows.size(); r++) {
            Object x = rows.get(r).get(name);
            if (x == null) {
              v.setNull(r);
            } else {
              v.set(r, (Double) x);
            }
          }
          v.setValueCount(rows.size());
          vectors.add(v);
        }
      }
      try (VectorSchemaRoot root = new VectorSchemaRoot(vectors)) {
        root.setRowCount(rows.size());
        double[] predicted = ArrowFeatures.predict(model, root, null);
        double[] one = new double[1];
        for (int r = 0; r < rows.size(); r++) {
          model.predictor().predict(rows.get(r), one);
          assertEquals(one[0], predicted[r], 0.0, "row " + r);
        }
      }
    }
  }

  @Test
  void dictionaryEncodedColumnsAreCategoriesByTheirText() {
    RowBatch.Schema schema = new RowBatch.Schema(List.of("color"),
        List.of(dev.boreal.histogram.BinMapper.ofCategorical(new String[] {"red", "blue"}, false)));
    try (BufferAllocator allocator = new RootAllocator();
        VarCharVector words = new VarCharVector("words", allocator)) {
      words.allocateNew(2);
      words.setSafe(0, "blue".getBytes(StandardCharsets.UTF_8));
      words.setSafe(1, "green".getBytes(StandardCharsets.UTF_8));
      words.setValueCount(2);
      DictionaryEncoding encoding = new DictionaryEncoding(7, false, new ArrowType.Int(32, true));
      IntVector codes = new IntVector("color", new FieldType(true, new ArrowType.Int(32, true), encoding), allocator);
      codes.allocateNew(3);
      codes.set(0, 1);
      codes.set(1, 0);
      codes.setNull(2);
      codes.setValueCount(3);
      DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
      provider.put(new Dictionary(words, encoding));
      try (VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(codes));
          ArrowFeatures features = ArrowFeatures.of(root, provider, schema.names())) {
        root.setRowCount(3);
        int[] read = new int[3];
        features.columns().get(0).readCodes(0, 3, read);
        String[] categories = features.columns().get(0).categories();
        assertEquals("green", categories[read[0]]);
        assertEquals("blue", categories[read[1]]);
        assertEquals(-1, read[2]);
      }
    }
  }

  @Test
  void numbersNameCategoriesAndTextNumbersFillNumericFeatures() {
    RowBatch.Schema schema = new RowBatch.Schema(List.of("level", "x"), List.of(
        dev.boreal.histogram.BinMapper.ofCategorical(new String[] {"3", "10"}, false),
        dev.boreal.histogram.BinMapper.ofNumeric(new double[] {Double.POSITIVE_INFINITY}, false)));
    try (BufferAllocator allocator = new RootAllocator();
        RowBatch b = RowBatch.of(schema, List.of(Map.of("level", 3.0, "x", " 2.5 "), Map.of("level", 10, "x", "")),
            allocator)) {
      int[] codes = new int[2];
      b.columns().get(0).readCodes(0, 2, codes);
      String[] names = b.columns().get(0).categories();
      assertEquals("3", names[codes[0]]);
      assertEquals("10", names[codes[1]]);
      double[] x = new double[2];
      b.columns().get(1).readValues(0, 2, x);
      assertEquals(2.5, x[0], 0.0);
      assertEquals(Double.NaN, x[1], 0.0);
    }
  }

  @Test
  void illFormedRowsFailNamingTheRowAndFeature() {
    RowBatch.Schema schema = new RowBatch.Schema(model);
    List<Map<String, Object>> rows = rows(3, 1);
    rows.get(1).remove("m_bb");
    try (BufferAllocator allocator = new RootAllocator()) {
      InputException e = assertThrows(InputException.class, () -> RowBatch.of(schema, rows, allocator));
      assertEquals("Row 1 has no value for feature 'm_bb'.", e.getMessage());
      rows.get(1).put("m_bb", "heavy");
      e = assertThrows(InputException.class, () -> RowBatch.of(schema, rows, allocator));
      assertEquals("Row 1: feature 'm_bb' is numeric, but the row gives 'heavy'.", e.getMessage());
      rows.get(1).put("m_bb", new ArrayList<>(List.of(1.0)));
      e = assertThrows(InputException.class, () -> RowBatch.of(schema, rows, allocator));
      assertEquals("Row 1: feature 'm_bb' has a value of type ArrayList; expected a number, a string, a boolean or "
          + "null.", e.getMessage());
      rows.set(1, null);
      e = assertThrows(InputException.class, () -> RowBatch.of(schema, rows, allocator));
      assertEquals("Row 1 is null; give a map from feature name to value.", e.getMessage());
      RowBatch.Builder builder = RowBatch.builder(schema, 1, allocator);
      int mbb = schema.indexOf("m_bb");
      e = assertThrows(InputException.class, () -> builder.category(0, mbb, "heavy"));
      assertEquals("Row 0: feature 'm_bb' is numeric, but the row gives the category 'heavy'.", e.getMessage());
      builder.discard();
      // Every vector of a failed batch was released.
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void unsupportedArrowColumnsAreNamed() {
    try (BufferAllocator allocator = new RootAllocator();
        ListVector list = ListVector.empty("lepton_pt", allocator);
        VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(list))) {
      InputException e = assertThrows(InputException.class,
          () -> ArrowFeatures.of(root, null, List.of("lepton_pt")));
      assertEquals("Column 'lepton_pt' is a LIST vector; Boreal reads numbers, booleans, strings and "
          + "dictionary-encoded columns.", e.getMessage());
      e = assertThrows(InputException.class, () -> ArrowFeatures.of(root, null, List.of("m_bb")));
      assertEquals("The record batch has no column 'm_bb', a feature of the model.", e.getMessage());
    }
  }
}
