package dev.boreal.io;

import static dev.boreal.io.CsvTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a CSV file decides that its user may not expect: a column made categorical by one stray value, a
 * numeral too large for a double, a delimiter at the end of every line. Each is said, or refused, in one
 * sentence that names the file, the column and the way out.
 */
class CsvSurprisesTest {
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void nothingLeaks() {
    assertEquals(0, allocator.getAllocatedMemory());
    allocator.close();
  }

  /** 5,000 rows of y,x,z; x holds numbers but for {@code stray} at row {@code at} (0-based). */
  private Path numbersWith(String stray, int at) throws IOException {
    StringBuilder b = new StringBuilder("y,x,z\n");
    for (int r = 0; r < 5000; r++) {
      b.append(r % 2).append(',').append(r == at ? stray : Double.toString(r * 0.25)).append(',').append(r % 7)
          .append('\n');
    }
    return write(dir, "stray.csv", b.toString());
  }

  private Table read(Path file, ReadOptions options) {
    return DataReaders.read(file, options.withThreads(2), allocator);
  }

  @Test
  void oneStrayWordIsNotedWithItsRowAndTheWaysOut() throws IOException {
    Path file = numbersWith("oops", 4811);
    try (Table t = read(file, ReadOptions.defaults())) {
      assertTrue(t.isCategorical("x"));
      assertEquals(List.of(new ReadNote("x", file + ": column 'x' reads as categorical because 1 of its 5000 values"
          + " is not a number (the first, 'oops', at row 4812); give --numeric x to read such values as missing,"
          + " or --categorical x to keep it categorical.")), t.notes());
    }
  }

  /** In small blocks on two threads, the stray word sits in a late block after blocks that read x as numbers. */
  @Test
  void theNoteIsTheSameWhateverTheBlocks() throws IOException {
    Path file = numbersWith("oops", 4811);
    ReadOptions options = ReadOptions.defaults().withFormat(DataFormat.CSV).withThreads(2);
    RawTable raw = new CsvReader(256).read(file, options, allocator);
    try (Table.Releaser release = new Table.Releaser(raw)) {
      assertEquals(1, raw.notes().size());
      assertTrue(raw.notes().get(0).message().contains("1 of its 5000 values is not a number (the first, 'oops', "
          + "at row 4812)"), raw.notes().toString());
    }
  }

  @Test
  void aTrailingDelimiterIsDroppedAcrossBlocks() throws IOException {
    StringBuilder b = new StringBuilder("a,b,\n");
    for (int r = 0; r < 200; r++) {
      b.append(r).append(',').append(r % 3 == 0 ? "NA" : "x" + r % 5).append(",\n");
    }
    ReadOptions options = ReadOptions.defaults().withFormat(DataFormat.CSV).withThreads(2);
    RawTable raw = new CsvReader(64).read(write(dir, "trail.csv", b.toString()), options, allocator);
    try (Table.Releaser release = new Table.Releaser(raw)) {
      assertEquals(2, raw.root().getFieldVectors().size());
      assertEquals("Column_2", raw.notes().get(0).column());
    }
  }

  @Test
  void aNulByteIsQuotedVisibly() throws IOException {
    Path file = numbersWith("\0", 99);
    try (Table t = read(file, ReadOptions.defaults())) {
      assertEquals(1, t.notes().size());
      assertTrue(t.notes().get(0).message().contains("(the first, '\\u0000', at row 100)"), t.notes().toString());
    }
  }

  @Test
  void numericReadsStrayValuesAsMissingAndNotesNothing() throws IOException {
    Path file = numbersWith("oops", 4811);
    try (Table t = read(file, ReadOptions.defaults().withNumeric(Set.of("x")))) {
      assertFalse(t.isCategorical("x"));
      double[] x = t.numericColumn("x");
      assertTrue(Double.isNaN(x[4811]));
      assertEquals(4810 * 0.25, x[4810], 0.0);
      assertEquals(1, Arrays.stream(x).filter(Double::isNaN).count());
      assertEquals(List.of(), t.notes());
    }
  }

  @Test
  void numericByPositionAlsoWorks() throws IOException {
    Path file = numbersWith("oops", 0);
    try (Table t = read(file, ReadOptions.defaults().withNumeric(Set.of("1")))) {
      assertFalse(t.isCategorical("x"));
    }
  }

  @Test
  void aForcedCategoricalColumnIsNotNoted() throws IOException {
    Path file = numbersWith("oops", 10);
    try (Table t = read(file, ReadOptions.defaults().withCategorical(Set.of("x")))) {
      assertEquals(List.of(), t.notes());
    }
  }

  @Test
  void aColumnOfWordsIsNotNoted() throws IOException {
    Path file = write(dir, "words.csv", "y,color\n1,red\n0,2\n1,blue\n0,green\n");
    try (Table t = read(file, ReadOptions.defaults())) {
      assertEquals(List.of(), t.notes());
    }
  }

  @Test
  void moreThanAFewStrayValuesInAShortColumnAreNotNoted() throws IOException {
    StringBuilder b = new StringBuilder("y,x\n");
    for (int r = 0; r < 100; r++) {
      b.append(r % 2).append(',').append(r % 10 == 0 ? "n/a" + r : Integer.toString(r)).append('\n');
    }
    try (Table t = read(write(dir, "ten.csv", b.toString()), ReadOptions.defaults())) {
      assertTrue(t.isCategorical("x"));
      assertEquals(List.of(), t.notes(), "10 of 100 values is a pattern, not a typo");
    }
  }

  @Test
  void numericAndCategoricalOnOneColumnIsAUsageError() throws IOException {
    Path file = numbersWith("oops", 0);
    UsageException e = assertThrows(UsageException.class, () -> read(file,
        ReadOptions.defaults().withNumeric(Set.of("x")).withCategorical(Set.of("x"))).close());
    assertEquals(file + ": column 'x' is named by both --categorical and --numeric.", e.getMessage());
  }

  @Test
  void numericNamingAnUnknownColumnIsAUsageError() throws IOException {
    Path file = numbersWith("oops", 0);
    UsageException e = assertThrows(UsageException.class,
        () -> read(file, ReadOptions.defaults().withNumeric(Set.of("w"))).close());
    assertTrue(e.getMessage().contains("--numeric names column 'w'"), e.getMessage());
  }

  @Test
  void aNumeralBeyondTheDoubleRangeIsAnErrorNotInfinity() throws IOException {
    Path file = write(dir, "big.csv", "y,x\n1,2\n0,1e400\n");
    InputException e = assertThrows(InputException.class, () -> read(file, ReadOptions.defaults()).close());
    assertEquals(file + ": line 3, column 'x': the number '1e400' is too large for a double (above "
        + Double.MAX_VALUE + ").", e.getMessage());
  }

  @Test
  void aHugeDigitFieldIsAnErrorQuotedShort() throws IOException {
    byte[] digits = new byte[1 << 20];
    Arrays.fill(digits, (byte) '9');
    Path file = write(dir, "digits.csv", "y,x\n1,-" + new String(digits, StandardCharsets.US_ASCII) + "\n");
    InputException e = assertThrows(InputException.class, () -> read(file, ReadOptions.defaults()).close());
    assertTrue(e.getMessage().startsWith(file + ": line 2, column 'x': the number '-99999"), e.getMessage());
    assertTrue(e.getMessage().contains("... (1048577 bytes) is too large for a double"), e.getMessage());
  }

  @Test
  void infinityWordsKeepTheirMeaning() throws IOException {
    Path file = write(dir, "inf.csv", "y,x\n1,inf\n0,-Infinity\n1,1e308\n");
    try (Table t = read(file, ReadOptions.defaults())) {
      assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e308},
          t.numericColumn("x"), 0.0);
    }
  }

  @Test
  void aTrailingDelimiterOnEveryLineAddsNoColumn() throws IOException {
    Path file = write(dir, "trail.csv", "a,b,c,\n1,2,3,\n4,5,6,\n");
    try (Table t = read(file, ReadOptions.defaults().withLabel("a"))) {
      assertEquals(List.of("a", "b", "c"), t.columnNames());
      assertEquals(List.of("b", "c"), t.featureNames());
      assertEquals(List.of(new ReadNote("Column_3", file + ": every line ends with a delimiter, which makes an"
          + " unnamed last column without values; it is left out.")), t.notes());
    }
  }

  @Test
  void anUnnamedLastColumnWithValuesIsKept() throws IOException {
    Path file = write(dir, "unnamed.csv", "a,b,\n1,2,3\n4,5,\n");
    try (Table t = read(file, ReadOptions.defaults())) {
      assertEquals(List.of("a", "b", "Column_2"), t.columnNames());
      assertEquals(List.of(), t.notes());
    }
  }

  @Test
  void aNamedEmptyLastColumnIsKept() throws IOException {
    Path file = write(dir, "named.csv", "a,b,c\n1,2,\n4,5,\n");
    try (Table t = read(file, ReadOptions.defaults())) {
      assertEquals(List.of("a", "b", "c"), t.columnNames());
    }
  }
}
