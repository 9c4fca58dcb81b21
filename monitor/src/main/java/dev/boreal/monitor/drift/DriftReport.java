package dev.boreal.monitor.drift;

import java.util.List;

/**
 * The result of a {@link DriftTest}: every feature's test, worst first, the predictions' test, and how well
 * the importance ranking held. Immutable.
 *
 * @param referenceRows rows of the reference profile (their total weight, when weighted)
 * @param rows rows of the new data
 * @param falseAlarmRate the chance a feature that has not drifted is still called drifted
 * @param draws resampling rounds behind each threshold
 * @param features one test per feature, worst first (largest {@link FeatureDrift#severity()})
 * @param prediction the test of the prediction histogram
 * @param importanceNdcg nDCG of the new mean |SHAP| ranking against the reference's, or null when either
 *     side has none
 */
public record DriftReport(double referenceRows, long rows, double falseAlarmRate, int draws,
    List<FeatureDrift> features, FeatureDrift prediction, Double importanceNdcg) {

  /** Copies the list. */
  public DriftReport {
    features = List.copyOf(features);
  }

  /** Whether any feature, or the prediction, drifted. */
  public boolean anyDrift() {
    if (prediction.drift()) {
      return true;
    }
    for (FeatureDrift f : features) {
      if (f.drift()) {
        return true;
      }
    }
    return false;
  }

  /** The features that drifted, worst first. */
  public List<FeatureDrift> drifted() {
    return features.stream().filter(FeatureDrift::drift).toList();
  }
}
