package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {
  private static final String[] NAMES = {"x", "y", "w", "q", "junk"};

  @TempDir Path dir;
  private BufferAllocator allocator;
  private Path file;

  @BeforeEach
  void open() throws IOException {
    allocator = new RootAllocator();
    file = parquet("roles.parquet", new double[][] {
      {0.1, 0.2, 0.3, 0.4, 0.5, 0.6},
      {1, 0, 1, 1, 0, 0},
      {1, 2, 1, 2, 1, 2},
      {5, 5, 9, 9, 9, 5},
      {7, 7, 7, 7, 7, 7},
    });
  }

  @AfterEach
  void noLeaks() {
    assertEquals(0, allocator.getAllocatedMemory(), "every buffer is released");
    allocator.close();
  }

  /** A Parquet file with numeric columns named from {@link #NAMES}; NaN is written as null. */
  private Path parquet(String name, double[][] columns) throws IOException {
    Path out = dir.resolve(name);
    List<FieldVector> vectors = new ArrayList<>();
    for (int c = 0; c < columns.length; c++) {
      Float8Vector v = new Float8Vector(NAMES[c], allocator);
      v.allocateNew(columns[c].length);
      for (int r = 0; r < columns[c].length; r++) {
        if (Double.isNaN(columns[c][r])) {
          v.setNull(r);
        } else {
          v.set(r, columns[c][r]);
        }
      }
      v.setValueCount(columns[c].length);
      vectors.add(v);
    }
    try (VectorSchemaRoot root = new VectorSchemaRoot(vectors)) {
      root.setRowCount(columns[0].length);
      ArrowFileFixtures.writeParquet(out, List.of(root));
    }
    return out;
  }

  private Table read(Path f, ReadOptions options) {
    return DataReaders.read(f, options, allocator);
  }

  @Test
  void labelByNameWeightGroupAndIgnore() {
    ReadOptions o = ReadOptions.defaults().withLabel("y").withWeight("w").withGroup("q")
        .withIgnore(Set.of("junk"));
    try (Table t = read(file, o)) {
      assertEquals("y", t.labelName());
      assertEquals("w", t.weightName());
      assertEquals("q", t.groupName());
      assertEquals(List.of("x"), t.featureNames());
      assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2}, t.weights(), 0.0);
      assertArrayEquals(new int[] {2, 3, 1}, t.groupSizes(), "runs of equal ids in row order");
      assertArrayEquals(new double[] {1, 0, 1, 1, 0, 0}, t.numericColumn(t.labelName()), 0.0);
    }
  }

  @Test
  void rolesByPosition() {
    try (Table t = read(file, ReadOptions.defaults().withLabel("1").withIgnore(Set.of("4")))) {
      assertEquals("y", t.labelName());
      assertEquals(List.of("x", "w", "q"), t.featureNames());
      assertNull(t.weights());
      assertNull(t.groupSizes());
    }
  }

  @Test
  void unknownLabelIsAUsageErrorNamingIt() {
    UsageException e = assertThrows(UsageException.class,
        () -> read(file, ReadOptions.defaults().withLabel("target")).close());
    assertTrue(e.getMessage().contains("--label") && e.getMessage().contains("'target'"), e.getMessage());
    UsageException far = assertThrows(UsageException.class,
        () -> read(file, ReadOptions.defaults().withLabel("9")).close());
    assertTrue(far.getMessage().contains("below 5"), far.getMessage());
  }

  @Test
  void unknownIgnoredOrCategoricalColumnIsAUsageError() {
    assertThrows(UsageException.class, () -> read(file, ReadOptions.defaults().withIgnore(Set.of("zz"))).close());
    assertThrows(UsageException.class,
        () -> read(file, ReadOptions.defaults().withCategorical(Set.of("zz"))).close());
  }

  @Test
  void groupFileSizesMustAddUpToTheRows() throws IOException {
    Path query = dir.resolve("roles.query");
    Files.write(query, "2\n2\n".getBytes(StandardCharsets.US_ASCII));
    InputException e = assertThrows(InputException.class,
        () -> read(file, ReadOptions.defaults().withGroupFile(query)).close());
    assertTrue(e.getMessage().startsWith(query.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("add up to 4") && e.getMessage().contains("6 rows"), e.getMessage());
  }

  @Test
  void groupFileWithAGoodAndABadLine() throws IOException {
    Path good = dir.resolve("good.query");
    Files.write(good, "4\n\n2\n".getBytes(StandardCharsets.US_ASCII));
    try (Table t = read(file, ReadOptions.defaults().withGroupFile(good))) {
      assertArrayEquals(new int[] {4, 2}, t.groupSizes());
    }
    Path bad = dir.resolve("bad.query");
    Files.write(bad, "4\nzero\n".getBytes(StandardCharsets.US_ASCII));
    InputException e = assertThrows(InputException.class,
        () -> read(file, ReadOptions.defaults().withGroupFile(bad)).close());
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'zero'"), e.getMessage());
  }

  @Test
  void nanLabelNamesTheRow() throws IOException {
    Path f = parquet("nan.parquet", new double[][] {{1, 2, 3}, {0, 1, Double.NaN}});
    InputException e = assertThrows(InputException.class,
        () -> read(f, ReadOptions.defaults().withLabel("y")).close());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("'y'"), e.getMessage());
  }

  @Test
  void infiniteLabelNamesTheRow() throws IOException {
    Path f = dir.resolve("inf.libsvm");
    Files.write(f, "1 1:1\n-inf 1:2\n".getBytes(StandardCharsets.US_ASCII));
    InputException e = assertThrows(InputException.class,
        () -> read(f, ReadOptions.defaults().withLabel("label")).close());
    assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("infinite"), e.getMessage());
  }

  @Test
  void missingWeightIsAnError() throws IOException {
    Path f = parquet("w.parquet", new double[][] {{1, 2}, {0, 1}, {1, Double.NaN}});
    InputException e = assertThrows(InputException.class,
        () -> read(f, ReadOptions.defaults().withLabel("y").withWeight("w")).close());
    assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("weight"), e.getMessage());
  }

  @Test
  void textLabelIsCategoricalButMustBePresent() throws IOException {
    Path f = dir.resolve("text.arrow");
    try (VarCharVector y = new VarCharVector("y", allocator)) {
      y.allocateNew();
      y.setSafe(0, "cat".getBytes(StandardCharsets.UTF_8));
      y.setNull(1);
      y.setValueCount(2);
      try (VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(y))) {
        root.setRowCount(2);
        ArrowFileFixtures.writeIpc(f, new org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider(),
            List.of(root));
      }
    }
    InputException e = assertThrows(InputException.class,
        () -> read(f, ReadOptions.defaults().withLabel("y")).close());
    assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("missing"), e.getMessage());
  }
}
