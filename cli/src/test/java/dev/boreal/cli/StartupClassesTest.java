package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cheap commands load only what they print: {@code --version} no command model, {@code --help} and a misspelt
 * command no Arrow, engine, histogram or JSON classes. Each runs in a JVM of its own, which lists the classes it
 * loads ({@code -verbose:class}); the classes a test JVM already holds would hide them here.
 */
class StartupClassesTest {
  /** Prefixes of the classes the cheap commands must not load: what training, reading and model files need. */
  private static final List<String> HEAVY = List.of("org.apache.arrow.", "dev.boreal.engine.",
      "dev.boreal.histogram.", "com.fasterxml.jackson.");

  @TempDir
  Path dir;

  /** The classes {@code boreal args} loads, by name, after checking it exits with {@code exitCode}. */
  private List<String> loaded(int exitCode, String... args) throws Exception {
    List<String> command = ChildJvm.command(args);
    command.add(1, "-verbose:class");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = ChildJvm.start(out, err, command);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "boreal " + String.join(" ", args) + " finished");
    assertEquals(exitCode, process.exitValue(), Files.readString(err));
    return Files.readAllLines(out).stream()
        .filter(line -> line.contains("[class,load] "))
        .map(line -> line.substring(line.indexOf("[class,load] ") + 13).split(" ")[0])
        .toList();
  }

  private static List<String> heavy(List<String> classes) {
    return classes.stream().filter(c -> HEAVY.stream().anyMatch(c::startsWith)).toList();
  }

  @Test
  void versionBuildsNoCommandModel() throws Exception {
    List<String> classes = loaded(0, "--version");
    assertEquals(List.of(), heavy(classes));
    assertFalse(classes.contains("picocli.CommandLine"), "picocli's command line is not built");
    assertFalse(classes.contains(TrainCommand.class.getName()), "no command class is loaded");
  }

  @Test
  void helpAndAMisspeltCommandListTheCommandsWithoutWhatTheyRun() throws Exception {
    List<String> help = loaded(0, "--help");
    assertEquals(List.of(), heavy(help));
    assertTrue(help.contains("picocli.CommandLine"), "the help is picocli's");
    assertEquals(List.of(), heavy(loaded(2, "trian")));
  }

  @Test
  void aCommandsOwnHelpStillReadsItsOptions() throws Exception {
    // The control: train's help table names the engine's parameters, so the check above would see engine classes.
    assertFalse(heavy(loaded(0, "train", "--help")).isEmpty());
  }
}
