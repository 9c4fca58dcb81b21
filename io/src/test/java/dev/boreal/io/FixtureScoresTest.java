package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model files written by earlier versions still load and score every row exactly as they did when they were
 * written: Boreal models trained then (boosting and forest, binary and 5 classes, with a categorical feature and
 * missing values), the XGBoost JSON and LightGBM text models of the importer tests. The expected raw scores were
 * recorded with the code that wrote the files, in {@code <model>.scores}, one value a line, row-major. On the
 * same models, every scoring path of the default (ranked) walk, and batches and rows through the compiled walks,
 * give the portable walk's scores and leaves bit for bit.
 */
class FixtureScoresTest {
  private static final String FOLDER = "fixtures/";

  @ParameterizedTest
  @ValueSource(strings = {"gbdt-binary.json", "gbdt-multiclass.json", "rf-binary.json", "rf-multiclass.json",
      "xgboost.json", "lightgbm.txt"})
  void scoresAsWhenTheFileWasWritten(String name) throws IOException, URISyntaxException {
    double[] scores = scores(name);
    List<String> expected = Files.readAllLines(resource(name + ".scores"));
    assertEquals(expected.size(), scores.length, name);
    for (int i = 0; i < scores.length; i++) {
      assertEquals(Double.parseDouble(expected.get(i)), scores[i], 0.0, name + " score " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gbdt-binary.json", "gbdt-multiclass.json", "rf-binary.json", "rf-multiclass.json",
      "xgboost.json", "lightgbm.txt"})
  void everyPathScoresAsThePortableWalk(String name) throws IOException, URISyntaxException {
    Model model = read(name);
    Predictor fast = model.predictor();
    Predictor portable = fast.portable();
    int rows = 301;
    int nf = model.numFeatures();
    int k = model.numOutputs();
    double[] x = probeRows(model, rows, 29);
    double[] expected = new double[rows * k];
    portable.predictRaw(x, rows, expected);
    double[] batch = new double[rows * k];
    fast.predictRaw(x, rows, batch);
    assertBits(expected, batch, name + " batch");
    Predictor compiled = fast.compiled();
    compiled.predictRaw(x, rows, batch);
    assertBits(expected, batch, name + " compiled batch");
    try (Parallel two = new Parallel(2)) {
      fast.predictRaw(x, rows, batch, two);
      assertBits(expected, batch, name + " batch on two threads");
      compiled.predictRaw(x, rows, batch, two);
      assertBits(expected, batch, name + " compiled batch on two threads");
    }
    int[] leaves = new int[fast.iterations() * k];
    int[] portableLeaves = leaves.clone();
    double[] row = new double[nf];
    double[] one = new double[k];
    double[] viaMap = new double[k];
    double[] portableMap = new double[k];
    Random random = new Random(31);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(x, r * nf, row, 0, nf);
      fast.predictRaw(row, one);
      assertBits(Arrays.copyOfRange(expected, r * k, r * k + k), one, name + " double[] row " + r);
      compiled.predictRaw(row, one);
      assertBits(Arrays.copyOfRange(expected, r * k, r * k + k), one, name + " compiled double[] row " + r);
      Map<String, Object> map = mapRow(model, row, random);
      fast.predictRaw(map, viaMap);
      portable.predictRaw(map, portableMap);
      assertBits(portableMap, viaMap, name + " map row " + r);
      fast.predictLeaves(row, leaves);
      portable.predictLeaves(row, portableLeaves);
      assertArrayEquals(portableLeaves, leaves, name + " leaves of row " + r);
    }
  }

  /**
   * A double[] row as the Map a service receives: category codes as their names, a missing category as null,
   * one of the feature's categories (text ones too) or one the model never saw, and other NaN as null.
   */
  private static Map<String, Object> mapRow(Model model, double[] row, Random random) {
    Map<String, Object> map = new HashMap<>();
    for (int f = 0; f < row.length; f++) {
      String feature = model.featureNames().get(f);
      BinMapper mapper = model.mapper(f);
      if (Double.isNaN(row[f]) && mapper.isCategorical()) {
        int pick = random.nextInt(mapper.categories().length + 2);
        map.put(feature, pick < mapper.categories().length ? mapper.categories()[pick]
            : pick == mapper.categories().length ? "never seen" : null);
      } else if (Double.isNaN(row[f])) {
        map.put(feature, null);
      } else if (mapper.isCategorical()) {
        map.put(feature, categoryName(model.mapper(f), row[f]));
      } else {
        map.put(feature, row[f]);
      }
    }
    return map;
  }

  private static String categoryName(BinMapper mapper, double code) {
    for (String category : mapper.categories()) {
      if (Double.parseDouble(category) == code) {
        return category;
      }
    }
    throw new AssertionError("no category named " + code);
  }

  private static void assertBits(double[] expected, double[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertBits(expected[i], actual[i], what + " score " + i);
    }
  }

  private static void assertBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        () -> what + ": " + expected + " against " + actual);
  }

  /** The raw scores of the fixture's rows under the model in file {@code name}, row-major. */
  static double[] scores(String name) throws IOException, URISyntaxException {
    Model model = read(name);
    if (name.startsWith("gbdt") || name.startsWith("rf")) {
      return scoreTrainingRows(model, name.endsWith("multiclass.json"));
    }
    double[] rows = probeRows(model, 400, 13);
    double[] out = new double[400 * model.numOutputs()];
    model.predictor().predictRaw(rows, 400, out);
    return out;
  }

  private static Model read(String name) throws IOException, URISyntaxException {
    Path file = resource(name);
    if (name.startsWith("xgboost")) {
      return XgboostModelImporter.read(Files.readAllBytes(file), name);
    }
    if (name.startsWith("lightgbm")) {
      return LightGbmModelImporter.read(Files.readAllBytes(file), name);
    }
    return ModelFile.read(file);
  }

  /** The rows of {@code rows.csv} (numeric features with missing values, and the categorical channel). */
  static double[] scoreTrainingRows(Model model, boolean channelIsLabel)
      throws IOException, URISyntaxException {
    ReadOptions read = ReadOptions.defaults().withLabel(SyntheticData.LABEL);
    if (channelIsLabel) {
      read = ReadOptions.defaults().withLabel(SyntheticData.CHANNEL)
          .withIgnore(java.util.Set.of(SyntheticData.LABEL));
    }
    try (BufferAllocator allocator = new RootAllocator();
        Table table = DataReaders.read(resource("rows.csv"), read, allocator)) {
      List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
      double[] out = new double[table.rowCount() * model.numOutputs()];
      model.predictor().predictRaw(columns, out);
      double[] portable = new double[out.length];
      model.predictor().portable().predictRaw(columns, portable);
      assertBits(portable, out, "Arrow columns");
      model.predictor().compiled().predictRaw(columns, portable);
      assertBits(out, portable, "Arrow columns, compiled walks");
      return out;
    }
  }

  /**
   * Rows that probe every split: numeric values at, just below and just above each bin bound, zeros of both
   * signs, NaN and random values; categorical values among the feature's categories or NaN.
   */
  private static double[] probeRows(Model model, int n, long seed) {
    Random random = new Random(seed);
    int nf = model.numFeatures();
    double[] rows = new double[n * nf];
    for (int f = 0; f < nf; f++) {
      BinMapper mapper = model.mapper(f);
      List<Double> values = new ArrayList<>(List.of(Double.NaN, 0.0, -0.0, 1e-36, -1e-36));
      if (mapper.isCategorical()) {
        values.clear();
        values.add(Double.NaN);
        for (String category : mapper.categories()) {
          // A double[] row holds a category by its numeric name; text categories are left to the Map rows.
          if (category.matches("-?[0-9.]+")) {
            values.add(Double.parseDouble(category));
          }
        }
      } else {
        for (double bound : mapper.upperBounds()) {
          values.add(bound);
          values.add(Math.nextDown(bound));
          values.add(Math.nextUp(bound));
        }
      }
      for (int r = 0; r < n; r++) {
        boolean gaussian = !mapper.isCategorical() && random.nextInt(4) == 0;
        rows[r * nf + f] = gaussian ? random.nextGaussian() * 2 : values.get(random.nextInt(values.size()));
      }
    }
    return rows;
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(FixtureScoresTest.class.getResource(FOLDER + name).toURI());
  }
}
