package dev.boreal.cli;

import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.io.Table;

/** Bins a table's features as training would with default parameters, to report bins per feature. */
final class Binning {
  private Binning() {}

  /** Bins per feature in {@link Table#featureNames()} order, the missing bin included. */
  static int[] binsPerFeature(Table table, int threads) {
    if (table.featureNames().isEmpty()) {
      return new int[0];
    }
    BinnedData binned = BinnedData.fit(table.features(), table.weights(), BinningParams.defaults().withThreads(threads));
    int[] bins = new int[binned.features()];
    for (int f = 0; f < bins.length; f++) {
      bins[f] = binned.numBins(f);
    }
    return bins;
  }
}
