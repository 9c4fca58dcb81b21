package dev.boreal.io;

import dev.boreal.UsageException;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Arrow Dataset's native readers and writer (JNI, about 78 MB of native libraries), which the io module
 * does not depend on: the optional {@code boreal-io-dataset} artifact supplies this service, found through
 * {@link ServiceLoader}. Parquet needs it. Arrow IPC files are read with Arrow's Java reader when it is
 * absent (uncompressed files only) and through Arrow Dataset when it is present, as before the split.
 * CSV, TSV and LibSVM never need it.
 */
public interface DatasetFormats {
  /**
   * Scans the record batches of {@code file}, a {@link DataFormat#PARQUET} or {@link DataFormat#ARROW}
   * file, handing the open reader to {@code consumer}, and closes the scan after it returns or fails.
   *
   * @throws IOException when the file cannot be opened or scanned
   */
  void scan(Path file, DataFormat format, BufferAllocator allocator, BatchConsumer consumer) throws IOException;

  /**
   * Writes the table in the Arrow IPC file {@code ipc} as Parquet to {@code out}, an {@link OutputFile}'s
   * temporary file. Intermediate files go in a new folder beside {@code ipc} and are removed again.
   *
   * @throws IOException when the table cannot be read, converted or written
   */
  void writeParquet(Path ipc, WritableByteChannel out) throws IOException;

  /** Reads the batches of a scan while it is open. */
  @FunctionalInterface
  interface BatchConsumer {
    /** Reads every batch it needs from {@code batches}; the scan is closed afterwards. */
    void accept(ArrowReader batches) throws IOException;
  }

  /** The provider on the classpath, if any. */
  static Optional<DatasetFormats> find() {
    return ServiceLoader.load(DatasetFormats.class, DatasetFormats.class.getClassLoader()).findFirst();
  }

  /**
   * The provider on the classpath, needed for {@code what}.
   *
   * @throws UsageException naming the artifact to add when no provider is on the classpath
   */
  static DatasetFormats require(String what) {
    return find().orElseThrow(() -> new UsageException(what + " need the boreal-io-dataset artifact (Arrow "
        + "Dataset's native reader and writer) on the classpath; add dev.boreal:boreal-io-dataset, or use "
        + "CSV, TSV, LibSVM or uncompressed Arrow IPC files, which need no native code."));
  }
}
