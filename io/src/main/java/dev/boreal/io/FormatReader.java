package dev.boreal.io;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/** Reads one file format into Arrow columns; roles (label, weight, ...) are applied afterwards by {@link Table}. */
interface FormatReader {
  /**
   * Reads every column of {@code file}. Malformed content is reported as a {@link dev.boreal.InputException}
   * naming the file, row and column; on any failure everything allocated is released.
   */
  RawTable read(Path file, ReadOptions options, BufferAllocator allocator) throws IOException;
}
