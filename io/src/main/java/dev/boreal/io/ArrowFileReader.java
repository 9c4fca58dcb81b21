package dev.boreal.io;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/** Placeholder until this reader lands; being written now. */
final class ArrowFileReader implements FormatReader {
  @Override
  public RawTable read(Path file, ReadOptions options, BufferAllocator allocator) throws IOException {
    throw new IOException("ArrowFileReader is being written");
  }
}
