package dev.boreal.engine.nn;

import java.util.Arrays;

/**
 * A trained multilayer perceptron's shape and weights: immutable, safe to share between threads.
 *
 * <p>Level 0 is the input ({@link Preprocessing#inputs()} values), then one level per hidden layer, then the
 * outputs (logits). Hidden levels apply {@link #activation()}; the logits are raw scores, turned into
 * predictions by the {@link Loss}'s link. Prediction runs through a {@link Pass} per call.
 */
public final class Network {
  private final Layout layout;
  private final Activation activation;
  private final Loss loss;
  private final double[] params;

  /** Wraps trained parameters without copying them; the trainer hands over a snapshot it no longer touches. */
  Network(Layout layout, Activation activation, Loss loss, double[] params) {
    if (params.length != layout.total()) {
      throw new IllegalArgumentException(params.length + " parameters for a layout of " + layout.total());
    }
    this.layout = layout;
    this.activation = activation;
    this.loss = loss;
    this.params = params;
  }

  /**
   * A network from its layers, as a model file stores them; arrays are copied.
   *
   * @param sizes inputs, hidden widths, outputs
   * @param weights per layer l, {@code sizes[l] * sizes[l+1]} weights, input-major: weight (i, j) at
   *     {@code i * sizes[l+1] + j}
   * @param biases per layer l, {@code sizes[l+1]} biases
   * @throws IllegalArgumentException if the shapes disagree or a value is not finite
   */
  public static Network of(int[] sizes, Activation activation, Loss loss, double[][] weights, double[][] biases) {
    Layout layout = new Layout(sizes);
    int layers = layout.layers();
    if (weights.length != layers || biases.length != layers) {
      throw new IllegalArgumentException(layers + " layers need " + layers + " weight and bias arrays, got "
          + weights.length + " and " + biases.length);
    }
    double[] p = new double[layout.total()];
    for (int l = 0; l < layers; l++) {
      int in = layout.size(l);
      int out = layout.size(l + 1);
      if (weights[l].length != in * out || biases[l].length != out) {
        throw new IllegalArgumentException("layer " + l + " (" + in + " -> " + out + ") needs " + in * out
            + " weights and " + out + " biases, got " + weights[l].length + " and " + biases[l].length);
      }
      System.arraycopy(weights[l], 0, p, layout.weightOffset(l), in * out);
      System.arraycopy(biases[l], 0, p, layout.biasOffset(l), out);
    }
    for (int i = 0; i < p.length; i++) {
      if (!Double.isFinite(p[i])) {
        throw new IllegalArgumentException("parameter " + i + " is " + p[i] + ", not a finite number");
      }
    }
    return new Network(layout, activation, loss, p);
  }

  /** Width of every level: inputs, hidden layers, outputs. */
  public int[] sizes() {
    return layout.sizes();
  }

  /** Number of dense layers. */
  public int numLayers() {
    return layout.layers();
  }

  /** Network inputs. */
  public int numInputs() {
    return layout.inputs();
  }

  /** Network outputs (logits). */
  public int numOutputs() {
    return layout.outputs();
  }

  /** The hidden layers' activation. */
  public Activation activation() {
    return activation;
  }

  /** The output activation and training loss. */
  public Loss loss() {
    return loss;
  }

  /** A copy of layer {@code l}'s weights, input-major: weight (i, j) at {@code i * outputs(l) + j}. */
  public double[] weights(int l) {
    int from = layout.weightOffset(l);
    return Arrays.copyOfRange(params, from, from + layout.size(l) * layout.size(l + 1));
  }

  /** A copy of layer {@code l}'s biases. */
  public double[] biases(int l) {
    int from = layout.biasOffset(l);
    return Arrays.copyOfRange(params, from, from + layout.size(l + 1));
  }

  /** Total number of weights and biases. */
  public int numParameters() {
    return layout.total();
  }

  Layout layout() {
    return layout;
  }

  /** The parameters themselves, for passes that only read them. */
  double[] params() {
    return params;
  }

  /** A pass for blocks of up to {@code capacity} rows, in inference mode. */
  Pass newPass(int capacity) {
    return new Pass(layout, activation, 0.0, capacity);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Network n && n.activation == activation && n.loss == loss
        && Arrays.equals(n.layout.sizes(), layout.sizes()) && Arrays.equals(n.params, params);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(params) + Arrays.hashCode(layout.sizes());
  }
}
