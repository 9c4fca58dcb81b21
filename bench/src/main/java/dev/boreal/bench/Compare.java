package dev.boreal.bench;

import dev.boreal.UsageException;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code boreal bench compare}: trains Boreal, LightGBM and XGBoost on the same data with parameters built
 * from one {@link ComparisonSpec} (and refused unless equivalent), Boreal and LightGBM also on quantized
 * gradients ({@code use_quantized_grad=true}), each in a child JVM of its own
 * ({@link CompareChild}), one after the other, {@code --repeat} times, and prints the median figures.
 *
 * <p>Without {@code --data} it writes the seeded Higgs-like data of {@code boreal demo} (training seed 42,
 * test seed 43 with a fifth of the rows). That data has 28 numeric features and one categorical column,
 * {@code channel}, which every library leaves out: the peers' Java bindings take numbers only.
 */
@Command(name = "boreal bench compare", sortOptions = false,
    description = "Side-by-side training and prediction with LightGBM and XGBoost on equivalent parameters, "
        + "Boreal and LightGBM also with use_quantized_grad=true.")
public final class Compare implements Callable<Integer> {
  @Option(names = "--rows", description = "Synthetic training rows (default ${DEFAULT-VALUE}).")
  int rows = 1_000_000;
  @Option(names = "--features", description = "Synthetic numeric features used, at most 28 (default ${DEFAULT-VALUE}).")
  int features = 28;
  @Option(names = "--rounds", description = "Boosting rounds (default ${DEFAULT-VALUE}).")
  int rounds = 100;
  @Option(names = "--leaves", description = "Leaves per tree (default ${DEFAULT-VALUE}).")
  int leaves = 255;
  @Option(names = "--learning-rate", description = "Learning rate (default ${DEFAULT-VALUE}).")
  double learningRate = 0.1;
  @Option(names = "--threads", description = "Threads per library (default ${DEFAULT-VALUE}).")
  int threads = 2;
  @Option(names = "--repeat", description = "Runs per library; the table shows medians (default ${DEFAULT-VALUE}).")
  int repeat = 1;
  @Option(names = "--data", description = "Training file instead of synthetic data (needs --label and --valid).")
  Path data;
  @Option(names = "--valid", description = "Test file scored by every library (with --data).")
  Path valid;
  @Option(names = "--label", description = "Label column of --data, by name or 0-based position.")
  String label;
  @Option(names = "--no-header", description = "--data and --valid have no header line.")
  boolean noHeader;
  @Option(names = "--ignore", split = ",", description = "Columns of --data every library leaves out.")
  List<String> ignore = new ArrayList<>();
  @Option(names = "--objective", description = "binary, regression, multiclass or lambdarank (default ${DEFAULT-VALUE}).")
  String objective = "binary";
  @Option(names = "--num-class", description = "Classes of a multiclass objective.")
  int numClass;
  @Option(names = "--no-shap", description = "Skip timing the peers' SHAP values.")
  boolean noShap;
  @Option(names = "--warm-up", paramLabel = "SECONDS", description = "Wall time each library scores (batch, "
      + "single rows, SHAP) untimed before each timing, so the JVM's JIT has compiled Boreal's code "
      + "(default ${DEFAULT-VALUE}).")
  double warmUp = 1.0;
  @Option(names = "--json", description = "Also write the results as JSON to this file.")
  Path json;
  @Option(names = "--scaling", description = "Then time the --scaling-libraries at 100k and 1M training rows (and more with --scaling-max).")
  boolean scaling;
  @Option(names = "--scaling-max", description = "Largest size of --scaling, by factors of 10 (default ${DEFAULT-VALUE}).")
  int scalingMax = 1_000_000;
  @Option(names = "--scaling-min", description = "Smallest size of --scaling (default ${DEFAULT-VALUE}).")
  int scalingMin = 100_000;
  @Option(names = "--scaling-libraries", split = ",",
      description = "Libraries timed at each --scaling size, from boreal, boreal-quantized, lightgbm, "
          + "lightgbm-quantized, xgboost (default ${DEFAULT-VALUE}).")
  List<String> scalingLibraries = new ArrayList<>(List.of("boreal", "lightgbm"));
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  private PrintWriter out;

  /** Runs the comparison and exits with its status (0 done, 2 bad usage, 3 a failed run). */
  public static void main(String[] args) {
    BenchCommand.exit((out, err) -> run(out, err, args));
  }

  /** Runs the comparison with the given streams and returns the exit status; never exits the JVM. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    Compare compare = new Compare();
    compare.out = out;
    return BenchCommand.execute(compare, "compare", out, err, args);
  }

  @Override
  public Integer call() throws Exception {
    if (!(warmUp >= 0)) {
      throw new UsageException("--warm-up must be a number of seconds >= 0, not " + warmUp + ".");
    }
    if (features < 1 || features > SyntheticData.numericFeatureNames().length) {
      throw new UsageException("--features must be between 1 and 28: the synthetic data has 28 numeric features.");
    }
    ComparisonSpec spec = new ComparisonSpec(objective, numClass, rounds, leaves, learningRate, 255, threads);
    Map<String, Map<String, String>> maps = spec.checkedMaps();
    checkScaling(maps.keySet());
    Path work = Files.createTempDirectory("boreal-compare");
    try {
      Inputs in = inputs(work);
      if (data != null) {
        // The peers take numbers only: a text column would fail every child, after Boreal's had trained.
        ReadOptions read = ReadOptions.defaults().withLabel(in.label).withHeader(in.header).withIgnore(in.ignore)
            .withThreads(threads);
        try (RootAllocator allocator = new RootAllocator()) {
          DenseData.requireNumericFeatures(in.test, read, allocator);
          DenseData.requireNumericFeatures(in.train, read, allocator);
        }
      }
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("data", data == null ? "synthetic Higgs-like, seeds 42/43" : data.toString());
      context.put("train_rows", data == null ? rows : null);
      context.put("features", in.features < 0 ? "all of the file's, less the ignored" : in.features);
      context.put("ignored", in.ignore);
      context.put("repeat", repeat);
      context.put("cores", Runtime.getRuntime().availableProcessors());
      context.put("load_average_at_start", loadAverage());
      context.put("java", System.getProperty("java.version"));
      context.put("jvm_options", String.join(" ", CompareChild.jvmOptions()));
      out.println("data: " + context.get("data") + (data == null ? ", " + rows + " training rows, "
          + rows / 5 + " test rows" : "") + "; features: " + context.get("features") + "; left out: " + in.ignore);
      out.println(machineLine(context));
      ComparisonReport.printParameters(out, maps);

      CompareRuns runs = CompareRuns.run(ComparisonSpec.LIBRARIES, repeat,
          library -> runChild(library, in.train, in.test, spec, maps.get(library), in, !noShap, warmUp, work), out);
      context.put("load_average_1min_around_runs", runs.loads());
      Map<String, Measurement> medians = runs.medians();
      ComparisonReport.printTable(out, ComparisonSpec.LIBRARIES, medians, runs.failures(), repeat);
      out.println("1-minute load average before→after each run: " + String.join(", ", runs.loads()));

      List<ComparisonReport.ScalePoint> points = scaling ? scale(spec, maps, work) : List.of();
      if (!points.isEmpty()) {
        ComparisonReport.printScaling(out, points);
      }
      if (json != null) {
        ComparisonReport.writeJson(json, context, maps, medians, runs.failures(), points);
        out.println("wrote " + json);
      }
      return runs.failures().isEmpty() ? 0 : 3;
    } finally {
      CompareChild.deleteTree(work);
    }
  }

  /** Refuses scaling options that could not run, before the comparison spends its time. */
  private void checkScaling(Set<String> libraries) {
    if (!scaling) {
      return;
    }
    for (String library : scalingLibraries) {
      if (!libraries.contains(library)) {
        throw new UsageException("--scaling-libraries names '" + library + "'; expected some of "
            + String.join(", ", libraries) + ".");
      }
    }
    if (scalingLibraries.isEmpty() || scalingMin < 10 || scalingMax < scalingMin) {
      throw new UsageException("--scaling needs at least one library and 10 <= --scaling-min <= --scaling-max"
          + " (got " + scalingMin + " and " + scalingMax + ").");
    }
  }

  /** The files and read settings every library gets; {@code features} is -1 for a file's own. */
  private record Inputs(Path train, Path test, String label, boolean header, Set<String> ignore, int features) {}

  private Inputs inputs(Path work) throws IOException {
    if (data != null) {
      if (valid == null || label == null) {
        throw new UsageException("--data needs --valid (the test file) and --label.");
      }
      return new Inputs(data, valid, label, !noHeader, Set.copyOf(ignore), -1);
    }
    if (rows < 10) {
      throw new UsageException("--rows must be at least 10.");
    }
    Path train = work.resolve("train.csv");
    Path test = work.resolve("test.csv");
    SyntheticData.writeCsv(train, rows, 42);
    SyntheticData.writeCsv(test, Math.max(2, rows / 5), 43);
    return new Inputs(train, test, SyntheticData.LABEL, true, syntheticIgnore(), features);
  }

  /** {@code channel}, and the numeric features past {@code --features}. */
  private Set<String> syntheticIgnore() {
    Set<String> out = new HashSet<>();
    out.add(SyntheticData.CHANNEL);
    String[] names = SyntheticData.numericFeatureNames();
    out.addAll(Arrays.asList(names).subList(features, names.length));
    return out;
  }

  /**
   * Each of {@code --scaling-libraries} at {@code --scaling-min} rows and ten times as many up to {@code
   * --scaling-max}, on a 100k-row test file,
   * one library after the other at each size, so that every size's ratios come from the same stretch of time.
   */
  private List<ComparisonReport.ScalePoint> scale(ComparisonSpec spec, Map<String, Map<String, String>> maps,
      Path work) throws Exception {
    Path test = work.resolve("scaling-test.csv");
    SyntheticData.writeCsv(test, 100_000, 43);
    List<ComparisonReport.ScalePoint> points = new ArrayList<>();
    for (long n = scalingMin; n <= scalingMax; n *= 10) {
      Path train = work.resolve("scaling-" + n + ".csv");
      SyntheticData.writeCsv(train, Math.toIntExact(n), 42);
      Inputs in = new Inputs(train, test, SyntheticData.LABEL, true, syntheticIgnore(), features);
      for (String library : scalingLibraries) {
        out.printf("scaling: %s at %,d rows...%n", library, n);
        out.flush();
        // Only training is reported at each size: prediction needs no warm-up.
        Measurement m = runChild(library, train, test, spec, maps.get(library), in, false, 0, work);
        points.add(new ComparisonReport.ScalePoint(library, n, m.constructionSeconds(), m.trainingSeconds(),
            m.peakRssMegabytes(), m.phaseSeconds()));
      }
      Files.delete(train);
    }
    return points;
  }

  private static Measurement runChild(String library, Path train, Path test, ComparisonSpec spec,
      Map<String, String> params, Inputs in, boolean shap, double warmUpSeconds, Path work) throws IOException,
      InterruptedException {
    return CompareChild.run(library, train, test, spec, params, in.label, in.header, in.ignore, shap, warmUpSeconds,
        work);
  }

  /** The report's line on the machine, from a context holding cores, load average, Java and JVM options. */
  static String machineLine(Map<String, Object> context) {
    String options = context.get("jvm_options").toString();
    return "machine: " + context.get("cores") + " cores, load average at start "
        + context.get("load_average_at_start") + ", Java " + context.get("java")
        + (options.isEmpty() ? "" : ", JVM options " + options);
  }

  /** The 1-, 5- and 15-minute load averages, or "n/a" where /proc is not available. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "n/a";
    }
  }
}
