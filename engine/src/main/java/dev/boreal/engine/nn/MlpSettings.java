package dev.boreal.engine.nn;

import dev.boreal.engine.Rng;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.params.Params;

/**
 * The MLP group of the parameter table as plain values.
 *
 * <p>{@code learning_rate} is shared with the trees, whose default (0.1) is far too large a step for Adam;
 * when the user did not set it, the MLP uses {@value #DEFAULT_LEARNING_RATE}, scikit-learn's default, and
 * {@link #effectiveParams} records that value in the model.
 *
 * @param hidden width of each hidden layer ({@code hidden})
 * @param activation hidden activation ({@code activation})
 * @param adam Adam rather than SGD with momentum ({@code optimizer})
 * @param batchSize rows per gradient step ({@code batch_size})
 * @param learningRate step size ({@code learning_rate}, default 0.001 for the MLP)
 * @param schedule how the step size changes per epoch ({@code lr_schedule})
 * @param momentum SGD's momentum ({@code momentum})
 * @param weightDecay L2 penalty, scaled as scikit-learn's alpha: {@code weight_decay / (2 · batch rows) · ‖W‖²}
 *     is added to a batch's mean loss; biases are not penalised ({@code weight_decay})
 * @param dropout fraction of hidden units dropped in training ({@code dropout})
 * @param maxEpochs most passes over the training rows ({@code max_epochs})
 * @param patience epochs without a held-out improvement before stopping ({@code patience})
 * @param validationFraction share of training rows held out for early stopping ({@code validation_fraction})
 * @param beta1 Adam's first-moment decay ({@code adam_beta1})
 * @param beta2 Adam's second-moment decay ({@code adam_beta2})
 * @param epsilon Adam's ε ({@code adam_epsilon})
 * @param seed master seed; initialisation, the split, shuffles and dropout derive their own ({@code seed})
 * @param threads threads of the training pool ({@code num_threads})
 */
record MlpSettings(int[] hidden, Activation activation, boolean adam, int batchSize, double learningRate,
    Optimizer.Schedule schedule, double momentum, double weightDecay, double dropout, int maxEpochs, int patience,
    double validationFraction, double beta1, double beta2, double epsilon, long seed, int threads) {

  /** The MLP's learning rate when the user sets none (scikit-learn's learning_rate_init). */
  static final double DEFAULT_LEARNING_RATE = 0.001;

  /** The settings of validated parameters. */
  static MlpSettings of(Params p) {
    Params e = effectiveParams(p);
    return new MlpSettings(
        e.getIntList("hidden"),
        Activation.of(e.getString("activation")),
        e.getString("optimizer").equals("adam"),
        e.getInt("batch_size"),
        e.getDouble("learning_rate"),
        Optimizer.Schedule.valueOf(e.getString("lr_schedule").toUpperCase(java.util.Locale.ROOT)),
        e.getDouble("momentum"),
        e.getDouble("weight_decay"),
        e.getDouble("dropout"),
        e.getInt("max_epochs"),
        e.getInt("patience"),
        e.getDouble("validation_fraction"),
        e.getDouble("adam_beta1"),
        e.getDouble("adam_beta2"),
        e.getDouble("adam_epsilon"),
        e.getLong("seed"),
        Settings.threads(e));
  }

  /** The parameters with the MLP's learning-rate default filled in when the user set none. */
  static Params effectiveParams(Params p) {
    return p.isSet("learning_rate") ? p : p.with("learning_rate", Double.toString(DEFAULT_LEARNING_RATE));
  }

  /** The seed of one random stage, derived from the master seed and the stage's name. */
  long seedOf(String stage) {
    return Rng.mix(seed, stage.hashCode());
  }
}
