package dev.boreal.io;

import dev.boreal.UsageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Parquet reading and writing, which Arrow's Java libraries do only through native code (Arrow Dataset over
 * JNI, about 78 MB of native libraries). The io module stays free of native code: the optional
 * {@code boreal-io-dataset} artifact supplies this service, found through {@link ServiceLoader} when a
 * Parquet file is first read or written. CSV, TSV, LibSVM and Arrow IPC need no provider.
 */
public interface ParquetFormat {
  /**
   * Scans {@code file}'s record batches, handing the open reader to {@code consumer}, and closes the scan
   * after it returns or fails.
   *
   * @throws IOException when the file cannot be opened or scanned
   */
  void scan(Path file, BufferAllocator allocator, BatchConsumer consumer) throws IOException;

  /**
   * Writes the table in the Arrow IPC file {@code ipc} as the Parquet file {@code target}, replacing it.
   *
   * @throws IOException when either file cannot be read or written
   */
  void write(Path ipc, Path target) throws IOException;

  /** Reads the batches of a scan while it is open. */
  @FunctionalInterface
  interface BatchConsumer {
    /** Reads every batch it needs from {@code batches}; the scan is closed afterwards. */
    void accept(ArrowReader batches) throws IOException;
  }

  /**
   * The provider on the classpath.
   *
   * @throws UsageException naming the artifact to add when no provider is on the classpath
   */
  static ParquetFormat installed() {
    return ServiceLoader.load(ParquetFormat.class, ParquetFormat.class.getClassLoader()).findFirst()
        .orElseThrow(() -> new UsageException("Parquet files need the boreal-io-dataset artifact (Arrow "
            + "Dataset's native Parquet reader) on the classpath; add dev.boreal:boreal-io-dataset, or use "
            + "CSV, TSV, LibSVM or Arrow IPC files, which need no native code."));
  }
}
