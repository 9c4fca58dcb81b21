package dev.boreal.engine.metric;

import dev.boreal.engine.objective.Link;

/**
 * Everything a calibration report shows for a classifier on labelled rows: reliability bins of the top-label
 * forecasts and of each class's probability, over equal-width and equal-mass bins, and the Brier decomposition
 * overall and per class. The numbers are the ones the calibration metrics compute. Immutable.
 */
public final class CalibrationSummary {
  private final int classes;
  private final ReliabilityBins[] topLabel;
  private final ReliabilityBins[][] perClass;
  private final BrierDecomposition[] brierPerClass;
  private final BrierDecomposition brier;

  private CalibrationSummary(ClassProbabilities p, double[] weights, int bins) {
    ReliabilityBins.Strategy[] strategies = ReliabilityBins.Strategy.values();
    classes = p.classes;
    topLabel = new ReliabilityBins[strategies.length];
    perClass = new ReliabilityBins[strategies.length][classes];
    brierPerClass = new BrierDecomposition[classes];
    for (ReliabilityBins.Strategy s : strategies) {
      topLabel[s.ordinal()] = p.topLabelBins(weights, bins, s);
      for (int c = 0; c < classes; c++) {
        perClass[s.ordinal()][c] = p.classBins(c, weights, bins, s);
      }
    }
    for (int c = 0; c < classes; c++) {
      brierPerClass[c] = p.brierOf(c, weights);
    }
    brier = p.brier(weights);
  }

  /**
   * The summary of a model's raw margins (output-major, as {@link Metric#evaluate} takes them).
   *
   * @param bins the number of bins, 1 to {@link ReliabilityBins#MAX_BINS}
   * @throws dev.boreal.InputException for a multiclass label that is not a class index
   */
  public static CalibrationSummary of(double[] raw, int numOutputs, Link link, double[] labels,
      double[] weightsOrNull, int bins) {
    return new CalibrationSummary(ClassProbabilities.of(raw, numOutputs, link, labels), weightsOrNull, bins);
  }

  /** Whether the model is binary (its single output is the positive class, class 1). */
  public boolean binary() {
    return classes == 2;
  }

  /** The number of classes (2 for a binary model). */
  public int classes() {
    return classes;
  }

  /** Bins of each row's largest class probability against whether that class is the label. */
  public ReliabilityBins topLabel(ReliabilityBins.Strategy strategy) {
    return topLabel[strategy.ordinal()];
  }

  /** Bins of class {@code c}'s probability against whether the label is {@code c}. */
  public ReliabilityBins ofClass(int c, ReliabilityBins.Strategy strategy) {
    return perClass[strategy.ordinal()][c];
  }

  /** The class-wise ECE: the positive class's for a binary model, the mean over classes otherwise. */
  public double classwiseEce(ReliabilityBins.Strategy strategy) {
    return CalibrationMetric.classwiseEce(perClass[strategy.ordinal()]);
  }

  /** The model's Brier decomposition (the positive class's for binary, summed over classes otherwise). */
  public BrierDecomposition brier() {
    return brier;
  }

  /** Class {@code c}'s one-vs-rest Brier decomposition. */
  public BrierDecomposition brierOfClass(int c) {
    return brierPerClass[c];
  }
}
