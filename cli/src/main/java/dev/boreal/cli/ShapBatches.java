package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.explain.ShapInteractions;
import dev.boreal.explain.ShapValues;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.Table;
import java.util.List;

/**
 * Explains a table's rows in batches so that a terminal can show progress, then joins the batches' values
 * into one array in row order. Each row's SHAP values depend on that row alone, so the result is exactly
 * what explaining every row at once gives.
 */
final class ShapBatches {
  /**
   * Rows per batch: large enough that slicing and per-call set-up cost nothing next to TreeSHAP, small
   * enough that the bar moves every second or so.
   */
  static final int DEFAULT_BATCH = 4096;

  /** An explainer over feature columns: TreeSHAP, interventional TreeSHAP, or interaction values. */
  @FunctionalInterface
  interface Explainer<T> {
    /** Explains every row of {@code columns}. */
    T explain(List<FeatureColumn> columns, Parallel parallel);
  }

  private ShapBatches() {}

  /** What the batching loop needs to read from one batch's result and to build the joined one. */
  private interface Parts<T> {
    int outputs(T part);

    double expectedValue(T part, int k);

    double[] raw(T part);

    T join(int rows, int outputs, double[] values, double[] expected);
  }

  /** SHAP values of every row of {@code columns} (the model's features, read from {@code table}). */
  static ShapValues values(Table table, List<FeatureColumn> columns, Explainer<ShapValues> explainer,
      Parallel parallel, ProgressBar bar, int batch) {
    int features = columns.size();
    return batched(table, columns, explainer, parallel, bar, batch, features + 1L, new Parts<ShapValues>() {
      public int outputs(ShapValues p) {
        return p.outputs();
      }

      public double expectedValue(ShapValues p, int k) {
        return p.expectedValue(k);
      }

      public double[] raw(ShapValues p) {
        return p.raw();
      }

      public ShapValues join(int rows, int outputs, double[] values, double[] expected) {
        return new ShapValues(rows, outputs, features, values, expected);
      }
    });
  }

  /** SHAP interaction values of every row, batched like {@link #values}. */
  static ShapInteractions interactions(Table table, List<FeatureColumn> columns,
      Explainer<ShapInteractions> explainer, Parallel parallel, ProgressBar bar, int batch) {
    int features = columns.size();
    long width = features + 1L;
    return batched(table, columns, explainer, parallel, bar, batch, width * width,
        new Parts<ShapInteractions>() {
          public int outputs(ShapInteractions p) {
            return p.outputs();
          }

          public double expectedValue(ShapInteractions p, int k) {
            return p.expectedValue(k);
          }

          public double[] raw(ShapInteractions p) {
            return p.raw();
          }

          public ShapInteractions join(int rows, int outputs, double[] values, double[] expected) {
            return new ShapInteractions(rows, outputs, features, values, expected);
          }
        });
  }

  /** Explains batch by batch and copies each batch's values into place; {@code perOutput} values per row and output. */
  private static <T> T batched(Table table, List<FeatureColumn> columns, Explainer<T> explainer, Parallel parallel,
      ProgressBar bar, int batch, long perOutput, Parts<T> parts) {
    int rows = table.rowCount();
    if (rows <= batch) {
      T all = explainer.explain(columns, parallel);
      bar.update(rows, rows);
      return all;
    }
    double[] values = null;
    double[] expected = null;
    int outputs = 0;
    for (int from = 0; from < rows; from += batch) {
      int to = Math.min(rows, from + batch);
      try (Table.Slice slice = table.slice(from, to - from, columns)) {
        T part = explainer.explain(slice.columns(), parallel);
        double[] raw = parts.raw(part);
        if (values == null) {
          outputs = parts.outputs(part);
          values = new double[checkedSize(rows * outputs * perOutput)];
          expected = new double[outputs];
          for (int k = 0; k < outputs; k++) {
            expected[k] = parts.expectedValue(part, k);
          }
        }
        System.arraycopy(raw, 0, values, (int) (from * outputs * perOutput), raw.length);
      }
      bar.update(to, rows);
    }
    return parts.join(rows, outputs, values, expected);
  }

  /** Java arrays stop at 2^31 values; say so in terms of what the user can change. */
  static int checkedSize(long values) {
    if (values > Integer.MAX_VALUE - 8) {
      throw new UsageException("The explanation would hold " + values + " values, more than one array can; "
          + "explain fewer rows at a time (split the data file).");
    }
    return (int) values;
  }
}
