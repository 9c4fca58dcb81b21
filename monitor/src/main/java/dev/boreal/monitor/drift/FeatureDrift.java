package dev.boreal.monitor.drift;

/**
 * The drift test of one distribution, a feature's or the predictions': the statistics, their size-aware
 * thresholds, the rates people read directly, the fixed PSI band, and the verdict. Optional values are null:
 * KS for categories (their cells have no order), unseen-category rates for numbers, range rates for categories.
 *
 * @param name the feature's name, or "prediction"
 * @param categorical whether the cells are categories
 * @param referenceRows rows of the reference (their total weight, when weighted)
 * @param rows rows of the new data
 * @param psi PSI (smoothed, {@link DriftStatistics#PSEUDOCOUNT})
 * @param psiThreshold PSI's size-aware threshold
 * @param psiBand the fixed band of PSI: "stable" (below 0.1), "moderate" (to 0.25) or "major"
 * @param jensenShannon JS distance (base 2)
 * @param jensenShannonThreshold its size-aware threshold (shown, not part of the verdict)
 * @param ks binned KS, or null for categories
 * @param ksThreshold its size-aware threshold, or null
 * @param referenceMissingRate the reference's share of missing values
 * @param missingRate the new data's share of missing values
 * @param referenceUnseenRate the reference's share of categories the model does not name (rare ones), or null
 * @param unseenRate the new data's share of categories the model does not name, or null
 * @param belowRangeRate the new data's share of values below the reference's smallest, or null
 * @param aboveRangeRate the new data's share of values above the reference's largest, or null
 * @param severity how far past its threshold the worst voting statistic is: the largest of PSI / threshold and
 *     KS / threshold; above 1 means drift
 * @param drift the verdict: a voting statistic (PSI, and KS for ordered cells) exceeds its threshold
 * @param referenceCells the reference's rows (weights, when weighted) per cell
 * @param cells the new data's rows per cell
 */
public record FeatureDrift(String name, boolean categorical, double referenceRows, long rows, double psi,
    double psiThreshold, String psiBand, double jensenShannon, double jensenShannonThreshold, Double ks,
    Double ksThreshold, double referenceMissingRate, double missingRate, Double referenceUnseenRate,
    Double unseenRate, Double belowRangeRate, Double aboveRangeRate, double severity, boolean drift,
    double[] referenceCells, double[] cells) {

  /** Copies the cell arrays. */
  public FeatureDrift {
    referenceCells = referenceCells.clone();
    cells = cells.clone();
  }

  /** A copy of the reference's rows per cell. */
  @Override
  public double[] referenceCells() {
    return referenceCells.clone();
  }

  /** A copy of the new data's rows per cell. */
  @Override
  public double[] cells() {
    return cells.clone();
  }
}
