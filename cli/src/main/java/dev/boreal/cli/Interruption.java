package dev.boreal.cli;

import dev.boreal.io.UnfinishedOutputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one line the program prints when it is stopped (SIGTERM, Ctrl-C) before its command finished, after
 * {@link UnfinishedOutputs}' shutdown hook has removed the temporary files of the outputs being written. A
 * server is stopped that way as a matter of course and says so itself, so {@code serve} stays quiet here.
 */
final class Interruption {
  private final PrintWriter err;
  private volatile String command;
  private volatile boolean finished;

  private Interruption(PrintWriter err) {
    this.err = err;
  }

  /** Starts listening for the JVM being stopped; the line goes to {@code err}. */
  static Interruption install(PrintWriter err) {
    Interruption interruption = new Interruption(err);
    UnfinishedOutputs.whenStopped(interruption::stopped);
    return interruption;
  }

  /** Records the command that runs; a command such as demo that runs others keeps its own name. */
  void started(String name) {
    if (command == null) {
      command = name;
    }
  }

  /** The command returned: stopping the JVM from now on is the program's own exit, not an interruption. */
  void finished() {
    finished = true;
  }

  private void stopped(List<Path> removed) {
    if (finished || "serve".equals(command)) {
      return;
    }
    err.println(line(removed));
    err.flush();
  }

  /** What an interrupted run says about the outputs it was writing, which are now removed. */
  static String line(List<Path> removed) {
    if (removed.isEmpty()) {
      return "boreal: interrupted before the command finished; no output was left half-written.";
    }
    String names = removed.stream().map(Path::toString).collect(Collectors.joining(", "));
    return "boreal: interrupted; removed the unfinished " + names + (removed.size() == 1
        ? " (an earlier file there is kept as it was)." : " (earlier files there are kept as they were).");
  }
}
