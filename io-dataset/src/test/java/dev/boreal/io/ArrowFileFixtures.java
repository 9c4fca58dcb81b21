package dev.boreal.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.dataset.file.DatasetFileWriter;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * Writes Arrow IPC and Parquet files for the reader tests: IPC with Arrow's own file writer, Parquet by
 * reading that IPC file back and handing it to Arrow Dataset's writer.
 */
final class ArrowFileFixtures {
  private ArrowFileFixtures() {}

  /** Writes each of {@code batches} (all of one schema) as one record batch of an IPC file. */
  static void writeIpc(Path file, DictionaryProvider dictionaries, List<VectorSchemaRoot> batches)
      throws IOException {
    VectorSchemaRoot first = batches.get(0);
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
        VectorSchemaRoot staging = VectorSchemaRoot.create(first.getSchema(), allocatorOf(first));
        ArrowFileWriter writer = new ArrowFileWriter(staging, dictionaries, out)) {
      writer.start();
      for (VectorSchemaRoot batch : batches) {
        // The writer writes whatever its root holds, so each batch is loaded into that root in turn.
        try (ArrowRecordBatch records = new VectorUnloader(batch).getRecordBatch()) {
          new VectorLoader(staging).load(records);
        }
        writer.writeBatch();
      }
      writer.end();
    }
  }

  /**
   * Native Parquet writes return some buffers after {@code write} returns (apache/arrow-java#1255, the reason
   * TableWriter keeps one allocator for them too), so they must not draw on a test's allocator, whose leak
   * check would then fail now and then.
   */
  private static final BufferAllocator PARQUET_WRITES = new RootAllocator();

  /** Writes {@code batches} as a Parquet file at {@code file} (through a temporary IPC file). */
  static void writeParquet(Path file, List<VectorSchemaRoot> batches) throws IOException {
    Path dir = Files.createTempDirectory(file.getParent(), "pq");
    Path ipc = dir.resolve("staging.arrow");
    writeIpc(ipc, new DictionaryProvider.MapDictionaryProvider(), batches);
    Path outDir = dir.resolve("out");
    try (FileChannel in = FileChannel.open(ipc);
        org.apache.arrow.vector.ipc.ArrowFileReader reader =
            new org.apache.arrow.vector.ipc.ArrowFileReader(in, PARQUET_WRITES)) {
      DatasetFileWriter.write(PARQUET_WRITES, reader, FileFormat.PARQUET, outDir.toUri().toString());
    }
    try (Stream<Path> written = Files.list(outDir)) {
      Path only = written.findFirst().orElseThrow();
      Files.move(only, file, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.delete(outDir);
    Files.delete(ipc);
    Files.delete(dir);
  }

  private static BufferAllocator allocatorOf(VectorSchemaRoot root) {
    return root.getFieldVectors().get(0).getAllocator();
  }
}
