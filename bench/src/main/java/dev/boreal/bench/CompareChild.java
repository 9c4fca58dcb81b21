package dev.boreal.bench;

import dev.boreal.io.ReadOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The child JVM of the comparison: runs one library's {@link Trial} and writes its {@link Measurement}, so
 * that each library gets a fresh process, its own JIT and heap, and a peak-memory figure of its own.
 *
 * <p>Arguments: {@code LIBRARY TRAIN TEST RESULT} and then {@code key=value} pairs: {@code read.label},
 * {@code read.header}, {@code read.ignore} (comma-separated), {@code read.threads}, {@code objective} (the
 * comparison's LightGBM objective), {@code metric}, {@code shap}, and the library's parameters as
 * {@code param.NAME=VALUE}. {@link #run} starts it.
 */
public final class CompareChild {
  private CompareChild() {}

  /** Runs one trial; exits non-zero with the error on stderr when it fails. */
  public static void main(String[] args) throws Exception {
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
    try (Contender c = Contender.create(library)) {
      Measurement m = Trial.run(c, train, test, options, params, settings.get("objective"), settings.get("metric"),
          Boolean.parseBoolean(settings.getOrDefault("shap", "false")));
      m.write(result);
    }
  }

  /**
   * Runs one library's trial in a child JVM and reads back what it measured.
   *
   * @param label the label column of both files
   * @param header whether both files start with a header line
   * @param ignore columns every library leaves out
   * @param shap whether to time SHAP values
   * @param work where the result and the child's log go
   * @throws IllegalStateException with the end of the child's output when it fails
   */
  static Measurement run(String library, Path train, Path test, ComparisonSpec spec, Map<String, String> params,
      String label, boolean header, Set<String> ignore, boolean shap, Path work) throws IOException,
      InterruptedException {
    Path result = Files.createTempFile(work, library, ".properties");
    Path log = Files.createTempFile(work, library, ".log");
    // lightgbm4j extracts its native library to <java.io.tmpdir>/lib_lightgbm.so, overwriting the file any
    // other JVM on the machine has mapped (a crash there); a private temporary folder keeps each copy apart.
    Path tmp = Files.createTempDirectory(work, library + "-tmp");
    List<String> cmd = command(library, train, test, result, tmp, spec, params, label, header, ignore, shap);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int code = p.waitFor();
    if (code != 0 || Files.size(result) == 0) {
      List<String> lines = Files.readAllLines(log);
      String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
      throw new IllegalStateException(library + "'s run failed (exit " + code + "):\n" + tail);
    }
    return Measurement.read(result);
  }

  /** The child's command line: this JVM's java, class path and heap options, plus the flag Arrow needs. */
  private static List<String> command(String library, Path train, Path test, Path result, Path tmp,
      ComparisonSpec spec, Map<String, String> params, String label, boolean header, Set<String> ignore,
      boolean shap) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    cmd.add("-Djava.io.tmpdir=" + tmp);
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-Xmx") || arg.startsWith("-Xms")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CompareChild.class.getName());
    cmd.add(library);
    cmd.add(train.toString());
    cmd.add(test.toString());
    cmd.add(result.toString());
    cmd.add("read.label=" + label);
    cmd.add("read.header=" + header);
    cmd.add("read.ignore=" + String.join(",", ignore));
    cmd.add("read.threads=" + spec.threads());
    cmd.add("objective=" + spec.objective());
    cmd.add("metric=" + spec.metric());
    cmd.add("shap=" + shap);
    params.forEach((k, v) -> cmd.add("param." + k + "=" + v));
    return cmd;
  }
}
