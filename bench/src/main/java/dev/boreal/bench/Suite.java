package dev.boreal.bench;

import dev.boreal.UsageException;
import dev.boreal.bench.SuiteFolder.DataSet;
import dev.boreal.bench.SuiteFolder.Task;
import dev.boreal.bench.SuiteResults.Run;
import dev.boreal.engine.forest.ForestSettings;
import dev.boreal.engine.params.ConfigFile;
import dev.boreal.engine.params.ParameterTable;
import dev.boreal.engine.params.Params;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code boreal bench suite}: Boreal's gradient boosting and random forest, LightGBM and XGBoost, and on request
 * Boreal's neural nets ({@link #netSettings}), on every data set of a suite folder ({@link SuiteFolder}), each
 * library on each set in a child JVM of its own ({@link CompareChild}), with the same parameters under each
 * library's names ({@link ComparisonSpec}), every test metric computed by Boreal's metric code
 * ({@link Trial#accuracy}); then one table of the metrics beside the folder's reference scores, Boreal's gaps and
 * their summary ({@link SuiteReport}).
 *
 * <p>Everything is checked before the first child starts: the folder, the sets' files, and the {@code -p} and
 * {@code --rf-param} and {@code --net-param} overrides against Boreal's parameter table. A problem is one sentence on stderr, exit 2.
 */
@Command(name = "boreal bench suite", sortOptions = false,
    description = "Accuracy of Boreal's boosting, forest and neural nets against LightGBM, XGBoost and reference"
        + " scores on every data set of a suite folder.")
public final class Suite implements Callable<Integer> {
  /** The suite folder's place relative to the repository root. */
  static final String DEFAULT_SUITE = "../shared/data/suite";
  /** The system property through which the launcher gives the repository root. */
  static final String ROOT_PROPERTY = "boreal.root";

  private static final List<String> ALGORITHMS = List.of("gbdt", "rf", "mlp", "mlp-plr", "ft-transformer");

  private static final List<String> PEERS = List.of("lightgbm", "xgboost");

  @Option(names = "--suite", paramLabel = "DIR", description = "The suite folder (default: " + DEFAULT_SUITE
      + " from the repository root).")
  Path suite;
  @Option(names = "--sets", split = ",", paramLabel = "NAME", description = "Only these data sets (default: all).")
  List<String> sets = new ArrayList<>();
  @Option(names = "--algorithms", split = ",", paramLabel = "ALG", defaultValue = "gbdt,rf",
      description = "Boreal's algorithms: gbdt, rf, mlp, mlp-plr, ft-transformer (default: ${DEFAULT-VALUE}).")
  List<String> algorithms;
  @Option(names = "--peers", split = ",", paramLabel = "LIB", defaultValue = "lightgbm,xgboost",
      description = "Boosting peers run beside gbdt: lightgbm, xgboost, or none (default: ${DEFAULT-VALUE}).")
  List<String> peers;
  @Option(names = "--rounds", defaultValue = "300", description = "Boosting rounds (default: ${DEFAULT-VALUE}).")
  int rounds;
  @Option(names = "--learning-rate", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;
  @Option(names = "--leaves", defaultValue = "31", description = "Leaves per boosted tree (default: ${DEFAULT-VALUE}).")
  int leaves;
  @Option(names = "--trees", defaultValue = "300",
      description = "Trees of Boreal's forest (default: ${DEFAULT-VALUE}).")
  int trees;
  @Option(names = "--seed", defaultValue = "1", description = "Seed of every library (default: ${DEFAULT-VALUE}).")
  long seed;
  @Option(names = "--threads", defaultValue = "2", description = "Threads per library (default: ${DEFAULT-VALUE}).")
  int threads;
  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
      description = "A parameter of Boreal's gradient boosting (any of boreal train --help).")
  Map<String, String> params = new LinkedHashMap<>();
  @Option(names = "--rf-param", paramLabel = "NAME=VALUE", description = "A parameter of Boreal's forest.")
  Map<String, String> rfParams = new LinkedHashMap<>();
  @Option(names = "--net-param", paramLabel = "NAME=VALUE",
      description = "A parameter of Boreal's neural nets (mlp, mlp-plr, ft-transformer), e.g. max_epochs=50.")
  Map<String, String> netParams = new LinkedHashMap<>();
  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to this file.")
  Path json;
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  private PrintWriter out;
  private PrintWriter err;

  /** Runs the suite and exits with its status (0 done, 2 bad usage, 3 a failed run). */
  public static void main(String[] args) {
    BenchCommand.exit((out, err) -> run(out, err, args));
  }

  /**
   * Runs the suite with the given streams and returns the exit status; never exits the JVM. The table goes to
   * {@code out}, progress and errors to {@code err}.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    Suite command = new Suite();
    command.out = out;
    command.err = err;
    return BenchCommand.execute(command, "suite", out, err, args);
  }

  @Override
  public Integer call() throws Exception {
    for (String[] option : new String[][] {{"--rounds", "" + rounds}, {"--leaves", "" + leaves},
        {"--trees", "" + trees}, {"--threads", "" + threads}}) {
      if (Integer.parseInt(option[1]) < 1) {
        throw new UsageException(option[0] + " must be at least 1, not " + option[1] + ".");
      }
    }
    Path jsonFolder = json == null ? null : json.toAbsolutePath().getParent();
    if (jsonFolder != null && !Files.isDirectory(jsonFolder)) {
      throw new UsageException("--json " + json + ": the folder " + jsonFolder + " does not exist.");
    }
    SuiteFolder folder = SuiteFolder.read(suiteFolder());
    List<DataSet> selected = folder.select(sets);
    List<String> libraries = libraries();
    Map<DataSet, Map<String, Map<String, String>>> plan = new LinkedHashMap<>();
    for (DataSet set : selected) {
      plan.put(set, parameters(set, libraries));
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("suite", folder.dir().toString());
    context.put("sets", selected.stream().map(DataSet::name).toList());
    context.put("libraries", libraries);
    context.put("cores", Runtime.getRuntime().availableProcessors());
    context.put("load_average_at_start", Compare.loadAverage());
    context.put("java", System.getProperty("java.version"));
    context.put("jvm_options", String.join(" ", CompareChild.jvmOptions()));
    DataSet first = selected.get(0);
    out.println("suite: " + folder.dir() + ", " + selected.size() + " data set" + (selected.size() == 1 ? "" : "s")
        + (folder.hasReference() ? "; reference: " + String.join(", ", folder.referenceModels()) : "; no "
        + SuiteFolder.REFERENCE));
    out.println(Compare.machineLine(context));
    ComparisonReport.printParameters(out, plan.get(first));
    out.println("  (shown for " + first.name() + "; objective and num_class follow each set's task"
        + (params.isEmpty() ? "" : "; boreal's -p overrides come after the check") + ")");
    out.println();

    List<String> failures = new ArrayList<>();
    SuiteResults results = runAll(folder, plan, libraries, failures);
    context.put("load_average_at_end", Compare.loadAverage());
    SuiteReport report = new SuiteReport(results, libraries, folder.referenceModels());
    report.print(out);
    List<String> notes = notes(folder, libraries, failures);
    out.println();
    notes.forEach(n -> out.println("note: " + n));
    if (json != null) {
      report.writeJson(json, context, plan.get(first), notes);
      out.println("wrote " + json);
    }
    return failures.isEmpty() ? 0 : 3;
  }

  /** Every library on every set, each in its child JVM, one after the other; failures are noted, not thrown. */
  private SuiteResults runAll(SuiteFolder folder, Map<DataSet, Map<String, Map<String, String>>> plan,
      List<String> libraries, List<String> failures) throws Exception {
    Path work = Files.createTempDirectory("boreal-suite");
    try {
      SuiteResults results = new SuiteResults();
      int step = 0;
      for (Map.Entry<DataSet, Map<String, Map<String, String>>> e : plan.entrySet()) {
        DataSet set = e.getKey();
        Map<String, Run> runs = new LinkedHashMap<>();
        step++;
        for (String library : libraries) {
          err.printf("[%d/%d] %s: %s...%n", step, plan.size(), set.name(), library);
          err.flush();
          try {
            runs.put(library, Run.of(CompareChild.runAccuracy(library, set.train(), set.test(),
                set.task().objective(), set.task().metric, e.getValue().get(library), SuiteFolder.LABEL, threads,
                work)));
          } catch (IllegalStateException ex) {
            // One failed library must not cost the whole suite: its cells say "failed" and a note says why.
            String why = ex.getMessage().lines().findFirst().orElse("no output");
            runs.put(library, Run.failed(why));
            failures.add(set.name() + ": " + why);
            err.println(ex.getMessage());
          }
        }
        results.add(new SuiteResults.SetResult(set, runs, folder.reference(set.name())));
      }
      return results;
    } finally {
      CompareChild.deleteTree(work);
    }
  }

  /** {@code --suite}, or the suite beside the repository root the launcher names (else the working folder). */
  private Path suiteFolder() {
    if (suite != null) {
      return suite;
    }
    return Path.of(System.getProperty(ROOT_PROPERTY, ".")).resolve(DEFAULT_SUITE).toAbsolutePath().normalize();
  }

  /** Boreal's boosting, the live peers (which run only beside it), Boreal's forest, then its neural nets. */
  private List<String> libraries() {
    for (String a : algorithms) {
      if (!ALGORITHMS.contains(a)) {
        throw new UsageException("--algorithms takes " + String.join(", ", ALGORITHMS) + ", not '" + a + "'.");
      }
    }
    List<String> live = new ArrayList<>();
    for (String p : peers) {
      if (!PEERS.contains(p) && !(p.equals("none") && peers.size() == 1)) {
        throw new UsageException("--peers takes lightgbm and xgboost, or none, not '" + p + "'.");
      }
      if (!p.equals("none")) {
        live.add(p);
      }
    }
    List<String> libraries = new ArrayList<>();
    if (algorithms.contains("gbdt")) {
      libraries.add(SuiteResults.GBDT);
      libraries.addAll(live);
    }
    if (algorithms.contains("rf")) {
      libraries.add(SuiteResults.RF);
    }
    for (String net : SuiteResults.NETS) {
      if (algorithms.contains(net)) {
        libraries.add(net);
      }
    }
    return libraries;
  }

  /**
   * Every library's parameters on one set: the boosting maps of one spec, checked equivalent, then Boreal's
   * overrides on its own maps, validated by the parameter table (and the forest's settings by the set's task);
   * the nets share the spec's objective, classes, threads and seed and nothing else (their learning rate and
   * epochs are their own, not the trees').
   */
  private Map<String, Map<String, String>> parameters(DataSet set, List<String> libraries) {
    ComparisonSpec spec = ComparisonSpec.libraryDefaults(set.task().objective(), set.classes(), rounds, leaves,
        learningRate, threads, seed);
    List<String> boosting = libraries.stream()
        .filter(l -> !l.equals(SuiteResults.RF) && !SuiteResults.NETS.contains(l)).toList();
    // A forest alone has no boosting peer to be equivalent to.
    Map<String, Map<String, String>> maps = new LinkedHashMap<>(boosting.isEmpty() ? Map.of()
        : spec.checkedMaps(boosting));
    if (maps.containsKey(SuiteResults.GBDT)) {
      maps.put(SuiteResults.GBDT, withOverrides(maps.get(SuiteResults.GBDT), params, "-p"));
    }
    if (libraries.contains(SuiteResults.RF)) {
      Map<String, String> forest = withOverrides(spec.borealForest(trees), rfParams, "--rf-param");
      try {
        ForestSettings.of(Params.of(forest), set.task() != Task.REGRESSION);
      } catch (UsageException e) {
        throw new UsageException("--rf-param on " + set.task().objective() + " set " + set.name() + ": "
            + e.getMessage());
      }
      maps.put(SuiteResults.RF, forest);
    }
    for (String net : SuiteResults.NETS) {
      if (libraries.contains(net)) {
        Map<String, String> base = spec.borealNet();
        base.putAll(netSettings(net));
        maps.put(net, withOverrides(base, netParams, "--net-param"));
      }
    }
    return maps;
  }

  /**
   * The suite's settings of a neural net, on top of its library defaults and under {@code --net-param}:
   * {@code mlp-plr} is the mlp with periodic embeddings; the transformer is the small preset, because the
   * paper's (3 blocks of width 192) takes minutes an epoch on the suite's wider sets on 2 cores.
   */
  static Map<String, String> netSettings(String net) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("boosting", net.equals("ft-transformer") ? "ft-transformer" : "mlp");
    if (net.equals("mlp-plr")) {
      m.put("numeric_embedding", "plr");
    }
    if (net.equals("ft-transformer")) {
      m.put("preset", "small");
    }
    return m;
  }

  /** A map with overrides on top, under any alias; refused with one sentence if the table refuses it. */
  private static Map<String, String> withOverrides(Map<String, String> base, Map<String, String> overrides,
      String option) {
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String canonical;
      try {
        canonical = ParameterTable.resolve(e.getKey()).name();
      } catch (UsageException ex) {
        // The table's own hint points at a help this command does not have.
        throw new UsageException(option + " " + e.getKey() + "=" + e.getValue() + ": " + ex.getMessage()
            .replace("the help lists every parameter", "boreal train --help lists every parameter"));
      }
      if (canonical.equals("objective") || canonical.equals("num_class")) {
        throw new UsageException(option + " " + e.getKey() + ": the objective and its classes follow each data"
            + " set's task in " + SuiteFolder.TASKS + ".");
      }
      if (canonical.equals("boosting")) {
        throw new UsageException(option + " " + e.getKey() + ": the algorithms are chosen with --algorithms.");
      }
    }
    Map<String, String> merged = new LinkedHashMap<>(ConfigFile.merge(base, overrides));
    try {
      Params.of(merged);
    } catch (UsageException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
    return merged;
  }

  private static List<String> notes(SuiteFolder folder, List<String> libraries, List<String> failures) {
    List<String> notes = new ArrayList<>();
    notes.add("categorical (text) columns: Boreal reads the text itself; LightGBM and XGBoost get integer codes"
        + " numbered over the sorted categories of the training and test files together (as reference.py does),"
        + " LightGBM with categorical_feature, XGBoost with feature type 'c' (native categorical splits,"
        + " max_cat_to_onehot=4); missing values are NaN for all.");
    notes.add("every metric is computed by Boreal's metric code on each library's raw outputs; accuracy is"
        + " 1 - multi_error, so a tie between the true class and another counts as an error.");
    notes.add("gap: positive means Boreal is worse: (best - boreal) / best for auc and accuracy, (boreal - best) /"
        + " best for rmse; a win is a gap <= 0. gbdt is measured against the best boosting peer of the set"
        + (folder.hasReference() ? ", live or reference, rf against the reference forest." : " (live peers only:"
        + " the folder has no " + SuiteFolder.REFERENCE + ")."));
    if (libraries.stream().anyMatch(SuiteResults.NETS::contains)) {
      notes.add("a neural net's gap is to the best tree model of the set: Boreal's boosting and forest, the live"
          + " peers and every reference model that ran or is listed; a net wins a set only by beating all of them."
          + " The nets hold out 10% of the training rows for early stopping; their seconds include learning the"
          + " preprocessing.");
    }
    notes.add("seconds: the training call alone, in a child JVM per library and set"
        + (libraries.contains(SuiteResults.RF) ? "; the forest's include its out-of-bag scoring (oob_score, on by"
        + " default)." : "."));
    if (folder.hasReference()) {
      notes.add("reference scores from " + folder.dir().resolve(SuiteFolder.REFERENCE) + ", taken elsewhere on the"
          + " same split: " + String.join(", ", SuiteReport.labels(folder.referenceModels()).entrySet().stream()
          .map(e -> e.getValue() + " = " + e.getKey()).toList()) + ".");
    }
    for (String failure : failures) {
      notes.add("failed: " + failure);
    }
    return notes;
  }
}
