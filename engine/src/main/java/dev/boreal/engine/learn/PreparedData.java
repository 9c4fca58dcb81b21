package dev.boreal.engine.learn;

import dev.boreal.engine.TrainingData;
import dev.boreal.engine.nn.MlpData;
import dev.boreal.engine.params.Params;
import java.util.List;

/**
 * A training set and its validation sets ready for one {@link Learner}: labels encoded, and either binned
 * (the training set with mappers fitted on it, the validation sets with those mappers) for the tree
 * learners, or kept as raw columns matched by name for the MLP, which standardises them itself. Built only
 * by {@link Preparation}, so every caller prepares data the same way.
 */
public final class PreparedData {
  private final Labels labels;
  private final TrainingData binned;
  private final List<TrainingData> binnedValids;
  private final MlpData raw;
  private final List<MlpData> rawValids;

  PreparedData(Labels labels, TrainingData binned, List<TrainingData> binnedValids, MlpData raw,
      List<MlpData> rawValids) {
    this.labels = labels;
    this.binned = binned;
    this.binnedValids = List.copyOf(binnedValids);
    this.raw = raw;
    this.rawValids = List.copyOf(rawValids);
  }

  /** The validated parameters, {@code num_class} filled in from the labels for multiclass. */
  public Params params() {
    return labels.params();
  }

  /** How the labels were encoded. */
  public Labels labels() {
    return labels;
  }

  /** Class names of a classifier (index = encoded label), or {@code null}. */
  public String[] classes() {
    return labels.classes();
  }

  /** Training rows. */
  public int rows() {
    return binned != null ? binned.rows() : raw.rows();
  }

  /** Training features. */
  public int features() {
    return binned != null ? binned.featureNames().size() : raw.columns().size();
  }

  /**
   * The binned training set, for the tree learners.
   *
   * @throws IllegalStateException if the data was prepared raw (for the MLP)
   */
  public TrainingData binned() {
    return present(binned, "binned");
  }

  /** The validation sets binned with the training set's mappers. */
  public List<TrainingData> binnedValids() {
    present(binned, "binned");
    return binnedValids;
  }

  /**
   * The training set's raw columns, for the MLP.
   *
   * @throws IllegalStateException if the data was prepared binned (for a tree learner)
   */
  public MlpData raw() {
    return present(raw, "raw columns");
  }

  /** The validation sets' raw columns, matched to the training features by name. */
  public List<MlpData> rawValids() {
    present(raw, "raw columns");
    return rawValids;
  }

  /** A learner asked for the form of data that another learner's preparation did not make. */
  private static <T> T present(T part, String form) {
    if (part == null) {
      throw new IllegalStateException("the data was not prepared as " + form + " (prepare it for this learner)");
    }
    return part;
  }
}
