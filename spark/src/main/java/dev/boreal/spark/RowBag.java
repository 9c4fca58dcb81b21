package dev.boreal.spark;

import dev.boreal.engine.gbdt.Bagging;
import java.io.Serializable;

/**
 * The rows a bagged iteration's trees learn from, one bit per row of the whole training set: the driver draws the
 * bag with the engine's {@link Bagging} (as one machine does) and broadcasts it, and each partition reads the bits
 * of its own rows from its first row's index on. {@code n / 8} bytes, sent once per bag drawn.
 */
final class RowBag implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long[] bits;

  private RowBag(long[] bits) {
    this.bits = bits;
  }

  /** The bag {@code bagging} holds now, over {@code rows} rows; bagging must be enabled. */
  static RowBag of(Bagging bagging, int rows) {
    long[] bits = new long[(rows + 63) >>> 6];
    int[] bag = bagging.bag();
    for (int i = 0, count = bagging.bagCount(); i < count; i++) {
      bits[bag[i] >>> 6] |= 1L << bag[i];
    }
    return new RowBag(bits);
  }

  /** Whether row {@code row} of the whole training set is in the bag. */
  boolean contains(long row) {
    return (bits[(int) (row >>> 6)] & (1L << row)) != 0;
  }
}
