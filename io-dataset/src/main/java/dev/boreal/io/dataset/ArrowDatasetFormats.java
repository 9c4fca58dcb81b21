package dev.boreal.io.dataset;

import dev.boreal.io.DataFormat;
import dev.boreal.io.DatasetFormats;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.dataset.file.DatasetFileWriter;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeDataset;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.jni.NativeScanner;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Reads Parquet and Arrow IPC files with Arrow Dataset's native scanner, and writes Parquet with its writer. */
public final class ArrowDatasetFormats implements DatasetFormats {
  private static final long BATCH_ROWS = 64 * 1024;

  /**
   * Arrow Dataset's Parquet writer can hand its last buffers back after {@code write} returns
   * (apache/arrow-java#1255), so closing a per-call allocator fails now and then with "memory was leaked".
   * Parquet writes therefore share one allocator that lives as long as the process.
   */
  private static final BufferAllocator PARQUET_WRITES = new RootAllocator();

  /** Made by {@link java.util.ServiceLoader}. */
  public ArrowDatasetFormats() {}

  @Override
  public void scan(Path file, DataFormat format, BufferAllocator allocator, BatchConsumer consumer)
      throws IOException {
    String uri = file.toAbsolutePath().toUri().toString();
    try (FileSystemDatasetFactory factory = new FileSystemDatasetFactory(allocator, NativeMemoryPool.getDefault(),
            format == DataFormat.ARROW ? FileFormat.ARROW_IPC : FileFormat.PARQUET, uri);
        NativeDataset dataset = factory.finish();
        NativeScanner scanner = dataset.newScan(new ScanOptions(BATCH_ROWS));
        ArrowReader reader = scanner.scanBatches()) {
      consumer.accept(reader);
    }
  }

  /** Arrow Dataset writes a folder of files; the one file it writes is copied to {@code out}. */
  @Override
  public void writeParquet(Path ipc, WritableByteChannel out) throws IOException {
    Path staging = Files.createTempDirectory(ipc.toAbsolutePath().getParent(), "parquet-");
    try {
      Path outDir = staging.resolve("out");
      try (FileChannel in = FileChannel.open(ipc);
          ArrowFileReader reader = new ArrowFileReader(in, PARQUET_WRITES)) {
        DatasetFileWriter.write(PARQUET_WRITES, reader, FileFormat.PARQUET, outDir.toUri().toString());
      } catch (RuntimeException e) {
        // The native writer reports its I/O failures (a full disk among them) as unchecked exceptions.
        throw new IOException(e.getMessage(), e);
      }
      try (var written = Files.list(outDir)) {
        Path only = written.findFirst().orElseThrow(() -> new IOException("Arrow Dataset wrote no file"));
        try (FileChannel in = FileChannel.open(only)) {
          for (long at = 0, size = in.size(); at < size; ) {
            at += in.transferTo(at, size - at, out);
          }
        }
      }
    } finally {
      deleteTree(staging);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path p : paths) {
        Files.deleteIfExists(p);
      }
    }
  }
}
