package dev.boreal.cli;

import dev.boreal.BorealException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * The {@code boreal} program: parses the command line, runs one command, and turns every error into one
 * line on stderr and an exit code (0 success, 1 bad data, 2 bad usage, 3 an internal error).
 */
public final class Main {
  /** Exit code for a failure that is Boreal's fault rather than the input's. */
  static final int INTERNAL_ERROR = 3;
  /** Arrow's exception for exhausted off-heap memory, named so the CLI does not depend on Arrow's classes. */
  private static final String ARROW_OUT_OF_MEMORY = "org.apache.arrow.memory.OutOfMemoryException";

  private Main() {}

  /**
   * Runs the program and exits the JVM with its exit code. Stopped before the command finishes (SIGTERM,
   * Ctrl-C), it removes the outputs it was writing and says so in one line ({@code Interruption}).
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    Interruption interruption = Interruption.install(err);
    int code;
    try {
      code = run(out, err, interruption::started, args);
    } finally {
      interruption.finished();
    }
    System.exit(code);
  }

  /** Runs the program with the given streams and returns the exit code; never exits the JVM. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, command -> {}, args);
  }

  /** As {@link #run(PrintWriter, PrintWriter, String...)}, telling {@code started} the command that runs. */
  private static int run(PrintWriter out, PrintWriter err, Consumer<String> started, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // The version alone needs no command model: building picocli's took most of this command's time.
      out.println(VersionProvider.line());
      out.flush();
      return 0;
    }
    BorealCommand root = new BorealCommand();
    CommandLine cmd = new CommandLine(root);
    cmd.setExecutionStrategy(parsed -> {
      List<CommandLine> commands = parsed.asCommandLineList();
      started.accept(commands.get(commands.size() - 1).getCommandName());
      return new CommandLine.RunLast().execute(parsed);
    });
    BorealCommand.addCommands(cmd, args);
    CommandLine train = cmd.getSubcommands().get("train");
    if (train != null && train.getCommand() instanceof TrainCommand) {
      TrainCommand.describeParameters(train);
    }
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler((ex, ignoredArgs) -> {
      CommandLine failed = ex.getCommandLine();
      err.println("boreal: " + sentence(ex.getMessage()) + " See '" + failed.getCommandSpec().qualifiedName()
          + " --help'.");
      return 2;
    });
    cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> {
      boolean verbose = root.verbose();
      if (isOutOfMemory(ex)) {
        return outOfMemory(err, ex, verbose);
      }
      if (ex instanceof BorealException be) {
        err.println("boreal: " + be.getMessage());
        if (verbose) {
          ex.printStackTrace(err);
        }
        return be.exitCode();
      }
      err.println("boreal: internal error: " + ex
          + (verbose ? "" : " (run again with --verbose for the stack trace)"));
      if (verbose) {
        ex.printStackTrace(err);
      }
      return INTERNAL_ERROR;
    });
    int code;
    try {
      code = cmd.execute(args);
    } catch (OutOfMemoryError e) {
      code = outOfMemory(err, e, root.verbose());
    }
    out.flush();
    err.flush();
    return code;
  }

  /** Whether the JVM's heap, or Arrow's off-heap memory, ran out somewhere in {@code e}'s causes. */
  static boolean isOutOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError || t.getClass().getName().equals(ARROW_OUT_OF_MEMORY)) {
        return true;
      }
    }
    return false;
  }

  /** One sentence for running out of memory, with the heap's size and how to raise it; exit code 1. */
  static int outOfMemory(PrintWriter err, Throwable e, boolean verbose) {
    long heapMb = Runtime.getRuntime().maxMemory() >> 20;
    err.println("boreal: out of memory (the Java heap may grow to " + heapMb + " MB); give the JVM more with "
        + "BOREAL_JAVA_OPTS=-Xmx8g (and -XX:MaxDirectMemorySize=8g for Arrow's buffers), or use fewer rows or "
        + "columns.");
    if (verbose) {
      e.printStackTrace(err);
    }
    return 1;
  }

  private static String sentence(String message) {
    String m = message.strip();
    return m.endsWith(".") ? m : m + ".";
  }
}
