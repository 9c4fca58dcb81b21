package dev.boreal.cli;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.params.Params;
import dev.boreal.io.DataReaders;
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
      + "(stratified by class for classifiers, whole query groups for ranking data), reporting each figure's "
      + "mean ± standard deviation.")
  Integer folds;

  @Option(names = "--algorithms", split = ",", paramLabel = "ALG", description = "Which of gbdt, rf, mlp, "
      + "mlp-plr (the mlp with periodic numeric embeddings), ft-transformer to compare (default: those of gbdt, "
      + "rf and mlp that learn the objective).")
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
    try (BufferAllocator allocator = new RootAllocator(); Parallel team = new Parallel(threadCount);
        Table table = DataReaders.read(data, read, allocator, team.team())) {
      DataPart.Labelled labelled = DataPart.Labelled.of(table, data.getFileName().toString(), p);
      p = labelled.params();
      String[] classes = labelled.classes();
      DataPart all = labelled.all();
      Table test = valid == null ? null : DataReaders.read(valid, read, allocator, team.team());
      try {
        Folds split = test == null ? Folds.of(folds, p.getLong("seed"), all.labels(), classes, all.groups()) : null;
        DataPart testPart = test == null ? null : labelled.further(test, valid.getFileName().toString());
        String setup = setup(chosen, all, test, split, objective, p, threadCount);
        console.println(setup);
        console.flush();
        List<CompareRun.Column> columns = CompareRun.columns(objective, p);
        List<List<CompareRun.Result>> results = new ArrayList<>();
        for (int a = 0; a < chosen.size(); a++) {
          results.add(new ArrayList<>());
        }
        for (int s = 0, count = split == null ? 1 : split.k(); s < count; s++) {
          // One fold's copies at a time, so compare holds one extra copy of the data at most.
          try (DataPart.Split pair = split == null ? DataPart.Split.of(all, testPart)
              : split.split(all, s, allocator)) {
            StringBuilder line = new StringBuilder(pair.test().name()).append(':');
            for (int a = 0; a < chosen.size(); a++) {
              CompareRun.Result r = CompareRun.run(chosen.get(a), pair, labelled.labels(), columns, scratch,
                  team);
              results.get(a).add(r);
              line.append(String.format(Locale.ROOT, "%s %s trained in %.2f s", a == 0 ? "" : ",", chosen.get(a),
                  r.trainSeconds()));
            }
            console.println(line);
            console.flush();
          }
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
      for (String a : CompareRun.DEFAULT_ALGORITHMS) {
        if (CompareRun.unsupported(a, objective) == null) {
          chosen.add(a);
        }
      }
      return chosen;
    }
    for (String given : algorithms) {
      String a = given.trim().toLowerCase(Locale.ROOT);
      if (!CompareRun.ALGORITHMS.contains(a)) {
        throw new UsageException("Unknown algorithm '" + given + "' in --algorithms; expected gbdt, rf, mlp, "
            + "mlp-plr or ft-transformer.");
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
  private String setup(List<String> chosen, DataPart all, Table test, Folds split, String objective, Params p,
      int threadCount) {
    if (all.rows() < 2) {
      throw new InputException(data + ": has " + all.rows() + " rows; compare needs at least 2 to train on.");
    }
    String how = test == null
        ? String.format(Locale.ROOT, "%d %s folds (seed %d)", folds, split.kind().label(), p.getLong("seed"))
        : String.format(Locale.ROOT, "tested on %s (%,d rows)", valid.getFileName(), test.rowCount());
    return String.format(Locale.ROOT, "Comparing %s on %s (%,d rows x %d features), %s; objective %s, %d threads.",
        String.join(", ", chosen), all.name(), all.rows(), all.columns().size(), how, objective, threadCount);
  }
}
