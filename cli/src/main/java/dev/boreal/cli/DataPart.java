package dev.boreal.cli;

import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpData;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.Datasets;
import dev.boreal.io.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * Rows of a data set as {@code compare} and {@code cv} hand them to every learner: raw feature columns, so
 * that trees bin them and the neural net standardises them as each would a file, with encoded labels,
 * weights and query groups. A part of a larger set (a fold) is a {@link #copy} of some of its rows.
 *
 * @param name how reports and metric histories name it ("binary.test", "fold 2 of 5")
 * @param columns the features, in the training file's order
 * @param labels encoded labels
 * @param weights sample weights, or null
 * @param groups query group sizes, or null
 */
record DataPart(String name, List<FeatureColumn> columns, double[] labels, double[] weights, int[] groups) {
  /** Number of rows. */
  int rows() {
    return labels.length;
  }

  /**
   * A training table's rows with labels encoded for the objective, as {@code train} encodes them.
   *
   * @param all every row of the table
   * @param encoder the labels' encoder; its class names go into the model
   * @param params the parameters, with {@code num_class} filled in from the labels for multiclass
   */
  record Labelled(DataPart all, LabelEncoder encoder, Params params) {
    /**
     * Encodes the labels of {@code table} (kept open by the caller) for {@code p}'s objective.
     *
     * @param name how reports name the data set (the file's name)
     * @throws dev.boreal.UsageException if the table has no label column
     * @throws dev.boreal.InputException if it has labels the objective cannot use
     */
    static Labelled of(Table table, String name, Params p) {
      String objective = p.getString("objective");
      LabelEncoder encoder = Datasets.labelEncoder(table, objective, p.isSet("num_class") ? p.getInt("num_class")
          : 0);
      Params filled = "multiclass".equals(objective) && !p.isSet("num_class")
          ? p.with("num_class", Integer.toString(encoder.numClasses())) : p;
      return new Labelled(new DataPart(name, table.features(), Datasets.labels(table, encoder), table.weights(),
          table.groupSizes()), encoder, filled);
    }

    /**
     * A further table's rows (validation, test), its features matched to the training ones by name and its
     * labels encoded as the training labels; the caller keeps the table open.
     */
    DataPart further(Table table, String name) {
      return new DataPart(name, MlpTraining.matching(table, all.columns()), Datasets.labels(table, encoder),
          table.weights(), table.groupSizes());
    }

    /** Class names of a classifier (index = encoded label), or null. */
    String[] classes() {
      return encoder.isClassifier() ? encoder.classNames() : null;
    }
  }

  /** The part for the neural net, which reads raw columns. */
  MlpData forMlp() {
    return new MlpData(name, columns, labels, weights, groups);
  }

  /** The part binned on its own rows with the binning parameters of {@code p}, as training bins a file. */
  TrainingData binned(Params p) {
    return training(BinnedData.fit(columns, weights, Settings.binning(p)));
  }

  /** The part binned with a training part's mappers, as a validation file is. */
  TrainingData binnedLike(TrainingData train, int threads) {
    List<BinMapper> mappers = train.data().mappers();
    return training(BinnedData.apply(mappers, columns, threads));
  }

  private TrainingData training(BinnedData binned) {
    List<String> names = new ArrayList<>(columns.size());
    for (FeatureColumn c : columns) {
      names.add(c.name());
    }
    return new TrainingData(name, binned, names, labels, weights, groups);
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
      for (FeatureColumn c : all.columns()) {
        columns.add(copy.column(c, rows, allocator));
      }
      copy.part = new DataPart(name, columns, pick(all.labels(), rows), pick(all.weights(), rows), groupSizes);
      return copy;
    } catch (RuntimeException e) {
      copy.close();
      throw e;
    }
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
