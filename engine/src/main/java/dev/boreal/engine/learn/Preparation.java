package dev.boreal.engine.learn;

import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.TrainingData;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.nn.MlpData;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where data sets become what a {@link Learner} reads: labels encoded with the training
 * set's encoder, bins fitted on the training set and applied to each validation set, validation features
 * matched to the training ones by name and kind. The CLI's {@code train}, {@code compare} and {@code cv},
 * the Java API and the bench all prepare through it.
 *
 * <p>Validation sets are added one at a time, so that a caller reading files can close each one once it
 * is binned (tree learners keep only bins). For the MLP the raw columns are kept: their vectors must stay
 * open until training has finished.
 */
public final class Preparation {
  private final Labels labels;
  private final Parallel team;
  private final TrainingData binned;
  private final MlpData raw;
  private final List<TrainingData> binnedValids = new ArrayList<>();
  private final List<MlpData> rawValids = new ArrayList<>();

  private Preparation(Learner<?> learner, Labels labels, InputData train, Parallel team) {
    this.labels = labels;
    this.team = team;
    if (learner.continuation().isEmpty() && !labels.params().getString("input_model").isEmpty()) {
      throw new UsageException("input_model is read by boreal train and the API's Trainer only; cross-validation "
          + "and compare train every model from scratch, so drop input_model.");
    }
    double[] encoded = labels.encode(train);
    if (learner.readsBins()) {
      BinnedData data;
      if (learner.continuation().isPresent()) {
        List<BinMapper> fitted = BinnedData.learnMappers(train.features(), train.weights(),
            Settings.binning(labels.params()), team.team());
        List<BinMapper> mappers = learner.continuation().get().mappers(train.featureNames(), fitted);
        data = BinnedData.apply(mappers, train.features(), team.team());
      } else {
        data = BinnedData.fit(train.features(), train.weights(), Settings.binning(labels.params()), team.team());
      }
      if (learner.name().equals(Learners.GBDT.name())) {
        // Bundles serve gradient histograms; a forest's grower reads each feature's own column.
        data = Settings.bundled(data, labels.params());
      }
      this.binned = new TrainingData(train.name(), data, train.featureNames(), encoded, train.weights(),
          train.groupSizes());
      this.raw = null;
    } else {
      this.binned = null;
      this.raw = new MlpData(train.name(), train.features(), encoded, train.weights(), train.groupSizes());
    }
  }

  /**
   * Fits the label encoder on {@code train} and prepares it for {@code learner}.
   *
   * @param p validated parameters (the objective, binning, {@code num_class})
   * @param team the run's threads, which binning uses
   * @throws UsageException if the set has no label column, or {@code input_model} is set but the learner does
   *     not continue a model ({@link Learners#continuing})
   * @throws dev.boreal.InputException if it has no feature column, labels the objective cannot use, or features
   *     that the learner's input model does not have
   */
  public static Preparation of(Learner<?> learner, InputData train, Params p,
      Parallel team) {
    return new Preparation(learner, Labels.fit(train, p), train, team);
  }

  /**
   * Prepares {@code train} with labels already fitted (a cross-validation fold encodes with the encoder of
   * the whole data set) and their parameters.
   */
  public static Preparation of(Learner<?> learner, InputData train, Labels labels, Parallel team) {
    return new Preparation(learner, labels, train, team);
  }

  /**
   * Adds a validation set: its features matched to the training features by name and kind, binned with the
   * training mappers (or kept raw for the MLP), its labels encoded as the training labels.
   *
   * @return this preparation
   * @throws UsageException naming a training feature the set lacks or holds with another kind
   * @throws dev.boreal.InputException naming the set for a label the encoder does not know
   */
  public Preparation addValidation(InputData valid) {
    if (binned != null) {
      List<BinMapper> mappers = binned.data().mappers();
      List<FeatureColumn> columns = matching(valid, binned.featureNames(), categorical(mappers));
      BinnedData data = BinnedData.apply(mappers, columns, team.team());
      binnedValids.add(new TrainingData(valid.name(), data, binned.featureNames(), labels.encode(valid),
          valid.weights(), valid.groupSizes()));
    } else {
      List<FeatureColumn> columns = matching(valid, raw.columns());
      rawValids.add(new MlpData(valid.name(), columns, labels.encode(valid), valid.weights(), valid.groupSizes()));
    }
    return this;
  }

  /** The training set and the validation sets added so far. */
  public PreparedData data() {
    return new PreparedData(labels, binned, binnedValids, raw, rawValids);
  }

  /** The training features' names, which validation sets are matched to. */
  public List<String> featureNames() {
    return binned != null ? binned.featureNames() : names(raw.columns());
  }

  /**
   * A further set's columns for the given features, by name, checked against the kind (numeric or
   * categorical) each had in training. Scoring a file with a model matches its columns the same way.
   *
   * @param categorical per feature, whether it was categorical in training
   * @throws UsageException naming a feature the set lacks or holds with another kind
   */
  public static List<FeatureColumn> matching(InputData further, List<String> featureNames,
      boolean[] categorical) {
    Map<String, FeatureColumn> byName = new HashMap<>();
    for (FeatureColumn c : further.features()) {
      byName.putIfAbsent(c.name(), c);
    }
    List<FeatureColumn> columns = new ArrayList<>(featureNames.size());
    for (int f = 0; f < featureNames.size(); f++) {
      String name = featureNames.get(f);
      FeatureColumn c = byName.get(name);
      if (c == null) {
        throw new UsageException(further.source() + ": has no column '" + name + "', a feature of the model.");
      }
      if (c.isCategorical() != categorical[f]) {
        throw new UsageException(further.source() + ": column '" + name + "' is "
            + (c.isCategorical() ? "categorical" : "numeric") + " here but was "
            + (categorical[f] ? "categorical" : "numeric") + " in training"
            + (c.isCategorical() ? "" : "; read it with --categorical " + name) + ".");
      }
      columns.add(c);
    }
    return columns;
  }

  /** {@link #matching(InputData, List, boolean[])} for the names and kinds of the training columns. */
  public static List<FeatureColumn> matching(InputData further, List<FeatureColumn> trainColumns) {
    return matching(further, names(trainColumns), categoricalColumns(trainColumns));
  }

  /** Per mapper, whether its feature is categorical. */
  public static boolean[] categorical(List<BinMapper> mappers) {
    boolean[] out = new boolean[mappers.size()];
    for (int f = 0; f < out.length; f++) {
      out[f] = mappers.get(f).isCategorical();
    }
    return out;
  }

  private static boolean[] categoricalColumns(List<FeatureColumn> columns) {
    boolean[] out = new boolean[columns.size()];
    for (int f = 0; f < out.length; f++) {
      out[f] = columns.get(f).isCategorical();
    }
    return out;
  }

  private static List<String> names(List<FeatureColumn> columns) {
    List<String> out = new ArrayList<>(columns.size());
    for (FeatureColumn c : columns) {
      out.add(c.name());
    }
    return out;
  }
}
