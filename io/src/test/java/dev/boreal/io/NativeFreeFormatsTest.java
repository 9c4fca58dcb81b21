package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.histogram.FeatureColumn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The io module alone, without boreal-io-dataset (so without native code): Arrow IPC files round-trip
 * through Arrow's Java reader, and Parquet is refused with one sentence naming the artifact to add.
 */
class NativeFreeFormatsTest {
  @TempDir Path dir;

  @Test
  void arrowIpcRoundTripsWithoutTheNativeReader() {
    Path file = dir.resolve("t.arrow");
    TableWriter.write(file, new TableWriter.Columns()
        .add("score", new double[] {0.5, Double.NaN, -2})
        .add("leaf", new int[] {4, 0, 9})
        .add("class", new String[] {"b", null, "a"}));
    try (BufferAllocator allocator = new RootAllocator();
        Table t = DataReaders.read(file, ReadOptions.defaults().withCategorical(Set.of("class")), allocator)) {
      assertEquals(DataFormat.ARROW, t.format());
      assertEquals(3, t.rowCount());
      double[] score = t.numericColumn("score");
      assertEquals(0.5, score[0], 0.0);
      assertTrue(Double.isNaN(score[1]));
      assertEquals(-2, score[2], 0.0);
      assertArrayEquals(new double[] {4, 0, 9}, t.numericColumn("leaf"), 0.0);
      FeatureColumn c = t.column("class");
      int[] codes = new int[3];
      c.readCodes(0, 3, codes);
      assertEquals("b", c.categories()[codes[0]]);
      assertEquals(FeatureColumn.MISSING_CODE, codes[1]);
      assertEquals("a", c.categories()[codes[2]]);
    }
  }

  @Test
  void readingParquetNamesTheArtifactToAdd() throws IOException {
    Path file = dir.resolve("t.parquet");
    Files.write(file, "PAR1 a file that starts like Parquet PAR1".getBytes(StandardCharsets.US_ASCII));
    try (BufferAllocator allocator = new RootAllocator()) {
      UsageException e = assertThrows(UsageException.class,
          () -> DataReaders.read(file, ReadOptions.defaults(), allocator));
      assertTrue(e.getMessage().contains("boreal-io-dataset"), e.getMessage());
    }
  }

  @Test
  void anUnreadableArrowIpcFileMayBeCompressedWhichNeedsTheNativeReader() throws IOException {
    Path file = dir.resolve("t.arrow");
    Files.write(file, "ARROW1\0\0 not really batches".getBytes(StandardCharsets.US_ASCII));
    try (BufferAllocator allocator = new RootAllocator()) {
      InputException e = assertThrows(InputException.class,
          () -> DataReaders.read(file, ReadOptions.defaults(), allocator));
      assertTrue(e.getMessage().startsWith(file + ": is not an Arrow IPC file that can be read"), e.getMessage());
      assertTrue(e.getMessage().contains("compressed ones need boreal-io-dataset"), e.getMessage());
    }
  }

  @Test
  void writingParquetNamesTheArtifactToAddAndLeavesNoFile() throws IOException {
    Path file = dir.resolve("out.parquet");
    UsageException e = assertThrows(UsageException.class,
        () -> TableWriter.write(file, new TableWriter.Columns().add("x", new double[] {1})));
    assertTrue(e.getMessage().contains("boreal-io-dataset"), e.getMessage());
    try (var left = Files.list(dir)) {
      assertFalse(left.findAny().isPresent(), "no partial or staging file is left behind");
    }
  }
}
