package dev.boreal.cli;

import dev.boreal.engine.learn.InputData;
import dev.boreal.engine.learn.Labels;
import dev.boreal.engine.learn.Preparation;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * Rows of a data set as {@code compare} and {@code cv} split, score and measure them: raw feature columns and
 * the label column, which the training pipeline prepares ({@link #input()}) as it would a file, with the
 * labels encoded for the metrics, weights and query groups. A part of a larger set (a fold) is a
 * {@link #copy} of some of its rows.
 *
 * @param name how reports and metric histories name it ("binary.test", "fold 2 of 5")
 * @param columns the features, in the training file's order
 * @param label the label column as read
 * @param labels encoded labels
 * @param weights sample weights, or null
 * @param groups query group sizes, or null
 */
record DataPart(String name, List<FeatureColumn> columns, FeatureColumn label, double[] labels, double[] weights,
    int[] groups) {
  /** Number of rows. */
  int rows() {
    return labels.length;
  }

  /**
   * A training table's rows with labels encoded for the objective, as {@code train} encodes them.
   *
   * @param all every row of the table
   * @param labels the labels' encoding and the parameters it completed ({@code num_class})
   */
  record Labelled(DataPart all, Labels labels) {
    /**
     * Encodes the labels of {@code table} (kept open by the caller) for {@code p}'s objective.
     *
     * @param name how reports name the data set (the file's name)
     * @throws dev.boreal.UsageException if the table has no label column
     * @throws dev.boreal.InputException if it has labels the objective cannot use
     */
    static Labelled of(Table table, String name, Params p) {
      InputData input = table.input();
      Labels labels = Labels.fit(input, p);
      return new Labelled(new DataPart(name, input.features(), input.label(), labels.encode(input),
          input.weights(), input.groupSizes()), labels);
    }

    /**
     * A further table's rows (validation, test), its features matched to the training ones by name and its
     * labels encoded as the training labels; the caller keeps the table open.
     */
    DataPart further(Table table, String name) {
      InputData input = table.further(all.input().featureNames());
      List<FeatureColumn> columns = Preparation.matching(input, all.columns());
      return new DataPart(name, columns, input.label(), labels.encode(input), input.weights(), input.groupSizes());
    }

    /** The validated parameters, {@code num_class} filled in from the labels for multiclass. */
    Params params() {
      return labels.params();
    }

    /** Class names of a classifier (index = encoded label), or null. */
    String[] classes() {
      return labels.classes();
    }
  }

  /** The part as the training pipeline's input, to prepare with the whole data set's {@link Labels}. */
  InputData input() {
    return new InputData(name, name, columns, label, weights, groups);
  }

  /** A model's raw scores of these rows, output-major ({@code k * rows + row}) as metrics read them. */
  double[] rawScores(TrainedModel model) {
    int n = rows();
    int k = model.numOutputs();
    double[] rowMajor = new double[n * k];
    model.predictRaw(columns, rowMajor);
    double[] outputMajor = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        outputMajor[c * n + i] = rowMajor[i * k + c];
      }
    }
    return outputMajor;
  }

  /**
   * Rows {@code rows} of {@code all}, in that order, copied into Arrow columns of their own.
   *
   * @param groupSizes the copied rows' query group sizes, or null
   */
  static Copy copy(DataPart all, int[] rows, int[] groupSizes, String name, BufferAllocator allocator) {
    Copy copy = new Copy();
    try {
      List<FeatureColumn> columns = new ArrayList<>(all.columns().size());
      int[] placeOf = null;
      for (FeatureColumn c : all.columns()) {
        if (c.isSparse()) {
          placeOf = placeOf != null ? placeOf : placesOf(rows, c.rowCount());
          columns.add(sparseColumn(c, placeOf, rows.length));
        } else {
          columns.add(copy.column(c, rows, allocator));
        }
      }
      copy.part = new DataPart(name, columns, copy.column(all.label(), rows, allocator), pick(all.labels(), rows),
          pick(all.weights(), rows), groupSizes);
      return copy;
    } catch (RuntimeException e) {
      copy.close();
      throw e;
    }
  }

  /** Where each of {@code total} rows lands among the copied {@code rows}, or -1 where it is not copied. */
  private static int[] placesOf(int[] rows, int total) {
    int[] placeOf = new int[total];
    Arrays.fill(placeOf, -1);
    for (int i = 0; i < rows.length; i++) {
      placeOf[rows[i]] = i;
    }
    return placeOf;
  }

  /**
   * The copied rows of a sparse column, sparse too: its entries on copied rows, at their new places in order (a
   * fold's rows need not ascend), so a fold of a LibSVM file is not made dense either.
   */
  private static FeatureColumn sparseColumn(FeatureColumn c, int[] placeOf, int copied) {
    FeatureColumn.Entries entries = c.entries();
    long[] kept = new long[entries.rows().length];
    int n = 0;
    for (int k = 0; k < kept.length; k++) {
      int place = placeOf[entries.rows()[k]];
      if (place >= 0) {
        kept[n++] = (long) place << 32 | k;
      }
    }
    Arrays.sort(kept, 0, n);
    int[] at = new int[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      at[i] = (int) (kept[i] >>> 32);
      values[i] = entries.values()[(int) kept[i]];
    }
    return FeatureColumn.sparse(c.name(), copied, at, values);
  }

  /** A copied part and the Arrow vectors it owns; closing frees them. */
  static final class Copy implements AutoCloseable {
    private final List<FieldVector> vectors = new ArrayList<>();
    private DataPart part;

    /** The copied rows. */
    DataPart part() {
      return part;
    }

    /** A new column holding {@code rows} of {@code c}, in that order. */
    private FeatureColumn column(FeatureColumn c, int[] rows, BufferAllocator allocator) {
      int n = rows.length;
      int total = c.rowCount();
      if (c.isCategorical()) {
        int[] codes = new int[total];
        c.readCodes(0, total, codes);
        IntVector v = new IntVector(c.name(), allocator);
        vectors.add(v);
        v.allocateNew(n);
        for (int i = 0; i < n; i++) {
          int code = codes[rows[i]];
          if (code == FeatureColumn.MISSING_CODE) {
            v.setNull(i);
          } else {
            v.set(i, code);
          }
        }
        v.setValueCount(n);
        return FeatureColumn.categorical(c.name(), v, c.categories());
      }
      double[] values = new double[total];
      c.readValues(0, total, values);
      Float8Vector v = new Float8Vector(c.name(), allocator);
      vectors.add(v);
      v.allocateNew(n);
      for (int i = 0; i < n; i++) {
        double x = values[rows[i]];
        if (Double.isNaN(x)) {
          v.setNull(i);
        } else {
          v.set(i, x);
        }
      }
      v.setValueCount(n);
      return FeatureColumn.numeric(c.name(), v);
    }

    @Override
    public void close() {
      for (FieldVector v : vectors) {
        v.close();
      }
      vectors.clear();
    }
  }

  /**
   * A training part and the part it is tested on; closing frees the copies a fold made of them (a
   * holdout split of two files owns none).
   */
  static final class Split implements AutoCloseable {
    private final DataPart train;
    private final DataPart test;
    private final List<Copy> copies;

    private Split(DataPart train, DataPart test, List<Copy> copies) {
      this.train = train;
      this.test = test;
      this.copies = copies;
    }

    /** A split of two parts that the caller owns. */
    static Split of(DataPart train, DataPart test) {
      return new Split(train, test, List.of());
    }

    /** A split of two copies, which it frees when closed. */
    static Split owning(Copy train, Copy test) {
      return new Split(train.part(), test.part(), List.of(train, test));
    }

    DataPart train() {
      return train;
    }

    DataPart test() {
      return test;
    }

    @Override
    public void close() {
      for (Copy c : copies) {
        c.close();
      }
    }
  }

  private static double[] pick(double[] values, int[] rows) {
    return values == null ? null : Arrays.stream(rows).mapToDouble(r -> values[r]).toArray();
  }
}
