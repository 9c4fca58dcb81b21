package dev.boreal.cli;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.explain.InterventionalTreeShap;
import dev.boreal.explain.ShapInteractions;
import dev.boreal.explain.ShapValues;
import dev.boreal.explain.TreeShap;
import dev.boreal.explain.report.FeatureValues;
import dev.boreal.explain.report.ReportInput;
import dev.boreal.explain.report.ReportWriter;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Datasets;
import dev.boreal.io.ModelFormats;
import dev.boreal.io.OutputFile;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import dev.boreal.io.TableWriter;
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
 * {@code boreal explain}: SHAP values of every row of a data file (path-dependent TreeSHAP, or
 * interventional TreeSHAP against a background file), written as a table with optional reason codes, an
 * optional file of interaction values, and an optional HTML report. The columns are described in
 * {@link ShapOutput}. Every output is checked for a writable folder before any work starts, and each file
 * appears whole or not at all.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Explain a model's predictions with SHAP values: per-row contributions of each feature, "
        + "optional reason codes and interaction values, and a self-contained HTML report.")
final class ExplainCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M", description = "The model file.")
  Path modelFile;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The rows to explain; "
      + "features are matched to the model by column name.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the SHAP "
      + "values (.csv, .tsv, .parquet, .arrow).")
  Path out;

  @Option(names = "--top-k", paramLabel = "K", description = "Add K reason codes per row: the features with the "
      + "largest positive contributions, largest first (default: none).")
  int topK;

  @Option(names = "--interactions", description = "Tree models: also write SHAP interaction values to "
      + "<out-stem>.interactions.csv (one column per feature pair, or one line per non-zero pair when there "
      + "are more than 4,096 pairs); the report then colours dependence plots by exact interaction strength.")
  boolean interactions;

  @Option(names = "--background", paramLabel = "FILE", description = "Explain against this data set with "
      + "interventional TreeSHAP (cost grows with its rows: 100 to 1,000 rows are typical) instead of the "
      + "training distribution kept in the trees. For a neural net (mlp): the background of KernelSHAP "
      + "(default: 100 rows drawn from --data).")
  Path background;

  @Option(names = "--report", paramLabel = "FILE", description = "Write a self-contained HTML report.")
  Path report;

  @Option(names = "--rows", split = ",", paramLabel = "ID", description = "Rows (0-based, comma-separated) "
      + "that get a waterfall plot in the report, besides the highest- and lowest-scored.")
  List<Integer> rows = new ArrayList<>();

  @Mixin
  ThreadCount threadCount;

  @Mixin
  SchemaOptions schema;

  @Spec
  CommandSpec spec;

  /** Rows per batch; tests lower it to cover batching on small files. */
  int batchRows = ShapBatches.DEFAULT_BATCH;

  @Override
  public Integer call() {
    checkOptions();
    TrainedModel any = ModelFormats.loadAny(modelFile);
    if (!(any instanceof Model model)) {
      return KernelExplain.run(any, this);
    }
    if (topK > model.numFeatures()) {
      throw new UsageException("--top-k is " + topK + " but the model has only " + model.numFeatures()
          + " features.");
    }
    PrintWriter console = spec.commandLine().getOut();
    long start = System.nanoTime();
    int threads = threadCount.get();
    ReadOptions read = schema.toReadOptions(threads);
    try (BufferAllocator allocator = new RootAllocator();
        Parallel parallel = new Parallel(threads);
        Table table = DataReaders.read(data, read, allocator, parallel.team())) {
      List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
      int n = table.rowCount();
      checkRows(n);
      double[] raw = new double[n * model.numOutputs()];
      model.predictor().predictRaw(columns, raw);
      ProgressBar bar = ProgressBar.forConsole(spec.commandLine().getErr(), "rows explained");
      ShapValues shap;
      ShapInteractions inter = null;
      String method;
      try {
        if (background != null) {
          InterventionalTreeShap explainer = interventional(model, read, allocator);
          method = String.format(Locale.ROOT, "interventional TreeSHAP against the %,d rows of %s",
              explainer.backgroundRows(), background.getFileName());
          shap = ShapBatches.values(table, columns, explainer::explain, parallel, bar, batchRows);
        } else {
          TreeShap explainer = TreeShap.of(model);
          method = "path-dependent TreeSHAP";
          shap = ShapBatches.values(table, columns, explainer::explain, parallel, bar, batchRows);
          if (interactions) {
            long width = model.numFeatures() + 1L;
            ShapBatches.checkedSize(n * model.numOutputs() * width * width);
            ProgressBar pairs = ProgressBar.forConsole(spec.commandLine().getErr(), "rows (interactions)");
            inter = ShapBatches.interactions(table, columns, explainer::interactions, parallel, pairs, batchRows);
            pairs.finish();
          }
        }
      } finally {
        bar.finish();
      }
      List<FeatureValues> values = shownValues(columns);
      TableWriter.write(out, ShapOutput.shapColumns(model, shap, raw, topK, values));
      console.printf(Locale.ROOT, "Explained %,d rows x %d features with %s in %.2f s; SHAP values written to "
          + "%s%n", n, model.numFeatures(), method, (System.nanoTime() - start) / 1e9, out);
      if (model.link().calibration() != null) {
        console.println(ReportWriter.CALIBRATION_NOTE);
      }
      if (inter != null) {
        Path file = ShapOutput.interactionsPath(out);
        TableWriter.write(file, ShapOutput.interactionColumns(model, inter));
        console.printf("Interaction values written to %s (%s format)%n", file,
            ShapOutput.wide(model.numOutputs(), model.numFeatures()) ? "wide" : "long");
      }
      if (report != null) {
        writeReport(model, table, raw, method, values, shap,
            inter == null ? null : ReportInput.interactionStrength(inter, shap.raw()));
      }
    }
    return 0;
  }

  /** Checks that {@code --rows} names rows of the data, which has {@code n}. */
  void checkRows(int n) {
    for (int r : rows) {
      if (r < 0 || r >= n) {
        throw new UsageException("--rows names row " + r + ", but " + data + " has " + n
            + " rows (numbered from 0).");
      }
    }
  }

  /** The feature values of the rows, copied only when reason codes or the report show them (else empty). */
  List<FeatureValues> shownValues(List<FeatureColumn> columns) {
    List<FeatureValues> values = new ArrayList<>(columns.size());
    if (topK > 0 || report != null) {
      for (FeatureColumn c : columns) {
        values.add(FeatureValues.of(c));
      }
    }
    return values;
  }

  /**
   * Writes the {@code --report} of any model from its SHAP values: tree models with their split gains and
   * optional interaction strengths, a neural net with the sections that need trees replaced by a sentence.
   */
  void writeReport(TrainedModel model, Table table, double[] raw, String method, List<FeatureValues> values,
      ShapValues shap, double[] interactionStrength) {
    int[] picked = rows.stream().mapToInt(Integer::intValue).toArray();
    OutputFile.writeString(report, "the report", ReportWriter.render(new ReportInput(model,
        data.getFileName().toString(), method, values, shap.raw(), interactionStrength, picked),
        CalibrationOutput.ofLabelledRows(model, table, raw)));
    spec.commandLine().getOut().printf("Report written to %s%n", report);
  }

  /** Fails fast on option combinations that cannot work, before any file is read or written. */
  private void checkOptions() {
    if (topK < 0) {
      throw new UsageException("--top-k must be 0 or more; got " + topK + ".");
    }
    threadCount.get();
    if (interactions && background != null) {
      throw new UsageException("--interactions computes path-dependent interaction values and cannot be "
          + "combined with --background; drop one of them.");
    }
    if (!rows.isEmpty() && report == null) {
      throw new UsageException("--rows picks rows for the report's waterfall plots; add --report FILE.");
    }
    List<Path> outputs = new ArrayList<>();
    outputs.add(out);
    if (interactions) {
      outputs.add(ShapOutput.interactionsPath(out));
    }
    if (report != null) {
      outputs.add(report);
    }
    for (int i = 0; i < outputs.size(); i++) {
      Path target = outputs.get(i).toAbsolutePath().normalize();
      OutputFile.check(outputs.get(i), "the output");
      if (target.equals(data.toAbsolutePath().normalize()) || target.equals(modelFile.toAbsolutePath().normalize())) {
        throw new UsageException(outputs.get(i) + " is also an input; choose another output file.");
      }
      for (int j = 0; j < i; j++) {
        if (target.equals(outputs.get(j).toAbsolutePath().normalize())) {
          throw new UsageException("Two outputs would both be written to " + outputs.get(i)
              + "; give --out and --report different files.");
        }
      }
    }
  }

  /** The background file's features, matched by name; only features are read from it. */
  private InterventionalTreeShap interventional(Model model, ReadOptions read, BufferAllocator allocator) {
    ReadOptions featuresOnly = read.withLabel(null).withWeight(null).withGroup(null).withGroupFile(null);
    try (Table bg = DataReaders.read(background, featuresOnly, allocator)) {
      if (bg.rowCount() == 0) {
        throw new InputException(background + ": has no rows; interventional TreeSHAP needs background rows.");
      }
      return InterventionalTreeShap.of(model, Datasets.columnsFor(bg, model.featureNames(), model.mappers()));
    }
  }
}
