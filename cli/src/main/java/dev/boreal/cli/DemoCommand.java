package dev.boreal.cli;

import dev.boreal.UsageException;
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
 * {@code boreal demo}: the main job on built-in data. Writes the seeded Higgs-like synthetic set (a
 * training file and a validation file), then describes, trains, evaluates and predicts with the same
 * commands a user would type, printing each command before it runs, trains a random forest beside the
 * boosted model, and compares both with a neural net ({@code boreal compare}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run Boreal end to end on a built-in synthetic data set (Higgs-like, 100,000 rows).")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--rows", paramLabel = "N", description = "Training rows to generate (default: ${DEFAULT-VALUE}); "
      + "the validation file gets a fifth as many.")
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
    if (rows < 100) {
      throw new UsageException("--rows must be at least 100; got " + rows + ".");
    }
    PrintWriter console = spec.commandLine().getOut();
    Path dir = out != null ? Files.createDirectories(out) : Files.createTempDirectory("boreal-demo-");
    Path train = dir.resolve("higgs-like-train.csv");
    Path valid = dir.resolve("higgs-like-valid.csv");
    long start = System.nanoTime();
    SyntheticData.writeCsv(train, rows, seed);
    SyntheticData.writeCsv(valid, Math.max(20, rows / 5), seed + 1);
    console.printf(Locale.ROOT, "Wrote %,d training and %,d validation rows to %s in %.2f s%n", rows,
        Math.max(20, rows / 5), dir, seconds(start));

    String t = Integer.toString(threads);
    Path model = dir.resolve("model.json");
    step(console, "describe", "--data", train.toString(), "--label", SyntheticData.LABEL, "--threads", t);
    step(console, "train", "--data", train.toString(), "--valid", valid.toString(), "--label", SyntheticData.LABEL,
        "--objective", "binary", "--rounds", "200", "--learning-rate", "0.1", "--num-leaves", "31",
        "-p", "metric=auc,binary_logloss", "-p", "early_stopping_round=20", "--log-every", "20",
        "--threads", t, "--model", model.toString());
    step(console, "eval", "--model", model.toString(), "--data", valid.toString(), "--label", SyntheticData.LABEL);
    step(console, "predict", "--model", model.toString(), "--data", valid.toString(),
        "--out", dir.resolve("predictions.csv").toString());
    Path report = dir.resolve("report.html");
    step(console, "explain", "--model", model.toString(), "--data", valid.toString(),
        "--out", dir.resolve("shap.csv").toString(), "--top-k", "3", "--report", report.toString(), "--threads", t);
    console.printf("Explanation report: %s%n", report.toUri());
    // A random forest on the same files; train prints its validation and out-of-bag scores.
    step(console, "train", "--algorithm", "rf", "--data", train.toString(), "--valid", valid.toString(),
        "--label", SyntheticData.LABEL, "--objective", "binary", "--rounds", "100", "-p", "min_samples_leaf=10",
        "-p", "metric=auc,binary_logloss", "--threads", t, "--model", dir.resolve("forest.json").toString());
    // Trees against a neural net on the same split: one table of metrics, time, speed and size.
    step(console, "compare", "--data", train.toString(), "--valid", valid.toString(), "--label", SyntheticData.LABEL,
        "--objective", "binary", "--threads", t, "--out", dir.resolve("compare.md").toString());
    console.printf(Locale.ROOT, "%nDemo finished in %.1f s. Files are in %s%n", seconds(start), dir);
    return 0;
  }

  /** Runs one boreal command as a user would type it, after showing it. */
  private void step(PrintWriter console, String... args) {
    console.printf("%n$ boreal %s%n", String.join(" ", args));
    console.flush();
    int code = spec.root().commandLine().execute(args);
    if (code != 0) {
      throw new IllegalStateException("the demo step 'boreal " + args[0] + "' failed with exit code " + code);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
