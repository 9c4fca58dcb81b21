package dev.boreal.io;

import static dev.boreal.io.CsvTestSupport.columns;
import static dev.boreal.io.CsvTestSupport.dictionary;
import static dev.boreal.io.CsvTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void nothingLeaks() {
    assertEquals(0, allocator.getAllocatedMemory());
    allocator.close();
  }

  private Table read(Path file, ReadOptions options) {
    return DataReaders.read(file, options, allocator);
  }

  private static List<String> list(String... values) {
    return Arrays.asList(values);
  }

  @Test
  void quotedFieldsHoldDelimitersNewlinesAndDoubledQuotesWithCrlfLineEnds() throws IOException {
    Path f = write(dir, "q.csv", "id,name,score\r\n1,\"a,b\",1.5\r\n2,\"line1\r\nline2\",2\r\n"
        + "3,\"say \"\"hi\"\"\",NA\r\n4,\"\",  -0.25  \r\n");
    try (Table t = read(f, ReadOptions.defaults())) {
      assertEquals(List.of("id", "name", "score"), t.columnNames());
      assertEquals(List.of(list("1.0", "2.0", "3.0", "4.0"),
          list("a,b", "line1\r\nline2", "say \"hi\"", null),
          list("1.5", "2.0", null, "-0.25")), columns(t));
      assertTrue(t.isCategorical("name"));
      assertFalse(t.isCategorical("score"));
    }
  }

  @Test
  void everyMissingTokenIsNullAndNumbersAreExact() throws IOException {
    Path f = write(dir, "m.csv", "x,y\n,1\nNA,2\nNaN,3\nnan,4\nnull,5\nNULL,6\n?,7\nN/A,8\n 0.1 ,9\n"
        + "-1.23456789,1e-3\ninf,-Infinity\n.5,5.\n");
    try (Table t = read(f, ReadOptions.defaults())) {
      List<String> x = columns(t).get(0);
      assertEquals(list(null, null, null, null, null, null, null, null, "0.1", "-1.23456789",
          "Infinity", "0.5"), x);
      assertEquals(list("1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0", "8.0", "9.0", "0.001",
          "-Infinity", "5.0"), columns(t).get(1));
    }
  }

  @Test
  void withoutHeaderColumnsAreNamedByPositionAndTheFirstLineIsData() throws IOException {
    Path f = write(dir, "n.csv", "1,a\n2,b");
    try (Table t = read(f, ReadOptions.defaults().withHeader(false))) {
      assertEquals(List.of("Column_0", "Column_1"), t.columnNames());
      assertEquals(List.of(list("1.0", "2.0"), list("a", "b")), columns(t));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {",", "\t", ";", "|"})
  void detectsTheDelimiter(String d) throws IOException {
    String text = String.join(d, "a", "b", "c") + "\n" + String.join(d, "1", "\"x,y;z|w\"", "3.5") + "\n"
        + String.join(d, "4", "q", "6") + "\n";
    try (Table t = read(write(dir, "d.csv", text), ReadOptions.defaults())) {
      assertEquals(List.of("a", "b", "c"), t.columnNames());
      assertEquals(List.of(list("1.0", "4.0"), list("x,y;z|w", "q"), list("3.5", "6.0")), columns(t));
    }
  }

  @Test
  void tsvFormatMeansTabEvenWhenCommasAreMoreFrequent() throws IOException {
    try (Table t = read(write(dir, "t.tsv", "a,b\tc\n1,2\t3\n"), ReadOptions.defaults())) {
      assertEquals(List.of("a,b", "c"), t.columnNames());
    }
  }

  @Test
  void forcedCategoricalByNameOrPositionKeepsTheOriginalText() throws IOException {
    Path f = write(dir, "c.csv", "code,zip,v\n10,007,1\n20,007,2\n10,,3\n1.50,12,4\n");
    try (Table t = read(f, ReadOptions.defaults().withCategorical(Set.of("code", "1")))) {
      assertTrue(t.isCategorical("code"));
      assertTrue(t.isCategorical("zip"));
      assertFalse(t.isCategorical("v"));
      assertEquals(List.of("10", "20", "1.50"), dictionary(t, "code"));
      assertEquals(List.of("007", "12"), dictionary(t, "zip"));
      assertEquals(list("007", "007", null, "12"), columns(t).get(1));
    }
  }

  @Test
  void dictionaryIsInOrderOfFirstAppearanceWithOneIdPerColumn() throws IOException {
    Path f = write(dir, "k.csv", "c,d\nred,x\nblue,y\nred,NA\ngreen,x\n");
    try (Table t = read(f, ReadOptions.defaults())) {
      assertEquals(List.of("red", "blue", "green"), dictionary(t, "c"));
      assertEquals(List.of("x", "y"), dictionary(t, "d"));
      assertEquals(list("x", "y", null, "x"), columns(t).get(1));
      long id0 = t.root().getVector("c").getField().getDictionary().getId();
      long id1 = t.root().getVector("d").getField().getDictionary().getId();
      assertTrue(id0 != id1);
    }
  }

  @Test
  void allMissingColumnIsNumericBomIsSkippedAndBlankLinesIgnored() throws IOException {
    byte[] body = "x,y\n1,\n\r\n2,NA\n\n\r\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xef;
    bytes[1] = (byte) 0xbb;
    bytes[2] = (byte) 0xbf;
    System.arraycopy(body, 0, bytes, 3, body.length);
    try (Table t = read(write(dir, "b.csv", bytes), ReadOptions.defaults())) {
      assertEquals(List.of("x", "y"), t.columnNames());
      assertFalse(t.isCategorical("y"));
      assertEquals(List.of(list("1.0", "2.0"), list(null, null)), columns(t));
    }
  }

  @Test
  void aColumnThatTurnsToTextInALaterBlockKeepsItsEarlierTextExactly() throws IOException {
    StringBuilder text = new StringBuilder("n,late\n");
    for (int r = 0; r < 200; r++) {
      text.append(r).append(',').append(r == 150 ? "word" : r % 7 == 0 ? "NA" : r + ".50").append('\n');
    }
    Path f = write(dir, "late.csv", text.toString());
    ReadOptions options = ReadOptions.defaults().withFormat(DataFormat.CSV).withThreads(2);
    RawTable raw = new CsvReader(32).read(f, options, allocator);
    try (Table t = new Table(f, raw, options)) {
      assertTrue(t.isCategorical("late"));
      List<String> late = columns(t).get(1);
      assertNull(late.get(0));
      assertEquals("1.50", late.get(1));
      assertEquals("word", late.get(150));
      assertEquals("199.50", late.get(199));
      assertEquals(200, t.rowCount());
      assertEquals("1.50", dictionary(t, "late").get(0));
    }
  }

  @Test
  void outputIsIdenticalForAnyThreadCountAndBlockSize() throws IOException {
    Path f = write(dir, "mixed.csv", randomCsv(new Random(42), 3000));
    List<List<String>> expected = null;
    for (int threads : new int[] {1, 2, 3}) {
      for (int block : new int[] {16, 100, 4096, 1 << 22}) {
        ReadOptions options = ReadOptions.defaults().withFormat(DataFormat.CSV).withThreads(threads);
        RawTable raw = new CsvReader(block).read(f, options, allocator);
        try (Table t = new Table(f, raw, options)) {
          List<List<String>> got = columns(t);
          if (expected == null) {
            expected = got;
            assertEquals(3000, t.rowCount());
          }
          assertEquals(expected, got, "threads=" + threads + " block=" + block);
        }
      }
    }
  }

  /** Numbers, text that appears late, quoted text with delimiters, newlines and quotes, and gaps. */
  static String randomCsv(Random random, int rows) {
    StringBuilder b = new StringBuilder("num,text,mixed,quoted\r\n");
    String[] words = {"alpha", "beta", "\"x,\"\"y\"\"\nz\"", "NA", "", "gamma delta"};
    for (int r = 0; r < rows; r++) {
      b.append(random.nextInt(10) == 0 ? "" : Double.toString(random.nextGaussian())).append(',');
      b.append(words[random.nextInt(words.length)]).append(',');
      b.append(r > rows / 2 && random.nextInt(50) == 0 ? "late" : Integer.toString(random.nextInt(100)))
          .append(',');
      b.append('"').append(random.nextInt(1000)).append(random.nextBoolean() ? ",\n" : "\"\"").append('"');
      b.append(random.nextBoolean() ? "\r\n" : "\n");
    }
    return b.toString();
  }

  @Test
  void randomTextMatchesANaiveReference() throws IOException {
    Random random = new Random(7);
    String text = randomCsv(random, 500);
    Path f = write(dir, "ref.csv", text);
    List<List<String>> expected = naiveParse(text);
    try (Table t = read(f, ReadOptions.defaults().withThreads(2))) {
      List<List<String>> got = columns(t);
      List<String> naiveText = expected.get(1);
      assertEquals(naiveText, got.get(1));
      assertEquals(expected.get(3), got.get(3));
      List<String> nums = new ArrayList<>();
      for (String s : expected.get(0)) {
        nums.add(s == null ? null : Double.toString(Double.parseDouble(s)));
      }
      assertEquals(nums, got.get(0));
      assertEquals(expected.get(2), got.get(2));
    }
  }

  /** A character-by-character RFC 4180 reader, slow and obvious, for comparison. */
  private static List<List<String>> naiveParse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        wasQuoted = true;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        continue;
      } else if (c == ',' || c == '\n') {
        String s = wasQuoted ? field.toString() : field.toString().trim();
        record.add(List.of("", "NA").contains(s) ? null : s);
        field.setLength(0);
        wasQuoted = false;
        if (c == '\n') {
          records.add(record);
          record = new ArrayList<>();
        }
      } else {
        field.append(c);
      }
    }
    List<List<String>> columns = new ArrayList<>();
    for (int c = 0; c < records.get(0).size(); c++) {
      List<String> column = new ArrayList<>();
      for (List<String> r : records.subList(1, records.size())) {
        column.add(r.get(c));
      }
      columns.add(column);
    }
    return columns;
  }
}
