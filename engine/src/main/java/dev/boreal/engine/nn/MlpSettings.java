package dev.boreal.engine.nn;

import dev.boreal.UsageException;
import dev.boreal.engine.Rng;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.params.Params;

/**
 * The neural-net group of the parameter table as plain values, for the MLP and the FT-Transformer alike.
 *
 * <p>{@code learning_rate} is shared with the trees, whose default (0.1) is far too large a step for Adam;
 * when the user did not set it, the MLP uses {@value #DEFAULT_LEARNING_RATE}, scikit-learn's default, and the
 * FT-Transformer {@value #TRANSFORMER_LEARNING_RATE} with AdamW, weight decay
 * {@value #TRANSFORMER_WEIGHT_DECAY} and patience {@value #TRANSFORMER_PATIENCE}, the rtdl defaults;
 * {@link #effectiveParams} records those values in the model.
 *
 * @param hidden width of each hidden layer of the MLP ({@code hidden})
 * @param activation the MLP's hidden activation ({@code activation})
 * @param optimizer adam, adamw or sgd ({@code optimizer})
 * @param batchSize rows per gradient step ({@code batch_size})
 * @param learningRate step size ({@code learning_rate})
 * @param schedule how the step size changes per epoch ({@code lr_schedule})
 * @param momentum SGD's momentum ({@code momentum})
 * @param weightDecay with adam or sgd an L2 penalty, scaled as scikit-learn's alpha:
 *     {@code weight_decay / (2 · batch rows) · ‖W‖²} is added to a batch's mean loss; with adamw the
 *     decoupled decay rate; biases, norms and embeddings are never decayed ({@code weight_decay})
 * @param dropout fraction of the MLP's hidden units dropped in training ({@code dropout})
 * @param maxEpochs most passes over the training rows ({@code max_epochs})
 * @param patience epochs without a held-out improvement before stopping ({@code patience})
 * @param validationFraction share of training rows held out for early stopping ({@code validation_fraction})
 * @param beta1 Adam's first-moment decay ({@code adam_beta1})
 * @param beta2 Adam's second-moment decay ({@code adam_beta2})
 * @param epsilon Adam's ε ({@code adam_epsilon})
 * @param frequencies periodic-embedding frequencies per numeric feature, 0 for none ({@code numeric_embedding},
 *     {@code plr_frequencies})
 * @param plrSigma the frequencies' initial standard deviation ({@code plr_sigma})
 * @param embeddingWidth width of each numeric embedding in the MLP ({@code d_embedding})
 * @param seed master seed; initialisation, the split, shuffles and dropout derive their own ({@code seed})
 * @param threads threads of the training pool ({@code num_threads})
 */
record MlpSettings(int[] hidden, Activation activation, String optimizer, int batchSize, double learningRate,
    Optimizer.Schedule schedule, double momentum, double weightDecay, double dropout, int maxEpochs, int patience,
    double validationFraction, double beta1, double beta2, double epsilon, int frequencies, double plrSigma,
    int embeddingWidth, long seed, int threads) {

  /** The MLP's learning rate when the user sets none (scikit-learn's learning_rate_init). */
  static final double DEFAULT_LEARNING_RATE = 0.001;
  /** The FT-Transformer's defaults when the user sets none (rtdl's). */
  static final double TRANSFORMER_LEARNING_RATE = 1e-4;
  static final double TRANSFORMER_WEIGHT_DECAY = 1e-5;
  static final int TRANSFORMER_PATIENCE = 16;
  /** The {@code boosting} value of the FT-Transformer. */
  static final String FT_TRANSFORMER = "ft-transformer";

  /** The settings of validated parameters. */
  static MlpSettings of(Params p) {
    Params e = effectiveParams(p);
    boolean plr = e.getString("numeric_embedding").equals("plr");
    return new MlpSettings(
        e.getIntList("hidden"),
        Activation.of(e.getString("activation")),
        e.getString("optimizer"),
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
        plr ? e.getInt("plr_frequencies") : 0,
        e.getDouble("plr_sigma"),
        e.getInt("d_embedding"),
        e.getLong("seed"),
        Settings.threads(e));
  }

  /**
   * The parameters with the algorithm's defaults filled in where the user set none: the learning rate, and for
   * the FT-Transformer the optimizer, weight decay, patience and the preset's sizes.
   *
   * @throws UsageException if {@code n_heads} does not divide {@code d_token}
   */
  static Params effectiveParams(Params p) {
    boolean transformer = p.getString("boosting").equals(FT_TRANSFORMER);
    Params e = p;
    if (!transformer) {
      return fill(e, "learning_rate", Double.toString(DEFAULT_LEARNING_RATE));
    }
    e = fill(e, "learning_rate", Double.toString(TRANSFORMER_LEARNING_RATE));
    e = fill(e, "optimizer", "adamw");
    e = fill(e, "weight_decay", Double.toString(TRANSFORMER_WEIGHT_DECAY));
    e = fill(e, "patience", Integer.toString(TRANSFORMER_PATIENCE));
    if (e.getString("preset").equals("small")) {
      e = fill(e, "n_blocks", "1");
      e = fill(e, "d_token", "64");
      e = fill(e, "n_heads", "8");
    }
    if (e.getInt("d_token") % e.getInt("n_heads") != 0) {
      throw new UsageException("n_heads (" + e.getInt("n_heads") + ") must divide d_token (" + e.getInt("d_token")
          + ") so that every attention head has the same width.");
    }
    return e;
  }

  private static Params fill(Params p, String name, String value) {
    return p.isSet(name) ? p : p.with(name, value);
  }

  /** The seed of one random stage, derived from the master seed and the stage's name. */
  long seedOf(String stage) {
    return Rng.mix(seed, stage.hashCode());
  }
}
