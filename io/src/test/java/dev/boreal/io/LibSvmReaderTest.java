package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.histogram.FeatureColumn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibSvmReaderTest {
  @TempDir Path dir;
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void noLeaks() {
    assertEquals(0, allocator.getAllocatedMemory(), "every buffer is released");
    allocator.close();
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  private Table read(Path file) {
    return DataReaders.read(file, ReadOptions.defaults().withLabel("label"), allocator);
  }

  @Test
  void oneBasedIndicesAbsentEntriesAreZero() throws IOException {
    Path file = write("a.libsvm", "1 1:0.5 3:2\n0 2:-1.25e1\n2.5 3:7 1:1\n");
    try (Table t = read(file)) {
      assertEquals(3, t.rowCount());
      assertEquals(List.of("label", "f1", "f2", "f3"), t.columnNames());
      assertEquals(List.of("f1", "f2", "f3"), t.featureNames());
      assertArrayEquals(new double[] {1, 0, 2.5}, t.numericColumn("label"), 0.0);
      assertArrayEquals(new double[] {0.5, 0, 1}, t.numericColumn("f1"), 0.0);
      assertArrayEquals(new double[] {0, -12.5, 0}, t.numericColumn("f2"), 0.0);
      assertArrayEquals(new double[] {2, 0, 7}, t.numericColumn("f3"), 0.0);
      assertNull(t.groupSizes());
    }
  }

  @Test
  void zeroBasedIndicesStartAtF0() throws IOException {
    Path file = write("z.libsvm", "0 0:1 2:3\n1 1:2\n");
    try (Table t = read(file)) {
      assertEquals(List.of("label", "f0", "f1", "f2"), t.columnNames());
      assertArrayEquals(new double[] {1, 0}, t.numericColumn("f0"), 0.0);
    }
  }

  @Test
  void columnsStartAtOneEvenWhenLowIndicesAreUnused() throws IOException {
    Path file = write("high.libsvm", "0 3:1\n1 4:2\n");
    try (Table t = read(file)) {
      assertEquals(List.of("label", "f1", "f2", "f3", "f4"), t.columnNames());
    }
  }

  @Test
  void qidBecomesGroupSizesNotAColumn() throws IOException {
    Path file = write("q.libsvm", "2 qid:1 1:1\n1 qid:1 1:2\n0 qid:1 2:1\n1 qid:7 1:1\n0 qid:3 1:1\n0 qid:3 2:1\n");
    try (Table t = read(file)) {
      assertEquals(List.of("label", "f1", "f2"), t.columnNames());
      assertArrayEquals(new int[] {3, 1, 2}, t.groupSizes());
    }
  }

  @Test
  void commentsBlankLinesCrLfAndTabsAreHandled() throws IOException {
    Path file = write("c.libsvm", "\uFEFF# a header comment\r\n1 1:1 # trailing\r\n\r\n   \n0\t2:3\t#x\n1 3:1#tight\n1\n");
    try (Table t = read(file)) {
      assertEquals(4, t.rowCount());
      assertArrayEquals(new double[] {1, 0, 1, 1}, t.numericColumn("label"), 0.0);
      assertArrayEquals(new double[] {0, 3, 0, 0}, t.numericColumn("f2"), 0.0);
      assertArrayEquals(new double[] {0, 0, 1, 0}, t.numericColumn("f3"), 0.0);
    }
  }

  @Test
  void indicesNeedNotIncrease() throws IOException {
    Path file = write("u.libsvm", "1 5:5 2:2 4:4\n");
    try (Table t = read(file)) {
      assertArrayEquals(new double[] {2}, t.numericColumn("f2"), 0.0);
      assertArrayEquals(new double[] {5}, t.numericColumn("f5"), 0.0);
    }
  }

  @Test
  void explicitNanValueIsMissing() throws IOException {
    Path file = write("n.libsvm", "1 1:nan 2:1\n0 1:2\n");
    try (Table t = read(file)) {
      double[] f1 = t.numericColumn("f1");
      assertTrue(Double.isNaN(f1[0]));
      assertEquals(2.0, f1[1]);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "1 2:x|line 2|expected a number after '2:', found 'x'",
    "1 abc|line 2|expected 'index:value', found 'abc'",
    "1 -3:1|line 2|negative feature index",
    "yes 1:1|line 2|expected a numeric label, found 'yes'",
    "1 2:1 3:1 2:5|line 2|feature index 2 appears twice",
    "1 :4|line 2|integer index",
    "1 1.5:4|line 2|integer index",
    "1 2:1e|line 2|expected a number",
    "1 2:|line 2|expected a number",
    "1 qid:x 1:1|line 2|qid:",
    "1 qid:4 1:1|line 2|found 'qid:' but the first data line has none",
    "1 99999999999:1|line 2|is above 16777216",
    "1 2:1e400|line 2|the number '1e400' is too large for a double",
    "-1e999 2:1|line 2|the number '-1e999' is too large for a double",
  })
  void malformedLinesNameFileLineAndWhatWasExpected(String badLine, String where, String what) throws IOException {
    Path file = write("bad.libsvm", "0 1:1\n" + badLine + "\n1 1:1\n");
    InputException e = assertThrows(InputException.class, () -> read(file).close());
    assertTrue(e.getMessage().startsWith(file + ": " + where + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  @Test
  void missingQidAfterQidLinesIsAnError() throws IOException {
    Path file = write("mq.libsvm", "0 qid:1 1:1\n\n1 1:1\n");
    InputException e = assertThrows(InputException.class, () -> read(file).close());
    assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("qid"), e.getMessage());
  }

  @Test
  void onlyCommentsIsAnError() throws IOException {
    Path file = write("empty.libsvm", "# nothing here\n\n");
    InputException e = assertThrows(InputException.class, () -> read(file).close());
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("no data"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"0.1", "-.5", "1e-3", "3.141592653589793238462643", "123456789012345678901", "1E+22",
      "4.9e-324", "1.7976931348623157e308", "0.000001", "+7", "1.", "9007199254740993", "2.2250738585072014E-308"})
  void valuesReadExactlyAsJavaParsesThem(String text) throws IOException {
    Path file = write("exact.libsvm", "1 1:" + text + "\n");
    try (Table t = read(file)) {
      assertEquals(Double.parseDouble(text), t.numericColumn("f1")[0], 0.0, text);
    }
  }

  @Test
  void nanIsMissingAndInfinitiesAreRead() throws IOException {
    Path file = write("special.libsvm", "1 1:NaN 2:-inf 3:Infinity\n");
    try (Table t = read(file)) {
      assertTrue(Double.isNaN(t.numericColumn("f1")[0]));
      assertEquals(Double.NEGATIVE_INFINITY, t.numericColumn("f2")[0], 0.0);
      assertEquals(Double.POSITIVE_INFINITY, t.numericColumn("f3")[0], 0.0);
    }
  }

  @ParameterizedTest
  @CsvSource({"0x10", "1d", "e5", "--1", "1e5.5"})
  void malformedValuesAreRefusedWithTheirLine(String bad) throws IOException {
    Path file = write("bad.libsvm", "1 1:2\n0 1:" + bad + "\n");
    InputException e = assertThrows(InputException.class, () -> read(file).close());
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains(bad), e.getMessage());
  }

  /** A 2 KB file naming index 10,000,000 once: main made ten million dense columns and ran out of memory. */
  @Test
  void aLoneHugeIndexIsRefusedWithItsLineAndTheOption() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < 100; r++) {
      text.append(r % 2).append(" 1:").append(r).append(" 2:0.5\n");
    }
    text.append("1 3:1 10000000:2\n");
    Path file = write("huge.libsvm", text.toString());
    assertTrue(Files.size(file) < 2048);
    long start = System.nanoTime();
    InputException e = assertThrows(InputException.class, () -> read(file).close());
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused before allocating the columns");
    assertEquals(file + ": line 101: feature index 10000000 makes 10000000 columns (Boreal bins a column"
        + " for every index up to the largest), but the file uses only 4 distinct indices, so at most 65536 columns"
        + " are read without a stated limit; if the index is right, give --max-columns 10000000.", e.getMessage());
  }

  @Test
  void aStatedColumnLimitIsHonouredBothWays() throws IOException {
    Path file = write("wide.libsvm", "0 1:1 70000:2\n1 2:1\n");
    try (Table t = DataReaders.read(file, ReadOptions.defaults().withMaxColumns(70_000), allocator)) {
      assertEquals(70_001, t.columnNames().size());
      assertEquals(2.0, t.numericColumn("f70000")[0], 0.0);
    }
    InputException e = assertThrows(InputException.class,
        () -> DataReaders.read(file, ReadOptions.defaults().withMaxColumns(100), allocator).close());
    assertTrue(e.getMessage().startsWith(file + ": line 1: feature index 70000 makes 70000 columns"), e.getMessage());
    assertTrue(e.getMessage().endsWith("more than --max-columns 100 allows."), e.getMessage());
  }

  @Test
  void indicesUpToTheDerivedLimitAreReadWithoutAnOption() throws IOException {
    Path file = write("sparse.libsvm", "0 1:1 65536:2\n");
    try (Table t = read(file)) {
      assertEquals(65_537, t.columnNames().size());
    }
  }

  /**
   * 500 rows of one entry each over 20,000 indices: dense columns took 80 MB of Arrow memory (a double and a validity
   * bit per row and column); only the label is an Arrow column now, and the features read as they did.
   */
  @Test
  void featuresTakeMemoryForTheirEntriesOnly() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < 500; r++) {
      text.append(r % 2).append(' ').append(1 + r * 40).append(':').append(r + 0.5).append('\n');
    }
    text.append("1 20000:7\n");
    try (Table t = read(write("wide.libsvm", text.toString()))) {
      assertTrue(allocator.getAllocatedMemory() < 64 * 1024, allocator.getAllocatedMemory() + " bytes");
      assertEquals(20_000, t.featureNames().size());
      double[] f41 = t.numericColumn("f41");
      assertEquals(1.5, f41[1]);
      assertEquals(0.0, f41[0] + f41[2] + f41[500]);
      assertEquals(7.0, t.numericColumn("f20000")[500]);
    }
  }

  /** Rows of a table in slices (explanations and drift profiles in batches): the same values, the label's too. */
  @Test
  void slicesReadAsTheirRows() throws IOException {
    Path file = write("s.libsvm", "1 1:1 3:3\n0 2:2\n1 1:nan 3:-1\n0\n1 2:5 3:6\n");
    try (Table t = read(file)) {
      List<FeatureColumn> columns = t.further(List.of("f3", "label", "f1")).features();
      try (Table.Slice slice = t.slice(1, 3, columns)) {
        assertEquals(List.of("f3", "label", "f1"), slice.columns().stream().map(FeatureColumn::name).toList());
        double[][] expected = {{0, -1, 0}, {0, 1, 0}, {0, Double.NaN, 0}};
        for (int c = 0; c < 3; c++) {
          double[] read = new double[3];
          slice.columns().get(c).readValues(0, 3, read);
          assertArrayEquals(expected[c], read, 0.0, slice.columns().get(c).name());
        }
      }
    }
  }

  @Test
  void aRepeatedIndexOnADecreasingLineIsFound() throws IOException {
    Path file = write("repeat.libsvm", "0 1:1\n1 9:1 3:1 9:2\n");
    InputException e = assertThrows(InputException.class, () -> read(file).close());
    assertEquals(file + ": line 2: feature index 9 appears twice on this line.", e.getMessage());
  }

  private static Path sharedData() {
    String dir = System.getProperty("boreal.shared.data");
    Assumptions.assumeTrue(dir != null && Files.isDirectory(Paths.get(dir)),
        "peer data sets not found (system property boreal.shared.data = " + dir + "); skipping");
    return Paths.get(dir);
  }

  @Test
  void readsXgboostAgaricus() {
    Path file = sharedData().resolve("xgboost-agaricus/agaricus.txt.train");
    Assumptions.assumeTrue(Files.exists(file), file + " is absent; skipping");
    try (Table t = read(file)) {
      assertEquals(6513, t.rowCount());
      for (double y : t.numericColumn("label")) {
        assertTrue(y == 0 || y == 1, "label " + y);
      }
      assertEquals(126, t.featureNames().size());
    }
  }

  @Test
  void readsLightgbmRankWithQueryFile() {
    Path data = sharedData().resolve("lightgbm-lambdarank");
    Path file = data.resolve("rank.train");
    Assumptions.assumeTrue(Files.exists(file), file + " is absent; skipping");
    ReadOptions options = ReadOptions.defaults().withLabel("label").withGroupFile(data.resolve("rank.train.query"));
    try (Table t = DataReaders.read(file, options, allocator)) {
      int total = 0;
      for (int g : t.groupSizes()) {
        total += g;
      }
      assertEquals(t.rowCount(), total);
      assertTrue(t.rowCount() > 1000);
    }
  }
}
