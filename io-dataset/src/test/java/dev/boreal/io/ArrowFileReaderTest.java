package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.histogram.FeatureColumn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowFileReaderTest {
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

  /** Four rows: x double with a null, n int, big long, ok bool, f float, s text with a null. */
  static VectorSchemaRoot sample(BufferAllocator a) {
    Float8Vector x = new Float8Vector("x", a);
    IntVector n = new IntVector("n", a);
    BigIntVector big = new BigIntVector("big", a);
    BitVector ok = new BitVector("ok", a);
    Float4Vector f = new Float4Vector("f", a);
    VarCharVector s = new VarCharVector("s", a);
    VectorSchemaRoot root = VectorSchemaRoot.of(x, n, big, ok, f, s);
    root.allocateNew();
    double[] xs = {1.5, Double.NaN, -2.25, 3.0};
    String[] ss = {"red", "blue", null, "red"};
    for (int r = 0; r < 4; r++) {
      if (Double.isNaN(xs[r])) {
        x.setNull(r);
      } else {
        x.set(r, xs[r]);
      }
      n.set(r, 10 * r);
      big.set(r, 1L << (40 + r));
      ok.set(r, r % 2);
      f.set(r, 0.5f * r);
      if (ss[r] == null) {
        s.setNull(r);
      } else {
        s.setSafe(r, ss[r].getBytes(StandardCharsets.UTF_8));
      }
    }
    root.setRowCount(4);
    return root;
  }

  private Table read(Path file, ReadOptions options) {
    return DataReaders.read(file, options, allocator);
  }

  private void assertSample(Table t, int copies) {
    assertEquals(4 * copies, t.rowCount());
    assertEquals(List.of("x", "n", "big", "ok", "f", "s"), t.columnNames());
    for (String numeric : List.of("x", "n", "big", "ok", "f")) {
      assertTrue(t.root().getVector(numeric) instanceof Float8Vector, numeric + " is Float8");
    }
    double[] x = t.numericColumn("x");
    for (int c = 0; c < copies; c++) {
      int o = 4 * c;
      assertArrayEquals(new double[] {1.5, Double.NaN, -2.25, 3.0}, slice(x, o), 0.0);
      assertArrayEquals(new double[] {0, 10, 20, 30}, slice(t.numericColumn("n"), o), 0.0);
      assertArrayEquals(new double[] {0x1p40, 0x1p41, 0x1p42, 0x1p43}, slice(t.numericColumn("big"), o), 0.0);
      assertArrayEquals(new double[] {0, 1, 0, 1}, slice(t.numericColumn("ok"), o), 0.0);
      assertArrayEquals(new double[] {0, 0.5, 1.0, 1.5}, slice(t.numericColumn("f"), o), 0.0);
    }
    assertTrue(t.root().getVector("x").isNull(1), "a null stays null");
    FeatureColumn s = t.column("s");
    assertTrue(s.isCategorical());
    assertArrayEquals(new String[] {"red", "blue"}, s.categories());
    int[] codes = new int[4 * copies];
    s.readCodes(0, codes.length, codes);
    for (int c = 0; c < copies; c++) {
      assertArrayEquals(new int[] {0, 1, FeatureColumn.MISSING_CODE, 0}, java.util.Arrays.copyOfRange(codes, 4 * c, 4 * c + 4));
    }
  }

  private static double[] slice(double[] a, int from) {
    return java.util.Arrays.copyOfRange(a, from, from + 4);
  }

  @Test
  void arrowIpcReadsBackEqual() throws IOException {
    Path file = dir.resolve("sample.arrow");
    try (VectorSchemaRoot root = sample(allocator)) {
      ArrowFileFixtures.writeIpc(file, new DictionaryProvider.MapDictionaryProvider(), List.of(root));
    }
    try (Table t = read(file, ReadOptions.defaults())) {
      assertSample(t, 1);
    }
  }

  @Test
  void parquetReadsBackEqualAcrossBatches() throws IOException {
    Path file = dir.resolve("a sample, 100% #1.parquet"); // URI escaping of odd names
    try (VectorSchemaRoot a = sample(allocator); VectorSchemaRoot b = sample(allocator)) {
      ArrowFileFixtures.writeParquet(file, List.of(a, b));
    }
    try (Table t = read(file, ReadOptions.defaults())) {
      assertSample(t, 2);
    }
  }

  @Test
  void ipcBatchesAreConcatenated() throws IOException {
    Path file = dir.resolve("three.feather");
    try (VectorSchemaRoot a = sample(allocator); VectorSchemaRoot b = sample(allocator);
        VectorSchemaRoot c = sample(allocator)) {
      ArrowFileFixtures.writeIpc(file, new DictionaryProvider.MapDictionaryProvider(), List.of(a, b, c));
    }
    try (Table t = read(file, ReadOptions.defaults())) {
      assertSample(t, 3);
    }
  }

  @Test
  void numericColumnsNamedCategoricalUseTheirNumbersText() throws IOException {
    Path file = dir.resolve("forced.parquet");
    try (VectorSchemaRoot root = sample(allocator)) {
      ArrowFileFixtures.writeParquet(file, List.of(root));
    }
    // "n" by name, "x" by its position 0.
    try (Table t = read(file, ReadOptions.defaults().withCategorical(Set.of("n", "0")))) {
      assertTrue(t.isCategorical("n"));
      assertArrayEquals(new String[] {"0", "10", "20", "30"}, t.column("n").categories());
      assertTrue(t.isCategorical("x"));
      assertArrayEquals(new String[] {"1.5", "-2.25", "3"}, t.column("x").categories());
      int[] codes = new int[4];
      t.column("x").readCodes(0, 4, codes);
      assertArrayEquals(new int[] {0, FeatureColumn.MISSING_CODE, 1, 2}, codes);
      assertFalse(t.isCategorical("big"));
    }
  }

  @Test
  void dictionaryEncodedTextIsCategorical() throws IOException {
    Path file = dir.resolve("dict.arrow");
    DictionaryEncoding encoding = new DictionaryEncoding(7L, false, new ArrowType.Int(32, true));
    try (VarCharVector words = new VarCharVector("words", allocator);
        IntVector codes = new IntVector(new Field("color",
            new FieldType(true, new ArrowType.Int(32, true), encoding), null), allocator)) {
      words.allocateNew();
      words.setSafe(0, "green".getBytes(StandardCharsets.UTF_8));
      words.setSafe(1, "gold".getBytes(StandardCharsets.UTF_8));
      words.setValueCount(2);
      codes.allocateNew(3);
      codes.set(0, 1);
      codes.setNull(1);
      codes.set(2, 0);
      codes.setValueCount(3);
      DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
      provider.put(new Dictionary(words, encoding));
      try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(codes))) {
        root.setRowCount(3);
        ArrowFileFixtures.writeIpc(file, provider, List.of(root));
      }
    }
    try (Table t = read(file, ReadOptions.defaults())) {
      FeatureColumn c = t.column("color");
      // The file's dictionary order is kept, not the order values first appear in.
      assertArrayEquals(new String[] {"green", "gold"}, c.categories());
      int[] out = new int[3];
      c.readCodes(0, 3, out);
      assertArrayEquals(new int[] {1, FeatureColumn.MISSING_CODE, 0}, out);
    }
  }

  @Test
  void unsupportedColumnTypeNamesTheColumn() throws IOException {
    Path file = dir.resolve("dates.arrow");
    try (DateDayVector d = new DateDayVector("when", allocator)) {
      d.allocateNew(1);
      d.set(0, 19000);
      d.setValueCount(1);
      try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(d))) {
        root.setRowCount(1);
        ArrowFileFixtures.writeIpc(file, new DictionaryProvider.MapDictionaryProvider(), List.of(root));
      }
    }
    InputException e = assertThrows(InputException.class, () -> read(file, ReadOptions.defaults()).close());
    assertTrue(e.getMessage().contains("'when'") && e.getMessage().contains("Date"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void corruptParquetIsOneSentenceNamingTheFile() throws IOException {
    Path file = dir.resolve("broken.parquet");
    Files.write(file, "PAR1 this is not really parquet at all PAR1".getBytes(StandardCharsets.US_ASCII));
    InputException e = assertThrows(InputException.class, () -> read(file, ReadOptions.defaults()).close());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains("Parquet"), e.getMessage());
  }

  @Test
  void truncatedArrowFileIsAnInputError() throws IOException {
    Path whole = dir.resolve("whole.arrow");
    try (VectorSchemaRoot root = sample(allocator)) {
      ArrowFileFixtures.writeIpc(whole, new DictionaryProvider.MapDictionaryProvider(), List.of(root));
    }
    byte[] bytes = Files.readAllBytes(whole);
    Path file = dir.resolve("cut.arrow");
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    InputException e = assertThrows(InputException.class, () -> read(file, ReadOptions.defaults()).close());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
