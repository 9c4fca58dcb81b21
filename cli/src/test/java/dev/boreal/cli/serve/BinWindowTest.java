package dev.boreal.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.histogram.BinMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The drift window's counts against a brute-force twin that bins the same raw rows with the mappers'
 * {@code binOf} and {@code binOfCategory}: exact, before and after the window slides, and under threads.
 */
class BinWindowTest {
  /** Numeric with NaN missing, numeric with zeros missing, NaN read as zero, and two categorical kinds. */
  private static final List<BinMapper> MAPPERS = List.of(
      BinMapper.ofNumeric(new double[] {-1, 0, 2.5, Double.POSITIVE_INFINITY}, false),
      BinMapper.ofNumeric(new double[] {-3, 1, 4, Double.POSITIVE_INFINITY}, true, false),
      BinMapper.ofNumeric(new double[] {0, 10, Double.POSITIVE_INFINITY}, false, true, false),
      BinMapper.ofCategorical(new String[] {"red", "green", "blue"}, false),
      BinMapper.ofCategorical(new String[] {"a", "b"}, true, false));
  private static final String[] COLOURS = {"red", "green", "blue", "mauve", "", null};
  private static final String[] LETTERS = {"a", "b", "z", null};

  /** A raw row: numbers for the numeric features (some NaN or zero), names for the categorical ones. */
  private record Row(double[] numbers, String colour, String letter) {}

  private static List<Row> rows(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      double[] numbers = new double[3];
      for (int f = 0; f < 3; f++) {
        int kind = random.nextInt(10);
        numbers[f] = kind == 0 ? Double.NaN : kind == 1 ? 0.0 : kind == 2 ? 2.5 : random.nextGaussian() * 5;
      }
      rows.add(new Row(numbers, COLOURS[random.nextInt(COLOURS.length)], LETTERS[random.nextInt(LETTERS.length)]));
    }
    return rows;
  }

  /** The row as the predictor encodes it: numbers through missingAsNaN, categories as their bin. */
  private static double[] encoded(Row row) {
    double[] x = new double[5];
    for (int f = 0; f < 3; f++) {
      x[f] = MAPPERS.get(f).missingAsNaN(row.numbers[f]);
    }
    x[3] = MAPPERS.get(3).binOfCategory(row.colour);
    x[4] = MAPPERS.get(4).binOfCategory(row.letter);
    return x;
  }

  /** The twin: bins of the raw values, counted row by row. */
  private static long[][] bruteForce(List<Row> rows) {
    long[][] counts = new long[5][];
    for (int f = 0; f < 5; f++) {
      counts[f] = new long[MAPPERS.get(f).numBins()];
    }
    for (Row row : rows) {
      for (int f = 0; f < 3; f++) {
        counts[f][MAPPERS.get(f).binOf(row.numbers[f])]++;
      }
      counts[3][MAPPERS.get(3).binOfCategory(row.colour)]++;
      counts[4][MAPPERS.get(4).binOfCategory(row.letter)]++;
    }
    return counts;
  }

  private static void assertCounts(long[][] expected, long[][] actual) {
    for (int f = 0; f < expected.length; f++) {
      assertArrayEquals(expected[f], actual[f], "feature " + f);
    }
  }

  @Test
  void countsEveryRowWhileTheWindowIsNotFull() {
    List<Row> rows = rows(999, 1);
    BinWindow window = new BinWindow(MAPPERS, 1000);
    for (Row row : rows) {
      window.add(encoded(row));
    }
    assertCounts(bruteForce(rows), window.counts());
    assertEquals(999, window.rows());
  }

  @Test
  void dropsTheOldestTenthWhenANewOneStarts() {
    List<Row> rows = rows(2345, 2);
    BinWindow window = new BinWindow(MAPPERS, 1000);
    assertEquals(1000, window.capacity());
    for (int r = 0; r < rows.size(); r++) {
      window.add(encoded(rows.get(r)));
      int total = r + 1;
      if (total == 1000 || total == 1001 || total == 2345) {
        // Slices of 100 rows: the current slice (partly filled) and the nine before it.
        int from = Math.max(0, ((total - 1) / 100 - 9) * 100);
        assertCounts(bruteForce(rows.subList(from, total)), window.counts());
        assertEquals(total - from, window.rows(), "after " + total + " rows");
      }
    }
    assertEquals(945, window.rows());
  }

  @Test
  void threadsCountEveryRowOnce() throws Exception {
    List<Row> rows = rows(20_000, 3);
    BinWindow window = new BinWindow(MAPPERS, 1_000_000);
    int threads = 4;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      Thread worker = new Thread(() -> {
        for (int r = first; r < rows.size(); r += threads) {
          window.add(encoded(rows.get(r)));
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
    BinWindow window = new BinWindow(MAPPERS, 3);
    for (Row row : rows) {
      window.add(encoded(row));
    }
    assertEquals(3, window.capacity());
    assertCounts(bruteForce(rows.subList(2, 5)), window.counts());
  }
}
