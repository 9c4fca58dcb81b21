package dev.boreal.engine.learn;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.engine.params.Params;
import java.util.Locale;

/**
 * How a training run encodes labels: the encoder fitted on the training set (its classes for a classifier,
 * the identity otherwise) and the parameters completed by it ({@code num_class} from the labels for
 * multiclass when none was given). Every further set (validation, test, a cross-validation fold) is encoded
 * with the same encoder, so class k means the same class everywhere.
 *
 * @param encoder the fitted encoder; its class names go into the model
 * @param params the validated parameters, {@code num_class} filled in
 */
public record Labels(LabelEncoder encoder, Params params) {

  /**
   * Fits the encoder on a training set's labels for the objective {@code p} names.
   *
   * @throws UsageException if the set has no label column
   * @throws InputException if it has no feature column, or labels the objective cannot use
   */
  public static Labels fit(InputData train, Params p) {
    if (train.label() == null) {
      throw new UsageException(train.source() + ": training needs a label column; name it with --label.");
    }
    if (train.features().isEmpty()) {
      throw new InputException(train.source() + ": has no feature columns besides the label and ignored "
          + "columns.");
    }
    String objective = p.getString("objective");
    int numClass = p.isSet("num_class") ? p.getInt("num_class") : 0;
    LabelEncoder encoder = train.label().isCategorical()
        ? LabelEncoder.fit(objective, numClass, train.textLabels())
        : LabelEncoder.fit(objective, numClass, train.numericLabels());
    boolean multiclass = objective.toLowerCase(Locale.ROOT).equals("multiclass");
    Params filled = multiclass && !p.isSet("num_class")
        ? p.with("num_class", Integer.toString(encoder.numClasses())) : p;
    return new Labels(encoder, filled);
  }

  /** The same encoding with other parameters (a cross-validation fold's, a refit's iteration count). */
  public Labels withParams(Params other) {
    return new Labels(encoder, other);
  }

  /**
   * A data set's labels encoded as the training labels were.
   *
   * @throws UsageException if the set has no label column
   * @throws InputException naming the set for a label the encoder does not know
   */
  public double[] encode(InputData data) {
    return encode(encoder, data);
  }

  /** A data set's labels encoded by {@code encoder} (a trained model's, for a test file); see {@link #encode}. */
  public static double[] encode(LabelEncoder encoder, InputData data) {
    if (data.label() == null) {
      throw new UsageException(data.source() + ": needs the label column; name it with --label.");
    }
    try {
      return data.label().isCategorical() ? encoder.encode(data.textLabels())
          : encoder.encode(data.numericLabels());
    } catch (InputException e) {
      throw new InputException(data.source() + ": " + e.getMessage(), e);
    }
  }

  /** Class names of a classifier (index = encoded label), or {@code null}. */
  public String[] classes() {
    return encoder.isClassifier() ? encoder.classNames() : null;
  }
}
