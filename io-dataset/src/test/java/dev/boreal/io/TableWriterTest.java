package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.histogram.FeatureColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every output format reads back to what was written, and a failed write leaves nothing behind. */
class TableWriterTest {
  @TempDir Path dir;

  private static TableWriter.Columns sample() {
    return new TableWriter.Columns()
        .add("score", new double[] {0.25, Double.NaN, -1.5e-9})
        .add("leaf", new int[] {3, 0, 17})
        .add("class", new String[] {"a,b", null, "say \"hi\""});
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.csv", "out.tsv", "out.parquet", "out.arrow"})
  void writtenTablesReadBackEqual(String name) {
    Path file = dir.resolve(name);
    // Parquet goes through Arrow Dataset's native writer; repeat to catch intermittent failures.
    for (int attempt = 0; attempt < 5; attempt++) {
      TableWriter.write(file, sample());
    }
    try (BufferAllocator allocator = new RootAllocator();
        Table t = DataReaders.read(file, ReadOptions.defaults().withCategorical(java.util.Set.of("class")),
            allocator)) {
      assertEquals(3, t.rowCount());
      double[] score = t.numericColumn("score");
      assertEquals(0.25, score[0], 0.0);
      assertTrue(Double.isNaN(score[1]));
      assertEquals(-1.5e-9, score[2], 0.0);
      assertArrayEquals(new double[] {3, 0, 17}, t.numericColumn("leaf"), 0.0);
      FeatureColumn c = t.column("class");
      int[] codes = new int[3];
      c.readCodes(0, 3, codes);
      assertEquals("a,b", c.categories()[codes[0]]);
      assertEquals(FeatureColumn.MISSING_CODE, codes[1]);
      assertEquals("say \"hi\"", c.categories()[codes[2]]);
    }
  }

  @Test
  void missingFolderIsOneSentenceAndNoFile() throws IOException {
    Path file = dir.resolve("nope").resolve("out.csv");
    InputException e = assertThrows(InputException.class, () -> TableWriter.write(file, sample()));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aLinkPlantedAtTheOldFixedTemporaryNameIsNotFollowed() throws IOException {
    // Boreal used to write through ".<name>.partial", following a link placed there onto its target.
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Files.createSymbolicLink(dir.resolve(".out.csv.partial"), victim);
    TableWriter.write(dir.resolve("out.csv"), sample());
    assertEquals("keep me", Files.readString(victim));
    assertTrue(Files.readString(dir.resolve("out.csv")).startsWith("score,leaf,class\n"));
  }

  @Test
  void parquetLeavesNoScratchFiles() throws IOException {
    Path file = dir.resolve("out.parquet");
    TableWriter.write(file, sample());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }
}
