package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which subcommands a command line gets: the one it names, or all (names and descriptions) where a list is needed. */
class BorealCommandTest {
  private static final List<String> ALL = List.of("demo", "describe", "train", "predict", "eval", "explain",
      "importance", "convert", "serve", "compare", "cv", "profile", "drift", "calibrate");

  private static CommandLine root(String... args) {
    CommandLine root = new CommandLine(new BorealCommand());
    BorealCommand.addCommands(root, args);
    return root;
  }

  private static List<String> added(String... args) {
    return List.copyOf(root(args).getSubcommands().keySet());
  }

  @Test
  void aNamedCommandIsTheOnlyOneBuilt() {
    assertEquals(List.of("predict"), added("predict", "--model", "m.json"));
    assertEquals(List.of("drift"), added("--verbose", "drift", "--json"));
  }

  @Test
  void helpAMisspeltNameAndDemoGetEveryCommandInOrder() {
    assertEquals(ALL, added());
    assertEquals(ALL, added("--help"));
    assertEquals(ALL, added("trian", "--data", "x.csv"));
    assertEquals(ALL, added("demo", "--rows", "100"));
  }

  @Test
  void theHelpsListIsNamesAndDescriptionsAloneAndReadsAsTheWholeCommands() {
    CommandLine listed = root("--help");
    CommandLine whole = root("demo");
    assertFalse(listed.getSubcommands().get("train").getCommand() instanceof TrainCommand, "train's options unread");
    assertTrue(whole.getSubcommands().get("train").getCommand() instanceof TrainCommand);
    assertEquals(whole.getUsageMessage(), listed.getUsageMessage());
  }

  @Test
  void versionAloneNeedsNone() {
    assertEquals(List.of(), added("--version"));
    assertEquals(List.of(), added("-V"));
  }

  @Test
  void theProgramStillAnswersEachCase() {
    CliRunner help = CliRunner.run("--help");
    assertEquals(0, help.exitCode);
    for (String name : ALL) {
      assertEquals(true, help.out.contains("  " + name + " "), name);
    }
    CliRunner version = CliRunner.run("--version");
    assertEquals(0, version.exitCode);
    assertEquals("boreal (development build)\n", version.out);
    CliRunner wrong = CliRunner.run("trian");
    assertEquals(2, wrong.exitCode);
    assertEquals("boreal: Unmatched argument at index 0: 'trian'. See 'boreal --help'.\n", wrong.err);
  }
}
