package dev.boreal.engine.metric;

import dev.boreal.UsageException;
import dev.boreal.engine.objective.LabelEncoder;
import java.util.List;
import java.util.Locale;

/**
 * Creates the calibration metrics by name: {@code ece}, {@code mce} and {@code classwise_ece} over equal-width
 * bins, their {@code _mass} twins over equal-mass bins (each with an optional bin count, {@code ece@20}), and
 * {@code brier} with its terms {@code brier_reliability}, {@code brier_resolution}, {@code brier_uncertainty}.
 * They need a classifier's probabilities, so only the binary and multiclass objectives accept them.
 */
final class CalibrationMetrics {
  /** The names with bins, in the order the usage message lists them. */
  static final List<String> BINNED = List.of("ece", "ece_mass", "mce", "mce_mass", "classwise_ece",
      "classwise_ece_mass");
  /** The Brier names. */
  static final List<String> BRIER = List.of("brier", "brier_reliability", "brier_resolution", "brier_uncertainty");

  private CalibrationMetrics() {}

  /** Whether {@code canonical} names a calibration metric. */
  static boolean covers(String canonical) {
    return BINNED.contains(canonical) || BRIER.contains(canonical);
  }

  /** Whether {@code canonical} takes a bin count after '@'. */
  static boolean takesBins(String canonical) {
    return BINNED.contains(canonical);
  }

  /**
   * The metric {@code canonical}, with the bin count {@code binsOrNull} (the text after '@'), for a model
   * trained with {@code objective}.
   *
   * @throws UsageException for a model that is not a classifier or a bin count that is not 1 to 10000
   */
  static Metric create(String canonical, String binsOrNull, String objective) {
    if (objective == null || !LabelEncoder.isClassification(objective)) {
      String given = objective == null || objective.isEmpty() ? "not set" : objective;
      throw new UsageException("metric " + canonical + " needs a classifier's probabilities (objective binary or "
          + "multiclass), but the objective is " + given + ".");
    }
    switch (canonical) {
      case "brier": return new BrierMetric(canonical, BrierMetric.Part.SCORE);
      case "brier_reliability": return new BrierMetric(canonical, BrierMetric.Part.RELIABILITY);
      case "brier_resolution": return new BrierMetric(canonical, BrierMetric.Part.RESOLUTION);
      case "brier_uncertainty": return new BrierMetric(canonical, BrierMetric.Part.UNCERTAINTY);
      default: break;
    }
    int bins = binsOrNull == null ? ReliabilityBins.DEFAULT_BINS : bins(canonical, binsOrNull);
    String name = binsOrNull == null ? canonical : canonical + "@" + bins;
    ReliabilityBins.Strategy strategy = canonical.endsWith("_mass") ? ReliabilityBins.Strategy.EQUAL_MASS
        : ReliabilityBins.Strategy.EQUAL_WIDTH;
    String kind = canonical.replace("_mass", "").toUpperCase(Locale.ROOT);
    return new CalibrationMetric(name, CalibrationMetric.Kind.valueOf(kind), strategy, bins);
  }

  private static int bins(String canonical, String digits) {
    try {
      int bins = Integer.parseInt(digits);
      if (bins >= 1 && bins <= ReliabilityBins.MAX_BINS) {
        return bins;
      }
    } catch (NumberFormatException e) {
      // fall through to the usage error below
    }
    throw new UsageException("metric '" + canonical + "@" + digits + "' needs a bin count from 1 to "
        + ReliabilityBins.MAX_BINS + " after '@', e.g. " + canonical + "@20.");
  }
}
