package dev.boreal.engine.nn;

/**
 * A trained FT-Transformer ({@link FtTransformer} describes its layers and the order of its parameters):
 * immutable, safe to share between threads.
 */
public final class Transformer extends NeuralNet {
  private final FtTransformer shape;

  /** Wraps trained parameters without copying them; the trainer hands over a snapshot it no longer touches. */
  Transformer(FtTransformer shape, Loss loss, double[] params) {
    super(loss, params, shape.parameters());
    this.shape = shape;
  }

  /**
   * A transformer for the inputs {@code prep} makes, as a model file stores it; the array is copied.
   *
   * @param blocks transformer blocks
   * @param dToken token width
   * @param heads attention heads (dividing {@code dToken})
   * @param hidden the feed-forward's hidden width (ReGLU outputs)
   * @param outputs logits per row
   * @param frequencies periodic-embedding frequencies per numeric feature, or 0 for the linear tokenizer
   * @param params every parameter in {@link FtTransformer}'s order
   * @throws IllegalArgumentException if the sizes are invalid, the parameter count differs, or a value is
   *     not finite
   */
  public static Transformer of(Preprocessing prep, int blocks, int dToken, int heads, int hidden, int outputs,
      int frequencies, Loss loss, double[] params) {
    FtTransformer shape = new FtTransformer(prep.featureOfInputs(), prep.numericValueInputs(), prep.names().size(),
        blocks, dToken, heads, hidden, outputs, 0.0, 0.0, frequencies, 0.0);
    return new Transformer(shape, loss, params.clone());
  }

  /** Transformer blocks. */
  public int blocks() {
    return shape.blocks();
  }

  /** Token width. */
  public int dToken() {
    return shape.dToken();
  }

  /** Attention heads. */
  public int heads() {
    return shape.heads();
  }

  /** The feed-forward's hidden width. */
  public int hidden() {
    return shape.hidden();
  }

  /** Periodic-embedding frequencies per numeric feature; 0 when numeric values are tokenized linearly. */
  public int embeddingFrequencies() {
    return shape.embedding() == null ? 0 : shape.embedding().frequencies();
  }

  /** A copy of every parameter, in {@link FtTransformer}'s order. */
  public double[] parameters() {
    return copyOf(0, numParameters());
  }

  @Override
  public String describe() {
    return "ft-transformer (" + numInputs() + " inputs, " + blocks() + (blocks() == 1 ? " block" : " blocks")
        + ", d_token " + dToken() + ", " + heads() + " heads" + (embeddingFrequencies() > 0 ? ", plr embeddings"
        : "") + ")";
  }

  @Override
  FtTransformer architecture() {
    return shape;
  }

  @Override
  String shape() {
    return "ft-transformer " + blocks() + "x" + dToken() + "/" + heads() + " hidden " + hidden() + " plr "
        + embeddingFrequencies() + " inputs " + numInputs() + " outputs " + numOutputs();
  }
}
