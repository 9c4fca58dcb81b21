package dev.boreal.cli;

import dev.boreal.UsageException;
import picocli.CommandLine.Option;

/**
 * The {@code --threads} option of the commands that read a data file and score or explain it: every core
 * unless told otherwise, and a clear refusal of a count below one before any file is opened.
 */
final class ThreadCount {
  @Option(names = "--threads", paramLabel = "N", description = "Threads to use (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  /**
   * The number of threads asked for.
   *
   * @throws UsageException if it is below 1
   */
  int get() {
    if (threads < 1) {
      throw new UsageException("--threads must be at least 1; got " + threads + ".");
    }
    return threads;
  }
}
