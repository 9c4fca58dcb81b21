package dev.boreal.cli;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.engine.params.Params;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Datasets;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code boreal compare}: gradient boosting, a random forest and a neural net trained on the same split(s)
 * of the same data with the same parameters, and one table of how they did ({@link CompareReport}), so a
 * user can check on their own data which kind of model suits it.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Train gradient boosting, a random forest and a neural net (mlp) on the same train/test split "
        + "or folds and print one table: the objective's metrics, training seconds, prediction rows/s and "
        + "model size.")
final class CompareCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The training data.")
  Path data;

  @Option(names = "--valid", paramLabel = "FILE", description = "Test every algorithm on this file (give this "
      + "or --folds).")
  Path valid;

  @Option(names = "--folds", paramLabel = "K", description = "Cross-validate on K seeded folds of --data "
      + "(whole query groups for ranking data), reporting each figure's mean ± standard deviation.")
  Integer folds;

  @Option(names = "--algorithms", split = ",", paramLabel = "ALG", description = "Which of gbdt, rf, mlp to "
      + "compare (default: every one that learns the objective).")
  List<String> algorithms = List.of();

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the table to FILE: .md, .html or "
      + ".json (with every fold's figures).")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Training threads (num_threads; default: all "
      + "cores).")
  Integer threads;

  @Mixin
  SchemaOptions schema;

  @Mixin
  ParamOptions params;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if ((valid == null) == (folds == null)) {
      throw new UsageException("boreal compare needs exactly one of --valid FILE and --folds K.");
    }
    Params p = params.toParams(threads);
    if (!p.isSet("objective")) {
      throw new UsageException("boreal compare needs --objective, e.g. --objective binary.");
    }
    String objective = p.getString("objective");
    List<String> chosen = chooseAlgorithms(objective);
    if (out != null) {
      CompareReport.checkOut(out);
    }
    PrintWriter console = spec.commandLine().getOut();
    int threadCount = Settings.threads(p);
    ReadOptions read = schema.toReadOptions(threadCount);
    Path scratch = Files.createTempDirectory("boreal-compare-");
    try (BufferAllocator allocator = new RootAllocator();
        Table table = DataReaders.read(data, read, allocator)) {
      int numClass = p.isSet("num_class") ? p.getInt("num_class") : 0;
      LabelEncoder encoder = Datasets.labelEncoder(table, objective, numClass);
      if ("multiclass".equals(objective) && !p.isSet("num_class")) {
        p = p.with("num_class", Integer.toString(encoder.numClasses()));
      }
      String[] classes = encoder.isClassifier() ? encoder.classNames() : null;
      CompareSplits.Part all = new CompareSplits.Part(data.getFileName().toString(), table.features(),
          Datasets.labels(table, encoder), table.weights(), table.groupSizes());
      Table test = valid == null ? null : DataReaders.read(valid, read, allocator);
      try (CompareSplits splits = test == null ? CompareSplits.folds(all, folds, p.getLong("seed"), allocator)
          : CompareSplits.holdout(all, new CompareSplits.Part(valid.getFileName().toString(),
              MlpTraining.matching(test, table.features()), Datasets.labels(test, encoder), test.weights(),
              test.groupSizes()), allocator)) {
        String setup = setup(chosen, all, test, objective, p, threadCount);
        console.println(setup);
        console.flush();
        List<CompareRun.Column> columns = CompareRun.columns(objective, p);
        List<List<CompareRun.Result>> results = new ArrayList<>();
        for (int a = 0; a < chosen.size(); a++) {
          results.add(new ArrayList<>());
        }
        for (CompareSplits.Split split : splits.splits()) {
          StringBuilder line = new StringBuilder(split.test().name()).append(':');
          for (int a = 0; a < chosen.size(); a++) {
            CompareRun.Result r = CompareRun.run(chosen.get(a), split, p, classes, columns, scratch);
            results.get(a).add(r);
            line.append(String.format(Locale.ROOT, "%s %s trained in %.2f s", a == 0 ? "" : ",", chosen.get(a),
                r.trainSeconds()));
          }
          console.println(line);
          console.flush();
        }
        CompareReport report = new CompareReport(setup, chosen, columns, results);
        console.println();
        console.print(report.text());
        if (out != null) {
          report.write(out);
          console.printf("Table written to %s%n", out);
        }
      } finally {
        if (test != null) {
          test.close();
        }
      }
    } finally {
      Files.deleteIfExists(scratch.resolve("model.json"));
      Files.deleteIfExists(scratch);
    }
    return 0;
  }

  /** The algorithms to run: those asked for, each checked, or every one that learns the objective. */
  private List<String> chooseAlgorithms(String objective) {
    List<String> chosen = new ArrayList<>();
    if (algorithms.isEmpty()) {
      for (String a : CompareRun.ALGORITHMS) {
        if (CompareRun.unsupported(a, objective) == null) {
          chosen.add(a);
        }
      }
      return chosen;
    }
    for (String given : algorithms) {
      String a = given.trim().toLowerCase(Locale.ROOT);
      if (!CompareRun.ALGORITHMS.contains(a)) {
        throw new UsageException("Unknown algorithm '" + given + "' in --algorithms; expected gbdt, rf or mlp.");
      }
      String why = CompareRun.unsupported(a, objective);
      if (why != null) {
        throw new UsageException("--algorithms names " + a + ", which cannot learn " + objective + ": " + why + ".");
      }
      if (chosen.contains(a)) {
        throw new UsageException("--algorithms names " + a + " twice.");
      }
      chosen.add(a);
    }
    return chosen;
  }

  /** One sentence on what is compared on what. */
  private String setup(List<String> chosen, CompareSplits.Part all, Table test, String objective, Params p,
      int threadCount) {
    if (all.rows() < 2) {
      throw new InputException(data + ": has " + all.rows() + " rows; compare needs at least 2 to train on.");
    }
    String split = test == null
        ? String.format(Locale.ROOT, "%d folds (seed %d)", folds, p.getLong("seed"))
        : String.format(Locale.ROOT, "tested on %s (%,d rows)", valid.getFileName(), test.rowCount());
    return String.format(Locale.ROOT, "Comparing %s on %s (%,d rows x %d features), %s; objective %s, %d threads.",
        String.join(", ", chosen), all.name(), all.rows(), all.columns().size(), split, objective, threadCount);
  }
}
