package dev.boreal.engine.tree;

import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.Histogram;
import dev.boreal.histogram.HistogramBuilder;
import dev.boreal.histogram.WorkerTeam;

/** Leaf histograms summed from the float gradients and hessians. */
final class FloatHistograms extends LeafHistograms {
  private final BinnedData data;
  private final HistogramBuilder builder;

  FloatHistograms(BinnedData data, WorkerTeam team, HistogramBuilder.Layout layout) {
    this.data = data;
    this.builder = new HistogramBuilder(data, team, layout);
  }

  @Override
  int[] usableFeatures() {
    return builder.usableFeatures();
  }

  @Override
  void prepare(int[] rows, int count, double[] gradients, double[] hessians, long treeSeed) {
    double g = 0;
    double h = 0;
    for (int i = 0; i < count; i++) {
      int r = rows[i];
      g += gradients[r];
      h += hessians[r];
    }
    rootGradient = g;
    rootHessian = h;
    builder.prepare(gradients, hessians);
  }

  @Override
  Histogram newHistogram() {
    return new Histogram(data);
  }

  @Override
  void buildAll(double[] gradients, double[] hessians, Histogram out) {
    builder.buildAll(gradients, hessians, out);
  }

  @Override
  void build(int[] rows, int from, int to, double[] gradients, double[] hessians, int[] features, Histogram out) {
    builder.build(rows, from, to, gradients, hessians, features, out);
  }

  @Override
  void subtract(Histogram parent, Histogram child) {
    parent.subtract(parent, child);
  }
}
