package dev.boreal.engine.nn;

import dev.boreal.engine.Rng;
import java.util.Arrays;

/**
 * The FT-Transformer's forward and backward pass ({@link FtTransformer}) over one block of R rows of T tokens,
 * every buffer allocated once per worker. Linear layers run through {@link Dense} on the block's token rows
 * ({@code R * T} rows of width d); the last block runs only the [CLS] rows ({@code Tq = 1} query per row).
 *
 * <p>Per block l the buffers keep what the backward pass reads: its input {@code x[l]} ({@code R*T*d}), the
 * attention LayerNorm's output {@code h[l]} (block 0: {@code x[0]} itself), the queries' rows {@code hq} and
 * residual {@code xq} (the [CLS] rows gathered in the last block), queries, keys and values, attention weights
 * and dropout masks, the attention output, the residual {@code x1}, the feed-forward LayerNorm's output, the
 * ReGLU input and (dropped-out) output and its masks. {@code x[blocks]} is the [CLS] output, {@code R*d}.
 */
final class TransformerPass implements Architecture.Worker {
  private final FtTransformer net;
  private final int t;
  private final int d;
  private final int hidden;
  private final int k;
  private final PeriodicEmbedding.State embedding;
  private final double[][] x;
  private final double[][] h;
  private final double[][] meanA;
  private final double[][] rstdA;
  private final double[][] hq;
  private final double[][] xq;
  private final double[][] q;
  private final double[][] kv;
  private final double[][] probs;
  private final double[][] attentionMask;
  private final double[][] o;
  private final double[][] x1;
  private final double[][] h2;
  private final double[][] meanF;
  private final double[][] rstdF;
  private final double[][] u;
  private final double[][] z;
  private final double[][] ffnMask;
  private final double[] headNorm;
  private final double[] headMean;
  private final double[] headRstd;
  private final double[] headAct;
  private final double[] logits;
  /** Backward buffers, each sized for the widest use. */
  private final double[] dResA;
  private final double[] dResB;
  private final double[] dX1;
  private final double[] dH2;
  private final double[] dU;
  private final double[] dZ;
  private final double[] dO;
  private final double[] dQ;
  private final double[] dKV;
  private final double[] dH;
  private final double[] dHq;
  private final double[] dp;
  /** Per block: W_q, W_kv, W_o, W_1, W_2 transposed; then the head's. */
  private final double[][][] transposed;
  private final double[] headTransposed;
  private final int[] idx;
  private final double[] val;
  private boolean dropped;

  TransformerPass(FtTransformer net, int capacity) {
    this.net = net;
    this.t = net.tokenizer().tokens();
    this.d = net.dToken();
    this.hidden = net.hidden();
    this.k = net.outputs();
    int blocks = net.blocks();
    int heads = net.heads();
    int all = capacity * t;
    this.embedding = net.embedding() == null ? null : net.embedding().newState(capacity);
    x = new double[blocks + 1][];
    h = new double[blocks][];
    meanA = new double[blocks][all];
    rstdA = new double[blocks][all];
    hq = new double[blocks][];
    xq = new double[blocks][];
    q = new double[blocks][];
    kv = new double[blocks][all * 2 * d];
    probs = new double[blocks][];
    attentionMask = new double[blocks][];
    o = new double[blocks][];
    x1 = new double[blocks][];
    h2 = new double[blocks][];
    meanF = new double[blocks][];
    rstdF = new double[blocks][];
    u = new double[blocks][];
    z = new double[blocks][];
    ffnMask = new double[blocks][];
    transposed = new double[blocks][][];
    for (int l = 0; l < blocks; l++) {
      int rowsQ = capacity * queries(l);
      x[l] = new double[all * d];
      h[l] = l == 0 ? x[0] : new double[all * d];
      boolean gathered = queries(l) != t;
      hq[l] = gathered ? new double[rowsQ * d] : h[l];
      xq[l] = gathered ? new double[rowsQ * d] : x[l];
      q[l] = new double[rowsQ * d];
      probs[l] = new double[rowsQ * heads * t];
      attentionMask[l] = new double[rowsQ * heads * t];
      o[l] = new double[rowsQ * d];
      x1[l] = new double[rowsQ * d];
      h2[l] = new double[rowsQ * d];
      meanF[l] = new double[rowsQ];
      rstdF[l] = new double[rowsQ];
      u[l] = new double[rowsQ * 2 * hidden];
      z[l] = new double[rowsQ * hidden];
      ffnMask[l] = new double[rowsQ * hidden];
      transposed[l] = new double[][] {new double[d * d], new double[2 * d * d], new double[d * d],
          new double[2 * d * hidden], new double[hidden * d]};
    }
    x[blocks] = new double[capacity * d];
    headNorm = new double[capacity * d];
    headMean = new double[capacity];
    headRstd = new double[capacity];
    headAct = new double[capacity * d];
    logits = new double[capacity * k];
    headTransposed = new double[d * k];
    int widest = Math.max(all * Math.max(2 * d, 2 * hidden), capacity * k);
    dResA = new double[all * d];
    dResB = new double[all * d];
    dX1 = new double[all * d];
    dH2 = new double[all * d];
    dU = new double[widest];
    dZ = new double[all * hidden];
    dO = new double[all * d];
    dQ = new double[all * d];
    dKV = new double[all * 2 * d];
    dH = new double[all * d];
    dHq = new double[all * d];
    dp = new double[t];
    idx = new int[Math.max(all, 2 * Math.max(d, hidden) + k)];
    val = new double[idx.length];
  }

  /** Query tokens per row in block l: all of them, or [CLS] alone in the last block. */
  private int queries(int l) {
    return l == net.blocks() - 1 ? 1 : t;
  }

  @Override
  public double[] logits() {
    return logits;
  }

  @Override
  public void forward(double[] p, double[] in, int inOff, int rows) {
    forward(p, in, inOff, rows, null);
  }

  private void forward(double[] p, double[] in, int inOff, int rows, Rng rng) {
    net.tokenizer().forward(p, in, inOff, rows, embedding, x[0]);
    int all = rows * t;
    dropped = rng != null;
    for (int l = 0; l < net.blocks(); l++) {
      int[] b = net.block(l);
      int tq = queries(l);
      int rq = rows * tq;
      if (l > 0) {
        LayerNorm.forward(x[l], all, d, p, b[FtTransformer.Block.NORM_A], h[l], meanA[l], rstdA[l]);
      }
      if (tq != t) {
        for (int r = 0; r < rows; r++) {
          System.arraycopy(h[l], r * t * d, hq[l], r * d, d);
          System.arraycopy(x[l], r * t * d, xq[l], r * d, d);
        }
      }
      Dense.forward(hq[l], 0, rq, d, p, b[FtTransformer.Block.WQ], b[FtTransformer.Block.BQ], d, q[l], idx, val);
      Dense.forward(h[l], 0, all, d, p, b[FtTransformer.Block.WKV], b[FtTransformer.Block.BKV], 2 * d, kv[l], idx,
          val);
      Attention.forward(q[l], kv[l], rows, tq, t, d, net.heads(), probs[l], attentionMask[l],
          net.attentionDropout(), rng, o[l]);
      Dense.forward(o[l], 0, rq, d, p, b[FtTransformer.Block.WO], b[FtTransformer.Block.BO], d, x1[l], idx, val);
      add(xq[l], x1[l], rq * d);
      LayerNorm.forward(x1[l], rq, d, p, b[FtTransformer.Block.NORM_F], h2[l], meanF[l], rstdF[l]);
      Dense.forward(h2[l], 0, rq, d, p, b[FtTransformer.Block.W1], b[FtTransformer.Block.B1], 2 * hidden, u[l],
          idx, val);
      ReGlu.forward(u[l], rq, hidden, z[l]);
      if (rng != null && net.ffnDropout() > 0) {
        double keep = 1.0 / (1.0 - net.ffnDropout());
        double[] m = ffnMask[l];
        for (int i = 0; i < rq * hidden; i++) {
          m[i] = rng.nextDouble() < net.ffnDropout() ? 0.0 : keep;
          z[l][i] *= m[i];
        }
      }
      double[] next = x[l + 1];
      Dense.forward(z[l], 0, rq, hidden, p, b[FtTransformer.Block.W2], b[FtTransformer.Block.B2], d, next, idx,
          val);
      add(x1[l], next, rq * d);
    }
    int head = net.head();
    LayerNorm.forward(x[net.blocks()], rows, d, p, head, headNorm, headMean, headRstd);
    System.arraycopy(headNorm, 0, headAct, 0, rows * d);
    Activation.RELU.apply(headAct, 0, rows * d);
    Dense.forward(headAct, 0, rows, d, p, head + 2 * d, head + 2 * d + d * k, k, logits, idx, val);
  }

  private static void add(double[] from, double[] to, int n) {
    for (int i = 0; i < n; i++) {
      to[i] += from[i];
    }
  }

  @Override
  public double gradient(double[] p, double[] in, int inOff, int rows, Loss loss, double[] target, double[] scale,
      int off, double[] g, Rng dropoutRng) {
    forward(p, in, inOff, rows, dropoutRng);
    transpose(p);
    double[] delta = dU;
    double total = loss.evaluate(logits, rows, k, target, scale, off, delta);
    int head = net.head();
    Dense.accumulateGradient(headAct, 0, delta, rows, d, k, g, head + 2 * d, head + 2 * d + d * k, idx, val);
    Dense.backwardInput(delta, rows, k, headTransposed, d, dO, idx, val);
    Activation.RELU.multiplyDerivative(headAct, dO, 0, rows * d);
    double[] dNext = dResA;
    Arrays.fill(dNext, 0, rows * d, 0.0);
    LayerNorm.backward(x[net.blocks()], rows, d, p, head, headMean, headRstd, dO, dNext, g);
    for (int l = net.blocks() - 1; l >= 0; l--) {
      double[] dIn = dNext == dResA ? dResB : dResA;
      blockBackward(l, p, rows, dNext, dIn, g);
      dNext = dIn;
    }
    net.tokenizer().backward(p, in, inOff, rows, embedding, dNext, g);
    return total;
  }

  /** Backward through block l: from the gradient of its output {@code dOut} to that of its input {@code dIn}. */
  private void blockBackward(int l, double[] p, int rows, double[] dOut, double[] dIn, double[] g) {
    int[] b = net.block(l);
    double[][] wT = transposed[l];
    int tq = queries(l);
    int rq = rows * tq;
    int all = rows * t;
    boolean dropFfn = dropped && net.ffnDropout() > 0;
    System.arraycopy(dOut, 0, dX1, 0, rq * d);
    Dense.accumulateGradient(z[l], 0, dOut, rq, hidden, d, g, b[FtTransformer.Block.W2], b[FtTransformer.Block.B2],
        idx, val);
    Dense.backwardInput(dOut, rq, d, wT[4], hidden, dZ, idx, val);
    if (dropFfn) {
      for (int i = 0; i < rq * hidden; i++) {
        dZ[i] *= ffnMask[l][i];
      }
    }
    ReGlu.backward(u[l], dZ, rq, hidden, dU);
    Dense.accumulateGradient(h2[l], 0, dU, rq, d, 2 * hidden, g, b[FtTransformer.Block.W1],
        b[FtTransformer.Block.B1], idx, val);
    Dense.backwardInput(dU, rq, 2 * hidden, wT[3], d, dH2, idx, val);
    LayerNorm.backward(x1[l], rq, d, p, b[FtTransformer.Block.NORM_F], meanF[l], rstdF[l], dH2, dX1, g);
    Dense.accumulateGradient(o[l], 0, dX1, rq, d, d, g, b[FtTransformer.Block.WO], b[FtTransformer.Block.BO], idx,
        val);
    Dense.backwardInput(dX1, rq, d, wT[2], d, dO, idx, val);
    Attention.backward(q[l], kv[l], rows, tq, t, d, net.heads(), probs[l],
        dropped && net.attentionDropout() > 0 ? attentionMask[l] : null, dO, dQ, dKV, dp);
    Dense.accumulateGradient(hq[l], 0, dQ, rq, d, d, g, b[FtTransformer.Block.WQ], b[FtTransformer.Block.BQ], idx,
        val);
    Dense.accumulateGradient(h[l], 0, dKV, all, d, 2 * d, g, b[FtTransformer.Block.WKV],
        b[FtTransformer.Block.BKV], idx, val);
    Dense.backwardInput(dKV, all, 2 * d, wT[1], d, dH, idx, val);
    Dense.backwardInput(dQ, rq, d, wT[0], d, dHq, idx, val);
    if (tq == t) {
      add(dHq, dH, all * d);
      System.arraycopy(dX1, 0, dIn, 0, all * d);
    } else {
      Arrays.fill(dIn, 0, all * d, 0.0);
      for (int r = 0; r < rows; r++) {
        int cls = r * t * d;
        for (int c = 0; c < d; c++) {
          dH[cls + c] += dHq[r * d + c];
          dIn[cls + c] = dX1[r * d + c];
        }
      }
    }
    if (l > 0) {
      LayerNorm.backward(x[l], all, d, p, b[FtTransformer.Block.NORM_A], meanA[l], rstdA[l], dH, dIn, g);
    } else {
      add(dH, dIn, all * d);
    }
  }

  /** Every weight matrix transposed, for the backward pass; each worker keeps its own copies. */
  private void transpose(double[] p) {
    for (int l = 0; l < net.blocks(); l++) {
      int[] b = net.block(l);
      double[][] wT = transposed[l];
      Dense.transpose(p, b[FtTransformer.Block.WQ], d, d, wT[0]);
      Dense.transpose(p, b[FtTransformer.Block.WKV], d, 2 * d, wT[1]);
      Dense.transpose(p, b[FtTransformer.Block.WO], d, d, wT[2]);
      Dense.transpose(p, b[FtTransformer.Block.W1], d, 2 * hidden, wT[3]);
      Dense.transpose(p, b[FtTransformer.Block.W2], hidden, d, wT[4]);
    }
    Dense.transpose(p, net.head() + 2 * d, d, k, headTransposed);
  }
}
