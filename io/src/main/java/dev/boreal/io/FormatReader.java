package dev.boreal.io;

import dev.boreal.histogram.WorkerTeam;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/** Reads one file format into Arrow columns; roles (label, weight, ...) are applied afterwards by {@link Table}. */
interface FormatReader {
  /**
   * Reads every column of {@code file}, on the run's thread team where the format parses in parallel.
   * Malformed content is reported as a {@link dev.boreal.InputException} naming the file, row and column; on
   * any failure everything allocated is released.
   */
  RawTable read(Path file, ReadOptions options, BufferAllocator allocator, WorkerTeam team) throws IOException;

  /** {@link #read(Path, ReadOptions, BufferAllocator, WorkerTeam)} on a team of {@code options.threads()}. */
  default RawTable read(Path file, ReadOptions options, BufferAllocator allocator) throws IOException {
    try (WorkerTeam team = new WorkerTeam(options.threads())) {
      return read(file, options, allocator, team);
    }
  }
}
