package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.FeatureColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Turns data files into what the learners read: a training set binned with new mappers and its label
 * encoder, and further sets (validation, test) binned with the training set's mappers and encoded with
 * its labels, their features matched by name.
 */
public final class Datasets {
  /**
   * A training set and how its labels were encoded.
   *
   * @param data the binned training set
   * @param labels the encoder; its class names go into the model
   */
  public record Training(TrainingData data, LabelEncoder labels) {}

  private Datasets() {}

  /**
   * Reads and bins a training file.
   *
   * @param objective the objective's canonical name (decides how labels are encoded)
   * @param numClass {@code num_class} for multiclass (0 or 1 to infer it from the labels)
   */
  public static Training training(Path file, ReadOptions options, String objective, int numClass,
      BinningParams binning, BufferAllocator allocator) {
    try (Table table = DataReaders.read(file, options, allocator)) {
      return training(table, objective, numClass, binning);
    }
  }

  /**
   * Bins a training table that is already read; the caller keeps it open and closes it.
   *
   * @param objective the objective's canonical name (decides how labels are encoded)
   * @param numClass {@code num_class} for multiclass (0 or 1 to infer it from the labels)
   */
  public static Training training(Table table, String objective, int numClass, BinningParams binning) {
    LabelEncoder encoder = labelEncoder(table, objective, numClass);
    double[] weights = table.weights();
    BinnedData binned = BinnedData.fit(table.features(), weights, binning);
    double[] encoded = encode(encoder, table);
    return new Training(new TrainingData(table.source().getFileName().toString(), binned, table.featureNames(),
        encoded, weights, table.groupSizes()), encoder);
  }

  /**
   * Fits the label encoder of a training table: its classes for a classifier, the identity otherwise.
   *
   * @throws UsageException if the table has no label column
   * @throws InputException if it has no feature column, or labels the objective cannot use
   */
  public static LabelEncoder labelEncoder(Table table, String objective, int numClass) {
    Path file = table.source();
    if (!table.hasLabel()) {
      throw new UsageException(file + ": training needs a label column; name it with --label.");
    }
    if (table.featureNames().isEmpty()) {
      throw new InputException(file + ": has no feature columns besides the label and ignored columns.");
    }
    FeatureColumn label = table.labelColumn();
    return label.isCategorical()
        ? LabelEncoder.fit(objective, numClass, textLabels(label))
        : LabelEncoder.fit(objective, numClass, table.numericColumn(table.labelName()));
  }

  /**
   * A table's labels encoded as training encoded them.
   *
   * @throws UsageException if the table has no label column
   * @throws InputException naming the table for a label the encoder does not know
   */
  public static double[] labels(Table table, LabelEncoder encoder) {
    if (!table.hasLabel()) {
      throw new UsageException(table.source() + ": needs the label column; name it with --label.");
    }
    return encode(encoder, table);
  }

  /**
   * Reads a further file (validation or test) and bins it like the training set.
   *
   * @param featureNames the training features, matched by name
   * @param mappers the training features' bin mappers
   * @param encoder the training labels' encoder, or {@code null} when labels are not needed
   */
  public static TrainingData matching(Path file, ReadOptions options, List<String> featureNames,
      List<BinMapper> mappers, LabelEncoder encoder, int threads, BufferAllocator allocator) {
    try (Table table = DataReaders.read(file, options, allocator)) {
      return matching(table, featureNames, mappers, encoder, threads);
    }
  }

  /**
   * Bins a further table that is already read like the training set; the caller keeps it open.
   *
   * @param featureNames the training features, matched by name
   * @param mappers the training features' bin mappers
   * @param encoder the training labels' encoder, or {@code null} when labels are not needed
   */
  public static TrainingData matching(Table table, List<String> featureNames, List<BinMapper> mappers,
      LabelEncoder encoder, int threads) {
    List<FeatureColumn> columns = columnsFor(table, featureNames, mappers);
    BinnedData binned = BinnedData.apply(mappers, columns, threads);
    double[] labels = encoder == null ? new double[table.rowCount()] : labels(table, encoder);
    return new TrainingData(table.source().getFileName().toString(), binned, featureNames, labels, table.weights(),
        table.groupSizes());
  }

  /**
   * The table's columns for the given features, by name, checked against the training types.
   *
   * @throws UsageException naming a feature the table lacks or holds with another type
   */
  public static List<FeatureColumn> columnsFor(Table table, List<String> featureNames, List<BinMapper> mappers) {
    List<String> present = table.columnNames();
    List<FeatureColumn> columns = new ArrayList<>(featureNames.size());
    for (int f = 0; f < featureNames.size(); f++) {
      String name = featureNames.get(f);
      if (!present.contains(name)) {
        throw new UsageException(table.source() + ": has no column '" + name + "', a feature of the model.");
      }
      FeatureColumn c = table.column(name);
      if (c.isCategorical() != mappers.get(f).isCategorical()) {
        throw new UsageException(table.source() + ": column '" + name + "' is "
            + (c.isCategorical() ? "categorical" : "numeric") + " here but was "
            + (mappers.get(f).isCategorical() ? "categorical" : "numeric") + " in training"
            + (c.isCategorical() ? "" : "; read it with --categorical " + name) + ".");
      }
      columns.add(c);
    }
    return columns;
  }

  private static double[] encode(LabelEncoder encoder, Table table) {
    FeatureColumn label = table.labelColumn();
    try {
      return label.isCategorical() ? encoder.encode(textLabels(label))
          : encoder.encode(table.numericColumn(table.labelName()));
    } catch (InputException e) {
      throw new InputException(table.source() + ": " + e.getMessage(), e);
    }
  }

  private static String[] textLabels(FeatureColumn label) {
    int n = label.rowCount();
    int[] codes = new int[n];
    label.readCodes(0, n, codes);
    String[] names = label.categories();
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = codes[i] < 0 ? null : names[codes[i]];
    }
    return out;
  }
}
