package dev.boreal.cli;

import dev.boreal.io.Table;

/** Bins a table's features as training would, to report bins per feature. */
final class Binning {
  private Binning() {}

  static int[] binsPerFeature(Table table, int threads) {
    return null;
  }
}
