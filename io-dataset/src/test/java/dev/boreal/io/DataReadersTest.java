package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataReadersTest {
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

  private InputException inputError(Path file) {
    return assertThrows(InputException.class,
        () -> DataReaders.read(file, ReadOptions.defaults(), allocator).close());
  }

  @Test
  void unknownFormatNameIsAUsageErrorListingTheChoices() {
    UsageException e = assertThrows(UsageException.class, () -> DataFormat.fromName("xlsx"));
    assertTrue(e.getMessage().contains("'xlsx'") && e.getMessage().contains("parquet"), e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @Test
  void formatNamesAndAliases() {
    assertEquals(DataFormat.LIBSVM, DataFormat.fromName(" SVMlight "));
    assertEquals(DataFormat.ARROW, DataFormat.fromName("feather"));
    assertEquals(DataFormat.PARQUET, DataFormat.fromName("pq"));
    assertEquals(DataFormat.PARQUET, DataFormat.fromExtension("x.PARQUET"));
    assertEquals(DataFormat.ARROW, DataFormat.fromExtension("x.ipc"));
    assertNull(DataFormat.fromExtension("rank.train"));
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope.parquet");
    InputException e = inputError(file);
    assertEquals(file + ": no such file.", e.getMessage());
    assertEquals(1, e.exitCode());
  }

  @Test
  void emptyFile() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.libsvm"));
    assertTrue(inputError(file).getMessage().contains("empty"));
  }

  @Test
  void directory() {
    assertTrue(inputError(dir).getMessage().contains("directory"));
  }

  @Test
  void parquetExtensionOnTextIsRefusedBeforeNativeCode() throws IOException {
    Path file = dir.resolve("fake.parquet");
    Files.write(file, "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
    InputException e = inputError(file);
    assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("not a Parquet file"),
        e.getMessage());
  }

  @Test
  void arrowFormatOnTextIsRefused() throws IOException {
    Path file = dir.resolve("data.txt");
    Files.write(file, "1 1:1\n".getBytes(StandardCharsets.US_ASCII));
    InputException e = assertThrows(InputException.class, () -> DataReaders.read(file,
        ReadOptions.defaults().withFormat(DataFormat.ARROW), allocator).close());
    assertTrue(e.getMessage().contains("not an Arrow IPC file"), e.getMessage());
  }

  @Test
  void sniffsParquetWithoutExtension() throws IOException {
    Path file = dir.resolve("noext1");
    try (VectorSchemaRoot root = ArrowFileReaderTest.sample(allocator)) {
      ArrowFileFixtures.writeParquet(file, List.of(root));
    }
    try (Table t = DataReaders.read(file, ReadOptions.defaults(), allocator)) {
      assertEquals(4, t.rowCount());
      assertTrue(t.isCategorical("s"));
    }
  }

  @Test
  void sniffsArrowWithoutExtension() throws IOException {
    Path file = dir.resolve("noext2");
    try (VectorSchemaRoot root = ArrowFileReaderTest.sample(allocator)) {
      ArrowFileFixtures.writeIpc(file, new DictionaryProvider.MapDictionaryProvider(), List.of(root));
    }
    try (Table t = DataReaders.read(file, ReadOptions.defaults(), allocator)) {
      assertEquals(4, t.rowCount());
    }
  }

  @Test
  void sniffsLibSvmWithoutExtension() throws IOException {
    Path file = dir.resolve("noext3");
    Files.write(file, "1 qid:2 1:0.5 3:1 # first\n0 qid:2 2:1\n".getBytes(StandardCharsets.US_ASCII));
    try (Table t = DataReaders.read(file, ReadOptions.defaults(), allocator)) {
      assertEquals(List.of("label", "f1", "f2", "f3"), t.columnNames());
      assertEquals(2, t.rowCount());
    }
  }

  @Test
  void sniffing() {
    assertEquals(DataFormat.LIBSVM, sniff("1 1:2 3:4\n"));
    assertEquals(DataFormat.LIBSVM, sniff("-1\t0:1e-3\t7:2\r\n"));
    assertEquals(DataFormat.LIBSVM, sniff("2 qid:10 1:1 # note\n"));
    assertEquals(DataFormat.TSV, sniff("a\tb\n1\t2\n"));
    assertEquals(DataFormat.CSV, sniff("a,b\n1,2\n"));
    assertEquals(DataFormat.CSV, sniff("1 2 3\n"));
    assertEquals(DataFormat.PARQUET, sniff("PAR1xyz"));
    assertEquals(DataFormat.ARROW, sniff("ARROW1\0\0"));
  }

  @Test
  void sniffingALongNonLibSvmLineIsQuick() {
    StringBuilder line = new StringBuilder("1");
    for (int i = 0; i < 20_000; i++) {
      line.append(" 1:2");
    }
    line.append(" x");
    // A backtracking pattern would take minutes here; the scan is linear.
    assertEquals(DataFormat.CSV, sniff(line.toString()));
  }

  private static DataFormat sniff(String head) {
    return DataReaders.sniff(head.getBytes(StandardCharsets.UTF_8));
  }
}
