package dev.boreal.engine.metric;

import dev.boreal.engine.objective.Link;

/**
 * The Brier score of a classifier's probabilities, or one term of its exact decomposition (see
 * {@link BrierDecomposition}): binary models score the positive class, multiclass models sum over classes.
 */
final class BrierMetric implements Metric {
  /** The score or one of its three terms. */
  enum Part { SCORE, RELIABILITY, RESOLUTION, UNCERTAINTY }

  private final String name;
  private final Part part;

  BrierMetric(String name, Part part) {
    this.name = name;
    this.part = part;
  }

  @Override
  public String name() {
    return name;
  }

  /** Resolution rewards forecasts that separate the outcomes; the others are losses. */
  @Override
  public boolean higherIsBetter() {
    return part == Part.RESOLUTION;
  }

  @Override
  public double evaluate(double[] raw, int numOutputs, Link link, double[] labels, double[] weights, int[] groups) {
    ClassProbabilities p = ClassProbabilities.of(raw, numOutputs, link, labels);
    if (part == Part.SCORE) {
      return p.brierScore(weights);
    }
    BrierDecomposition d = p.brier(weights);
    switch (part) {
      case RELIABILITY: return d.reliability();
      case RESOLUTION: return d.resolution();
      default: return d.uncertainty();
    }
  }
}
