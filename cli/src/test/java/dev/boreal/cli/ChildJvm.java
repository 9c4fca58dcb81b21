package dev.boreal.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code boreal} program in a JVM of its own, for what only a whole process shows: signals, limits, races. */
final class ChildJvm {
  private ChildJvm() {}

  /** {@code java ... dev.boreal.cli.Main args}, with this test's classpath and Arrow's JVM flag. */
  static List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /** Starts the program with standard output and error going to {@code out} and {@code err}. */
  static Process start(Path out, Path err, List<String> command) throws IOException {
    return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }
}
