package dev.boreal.engine.nn;

import dev.boreal.engine.Rng;
import java.util.Arrays;

/**
 * The FT-Transformer's shape (Gorishniy et al. 2021, "Revisiting Deep Learning Models for Tabular Data"):
 * a {@link FeatureTokenizer} makes one token per feature plus [CLS]; {@code blocks} PreNorm transformer
 * blocks follow, each {@code x + Attention(LayerNorm(x))} then {@code x + FFN(LayerNorm(x))} with
 * multi-head self-attention and a ReGLU feed-forward of {@code hidden} units; the first block skips its
 * first LayerNorm (the tokens are already well scaled), and the last block computes only the [CLS] token's
 * output, the only one the head reads. The head is LayerNorm, ReLU and a linear layer from [CLS].
 *
 * <p>Parameters, in order: the tokenizer's, the periodic embeddings' (when on), then per block: [the
 * attention LayerNorm's gains and shifts (not in block 0)], {@code W_q} (d × d), {@code b_q}, {@code W_kv}
 * (d × 2d: keys then values), {@code b_kv}, {@code W_o} (d × d), {@code b_o}, the feed-forward LayerNorm's
 * gains and shifts, {@code W_1} (d × 2·hidden: values then gates), {@code b_1}, {@code W_2} (hidden × d),
 * {@code b_2}; then the head's LayerNorm gains and shifts, {@code W_h} (d × outputs) and {@code b_h}. Weight
 * matrices are input-major as in {@link Dense}.
 */
final class FtTransformer implements Architecture {
  /** Rows per parallel block: each row is a whole token sequence, so blocks are smaller than the MLP's. */
  static final int BLOCK_ROWS = 16;

  private final int inputs;
  private final int features;
  private final int blocks;
  private final int d;
  private final int heads;
  private final int hidden;
  private final int outputs;
  private final double attentionDropout;
  private final double ffnDropout;
  private final double embeddingSigma;
  private final FeatureTokenizer tokenizer;
  private final PeriodicEmbedding embedding;
  /** Per block, the offset of each of its parameter groups (see {@link Block}). */
  private final int[][] block;
  private final int head;
  private final int total;

  /** Offsets within a block's entry of {@link #block}. */
  static final class Block {
    static final int NORM_A = 0;
    static final int WQ = 1;
    static final int BQ = 2;
    static final int WKV = 3;
    static final int BKV = 4;
    static final int WO = 5;
    static final int BO = 6;
    static final int NORM_F = 7;
    static final int W1 = 8;
    static final int B1 = 9;
    static final int W2 = 10;
    static final int B2 = 11;
    static final int COUNT = 12;

    private Block() {}
  }

  /**
   * @param featureOf per encoded input, its feature
   * @param numericValue per encoded input, whether it is a numeric feature's value (not a missing-value flag or
   *     a category)
   * @param frequencies periodic-embedding frequencies per numeric feature, or 0 for the linear tokenizer
   * @param embeddingSigma the frequencies' initial standard deviation
   * @throws IllegalArgumentException if a size is below 1 or {@code heads} does not divide {@code d}
   */
  FtTransformer(int[] featureOf, boolean[] numericValue, int features, int blocks, int d, int heads, int hidden,
      int outputs, double attentionDropout, double ffnDropout, int frequencies, double embeddingSigma) {
    if (features < 1 || blocks < 1 || d < 1 || heads < 1 || hidden < 1 || outputs < 1 || d % heads != 0) {
      throw new IllegalArgumentException("a transformer needs features, blocks, d_token, n_heads, a hidden "
          + "width and outputs of at least 1, and n_heads dividing d_token; got " + features + ", " + blocks + ", "
          + d + ", " + heads + ", " + hidden + ", " + outputs);
    }
    this.inputs = featureOf.length;
    this.features = features;
    this.blocks = blocks;
    this.d = d;
    this.heads = heads;
    this.hidden = hidden;
    this.outputs = outputs;
    this.attentionDropout = attentionDropout;
    this.ffnDropout = ffnDropout;
    this.embeddingSigma = embeddingSigma;
    boolean[] embedded = frequencies > 0 ? numericValue.clone() : null;
    int count = 0;
    for (int i = 0; embedded != null && i < inputs; i++) {
      count += embedded[i] ? 1 : 0;
    }
    int[] columns = new int[count];
    for (int i = 0, at = 0; embedded != null && i < inputs; i++) {
      if (embedded[i]) {
        columns[at++] = i;
      }
    }
    int tokenizerSize = d + (inputs - count) * d + features * d;
    this.embedding = count == 0 ? null : new PeriodicEmbedding(columns, frequencies, d, tokenizerSize);
    this.tokenizer = new FeatureTokenizer(featureOf, features, d, 0, count == 0 ? null : embedded, embedding);
    long at = tokenizer.end() + (embedding == null ? 0 : embedding.parameters());
    this.block = new int[blocks][Block.COUNT];
    for (int l = 0; l < blocks; l++) {
      int[] b = block[l];
      b[Block.NORM_A] = (int) at;
      at += l == 0 ? 0 : 2 * d;
      long[] sizes = {(long) d * d, d, 2L * d * d, 2 * d, (long) d * d, d, 2 * d, 2L * d * hidden, 2 * hidden,
          (long) hidden * d, d};
      for (int k = 0; k < sizes.length; k++) {
        b[k + 1] = (int) at;
        at += sizes[k];
      }
      if (at > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("the transformer has more parameters than one array can hold");
      }
    }
    this.head = (int) at;
    this.total = (int) (at + 2L * d + (long) d * outputs + outputs);
  }

  int features() {
    return features;
  }

  int blocks() {
    return blocks;
  }

  int dToken() {
    return d;
  }

  int heads() {
    return heads;
  }

  int hidden() {
    return hidden;
  }

  double attentionDropout() {
    return attentionDropout;
  }

  double ffnDropout() {
    return ffnDropout;
  }

  FeatureTokenizer tokenizer() {
    return tokenizer;
  }

  /** The periodic embeddings of the numeric values, or null. */
  PeriodicEmbedding embedding() {
    return embedding;
  }

  /** Offsets of block l's parameter groups, indexed by {@link Block}'s constants. */
  int[] block(int l) {
    return block[l];
  }

  /** Offset of the head: its LayerNorm's gains, shifts, then {@code W_h} and {@code b_h}. */
  int head() {
    return head;
  }

  @Override
  public String displayName() {
    return "FT-Transformer";
  }

  @Override
  public int inputs() {
    return inputs;
  }

  @Override
  public int outputs() {
    return outputs;
  }

  @Override
  public int parameters() {
    return total;
  }

  @Override
  public int blockRows() {
    return BLOCK_ROWS;
  }

  /** One per thread: a worker keeps every activation of its block's tokens, which is much memory. */
  @Override
  public int maxWorkers(int threads) {
    return threads;
  }

  @Override
  public boolean dropsOut() {
    return attentionDropout > 0 || ffnDropout > 0;
  }

  /**
   * rtdl's initialisation: the tokenizer uniform in ±1/sqrt(d); {@code W_q} and {@code W_kv} Xavier-uniform
   * with gain 1/sqrt(2) and zero biases; {@code W_o} uniform in ±1/sqrt(d) with zero bias; the feed-forward
   * and head layers as PyTorch's {@code nn.Linear} (weights and biases uniform in ±1/sqrt(fan-in));
   * LayerNorm gains 1, shifts 0.
   */
  @Override
  public void initialise(double[] p, long seed) {
    Arrays.fill(p, 0.0);
    tokenizer.initialise(p, new Rng(seed, 0));
    if (embedding != null) {
      embedding.initialise(p, embeddingSigma, new Rng(seed, 1));
    }
    double xavier = Math.sqrt(0.5) * Math.sqrt(6.0 / (d + d));
    for (int l = 0; l < blocks; l++) {
      Rng rng = new Rng(seed, 2 + l);
      int[] b = block[l];
      if (l > 0) {
        Arrays.fill(p, b[Block.NORM_A], b[Block.NORM_A] + d, 1.0);
      }
      uniform(p, b[Block.WQ], d * d, xavier, rng);
      uniform(p, b[Block.WKV], 2 * d * d, xavier, rng);
      uniform(p, b[Block.WO], d * d, 1.0 / Math.sqrt(d), rng);
      Arrays.fill(p, b[Block.NORM_F], b[Block.NORM_F] + d, 1.0);
      uniform(p, b[Block.W1], 2 * d * hidden + 2 * hidden, 1.0 / Math.sqrt(d), rng);
      uniform(p, b[Block.W2], hidden * d + d, 1.0 / Math.sqrt(hidden), rng);
    }
    Arrays.fill(p, head, head + d, 1.0);
    uniform(p, head + 2 * d, d * outputs + outputs, 1.0 / Math.sqrt(d), new Rng(seed, 2 + blocks));
  }

  private static void uniform(double[] p, int from, int count, double limit, Rng rng) {
    for (int i = from; i < from + count; i++) {
      p[i] = (2 * rng.nextDouble() - 1) * limit;
    }
  }

  /** The weight matrices of attention, feed-forward and head: not biases, LayerNorms, tokens or embeddings. */
  @Override
  public boolean[] decayed() {
    boolean[] m = new boolean[total];
    for (int l = 0; l < blocks; l++) {
      int[] b = block[l];
      Arrays.fill(m, b[Block.WQ], b[Block.BQ], true);
      Arrays.fill(m, b[Block.WKV], b[Block.BKV], true);
      Arrays.fill(m, b[Block.WO], b[Block.BO], true);
      Arrays.fill(m, b[Block.W1], b[Block.B1], true);
      Arrays.fill(m, b[Block.W2], b[Block.B2], true);
    }
    Arrays.fill(m, head + 2 * d, head + 2 * d + d * outputs, true);
    return m;
  }

  @Override
  public Transformer trained(Loss loss, double[] p) {
    return new Transformer(this, loss, p);
  }

  @Override
  public TransformerPass newWorker(int capacity) {
    return new TransformerPass(this, capacity);
  }
}
