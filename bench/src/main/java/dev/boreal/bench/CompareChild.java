package dev.boreal.bench;

import dev.boreal.BorealException;
import dev.boreal.io.ReadOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The child JVM of the comparisons: runs one library's {@link Trial} (the timing trial of {@code bench compare}
 * or the accuracy trial of {@code bench suite}) and writes its {@link Measurement}, so that each library gets a
 * fresh process, its own JIT and heap, and a peak-memory figure of its own.
 *
 * <p>Arguments: {@code LIBRARY TRAIN TEST RESULT} and then {@code key=value} pairs: {@code trial}
 * ({@code timing} or {@code accuracy}), {@code read.label}, {@code read.header}, {@code read.ignore}
 * (comma-separated), {@code read.threads}, {@code objective} (the run's LightGBM objective), {@code metric},
 * {@code shap}, {@code warm_up_s} (seconds, {@link PredictionTiming}), and the library's parameters as
 * {@code param.NAME=VALUE}. {@link #run} and {@link #runAccuracy}
 * start it; both go through one launcher.
 */
public final class CompareChild {
  /** The first word of the child's last line when its trial fails, followed by the error. */
  private static final String FAILED = "failed:";

  private CompareChild() {}

  /** Runs one trial; exits 1 with the stack trace and then a one-line {@code failed: ...} on stderr when it fails. */
  public static void main(String[] args) {
    try {
      runTrial(args);
    } catch (Exception | Error e) {
      e.printStackTrace();
      // A typed exception's message is already a sentence for people; anything else keeps its class's name.
      System.err.println(FAILED + " " + (e instanceof BorealException ? e.getMessage() : e.toString()));
      System.exit(1);
    }
  }

  private static void runTrial(String[] args) throws Exception {
    String library = args[0];
    Path train = Path.of(args[1]);
    Path test = Path.of(args[2]);
    Path result = Path.of(args[3]);
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      String key = args[i].substring(0, eq);
      String value = args[i].substring(eq + 1);
      if (key.startsWith("param.")) {
        params.put(key.substring("param.".length()), value);
      } else {
        settings.put(key, value);
      }
    }
    String ignore = settings.getOrDefault("read.ignore", "");
    ReadOptions options = ReadOptions.defaults()
        .withLabel(settings.get("read.label"))
        .withHeader(Boolean.parseBoolean(settings.getOrDefault("read.header", "true")))
        .withIgnore(ignore.isEmpty() ? Set.of() : Set.of(ignore.split(",")))
        .withThreads(Integer.parseInt(settings.getOrDefault("read.threads", "1")));
    String objective = settings.get("objective");
    String metric = settings.get("metric");
    try (Contender c = Contender.create(library)) {
      Measurement m = settings.getOrDefault("trial", "timing").equals("accuracy")
          ? Trial.accuracy(c, train, test, options, params, objective, metric)
          : Trial.run(c, train, test, options, params, objective, metric,
              Boolean.parseBoolean(settings.getOrDefault("shap", "false")),
              new PredictionTiming(Double.parseDouble(settings.getOrDefault("warm_up_s", "0"))));
      m.write(result);
    }
  }

  /**
   * Runs one library's timing trial ({@code bench compare}) in a child JVM and reads back what it measured.
   *
   * @param label the label column of both files
   * @param header whether both files start with a header line
   * @param ignore columns every library leaves out
   * @param shap whether to time SHAP values
   * @param warmUpSeconds how long each prediction figure is warmed up before it is timed
   * @param work where the result and the child's log go
   * @throws IllegalStateException with the end of the child's output when it fails
   */
  static Measurement run(String library, Path train, Path test, ComparisonSpec spec, Map<String, String> params,
      String label, boolean header, Set<String> ignore, boolean shap, double warmUpSeconds, Path work)
      throws IOException, InterruptedException {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("trial", "timing");
    settings.put("read.label", label);
    settings.put("read.header", Boolean.toString(header));
    settings.put("read.ignore", String.join(",", ignore));
    settings.put("read.threads", Integer.toString(spec.threads()));
    settings.put("objective", spec.objective());
    settings.put("metric", spec.metric());
    settings.put("shap", Boolean.toString(shap));
    settings.put("warm_up_s", Double.toString(warmUpSeconds));
    return launch(library, train, test, settings, params, work);
  }

  /**
   * Runs one library's accuracy trial ({@code bench suite}) in a child JVM: training seconds and the test
   * metric of files with a header line, categorical columns allowed.
   *
   * @param objective the LightGBM objective of the run
   * @param metric the test metric, by Boreal's name or {@code accuracy}
   * @param label the label column of both files
   * @param threads threads for reading (training threads are in {@code params})
   * @param work where the result and the child's log go
   * @throws IllegalStateException with the child's error and the end of its output when it fails
   */
  static Measurement runAccuracy(String library, Path train, Path test, String objective, String metric,
      Map<String, String> params, String label, int threads, Path work) throws IOException, InterruptedException {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("trial", "accuracy");
    settings.put("read.label", label);
    settings.put("read.threads", Integer.toString(threads));
    settings.put("objective", objective);
    settings.put("metric", metric);
    return launch(library, train, test, settings, params, work);
  }

  /**
   * The options of this JVM that every child gets too: the heap's size, and transparent huge pages for the heap
   * (which the launcher turns on where the kernel offers them). A child running LightGBM or XGBoost gets them as
   * well, but the native libraries allocate their own memory, which a kernel in THP "madvise" mode leaves on small
   * pages.
   */
  static List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.endsWith("UseTransparentHugePages")) {
        options.add(arg);
      }
    }
    return options;
  }

  /** Starts the child with this JVM's java, class path and {@link #jvmOptions}, waits, and reads its result. */
  private static Measurement launch(String library, Path train, Path test, Map<String, String> settings,
      Map<String, String> params, Path work) throws IOException, InterruptedException {
    Path result = Files.createTempFile(work, library, ".properties");
    Path log = Files.createTempFile(work, library, ".log");
    // lightgbm4j extracts its native library to <java.io.tmpdir>/lib_lightgbm.so, overwriting the file any
    // other JVM on the machine has mapped (a crash there); a private temporary folder keeps each copy apart.
    Path tmp = Files.createTempDirectory(work, library + "-tmp");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    cmd.add("-Djava.io.tmpdir=" + tmp);
    cmd.addAll(jvmOptions());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CompareChild.class.getName());
    cmd.add(library);
    cmd.add(train.toString());
    cmd.add(test.toString());
    cmd.add(result.toString());
    settings.forEach((k, v) -> cmd.add(k + "=" + v));
    params.forEach((k, v) -> cmd.add("param." + k + "=" + v));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int code = p.waitFor();
    if (code != 0 || Files.size(result) == 0) {
      List<String> lines = Files.readAllLines(log);
      String error = error(lines);
      if (error != null) {
        throw new IllegalStateException(library + "'s run failed (exit " + code + "): " + error);
      }
      String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
      throw new IllegalStateException(library + "'s run failed (exit " + code + ") without saying why; the end of"
          + " its output:\n" + tail);
    }
    deleteTree(tmp);
    return Measurement.read(result);
  }

  /** The child's own one-line error, or null when it died before writing one (a native crash). */
  private static String error(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(FAILED)) {
        return lines.get(i).substring(FAILED.length()).trim();
      }
    }
    return null;
  }

  /** Deletes a folder and everything in it: a work folder of children, or one child's temporary folder. */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
