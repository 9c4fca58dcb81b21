package dev.boreal.bench;

import dev.boreal.bench.SuiteFolder.DataSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the suite found on each data set (every library's test metric and training seconds, and the reference
 * scores) and the gaps that judge Boreal by them: its gradient boosting against the best boosting peer of the
 * set, its forest against the reference forest, each of its neural nets against the best tree model of the set
 * (Boreal's or a peer's, live or reference), and a summary of each over the sets.
 *
 * <p>A gap is relative and signed so that a positive gap means Boreal is worse: {@code (best - boreal) / best}
 * when higher is better (AUC, accuracy), {@code (boreal - best) / best} when lower is (RMSE). A set whose gap is
 * at most 0 is a win.
 */
final class SuiteResults {
  /** Boreal's gradient boosting, as a library name. */
  static final String GBDT = "boreal";
  /** Boreal's random forest, as a library name. */
  static final String RF = BorealContender.FOREST;
  /** Boreal's neural nets, as library names, in table order. */
  static final List<String> NETS = List.of("mlp", "mlp-plr", "ft-transformer");

  /**
   * One library's run on one set.
   *
   * @param value the test metric, NaN when the run failed
   * @param seconds training seconds (the training call alone, in the child), NaN when it failed
   * @param error why the run failed, or {@code null}
   */
  record Run(double value, double seconds, String error) {
    static Run of(Measurement m) {
      return new Run(m.metric(), m.trainingSeconds(), null);
    }

    static Run failed(String error) {
      return new Run(Double.NaN, Double.NaN, error);
    }
  }

  /**
   * Boreal's gap on one set.
   *
   * @param value the relative gap, NaN when Boreal's run failed or there is no peer to measure against
   * @param best the best peer's metric, NaN when there is none
   * @param bestBy the best peer's name, or {@code null}
   */
  record Gap(double value, double best, String bestBy) {
    static final Gap NONE = new Gap(Double.NaN, Double.NaN, null);
  }

  /**
   * One set's outcome.
   *
   * @param runs library → its run, in the order they ran
   * @param reference reference model → its score (empty without reference.tsv)
   */
  record SetResult(DataSet set, Map<String, Run> runs, Map<String, Double> reference) {
    /** Boreal's boosting against the best of the live boosting peers and the reference boosting models. */
    Gap gbdtGap() {
      Map<String, Double> peers = new LinkedHashMap<>();
      runs.forEach((library, run) -> {
        if (!library.equals(GBDT) && !library.equals(RF) && !NETS.contains(library)) {
          peers.put(library, run.value());
        }
      });
      reference.forEach((model, value) -> {
        if (!isForest(model)) {
          peers.put(model, value);
        }
      });
      return gap(GBDT, peers);
    }

    /** Boreal's forest against the reference forests. */
    Gap rfGap() {
      Map<String, Double> peers = new LinkedHashMap<>();
      reference.forEach((model, value) -> {
        if (isForest(model)) {
          peers.put(model, value);
        }
      });
      return gap(RF, peers);
    }

    /**
     * A neural net against the best tree model of the set: Boreal's boosting and forest, the live peers and
     * every reference model, so that a net wins only where it beats every tree the set was given.
     */
    Gap netGap(String net) {
      Map<String, Double> trees = new LinkedHashMap<>();
      runs.forEach((library, run) -> {
        if (!NETS.contains(library)) {
          trees.put(library, run.value());
        }
      });
      trees.putAll(reference);
      return gap(net, trees);
    }

    private Gap gap(String library, Map<String, Double> peers) {
      Run boreal = runs.get(library);
      boolean higher = set.task().higherIsBetter;
      String bestBy = null;
      double best = Double.NaN;
      for (Map.Entry<String, Double> e : peers.entrySet()) {
        double v = e.getValue();
        if (!Double.isNaN(v) && (bestBy == null || (higher ? v > best : v < best))) {
          best = v;
          bestBy = e.getKey();
        }
      }
      if (boreal == null || Double.isNaN(boreal.value()) || bestBy == null) {
        return bestBy == null ? Gap.NONE : new Gap(Double.NaN, best, bestBy);
      }
      return new Gap(relativeGap(boreal.value(), best, higher), best, bestBy);
    }
  }

  /**
   * A summary of one algorithm's gaps over the sets that have one.
   *
   * @param sets how many sets have a gap
   * @param median the median gap (the mean of the middle two for an even count), NaN without sets
   * @param wins sets whose gap is at most 0
   * @param worst the largest gap, NaN without sets
   * @param worstSet the set of the largest gap (the first such), or {@code null}
   */
  record Summary(int sets, double median, int wins, double worst, String worstSet) {}

  private final List<SetResult> results = new ArrayList<>();

  /** Adds a set's outcome, in the order the table shows them. */
  void add(SetResult result) {
    results.add(result);
  }

  /** The sets' outcomes, in order. */
  List<SetResult> all() {
    return List.copyOf(results);
  }

  /** The summary of Boreal's boosting gaps. */
  Summary gbdtSummary() {
    return summary(SetResult::gbdtGap);
  }

  /** The summary of Boreal's forest gaps. */
  Summary rfSummary() {
    return summary(SetResult::rfGap);
  }

  /** The summary of a neural net's gaps to the best tree model. */
  Summary netSummary(String net) {
    return summary(r -> r.netGap(net));
  }

  private Summary summary(Function<SetResult, Gap> gapOf) {
    List<Double> gaps = new ArrayList<>();
    int wins = 0;
    double worst = Double.NaN;
    String worstSet = null;
    for (SetResult r : results) {
      double g = gapOf.apply(r).value();
      if (Double.isNaN(g)) {
        continue;
      }
      gaps.add(g);
      wins += g <= 0 ? 1 : 0;
      if (worstSet == null || g > worst) {
        worst = g;
        worstSet = r.set().name();
      }
    }
    return new Summary(gaps.size(), Measurement.median(gaps.stream().mapToDouble(Double::doubleValue).toArray()),
        wins, worst, worstSet);
  }

  /** Boreal's relative gap to {@code best}: positive when Boreal is worse. */
  static double relativeGap(double boreal, double best, boolean higherIsBetter) {
    return higherIsBetter ? (best - boreal) / best : (boreal - best) / best;
  }

  /**
   * Whether a reference model is a forest, judged by its name: a word {@code rf} or {@code forest} in it
   * ({@code sklearn-rf-1.2.1}); every other reference model counts as a boosting peer.
   */
  static boolean isForest(String model) {
    for (String word : model.toLowerCase(Locale.ROOT).split("[-_ .]")) {
      if (word.equals("rf") || word.equals("forest") || word.equals("randomforest")) {
        return true;
      }
    }
    return false;
  }
}
