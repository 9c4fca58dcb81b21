package dev.boreal.engine.metric;

import dev.boreal.engine.objective.Link;

/**
 * The calibration errors of a classifier's probabilities over reliability bins: top-label ECE and MCE (Guo et
 * al. 2017: each row's largest class probability against whether that class is the label, for binary models
 * too) and class-wise ECE (Kull et al. 2019: the mean over classes of the ECE of the class's probability
 * against "the label is this class"; for a binary model the positive class's ECE, the curve a binary
 * reliability diagram shows).
 */
final class CalibrationMetric implements Metric {
  /** Which error over which forecasts. */
  enum Kind { ECE, MCE, CLASSWISE_ECE }

  private final String name;
  private final Kind kind;
  private final ReliabilityBins.Strategy strategy;
  private final int bins;

  CalibrationMetric(String name, Kind kind, ReliabilityBins.Strategy strategy, int bins) {
    this.name = name;
    this.kind = kind;
    this.strategy = strategy;
    this.bins = bins;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public double evaluate(double[] raw, int numOutputs, Link link, double[] labels, double[] weights, int[] groups) {
    ClassProbabilities p = ClassProbabilities.of(raw, numOutputs, link, labels);
    switch (kind) {
      case ECE: return p.topLabelBins(weights, bins, strategy).ece();
      case MCE: return p.topLabelBins(weights, bins, strategy).mce();
      default: return classwiseEce(p, weights);
    }
  }

  private double classwiseEce(ClassProbabilities p, double[] weights) {
    ReliabilityBins[] byClass = new ReliabilityBins[p.classes];
    for (int c = p.binary() ? 1 : 0; c < p.classes; c++) {
      byClass[c] = p.classBins(c, weights, bins, strategy);
    }
    return classwiseEce(byClass);
  }

  /** The class-wise ECE of per-class bins: the positive class's of two classes, the mean of more. */
  static double classwiseEce(ReliabilityBins[] byClass) {
    if (byClass.length == 2) {
      return byClass[1].ece();
    }
    double sum = 0;
    for (ReliabilityBins b : byClass) {
      sum += b.ece();
    }
    return sum / byClass.length;
  }
}
