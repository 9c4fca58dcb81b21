package dev.boreal.cli;

import dev.boreal.engine.Parallel;
import dev.boreal.io.DataReaders;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Reads a data file on a command's own thread team and hands the open table to the work that follows on the
 * same team ({@code profile}, {@code drift} and train's second read for the drift profile), so that a command
 * runs one team of {@code --threads} threads, never two. The table and its memory are released when the work
 * returns.
 */
final class TeamTable {
  /** What a command does with the table while it is open. */
  interface Work<T> {
    T apply(Table table) throws IOException;
  }

  private TeamTable() {}

  /**
   * Reads {@code data} on {@code team}, prints the reading's notes to {@code notes} (unless null: they were
   * printed when the file was read before) and returns what {@code work} makes of the table.
   */
  static <T> T read(Path data, ReadOptions options, Parallel team, PrintWriter notes, Work<T> work)
      throws IOException {
    try (BufferAllocator allocator = new RootAllocator();
        Table table = DataReaders.read(data, options, allocator, team.team())) {
      if (notes != null) {
        ReadNotes.print(table.notes(), notes);
      }
      return work.apply(table);
    }
  }
}
