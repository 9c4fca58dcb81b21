package dev.boreal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.Tree;
import dev.boreal.histogram.BinMapper;
import dev.boreal.io.Datasets;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forests through a model file (format 4): every kind a forest comes in (binary, three classes and
 * regression; gini, entropy and extra trees; with and without sample weights, so leaves stored as class
 * weights and as values) reads back as the very trees trained, and scores every row bit for bit as the
 * trained model and as a naive twin that walks each iteration's tree node by node and averages the class
 * distributions of the leaves it reaches, through every path: a map per row, an Arrow record batch, and a
 * table's columns. A multiclass forest stores each of its trees once.
 */
class ForestModelFileTest {
  private static final String[] COLOURS = {"red", "green", "blue", "grey", "black", "white"};

  @TempDir
  static Path dir;
  static Path data;

  @BeforeAll
  static void writeData() throws IOException {
    data = dir.resolve("rows.csv");
    SplittableRandom random = new SplittableRandom(17);
    try (Writer w = Files.newBufferedWriter(data)) {
      w.write("x0,x1,x2,colour,two,three,y,weight\n");
      for (int r = 0; r < 1200; r++) {
        double x0 = random.nextDouble() * 4 - 2;
        double x1 = Math.rint(random.nextDouble() * 20) / 4; // few values, so thresholds tie with many rows
        boolean missing = random.nextInt(10) == 0;
        double x2 = random.nextGaussian();
        int colour = random.nextInt(COLOURS.length);
        double signal = Math.sin(2 * x0) + 0.3 * x1 + (missing ? 1 : x2) + colour * 0.2 + random.nextGaussian() * 0.5;
        int three = signal < 0.5 ? 0 : signal < 1.5 ? 1 : 2;
        w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%d,%s,%s%n", x0, x1, missing ? "" : x2,
            random.nextInt(15) == 0 ? "" : COLOURS[colour], signal > 1 ? 1 : 0, three, signal,
            0.5 + random.nextDouble()));
      }
    }
  }

  /** A forest of 8 trees on {@code label} (the other label columns ignored), with extra parameters. */
  private static Model fit(String label, String objective, boolean weighted, String... params) {
    List<String> others = new ArrayList<>(List.of("two", "three", "y", "weight"));
    others.remove(label);
    ReadOptions read = ReadOptions.defaults().withLabel(label).withThreads(2);
    if (weighted) {
      others.remove("weight");
      read = read.withWeight("weight");
    }
    try (Table t = Boreal.read(data, read.withIgnore(java.util.Set.copyOf(others)))) {
      Trainer.Builder<Model> b = Boreal.randomForest().objective(objective).numIterations(8).threads(2).seed(5);
      if (objective.equals("multiclass")) {
        b.numClass(3);
      }
      for (int i = 0; i < params.length; i += 2) {
        b.param(params[i], params[i + 1]);
      }
      return b.build().fit(t);
    }
  }

  @Test
  void everyKindOfForestReadsBackAsTrainedAndScoresAsItsNaiveTwinOnEveryPath() throws IOException {
    Map<String, Model> forests = new java.util.LinkedHashMap<>();
    forests.put("binary gini", fit("two", "binary", false));
    forests.put("binary entropy extra trees", fit("two", "binary", false, "criterion", "entropy", "extra_trees",
        "true"));
    forests.put("binary weighted", fit("two", "binary", true));
    forests.put("three classes", fit("three", "multiclass", false, "min_samples_leaf", "3"));
    forests.put("three classes entropy", fit("three", "multiclass", false, "criterion", "entropy"));
    forests.put("three classes weighted", fit("three", "multiclass", true));
    forests.put("regression", fit("y", "regression", false, "max_depth", "6"));
    List<Map<String, Object>> rows = rows(257);
    for (Map.Entry<String, Model> e : forests.entrySet()) {
      String what = e.getKey();
      Model trained = e.getValue();
      Path file = dir.resolve(what.replace(' ', '-') + ".json");
      Boreal.save(trained, file);
      JsonNode json = new ObjectMapper().readTree(file.toFile());
      assertEquals(4, json.get("format_version").intValue(), what);
      boolean classWeights = !what.contains("weighted") && !what.equals("regression");
      assertEquals(classWeights, json.has("split_criterion"), what + ": leaves stored as class weights");
      assertEquals(trained.numIterations(), json.get("trees").size(), what + ": one entry per tree");
      Model back = Boreal.load(file);
      assertEquals(trained.trees(), back.trees(), what + ": the trees read back bit for bit");
      assertEquals(trained.numOutputs() > 1, back.multiOutputTrees(), what);
      Path again = dir.resolve("again.json");
      Boreal.save(back, again);
      assertEquals(Files.readString(file), Files.readString(again), what + ": written again, the same file");
      double[] naive = naiveScores(back, rows);
      assertScores(naive, scoresByMap(trained, rows), what + ", trained model, maps");
      assertScores(naive, scoresByMap(back, rows), what + ", maps");
      assertScores(naive, scoresByBatch(back, rows), what + ", Arrow batch");
      assertScores(naiveScores(back, tableRows()), scoresOfTable(back), what + ", table columns");
    }
  }

  private static void assertScores(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
          what + ": score " + i + " is " + actual[i] + ", expected " + expected[i]);
    }
  }

  /** Rows with values on the thresholds, beside them, missing, and unseen colours. */
  private static List<Map<String, Object>> rows(int n) {
    SplittableRandom random = new SplittableRandom(23);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Map<String, Object> row = new HashMap<>();
      row.put("x0", random.nextInt(9) == 0 ? null : random.nextDouble() * 5 - 2.5);
      double x1 = Math.rint(random.nextDouble() * 24) / 4;
      row.put("x1", random.nextBoolean() ? x1 : Math.nextUp(x1));
      row.put("x2", random.nextInt(6) == 0 ? null : random.nextGaussian());
      row.put("colour", random.nextInt(8) == 0 ? null : random.nextInt(8) == 0 ? "violet"
          : COLOURS[random.nextInt(COLOURS.length)]);
      rows.add(row);
    }
    return rows;
  }

  private static double[] scoresByMap(Model m, List<Map<String, Object>> rows) {
    int k = m.numOutputs();
    double[] out = new double[rows.size() * k];
    double[] one = new double[k];
    Predictor p = m.predictor();
    for (int r = 0; r < rows.size(); r++) {
      p.predictRaw(rows.get(r), one);
      System.arraycopy(one, 0, out, r * k, k);
    }
    return out;
  }

  private static double[] scoresByBatch(Model m, List<Map<String, Object>> rows) {
    double[] out = new double[rows.size() * m.numOutputs()];
    try (RowBatch b = Boreal.rows(m, rows)) {
      m.predictor().predictRaw(b.columns(), out);
    }
    return out;
  }

  private static ReadOptions tableOptions() {
    return ReadOptions.defaults().withIgnore(java.util.Set.of("two", "three", "y", "weight")).withThreads(2);
  }

  private static double[] scoresOfTable(Model m) {
    try (Table t = Boreal.read(data, tableOptions())) {
      double[] out = new double[t.rowCount() * m.numOutputs()];
      m.predictor().predictRaw(Datasets.columnsFor(t, m.featureNames(), m.mappers()), out);
      return out;
    }
  }

  /** The data file's feature values as rows (empty fields missing), as the table holds them. */
  private static List<Map<String, Object>> tableRows() throws IOException {
    List<String> lines = Files.readAllLines(data);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      Map<String, Object> row = new HashMap<>();
      for (int i = 0; i < 3; i++) {
        row.put("x" + i, f[i].isEmpty() ? null : Double.parseDouble(f[i]));
      }
      row.put("colour", f[3].isEmpty() ? null : f[3]);
      rows.add(row);
    }
    return rows;
  }

  /**
   * The brute-force twin: each iteration's one tree walked node by node from the mappers' rules, its leaf's
   * values (the class distribution) added per output in iteration order, then averaged.
   */
  private static double[] naiveScores(Model m, List<Map<String, Object>> rows) {
    int k = m.numOutputs();
    double[] out = new double[rows.size() * k];
    for (int r = 0; r < rows.size(); r++) {
      double[] sums = new double[k];
      for (int i = 0; i < m.numIterations(); i++) {
        int leaf = naiveLeaf(m, m.tree(i, 0), rows.get(r));
        for (int j = 0; j < k; j++) {
          sums[j] += m.tree(i, j).leafValue(leaf);
        }
      }
      for (int j = 0; j < k; j++) {
        out[r * k + j] = m.baseScore(j) + sums[j] / m.numIterations();
      }
    }
    return out;
  }

  private static int naiveLeaf(Model m, Tree t, Map<String, Object> row) {
    int node = t.numNodes() == 0 ? ~0 : 0;
    while (node >= 0) {
      int f = t.feature(node);
      BinMapper mapper = m.mapper(f);
      Object value = row.get(m.featureNames().get(f));
      boolean left;
      if (t.isCategorical(node)) {
        int bin = value == null ? mapper.missingBin() : Arrays.asList(mapper.categories()).indexOf(value);
        left = BitSet.valueOf(t.leftCategoryBins(node)).get(bin < 0 ? mapper.missingBin() : bin);
      } else {
        left = value == null ? t.defaultLeft(node) : (Double) value <= t.threshold(node);
      }
      node = left ? t.left(node) : t.right(node);
    }
    assertTrue(~node < t.numLeaves());
    return ~node;
  }
}
