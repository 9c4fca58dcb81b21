package dev.boreal.cli;

import dev.boreal.io.SyntheticData;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code boreal demo}: the main job on built-in data. Writes the seeded Higgs-like synthetic set and
 * runs Boreal on it end to end, printing what each step found.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run Boreal end to end on a built-in synthetic data set (Higgs-like, 100,000 rows).")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--rows", paramLabel = "N", description = "Rows to generate (default: ${DEFAULT-VALUE}).")
  int rows = 100_000;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the data generator (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the demo's files (default: a new "
      + "temporary folder).")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Threads to use (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (rows < 10) {
      throw new dev.boreal.UsageException("--rows must be at least 10; got " + rows + ".");
    }
    PrintWriter console = spec.commandLine().getOut();
    Path dir = out != null ? Files.createDirectories(out) : Files.createTempDirectory("boreal-demo-");
    Path data = dir.resolve("higgs-like.csv");
    long start = System.nanoTime();
    SyntheticData.writeCsv(data, rows, seed);
    console.printf(Locale.ROOT, "Wrote %,d synthetic rows to %s in %.2f s%n%n", rows, data, seconds(start));

    SchemaOptions schema = new SchemaOptions();
    schema.label = SyntheticData.LABEL;
    start = System.nanoTime();
    DescribeCommand.print(DescribeCommand.describe(data, schema, threads), console);
    console.printf(Locale.ROOT, "%nRead and binned in %.2f s%n", seconds(start));
    return 0;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
