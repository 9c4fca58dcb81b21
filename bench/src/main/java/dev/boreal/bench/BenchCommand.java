package dev.boreal.bench;

import dev.boreal.BorealException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import picocli.CommandLine;

/**
 * How the bench module's commands ({@code bench compare}, {@code bench suite}) run: picocli on the given streams,
 * a usage or input error as one line on stderr with its exit code (2 for bad usage), anything else that escapes
 * as one line with exit code 3, and no stack trace either way.
 */
final class BenchCommand {
  private BenchCommand() {}

  /**
   * Runs a command on the process's standard streams and exits the JVM with its status: what a {@code main} does.
   *
   * @param run the command's {@code run(out, err, args)}
   */
  static void exit(BiFunction<PrintWriter, PrintWriter, Integer> run) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run.apply(out, err));
  }

  /**
   * Parses {@code args} into {@code command}, runs it and returns its exit status; never exits the JVM.
   *
   * @param name the word that starts every error line, e.g. {@code suite}
   */
  static int execute(Object command, String name, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = new CommandLine(command);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler((ex, failed) -> {
      err.println(name + ": " + ex.getMessage() + " (see --help)");
      return 2;
    });
    cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> {
      err.println(name + ": " + ex.getMessage());
      return ex instanceof BorealException be ? be.exitCode() : 3;
    });
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
