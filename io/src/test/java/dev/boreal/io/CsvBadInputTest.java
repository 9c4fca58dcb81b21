package dev.boreal.io;

import static dev.boreal.io.CsvTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed delimited text fails with one sentence naming the file, line and column, and leaks nothing. */
class CsvBadInputTest {
  @TempDir Path dir;
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void nothingLeaks() {
    assertEquals(0, allocator.getAllocatedMemory());
    allocator.close();
  }

  private String failure(Path file, ReadOptions options) {
    InputException e = assertThrows(InputException.class, () -> DataReaders.read(file, options, allocator).close());
    String m = e.getMessage();
    assertTrue(m.startsWith(file.toString() + ": "), m);
    assertTrue(m.endsWith("."), m);
    assertEquals(1, m.split("\n").length, m);
    return m;
  }

  /** Reads with tiny blocks on two threads, so the error sits in a late block. */
  private String failureInBlocks(Path file) {
    ReadOptions options = ReadOptions.defaults().withFormat(DataFormat.CSV).withThreads(2);
    InputException e = assertThrows(InputException.class,
        () -> new Table.Releaser(new CsvReader(24).read(file, options, allocator)).close());
    return e.getMessage();
  }

  private static String rows(int n) {
    StringBuilder b = new StringBuilder("a,b,name\n");
    for (int r = 0; r < n; r++) {
      b.append(r).append(",\"q\n").append(r).append("\",w").append(r % 3).append('\n');
    }
    return b.toString();
  }

  @Test
  void headerOnly() throws IOException {
    String m = failure(write(dir, "h.csv", "a,b\n\n"), ReadOptions.defaults());
    assertTrue(m.contains("header line but no data rows"), m);
  }

  @Test
  void wrongFieldCountNamesTheLineAndBothCounts() throws IOException {
    String m = failure(write(dir, "w.csv", "a,b,c\n1,2,3\n4,5\n"), ReadOptions.defaults());
    assertEquals(dir.resolve("w.csv") + ": line 3: expected 3 fields but found 2.", m);
    String many = failure(write(dir, "w2.csv", "a,b\n1,2\n3,4,5,6\n"), ReadOptions.defaults());
    assertTrue(many.contains("line 3: expected 2 fields but found 4"), many);
  }

  @Test
  void wrongFieldCountInALateBlockCountsLinesAcrossBlocksAndQuotedNewlines() throws IOException {
    String text = rows(40) + "9,9\n";
    String m = failureInBlocks(write(dir, "late.csv", text));
    assertTrue(m.contains(": line 82: expected 3 fields but found 2."), m);
  }

  @Test
  void unterminatedQuoteNamesTheLineWhereItOpened() throws IOException {
    String m = failure(write(dir, "u.csv", "a,b\n1,2\n3,\"open\n4,5\n6,7\n"), ReadOptions.defaults());
    assertTrue(m.contains(": line 3, column 'b': a quoted field opens here and is never closed."), m);
    String late = failureInBlocks(write(dir, "u2.csv", rows(30) + "1,2,\"never\n" + "x,y,z\n".repeat(20)));
    assertTrue(late.contains(": line 62, column 'name': a quoted field opens here"), late);
  }

  @Test
  void textAfterAClosingQuote() throws IOException {
    String m = failure(write(dir, "t.csv", "a,b\n1,\"x\"y\n"), ReadOptions.defaults());
    assertTrue(m.contains(": line 2, column 'b': unexpected text after a closing quote."), m);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void invalidUtf8NamesLineAndColumn(int threads) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("id,name\n1,ok\n2,caf".getBytes(StandardCharsets.UTF_8));
    b.write(0xe9);
    b.writeBytes("\n3,x\n".getBytes(StandardCharsets.UTF_8));
    String m = failure(write(dir, "bad.csv", b.toByteArray()), ReadOptions.defaults().withThreads(threads));
    assertTrue(m.contains(": line 3, column 'name': the bytes are not valid UTF-8."), m);
  }

  @Test
  void invalidUtf8InAColumnThatLooksNumericUntilThen() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(rows(30).getBytes(StandardCharsets.UTF_8));
    b.writeBytes("7,\"q\",".getBytes(StandardCharsets.UTF_8));
    b.write(0xff);
    b.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
    String m = failureInBlocks(write(dir, "bad2.csv", b.toByteArray()));
    assertTrue(m.contains(": line 62, column 'name': the bytes are not valid UTF-8."), m);
  }

  @Test
  void invalidUtf8InTheHeader() throws IOException {
    byte[] bytes = {'a', ',', (byte) 0xc3, '\n', '1', ',', '2', '\n'};
    String m = failure(write(dir, "hb.csv", bytes), ReadOptions.defaults());
    assertTrue(m.contains(": line 1, field 2: the bytes are not valid UTF-8."), m);
  }

  @Test
  void duplicateColumnNamesNameBothPositions() throws IOException {
    String m = failure(write(dir, "dup.csv", "x,y,x\n1,2,3\n"), ReadOptions.defaults());
    assertTrue(m.contains("the header names column 'x' twice, at 0-based positions 0 and 2."), m);
  }

  @Test
  void aMissingLabelNamesTheRow() throws IOException {
    String m = failure(write(dir, "l.csv", "y,x\n1,2\nNA,3\n"), ReadOptions.defaults().withLabel("y"));
    assertTrue(m.contains("row 2, column 'y'"), m);
  }

  @Test
  void aDelimiterThatCannotWorkIsAUsageError() throws IOException {
    Path f = write(dir, "d.csv", "a,b\n1,2\n");
    UsageException e = assertThrows(UsageException.class,
        () -> DataReaders.read(f, ReadOptions.defaults().withDelimiter('"'), allocator).close());
    assertTrue(e.getMessage().contains("--delimiter"), e.getMessage());
  }

  @Test
  void onlyBlankLines() throws IOException {
    String m = failure(write(dir, "blank.csv", "\n\r\n\n"), ReadOptions.defaults());
    assertTrue(m.contains("no records"), m);
  }

  @Test
  void moreColumnsThanStatedAreRefused() throws IOException {
    Path file = write(dir, "wide.csv", "a,b,c,d\n1,2,3,4\n");
    String m = failure(file, ReadOptions.defaults().withMaxColumns(3));
    assertEquals(file + ": line 1: the file has 4 columns, more than --max-columns 3 allows.", m);
  }
}
