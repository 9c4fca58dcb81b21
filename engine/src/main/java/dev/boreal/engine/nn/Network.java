package dev.boreal.engine.nn;

import java.util.Arrays;

/**
 * A trained multilayer perceptron's shape and weights: immutable, safe to share between threads.
 *
 * <p>Level 0 is the first layer's input: the encoded inputs ({@link Preprocessing#inputs()} values), or with
 * periodic embeddings ({@link #embeddedColumns()}) each embedded numeric feature's {@link #embeddingWidth()}
 * outputs followed by the encoded inputs that are not embedded. Then one level per hidden layer, then the
 * outputs (logits). Hidden levels apply {@link #activation()}; the logits are raw scores, turned into
 * predictions by the {@link Loss}'s link.
 */
public final class Network extends NeuralNet {
  private final Perceptron shape;

  /** Wraps trained parameters without copying them; the trainer hands over a snapshot it no longer touches. */
  Network(Perceptron shape, Loss loss, double[] params) {
    super(loss, params, shape.parameters());
    this.shape = shape;
  }

  /**
   * A network without embeddings from its layers, as a model file stores them; arrays are copied.
   *
   * @param sizes inputs, hidden widths, outputs
   * @param weights per layer l, {@code sizes[l] * sizes[l+1]} weights, input-major: weight (i, j) at
   *     {@code i * sizes[l+1] + j}
   * @param biases per layer l, {@code sizes[l+1]} biases
   * @throws IllegalArgumentException if the shapes disagree or a value is not finite
   */
  public static Network of(int[] sizes, Activation activation, Loss loss, double[][] weights, double[][] biases) {
    return of(sizes, activation, loss, weights, biases, sizes.length == 0 ? 0 : sizes[0], new int[0], 0, 0,
        new double[0]);
  }

  /**
   * A network from its layers and its periodic embeddings, as a model file stores them; arrays are copied.
   *
   * @param encodedInputs encoded inputs per row
   * @param embeddedColumns per embedded feature, the index of its value among the encoded inputs (empty for
   *     none)
   * @param frequencies frequencies per embedded feature
   * @param width outputs per embedded feature
   * @param embedding the embeddings' parameters in {@link PeriodicEmbedding}'s order
   * @throws IllegalArgumentException if the shapes disagree or a value is not finite
   */
  public static Network of(int[] sizes, Activation activation, Loss loss, double[][] weights, double[][] biases,
      int encodedInputs, int[] embeddedColumns, int frequencies, int width, double[] embedding) {
    Layout layout = new Layout(sizes);
    int layers = layout.layers();
    if (weights.length != layers || biases.length != layers) {
      throw new IllegalArgumentException(layers + " layers need " + layers + " weight and bias arrays, got "
          + weights.length + " and " + biases.length);
    }
    for (int c : embeddedColumns) {
      if (c < 0 || c >= encodedInputs) {
        throw new IllegalArgumentException("embedded input " + c + " is outside 0.." + (encodedInputs - 1));
      }
    }
    PeriodicEmbedding e = embeddedColumns.length == 0 ? null
        : new PeriodicEmbedding(embeddedColumns, frequencies, width, layout.total());
    Perceptron shape = new Perceptron(layout, activation, 0.0, e, 0.0, encodedInputs);
    double[] p = new double[shape.parameters()];
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
    if (embedding.length != p.length - layout.total()) {
      throw new IllegalArgumentException("the embeddings need " + (p.length - layout.total())
          + " parameters, got " + embedding.length);
    }
    System.arraycopy(embedding, 0, p, layout.total(), embedding.length);
    return new Network(shape, loss, p);
  }

  /** Width of every level: the first layer's inputs, hidden layers, outputs. */
  public int[] sizes() {
    return shape.layout().sizes();
  }

  /** Number of dense layers. */
  public int numLayers() {
    return shape.layout().layers();
  }

  /** The hidden layers' activation. */
  public Activation activation() {
    return shape.activation();
  }

  /** A copy of layer {@code l}'s weights, input-major: weight (i, j) at {@code i * outputs(l) + j}. */
  public double[] weights(int l) {
    Layout layout = shape.layout();
    return copyOf(layout.weightOffset(l), layout.size(l) * layout.size(l + 1));
  }

  /** A copy of layer {@code l}'s biases. */
  public double[] biases(int l) {
    Layout layout = shape.layout();
    return copyOf(layout.biasOffset(l), layout.size(l + 1));
  }

  /** Per embedded numeric feature, the index of its value among the encoded inputs; empty without embeddings. */
  public int[] embeddedColumns() {
    PeriodicEmbedding e = shape.embedding();
    int[] c = new int[e == null ? 0 : e.features()];
    for (int j = 0; j < c.length; j++) {
      c[j] = e.column(j);
    }
    return c;
  }

  /** Frequencies per embedded feature (0 without embeddings). */
  public int embeddingFrequencies() {
    return shape.embedding() == null ? 0 : shape.embedding().frequencies();
  }

  /** Outputs per embedded feature (0 without embeddings). */
  public int embeddingWidth() {
    return shape.embedding() == null ? 0 : shape.embedding().width();
  }

  /** A copy of the embeddings' parameters, in {@link PeriodicEmbedding}'s order; empty without embeddings. */
  public double[] embeddingParameters() {
    int from = shape.layout().total();
    return copyOf(from, numParameters() - from);
  }

  @Override
  public String describe() {
    int[] sizes = sizes();
    StringBuilder hidden = new StringBuilder();
    for (int l = 1; l < sizes.length - 1; l++) {
      hidden.append(l == 1 ? "" : ",").append(sizes[l]);
    }
    return "mlp (" + numInputs() + " inputs, hidden " + (hidden.length() == 0 ? "none" : hidden)
        + (embeddingWidth() > 0 ? ", plr embeddings of width " + embeddingWidth() : "") + ")";
  }

  @Override
  Perceptron architecture() {
    return shape;
  }

  @Override
  String shape() {
    return "mlp " + Arrays.toString(sizes()) + " " + activation() + " embedded " + Arrays.toString(embeddedColumns())
        + " " + embeddingFrequencies() + "x" + embeddingWidth();
  }
}
