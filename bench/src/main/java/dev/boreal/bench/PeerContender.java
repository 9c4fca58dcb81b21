package dev.boreal.bench;

import dev.boreal.engine.objective.LabelEncoder;
import java.util.List;

/**
 * What the peers' contenders share: both read the training file into {@link DenseData} (numbers, categorical
 * columns as {@link CategoryCodes}, the labels encoded as Boreal encodes them) and report its features, label
 * encoding and number of outputs.
 */
abstract class PeerContender implements Contender {
  /** The training data's feature names, set by {@code load}. */
  List<String> features;
  /** The training data's label encoding, set by {@code load}. */
  LabelEncoder encoder;
  /** Raw outputs per row, set by {@code load} or {@code train}. */
  int outputs;

  @Override
  public List<String> features() {
    return features;
  }

  @Override
  public LabelEncoder encoder() {
    return encoder;
  }

  @Override
  public int numOutputs() {
    return outputs;
  }
}
