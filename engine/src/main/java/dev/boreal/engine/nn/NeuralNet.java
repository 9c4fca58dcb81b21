package dev.boreal.engine.nn;

import java.util.Arrays;

/**
 * A trained network: its shape, the loss it was trained under and its parameters in one flat array.
 * Immutable, safe to share between threads; prediction runs through a worker per call. The two kinds are
 * {@link Network} (the MLP, optionally with periodic embeddings) and {@link Transformer} (the
 * FT-Transformer).
 */
public abstract class NeuralNet {
  private final Loss loss;
  private final double[] params;

  /** Wraps parameters without copying them; callers hand over an array they no longer touch. */
  NeuralNet(Loss loss, double[] params, int expected) {
    if (params.length != expected) {
      throw new IllegalArgumentException(params.length + " parameters for a network of " + expected);
    }
    for (int i = 0; i < params.length; i++) {
      if (!Double.isFinite(params[i])) {
        throw new IllegalArgumentException("parameter " + i + " is " + params[i] + ", not a finite number");
      }
    }
    this.loss = loss;
    this.params = params;
  }

  /** The output activation and training loss. */
  public final Loss loss() {
    return loss;
  }

  /** Encoded inputs per row ({@link Preprocessing#inputs()}). */
  public final int numInputs() {
    return architecture().inputs();
  }

  /** Outputs (logits) per row. */
  public final int numOutputs() {
    return architecture().outputs();
  }

  /** Total number of parameters. */
  public final int numParameters() {
    return params.length;
  }

  /**
   * One phrase for people: the algorithm and its sizes, e.g. "mlp (30 inputs, hidden 64,64)" or
   * "ft-transformer (30 inputs, 3 blocks, d_token 192, 8 heads)".
   */
  public abstract String describe();

  /** The shape, with dropout off. */
  abstract Architecture architecture();

  /** The parameters themselves, for passes that only read them. */
  final double[] params() {
    return params;
  }

  /** A copy of {@code count} parameters from {@code from}. */
  final double[] copyOf(int from, int count) {
    return Arrays.copyOfRange(params, from, from + count);
  }

  /** A worker for blocks of up to {@code capacity} rows, used in inference mode. */
  final Architecture.Worker newWorker(int capacity) {
    return architecture().newWorker(capacity);
  }

  /** Same kind, shape description and loss, and bit-identical parameters. */
  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((NeuralNet) o).loss == loss
        && ((NeuralNet) o).shape().equals(shape()) && Arrays.equals(((NeuralNet) o).params, params);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(params) + shape().hashCode();
  }

  /** A description of the shape that two networks share exactly when their shapes are equal. */
  abstract String shape();
}
