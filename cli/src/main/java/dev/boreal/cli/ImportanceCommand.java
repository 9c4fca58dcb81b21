package dev.boreal.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.explain.Importance;
import dev.boreal.explain.ShapValues;
import dev.boreal.explain.TreeShap;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Datasets;
import dev.boreal.io.ModelFile;
import dev.boreal.io.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * {@code boreal importance}: global feature importance of a model: total split gain, split count, and,
 * given data, mean |SHAP value| over its rows. Features are sorted by mean |SHAP| when there is data, else
 * by gain; each measure also gets its own rank (1 = most important; ties go to the earlier feature).
 */
@Command(name = "importance", mixinStandardHelpOptions = true,
    description = "Global feature importance: split gain, split count and, with --data, mean |SHAP value|.")
final class ImportanceCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M", description = "The model file.")
  Path modelFile;

  @Option(names = "--data", paramLabel = "FILE", description = "Rows to average |SHAP values| over.")
  Path data;

  @Option(names = "--json", description = "Print the importances as JSON.")
  boolean json;

  @Mixin
  ThreadCount threadCount;

  @Mixin
  SchemaOptions schema;

  @Spec
  CommandSpec spec;

  /**
   * One feature's importances. Mean |SHAP| and its rank are null without data.
   *
   * @param rank position in the sorted list, from 1
   * @param gainShare the feature's gain over the model's total gain
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Row(int rank, String feature, Double meanAbsShap, Integer meanAbsShapRank, double gain,
      double gainShare, int gainRank, long split, int splitRank) {}

  /** The JSON document: what was measured, and the rows in order. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Result(String model, String data, Integer rows, String sortedBy, List<Row> features) {}

  @Override
  public Integer call() throws Exception {
    int threads = threadCount.get();
    Model model = ModelFile.read(modelFile);
    double[] gain = Importance.gain(model);
    long[] split = Importance.split(model);
    double[] shap = null;
    Integer rows = null;
    if (data != null) {
      try (BufferAllocator allocator = new RootAllocator();
          Parallel parallel = new Parallel(threads);
          Table table = DataReaders.read(data, schema.toReadOptions(threads), allocator, parallel.team())) {
        List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
        ProgressBar bar = ProgressBar.forConsole(spec.commandLine().getErr(), "rows explained");
        try {
          ShapValues values = ShapBatches.values(table, columns, TreeShap.of(model)::explain, parallel, bar,
              ShapBatches.DEFAULT_BATCH);
          shap = Importance.meanAbsShap(values);
          rows = table.rowCount();
        } finally {
          bar.finish();
        }
      }
    }
    Result result = rank(model, gain, split, shap, rows);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
    } else {
      print(result, out);
    }
    return 0;
  }

  private Result rank(Model model, double[] gain, long[] split, double[] shap, Integer rows) {
    int f = model.numFeatures();
    double[] splitAsDouble = new double[f];
    for (int i = 0; i < f; i++) {
      splitAsDouble[i] = split[i];
    }
    int[] gainRank = ranks(gain);
    int[] splitRank = ranks(splitAsDouble);
    int[] shapRank = shap == null ? null : ranks(shap);
    int[] byRank = new int[f];
    int[] primary = shapRank != null ? shapRank : gainRank;
    for (int i = 0; i < f; i++) {
      byRank[primary[i] - 1] = i;
    }
    double total = Arrays.stream(gain).sum();
    List<Row> list = new ArrayList<>(f);
    for (int r = 0; r < f; r++) {
      int i = byRank[r];
      list.add(new Row(r + 1, model.featureNames().get(i), shap == null ? null : shap[i],
          shapRank == null ? null : shapRank[i], gain[i], total > 0 ? gain[i] / total : 0, gainRank[i], split[i],
          splitRank[i]));
    }
    return new Result(modelFile.toString(), data == null ? null : data.toString(), rows,
        shap != null ? "mean_abs_shap" : "gain", list);
  }

  /** 1-based rank of each feature, from {@link Importance#ranking} (largest first, ties by schema order). */
  static int[] ranks(double[] values) {
    int[] order = Importance.ranking(values);
    int[] rank = new int[values.length];
    for (int r = 0; r < order.length; r++) {
      rank[order[r]] = r + 1;
    }
    return rank;
  }

  private static void print(Result r, PrintWriter out) {
    out.printf(Locale.ROOT, "Feature importance of %s, sorted by %s%s%n", r.model(),
        r.sortedBy().equals("gain") ? "gain" : "mean |SHAP value|",
        r.data() == null ? "" : String.format(Locale.ROOT, " over %,d rows of %s", r.rows(), r.data()));
    int width = Math.max(7, r.features().stream().mapToInt(x -> x.feature().length()).max().orElse(7));
    boolean shap = r.data() != null;
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%4s  %-" + width + "s", "rank", "feature"));
    if (shap) {
      header.append(String.format(Locale.ROOT, "  %14s", "mean |SHAP| (#)"));
    }
    header.append(String.format(Locale.ROOT, "  %18s  %7s  %12s", "gain (#)", "share", "splits (#)"));
    out.println(header);
    for (Row x : r.features()) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d  %-" + width + "s", x.rank(),
          x.feature()));
      if (shap) {
        line.append(String.format(Locale.ROOT, "  %10.4g (%2d)", x.meanAbsShap(), x.meanAbsShapRank()));
      }
      line.append(String.format(Locale.ROOT, "  %13.6g (%2d)  %6.2f%%  %7d (%2d)", x.gain(), x.gainRank(),
          100 * x.gainShare(), x.split(), x.splitRank()));
      out.println(line);
    }
  }
}
