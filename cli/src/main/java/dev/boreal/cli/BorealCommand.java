package dev.boreal.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code boreal} command: global options and the list of subcommands. */
@Command(
    name = "boreal",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Gradient-boosted trees and random forests for tabular data, in pure Java.",
    subcommands = {DemoCommand.class, DescribeCommand.class, TrainCommand.class, PredictCommand.class,
        EvalCommand.class, ExplainCommand.class, ImportanceCommand.class, ConvertCommand.class, ServeCommand.class,
        CompareCommand.class, CvCommand.class, ProfileCommand.class, DriftCommand.class, CalibrateCommand.class},
    commandListHeading = "%nCommands:%n")
public final class BorealCommand implements Runnable {
  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  private boolean verbose;

  @picocli.CommandLine.Spec
  private picocli.CommandLine.Model.CommandSpec spec;

  /** Whether {@code --verbose} was given anywhere on the command line. */
  boolean verbose() {
    return verbose;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
