package dev.boreal.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code boreal} command: global options and the subcommands. Picocli reads a command's options
 * when it is added, which for all of them took about a fifth of a second of every run; {@link #addCommands}
 * adds only the one a command line names, and only names and descriptions where the list is needed (help, a
 * misspelt name).
 */
@Command(
    name = "boreal",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Gradient-boosted trees and random forests for tabular data, in pure Java.",
    commandListHeading = "%nCommands:%n")
public final class BorealCommand implements Runnable {
  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  private boolean verbose;

  @picocli.CommandLine.Spec
  private CommandSpec spec;

  /** Every subcommand, in the order {@code boreal --help} lists them. */
  private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, DescribeCommand.class,
      TrainCommand.class, PredictCommand.class, EvalCommand.class, ExplainCommand.class, ImportanceCommand.class,
      ConvertCommand.class, ServeCommand.class, CompareCommand.class, CvCommand.class, ProfileCommand.class,
      DriftCommand.class, CalibrateCommand.class);

  /**
   * Adds to {@code root} the subcommand the first word of {@code args} names, every subcommand when that word is
   * {@code demo} (which runs the others), and each one's name and description alone when the word names none (no
   * word: the help's list; a misspelt one: its error and suggestions); {@code --version} alone needs none.
   */
  static void addCommands(CommandLine root, String... args) {
    String word = null;
    boolean versionOnly = false;
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        word = arg;
        break;
      }
      versionOnly |= arg.equals("--version") || arg.equals("-V");
    }
    if (word == null && versionOnly) {
      return;
    }
    boolean listOnly = word == null || !isCommand(word);
    for (Class<?> command : COMMANDS) {
      Command annotation = command.getAnnotation(Command.class);
      String name = annotation.name();
      if (listOnly) {
        root.addSubcommand(name, listing(annotation));
      } else if (word.equals(name) || word.equals("demo")) {
        root.addSubcommand(name, command);
      }
    }
  }

  /**
   * A command's name and description without its options: reading those would load the engine, Arrow and model
   * classes their fields and methods name, which a list of commands does not need.
   */
  private static CommandLine listing(Command annotation) {
    CommandSpec spec = CommandSpec.create().name(annotation.name());
    spec.usageMessage().description(annotation.description());
    return new CommandLine(spec);
  }

  private static boolean isCommand(String word) {
    for (Class<?> command : COMMANDS) {
      if (command.getAnnotation(Command.class).name().equals(word)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code --verbose} was given anywhere on the command line. */
  boolean verbose() {
    return verbose;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
