package dev.boreal.cli;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.Rng;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.explain.KernelShap;
import dev.boreal.explain.ShapValues;
import dev.boreal.explain.report.FeatureValues;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Datasets;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import dev.boreal.io.TableWriter;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@code boreal explain} for a neural net: KernelSHAP values ({@link KernelShap}) of every row against a
 * background sample, written in the same table as TreeSHAP values, with the same reason codes.
 *
 * <p>Rows are handed to the explainer with each categorical feature as the index of its category among
 * the model's known categories ({@link MlpModel#predictRawByCategoryIndex}), so that perturbing a row mixes
 * whole categories, whatever their names. The background is {@code --background} when given, else
 * {@value #BACKGROUND_ROWS} rows of {@code --data} drawn with a fixed seed. Coalitions per row follow the
 * {@code shap} library's default, {@code 2 F + 2048}, which is exact below 12 features.
 *
 * <p>{@code --report} draws the same SHAP values (no row is explained twice), with the sections that need
 * trees replaced by a sentence; {@code --interactions}, which needs TreeSHAP, is refused.
 */
final class KernelExplain {
  /** Background rows drawn from the data when no background file is given (shap's usual sample size). */
  static final int BACKGROUND_ROWS = 100;
  /** Seed of the background draw and of the coalition sampling, so that a run can be repeated. */
  private static final long SEED = 0x5AA9L;

  private KernelExplain() {}

  /** Explains {@code c.data} with the non-tree model {@code any}, as {@code c}'s options say. */
  static int run(TrainedModel any, ExplainCommand c) {
    if (!(any instanceof MlpModel model)) {
      throw new UsageException(c.modelFile + " holds an " + any.algorithm() + " model, which explain cannot read.");
    }
    if (c.interactions) {
      throw new UsageException("--interactions needs a tree model, since interaction values come from TreeSHAP, "
          + "but " + c.modelFile + " holds an mlp (a neural net); drop --interactions.");
    }
    int features = model.featureNames().size();
    if (c.topK > features) {
      throw new UsageException("--top-k is " + c.topK + " but the model has only " + features + " features.");
    }
    PrintWriter console = c.spec.commandLine().getOut();
    long start = System.nanoTime();
    int threads = c.threadCount.get();
    ReadOptions read = c.schema.toReadOptions(threads);
    try (BufferAllocator allocator = new RootAllocator();
        Parallel parallel = new Parallel(threads);
        Table table = DataReaders.read(c.data, read, allocator, parallel.team())) {
      List<FeatureColumn> columns = Datasets.columnsFor(table, model.featureNames(), model.mappers());
      int n = table.rowCount();
      c.checkRows(n);
      double[] raw = new double[n * model.numOutputs()];
      model.predictRaw(columns, raw);
      double[] background;
      String from;
      if (c.background != null) {
        ReadOptions featuresOnly = read.withLabel(null).withWeight(null).withGroup(null).withGroupFile(null);
        try (Table bg = DataReaders.read(c.background, featuresOnly, allocator)) {
          if (bg.rowCount() == 0) {
            throw new InputException(c.background + ": has no rows; KernelSHAP needs background rows.");
          }
          background = coded(model, Datasets.columnsFor(bg, model.featureNames(), model.mappers()));
          from = String.format(Locale.ROOT, "the %,d rows of %s", bg.rowCount(), c.background.getFileName());
        }
      } else {
        background = sample(coded(model, columns), n, features);
        from = String.format(Locale.ROOT, "%,d rows drawn from %s", background.length / Math.max(1, features),
            c.data.getFileName());
      }
      int bgRows = background.length / Math.max(1, features);
      if (bgRows == 0) {
        throw new InputException(c.data + ": has no rows to explain or to draw a background from.");
      }
      KernelShap explainer = new KernelShap(model::predictRawByCategoryIndex, background, bgRows, features,
          model.numOutputs(), 2 * features + 2048, SEED);
      ProgressBar bar = ProgressBar.forConsole(c.spec.commandLine().getErr(), "rows explained");
      ShapValues shap;
      try {
        shap = ShapBatches.values(table, columns, (cols, p) -> explainer.explain(coded(model, cols),
            cols.isEmpty() ? 0 : cols.get(0).rowCount(), p), parallel, bar, c.batchRows);
      } finally {
        bar.finish();
      }
      List<FeatureValues> values = c.shownValues(columns);
      TableWriter.write(c.out, ShapOutput.shapColumns(model, shap, raw, c.topK, values));
      String method = "KernelSHAP against " + from;
      console.printf(Locale.ROOT, "Explained %,d rows x %d features with %s in %.2f s; SHAP values written to "
          + "%s%n", n, features, method, (System.nanoTime() - start) / 1e9, c.out);
      if (c.report != null) {
        c.writeReport(model, table, raw, method, values, shap, null);
      }
    }
    return 0;
  }

  /**
   * The columns' rows, row-major in schema order: numeric values (NaN missing), and for a categorical feature
   * the index of its category among the model's ({@code -1} for a rare, unseen or missing one).
   */
  static double[] coded(MlpModel model, List<FeatureColumn> columns) {
    int f = columns.size();
    int rows = f == 0 ? 0 : columns.get(0).rowCount();
    double[] out = new double[rows * f];
    double[] values = new double[rows];
    int[] codes = new int[rows];
    for (int j = 0; j < f; j++) {
      FeatureColumn c = columns.get(j);
      if (c.isCategorical()) {
        BinMapper m = model.mappers().get(j);
        int known = m.numBins() - 1;
        String[] names = c.categories();
        int[] index = new int[names.length];
        for (int code = 0; code < names.length; code++) {
          int bin = m.binOfCategory(names[code]);
          index[code] = bin < known ? bin : -1;
        }
        c.readCodes(0, rows, codes);
        for (int r = 0; r < rows; r++) {
          out[r * f + j] = codes[r] >= 0 && codes[r] < index.length ? index[codes[r]] : -1;
        }
      } else {
        c.readValues(0, rows, values);
        for (int r = 0; r < rows; r++) {
          out[r * f + j] = values[r];
        }
      }
    }
    return out;
  }

  /** Up to {@value #BACKGROUND_ROWS} of the rows, drawn without replacement with a fixed seed, in row order. */
  private static double[] sample(double[] rows, int n, int f) {
    if (n <= BACKGROUND_ROWS) {
      return rows;
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Rng rng = new Rng(SEED, 1);
    for (int i = 0; i < BACKGROUND_ROWS; i++) {
      int j = i + rng.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] picked = Arrays.copyOf(order, BACKGROUND_ROWS);
    Arrays.sort(picked);
    double[] out = new double[BACKGROUND_ROWS * f];
    for (int i = 0; i < picked.length; i++) {
      System.arraycopy(rows, picked[i] * f, out, i * f, f);
    }
    return out;
  }
}
