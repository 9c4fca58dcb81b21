package dev.boreal.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.histogram.BinMapper;
import dev.boreal.monitor.drift.DriftProfile;
import dev.boreal.monitor.drift.DriftStatistics;
import dev.boreal.monitor.drift.FeatureCounts;
import dev.boreal.monitor.drift.ScoreHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The drift window's counts against a brute-force twin that puts the same raw rows into cells with the mappers'
 * {@code binOf} and {@code binOfCategory}: exact, before and after the window slides, and under threads;
 * unseen categories apart from missing ones, values outside the reference range, and scores.
 */
class BinWindowTest {
  private static final List<String> NAMES = List.of("x", "zero_missing", "nan_zero", "colour", "letter");
  /** Numeric with NaN missing, numeric with zeros missing, NaN read as zero, and two categorical kinds. */
  private static final List<BinMapper> MAPPERS = List.of(
      BinMapper.ofNumeric(new double[] {-1, 0, 2.5, Double.POSITIVE_INFINITY}, false),
      BinMapper.ofNumeric(new double[] {-3, 1, 4, Double.POSITIVE_INFINITY}, true, false),
      BinMapper.ofNumeric(new double[] {0, 10, Double.POSITIVE_INFINITY}, false, true, false),
      BinMapper.ofCategorical(new String[] {"red", "green", "blue"}, false),
      BinMapper.ofCategorical(new String[] {"a", "b"}, true, false));
  private static final String[] COLOURS = {"red", "green", "blue", "mauve", "", null};
  private static final String[] LETTERS = {"a", "b", "z", "", null};
  private static final double[] MIN = {-6, -4, -5};
  private static final double[] MAX = {7, 5, 6};
  /** A profile with those ranges and score edges 0.2, 0.5, 0.9; its counts do not matter here. */
  private static final DriftProfile PROFILE = profile();

  private static DriftProfile profile() {
    List<FeatureCounts> features = new ArrayList<>();
    for (int f = 0; f < 5; f++) {
      long[] cells = new long[FeatureCounts.cellCount(MAPPERS.get(f))];
      Arrays.fill(cells, 1);
      features.add(f < 3 ? new FeatureCounts(cells, 0, 0, MIN[f], MAX[f])
          : new FeatureCounts(cells, 0, 0, Double.NaN, Double.NaN));
    }
    return new DriftProfile(NAMES, features, new ScoreHistogram(new double[] {0.2, 0.5, 0.9}, new long[5]), null,
        0);
  }

  /** A raw row by feature name (numbers, some NaN or zero; names) and its score. */
  private record Row(Map<String, Object> values, double score) {}

  private static List<Row> rows(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Map<String, Object> values = new HashMap<>();
      for (int f = 0; f < 3; f++) {
        int kind = random.nextInt(10);
        values.put(NAMES.get(f), kind == 0 ? null : kind == 1 ? 0.0 : kind == 2 ? 2.5 : random.nextGaussian() * 5);
      }
      values.put("colour", COLOURS[random.nextInt(COLOURS.length)]);
      values.put("letter", LETTERS[random.nextInt(LETTERS.length)]);
      double score = random.nextInt(20) == 0 ? Double.NaN : random.nextInt(10) == 0 ? 0.5 : random.nextDouble();
      rows.add(new Row(values, score));
    }
    return rows;
  }

  private static double number(Row row, int f) {
    Object v = row.values.get(NAMES.get(f));
    return v == null ? Double.NaN : (Double) v;
  }

  /** The row as the predictor encodes it: numbers through missingAsNaN, categories as their bin. */
  private static double[] encoded(Row row) {
    double[] x = new double[5];
    for (int f = 0; f < 3; f++) {
      x[f] = MAPPERS.get(f).missingAsNaN(number(row, f));
    }
    for (int f = 3; f < 5; f++) {
      x[f] = MAPPERS.get(f).binOfCategory((String) row.values.get(NAMES.get(f)));
    }
    return x;
  }

  private static void add(BinWindow window, Row row) {
    window.add(encoded(row), row.values, row.score);
  }

  /** The twin: cells of the raw values, range and score counts, row by row. */
  private static Twin bruteForce(List<Row> rows) {
    long[][] cells = new long[5][];
    for (int f = 0; f < 5; f++) {
      BinMapper m = MAPPERS.get(f);
      cells[f] = new long[m.isCategorical() ? m.categories().length + 2 : m.numBins()];
    }
    long[] below = new long[5];
    long[] above = new long[5];
    long[] scores = new long[5];
    for (Row row : rows) {
      for (int f = 0; f < 3; f++) {
        double v = number(row, f);
        int bin = MAPPERS.get(f).binOf(v);
        cells[f][bin]++;
        if (bin != MAPPERS.get(f).missingBin() && !Double.isNaN(v)) {
          below[f] += v < MIN[f] ? 1 : 0;
          above[f] += v > MAX[f] ? 1 : 0;
        }
      }
      for (int f = 3; f < 5; f++) {
        String name = (String) row.values.get(NAMES.get(f));
        List<String> named = List.of(MAPPERS.get(f).categories());
        cells[f][name == null || name.isEmpty() ? named.size() + 1 : named.contains(name) ? named.indexOf(name)
            : named.size()]++;
      }
      double s = row.score;
      scores[Double.isNaN(s) ? 4 : s <= 0.2 ? 0 : s <= 0.5 ? 1 : s <= 0.9 ? 2 : 3]++;
    }
    return new Twin(cells, below, above, scores);
  }

  /** The twin's counts: cells, values below and above the range per feature, and score cells. */
  private record Twin(long[][] cells, long[] belowRange, long[] aboveRange, long[] scores) {}

  private static void assertCounts(Twin expected, BinWindow.Counts actual) {
    for (int f = 0; f < expected.cells().length; f++) {
      FeatureCounts counts = actual.features().get(f);
      assertArrayEquals(DriftStatistics.counts(expected.cells()[f]), counts.cells(), "feature " + f);
      assertEquals(expected.belowRange()[f], counts.belowRange(), "below the range, feature " + f);
      assertEquals(expected.aboveRange()[f], counts.aboveRange(), "above the range, feature " + f);
    }
    assertArrayEquals(expected.scores(), actual.scores(), "scores");
  }

  @Test
  void countsEveryRowWhileTheWindowIsNotFull() {
    List<Row> rows = rows(999, 1);
    BinWindow window = new BinWindow(NAMES, MAPPERS, PROFILE, 1000);
    for (Row row : rows) {
      add(window, row);
    }
    Twin expected = bruteForce(rows);
    assertCounts(expected, window.counts());
    assertEquals(999, window.counts().rows());
    assertTrue(expected.cells()[3][3] > 0 && expected.cells()[3][4] > 0, "unseen and missing colours both occur");
    assertTrue(expected.belowRange()[0] > 0 && expected.aboveRange()[0] > 0, "values beyond the range occur");
  }

  @Test
  void dropsTheOldestTenthWhenANewOneStarts() {
    List<Row> rows = rows(2345, 2);
    BinWindow window = new BinWindow(NAMES, MAPPERS, PROFILE, 1000);
    assertEquals(1000, window.capacity());
    for (int r = 0; r < rows.size(); r++) {
      add(window, rows.get(r));
      int total = r + 1;
      if (total == 1000 || total == 1001 || total == 2345) {
        // Slices of 100 rows: the current slice (partly filled) and the nine before it.
        int from = Math.max(0, ((total - 1) / 100 - 9) * 100);
        assertCounts(bruteForce(rows.subList(from, total)), window.counts());
        assertEquals(total - from, window.counts().rows(), "after " + total + " rows");
      }
    }
    assertEquals(945, window.counts().rows());
  }

  @Test
  void threadsCountEveryRowOnce() throws Exception {
    List<Row> rows = rows(20_000, 3);
    BinWindow window = new BinWindow(NAMES, MAPPERS, PROFILE, 1_000_000);
    int threads = 4;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      Thread worker = new Thread(() -> {
        for (int r = first; r < rows.size(); r += threads) {
          add(window, rows.get(r));
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    assertCounts(bruteForce(rows), window.counts());
  }

  @Test
  void aWindowUnderTenRowsHoldsExactlyItsRows() {
    List<Row> rows = rows(5, 4);
    BinWindow window = new BinWindow(NAMES, MAPPERS, PROFILE, 3);
    for (Row row : rows) {
      add(window, row);
    }
    assertEquals(3, window.capacity());
    assertCounts(bruteForce(rows.subList(2, 5)), window.counts());
  }

}
