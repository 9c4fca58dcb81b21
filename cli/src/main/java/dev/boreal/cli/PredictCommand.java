package dev.boreal.cli;

import dev.boreal.InputException;
import dev.boreal.engine.model.Predictor;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.io.ModelFormats;
import dev.boreal.io.OutputFile;
import dev.boreal.io.TableWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code boreal predict}: scores a data file with a model and writes one row of predictions per row. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Score a data file with a model; writes prediction columns to CSV, TSV, Parquet or Arrow.")
final class PredictCommand implements Callable<Integer> {
  /** The {@code --out} that means standard output. */
  private static final String STANDARD_OUTPUT = "-";

  @Option(names = "--model", required = true, paramLabel = "M", description = "The model file.")
  Path modelFile;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The rows to score; "
      + "features are matched to the model by column name.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write predictions "
      + "(.csv, .tsv, .parquet, .arrow), or - to stream CSV to standard output.")
  Path out;

  @Option(names = "--raw", description = "Write raw margins instead of probabilities or means.")
  boolean raw;

  @Option(names = "--leaf-index", description = "Also write the leaf each row reaches in every tree.")
  boolean leafIndex;

  @Option(names = "--iterations", paramLabel = "N", description = "Use the first N iterations (default: the "
      + "model's best iteration).")
  Integer iterations;

  @Mixin
  SchemaOptions schema;

  @Option(names = "--threads", paramLabel = "N", description = "Threads to read and score with (default: all "
      + "cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    boolean toStandardOutput = out.toString().equals(STANDARD_OUTPUT);
    if (!toStandardOutput) {
      OutputFile.check(out, "the predictions");
    }
    TrainedModel model = ModelFormats.loadAny(modelFile);
    Predictor predictor = Scoring.predictor(model, iterations, leafIndex, modelFile);
    Scoring.Scored scored = Scoring.score(model, predictor, data, schema.toReadOptions(threads), leafIndex);
    int n = scored.rows();
    int k = model.numOutputs();
    double[] values = scored.raw().clone();
    if (!raw) {
      for (int i = 0; i < n; i++) {
        model.link().transformRow(values, i * k, k, values);
      }
    }
    TableWriter.Columns columns = new TableWriter.Columns();
    String[] classes = model.classes();
    if (k == 1) {
      columns.add("prediction", values);
    } else {
      for (int c = 0; c < k; c++) {
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
          column[i] = values[i * k + c];
        }
        columns.add((raw ? "raw_" : "p_") + (classes != null ? classes[c] : Integer.toString(c)), column);
      }
      columns.add("prediction", mostLikely(scored.raw(), n, k, classes));
    }
    if (leafIndex) {
      addLeafIndices(scored.leaves(), predictor.iterations() * k, columns, n);
    }
    if (toStandardOutput) {
      stream(columns);
      spec.commandLine().getErr().printf(Locale.ROOT, "Wrote %,d predictions to standard output%n", n);
    } else {
      TableWriter.write(out, columns);
      spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %,d predictions to %s%n", n, out);
    }
    return 0;
  }

  /**
   * CSV on standard output, the one target that is not a regular file: a stream is written as it goes, so a
   * reader that stops early ends the command with an error rather than a silent cut.
   */
  private void stream(TableWriter.Columns columns) throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    TableWriter.writeCsv(columns, stdout);
    stdout.flush();
    if (stdout.checkError()) {
      throw new InputException("standard output: cannot write the predictions (the stream was closed or failed).");
    }
  }

  private static String[] mostLikely(double[] raw, int n, int k, String[] classes) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (raw[i * k + c] > raw[i * k + best]) {
          best = c;
        }
      }
      out[i] = classes != null ? classes[best] : Integer.toString(best);
    }
    return out;
  }

  private static void addLeafIndices(int[] leaves, int trees, TableWriter.Columns columns, int n) {
    for (int t = 0; t < trees; t++) {
      int[] column = new int[n];
      for (int i = 0; i < n; i++) {
        column[i] = leaves[i * trees + t];
      }
      columns.add("leaf_" + t, column);
    }
  }
}
