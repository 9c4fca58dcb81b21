package dev.boreal.engine.nn;

/**
 * Where every layer's weights and biases sit in one flat parameter array, so that gradients, optimizer
 * state and early-stopping snapshots are each one {@code double[]} updated by one loop.
 *
 * <p>Layer l (0-based) maps {@code sizes[l]} inputs to {@code sizes[l+1]} outputs: its weights fill
 * {@code sizes[l] * sizes[l+1]} values from {@link #weightOffset}, input-major (see {@link Dense}), and its
 * biases {@code sizes[l+1]} values from {@link #biasOffset}.
 */
final class Layout {
  private final int[] sizes;
  private final int[] weightOffset;
  private final int[] biasOffset;
  private final int total;

  /**
   * @param sizes inputs, the width of each hidden layer, outputs; every one at least 1
   * @throws IllegalArgumentException if there are fewer than two sizes or one is below 1
   */
  Layout(int[] sizes) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("a network needs at least an input and an output size");
    }
    this.sizes = sizes.clone();
    int layers = sizes.length - 1;
    this.weightOffset = new int[layers];
    this.biasOffset = new int[layers];
    long at = 0;
    for (int l = 0; l < layers; l++) {
      if (sizes[l] < 1 || sizes[l + 1] < 1) {
        throw new IllegalArgumentException("layer sizes must be at least 1, got " + java.util.Arrays.toString(sizes));
      }
      weightOffset[l] = (int) at;
      at += (long) sizes[l] * sizes[l + 1];
      biasOffset[l] = (int) at;
      at += sizes[l + 1];
      if (at > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("a network of sizes " + java.util.Arrays.toString(sizes)
            + " has more parameters than one array can hold");
      }
    }
    this.total = (int) at;
  }

  /** Number of dense layers (hidden layers + 1). */
  int layers() {
    return sizes.length - 1;
  }

  /** Width of level {@code level}: 0 is the input, {@link #layers()} the output. */
  int size(int level) {
    return sizes[level];
  }

  /** A copy of every level's width, inputs first. */
  int[] sizes() {
    return sizes.clone();
  }

  /** Network inputs. */
  int inputs() {
    return sizes[0];
  }

  /** Network outputs (logits). */
  int outputs() {
    return sizes[sizes.length - 1];
  }

  /** The widest level, inputs included. */
  int maxWidth() {
    int max = 0;
    for (int s : sizes) {
      max = Math.max(max, s);
    }
    return max;
  }

  /** First weight of layer {@code l}. */
  int weightOffset(int l) {
    return weightOffset[l];
  }

  /** First bias of layer {@code l}. */
  int biasOffset(int l) {
    return biasOffset[l];
  }

  /** Number of parameters. */
  int total() {
    return total;
  }
}
