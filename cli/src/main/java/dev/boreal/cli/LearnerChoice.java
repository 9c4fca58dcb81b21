package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.params.Params;
import java.util.Locale;

/**
 * The learner a command trains, chosen by one rule for {@code train} and {@code cv}: {@code --algorithm} when
 * given, else the {@code boosting} parameter, which {@code -p}, its aliases ({@code boosting_type},
 * {@code algorithm}) and a config file all set. The chosen name is written back into {@code boosting}, so a
 * model records what learned it and {@code --algorithm mlp} and {@code -p boosting=mlp} train the same model
 * (as do {@code --algorithm ft-transformer} and {@code -p boosting=ft-transformer}).
 *
 * @param learner the learner to train with
 * @param params the parameters, with {@code boosting} set to the learner's name
 */
record LearnerChoice(Learner<?> learner, Params params) {

  /** Refuses, before any file is read, parameters the learner cannot train with (use_quantized_grad beyond gbdt). */
  LearnerChoice {
    if (learner != Learners.GBDT) {
      Settings.refuseQuantization(params, learner.name());
    }
  }

  /**
   * The learner of {@code --algorithm} (null when not given) or of the parameters.
   *
   * @throws UsageException for an unknown {@code --algorithm}, or one that contradicts a {@code boosting} given,
   *     or use_quantized_grad with rf or mlp
   */
  static LearnerChoice of(String algorithm, Params p) {
    String boosting = p.getString("boosting");
    if (algorithm == null) {
      return new LearnerChoice(Learners.of(boosting), p);
    }
    String alg = algorithm.toLowerCase(Locale.ROOT);
    Learner<?> learner = Learners.ALL.stream().filter(l -> l.name().equals(alg)).findFirst()
        .orElseThrow(() -> new UsageException("Unknown --algorithm '" + algorithm
            + "': expected gbdt, rf, mlp or ft-transformer."));
    if (p.isSet("boosting") && !boosting.equals(alg)) {
      throw new UsageException("--algorithm " + alg + " contradicts boosting=" + boosting + "; give one of them.");
    }
    return new LearnerChoice(learner, p.with("boosting", alg));
  }

  /** "gbdt", "rf", "mlp" or "ft-transformer". */
  String name() {
    return learner.name();
  }
}
