package dev.boreal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.boreal.BorealException;
import dev.boreal.io.ReadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without Arrow's {@code --add-opens} gets one Boreal sentence naming the flag from every
 * Arrow entry point of the API, instead of Arrow's stack trace and a later {@code NoClassDefFoundError}.
 * Surefire runs the tests with the flag, so the check runs in a child JVM started without it.
 */
class ArrowFlagTest {
  private static final String SENTENCE = "UsageException: Arrow (reading files, tables from memory, RowBatch and "
      + "ArrowFeatures) needs the JVM option --add-opens=java.base/java.nio=ALL-UNNAMED on the java command line; "
      + "scoring double[] rows and maps does not.";

  @Test
  void withoutTheFlagEveryArrowEntryPointNamesIt() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        WithoutTheFlag.class.getName());
    // The flag must not slip in through the environment either.
    pb.environment().remove("JDK_JAVA_OPTIONS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.redirectErrorStream(true);
    Process child = pb.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    child.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, child.exitValue(), output);
    assertEquals(String.join("\n", SENTENCE, SENTENCE, SENTENCE, SENTENCE, SENTENCE) + "\n", output);
    assertFalse(output.contains("NoClassDefFoundError"), output);
  }

  /** The child: calls each Arrow entry point and prints what it throws, one line each. */
  public static final class WithoutTheFlag {
    private WithoutTheFlag() {}

    /** Prints one line per entry point. */
    public static void main(String[] args) {
      List<Runnable> entryPoints = List.of(
          () -> Boreal.read(Path.of("data.csv"), ReadOptions.defaults()),
          () -> Boreal.table("t", Map.of("x", new double[] {1}), ReadOptions.defaults()),
          () -> Boreal.rows(null, List.of()),
          () -> ArrowFeatures.of(null, null, List.of("x")),
          () -> Boreal.table("t", (VectorSchemaRoot) null, null, ReadOptions.defaults()));
      for (Runnable entryPoint : entryPoints) {
        try {
          entryPoint.run();
          System.out.println("no error");
        } catch (BorealException e) {
          System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
      }
    }
  }
}
