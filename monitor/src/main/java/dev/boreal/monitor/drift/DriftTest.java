package dev.boreal.monitor.drift;

import dev.boreal.InputException;
import dev.boreal.histogram.BinMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tests new data against a model's {@link DriftProfile}: given the new rows' counts in the same cells
 * ({@link CellCounter}), the counts of their predictions over the profile's {@link ScoreHistogram}, and
 * optionally their mean |SHAP values|, it gives a {@link DriftReport}.
 *
 * <p>The verdict per feature controls the false alarms of that feature at {@link #FALSE_ALARM_RATE}: a
 * feature whose new rows come from the reference's population is called drifted with probability at most
 * 5% (the thresholds aim at {@link #DESIGN_RATE}), whatever the sample size, because each threshold is a quantile of the statistic's null distribution
 * at the new sample's size ({@link NullThresholds}). Ordered cells (numeric features, predictions) vote with
 * two statistics, PSI and KS, each at level {@code 1 - rate/2} (Bonferroni), so that either exceeding its
 * threshold stays within the rate; categorical features vote with PSI alone at {@code 1 - rate}. JS distance
 * gets a threshold at PSI's level for reading but does not vote. The fixed PSI bands (0.1, 0.25) are
 * reported beside, not used.
 *
 * <p>Thread-safe: thresholds are computed once per feature and sample size and cached.
 */
public final class DriftTest {
  /** The most a feature that has not drifted may be called drifted: the bound the tests check. */
  public static final double FALSE_ALARM_RATE = 0.05;
  /**
   * The false-alarm rate the thresholds aim at, a point under {@link #FALSE_ALARM_RATE}: the thresholds come
   * from the reference's proportions, not the population's, and from {@link #DRAWS} rounds, and both errors
   * push the real rate up a little (measured at 5.2% for a 5% aim at 500 rows; 4% keeps every size below 5%).
   */
  static final double DESIGN_RATE = 0.04;
  /** Resampling rounds behind each threshold. */
  public static final int DRAWS = 400;
  /** The resampling seed, fixed so that the same data always get the same verdict. */
  private static final long SEED = 0x5DEECE66DL;
  /** Cached threshold sets kept before the cache starts afresh (a service sees many window sizes). */
  private static final int CACHE_LIMIT = 4096;
  /** The index {@link #thresholds} uses for the predictions. */
  public static final int PREDICTION = -1;

  private final DriftProfile profile;
  private final boolean[] categorical;
  private final ConcurrentHashMap<Long, NullThresholds.Thresholds> cache = new ConcurrentHashMap<>();

  private DriftTest(DriftProfile profile, boolean[] categorical) {
    this.profile = profile;
    this.categorical = categorical;
  }

  /**
   * A test against {@code profile}, whose features the model binned with {@code mappers}.
   *
   * @throws InputException if the profile does not fit the mappers
   */
  public static DriftTest of(DriftProfile profile, List<BinMapper> mappers) {
    String problem = mappers.size() != profile.features().size()
        ? "the model has " + mappers.size() + " features, the profile " + profile.features().size()
        : profile.problemWith(profile.featureNames(), mappers);
    if (problem != null) {
      throw new InputException("The drift profile does not fit the model: " + problem + ".");
    }
    boolean[] categorical = new boolean[mappers.size()];
    for (int f = 0; f < categorical.length; f++) {
      categorical[f] = mappers.get(f).isCategorical();
    }
    return new DriftTest(profile, categorical);
  }

  /** The profile this tests against. */
  public DriftProfile profile() {
    return profile;
  }

  /**
   * Compares new data with the profile.
   *
   * @param observed the new rows' counts per feature, in schema order, in the profile's cells
   * @param predictionCounts the new rows' prediction counts over the profile's {@link ScoreHistogram}
   * @param observedMeanAbsShap the new rows' mean |SHAP| per feature, or null
   * @throws InputException if a feature's counts do not have the profile's cells, or there are no rows
   */
  public DriftReport compare(List<FeatureCounts> observed, long[] predictionCounts, double[] observedMeanAbsShap) {
    List<String> names = profile.featureNames();
    if (observed.size() != names.size()) {
      throw new InputException("The new data has counts for " + observed.size() + " features, but the profile has "
          + names.size() + ".");
    }
    List<FeatureDrift> features = new ArrayList<>(names.size());
    for (int f = 0; f < names.size(); f++) {
      FeatureCounts reference = profile.features().get(f);
      FeatureCounts counts = observed.get(f);
      if (counts.size() != reference.size()) {
        throw new InputException("Feature '" + names.get(f) + "' has " + counts.size()
            + " cells in the new data, but " + reference.size() + " in the profile.");
      }
      features.add(test(f, names.get(f), categorical[f], reference, counts));
    }
    features.sort(Comparator.comparingDouble(FeatureDrift::severity).reversed());
    double[] referencePredictions = profile.predictions().counts();
    if (predictionCounts.length != referencePredictions.length) {
      throw new InputException("The new predictions have " + predictionCounts.length + " histogram cells, but "
          + "the profile has " + referencePredictions.length + ".");
    }
    FeatureCounts predictions = new FeatureCounts(predictionCounts, 0, 0, Double.NaN, Double.NaN);
    FeatureDrift prediction = test(PREDICTION, "prediction", false,
        new FeatureCounts(referencePredictions, 0, 0, Double.NaN, Double.NaN), predictions);
    double[] referenceShap = profile.meanAbsShap();
    Double ndcg = referenceShap == null || observedMeanAbsShap == null ? null
        : Ndcg.of(referenceShap, observedMeanAbsShap);
    return new DriftReport(profile.rows(), (long) predictions.total(), FALSE_ALARM_RATE, DRAWS, features, prediction,
        ndcg);
  }

  private FeatureDrift test(int index, String name, boolean isCategorical, FeatureCounts reference,
      FeatureCounts counts) {
    long rows = (long) counts.total();
    if (rows < 1) {
      throw new InputException("The new data has no rows to compare with the profile.");
    }
    double[] ref = reference.cells();
    double[] obs = counts.cells();
    NullThresholds.Thresholds t = thresholds(index, rows);
    double psi = DriftStatistics.psi(ref, obs);
    double js = DriftStatistics.jensenShannon(ref, obs);
    Double ks = isCategorical ? null : DriftStatistics.ks(ref, obs);
    double severity = Math.max(psi / t.psi(), ks == null ? 0 : ks / t.ks());
    double refRows = reference.total();
    Double unseen = null;
    Double referenceUnseen = null;
    if (isCategorical) {
      int cell = reference.size() - 2;
      unseen = counts.cell(cell) / rows;
      referenceUnseen = reference.cell(cell) / refRows;
    }
    boolean ranged = !isCategorical && index != PREDICTION;
    return new FeatureDrift(name, isCategorical, refRows, rows, psi, t.psi(), DriftStatistics.psiBand(psi), js,
        t.jensenShannon(), ks, isCategorical ? null : t.ks(), reference.missing() / refRows,
        counts.missing() / rows, referenceUnseen, unseen,
        ranged ? (double) counts.belowRange() / rows : null, ranged ? (double) counts.aboveRange() / rows : null,
        severity, severity > 1, ref, obs);
  }

  /**
   * Whether {@link #compare} of {@code rows} new rows would find every threshold it needs (each feature's and
   * the predictions') computed already, so that it costs no resampling.
   */
  public boolean hasThresholds(long rows) {
    long size = drawnSize(rows);
    for (int f = PREDICTION; f < categorical.length; f++) {
      if (!cache.containsKey(key(f, size))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Computes every threshold {@link #compare} of {@code rows} new rows needs ({@link #DRAWS} resamples per
   * feature and the predictions), for a caller that does it ahead of the comparison, off a latency-bound thread.
   */
  public void computeThresholds(long rows) {
    for (int f = PREDICTION; f < categorical.length; f++) {
      thresholds(f, rows);
    }
  }

  private static long key(int feature, long size) {
    return (feature + 1L) << 40 | size;
  }

  /**
   * The size-aware thresholds of a feature (or {@link #PREDICTION}) at a new sample of {@code rows} rows.
   */
  public NullThresholds.Thresholds thresholds(int feature, long rows) {
    long size = drawnSize(rows);
    long key = key(feature, size);
    NullThresholds.Thresholds cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    boolean ordered = feature == PREDICTION || !categorical[feature];
    double[] reference = feature == PREDICTION ? profile.predictions().counts()
        : profile.features().get(feature).cells();
    double level = ordered ? 1 - DESIGN_RATE / 2 : 1 - DESIGN_RATE;
    NullThresholds.Thresholds t = NullThresholds.of(reference, referenceSize(reference), ordered, size, level, DRAWS,
        SEED ^ (0x9E3779B97F4A7C15L * (feature + 2)) ^ size);
    cache.put(key, t);
    return t;
  }

  /**
   * The size of a replica of the reference: its row count, scaled to Kish's effective sample size when the
   * profile is weighted (the prediction histogram may count a sample of the rows, so the scaling is by the
   * profile's design factor rather than its effective size itself). Unweighted, it is the row count exactly.
   */
  private long referenceSize(double[] reference) {
    double factor = profile.designFactor();
    double total = DriftStatistics.total(reference);
    return Math.max(1, Math.round(factor == 1 ? total : total * factor));
  }

  /**
   * The sample size thresholds are drawn at: {@code rows} rounded down to two significant digits, so that a
   * server's sliding window, whose size changes with every row, finds them in the cache instead of resampling
   * on every call. Rounding down errs towards larger thresholds, that is fewer false alarms.
   */
  public static long drawnSize(long rows) {
    long scale = 1;
    while (rows / scale >= 100) {
      scale *= 10;
    }
    return rows / scale * scale;
  }
}
