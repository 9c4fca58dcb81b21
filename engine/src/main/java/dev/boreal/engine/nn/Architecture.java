package dev.boreal.engine.nn;

import dev.boreal.engine.Rng;

/**
 * The shape of a network, as a training run and a model use it: how many parameters it has in one flat
 * array, how they start, which of them weight decay shrinks, and a {@link Worker} that runs the forward and
 * backward pass over one block of rows. {@link Perceptron} (the MLP) and {@link FtTransformer} are the two
 * shapes; {@link TrainingRun} trains either the same way.
 */
interface Architecture {
  /** What messages call the net: "MLP" or "FT-Transformer". */
  String displayName();

  /** Encoded inputs per row ({@link Preprocessing#inputs()}). */
  int inputs();

  /** Outputs (logits) per row. */
  int outputs();

  /** Number of parameters. */
  int parameters();

  /** Rows per parallel block of a batch. */
  int blockRows();

  /**
   * Most blocks of a batch in flight at once on {@code threads} threads, each with its own worker and
   * gradient buffer. Block gradients are added in block order whatever the number, so it bounds memory
   * (and the number of times a batch waits for its threads) without changing results.
   */
  int maxWorkers(int threads);

  /** Whether training drops units out, so that workers need a dropout generator. */
  boolean dropsOut();

  /** Writes the initial parameters into {@code p}, drawn from {@code seed} alone. */
  void initialise(double[] p, long seed);

  /**
   * Which parameters weight decay applies to: weight matrices, not biases, normalisation gains or embeddings
   * (the rtdl recipe).
   */
  boolean[] decayed();

  /** A worker for blocks of up to {@code capacity} rows; one per parallel block in flight. */
  Worker newWorker(int capacity);

  /** The trained network of this shape with parameters {@code p}, which the caller no longer touches. */
  NeuralNet trained(Loss loss, double[] p);

  /**
   * The forward and backward pass over one block of rows, with every buffer allocated once, in the worker,
   * and reused for each block. Not thread-safe: one block at a time.
   */
  interface Worker {
    /**
     * Forward pass in inference mode (no dropout).
     *
     * @param p parameters (read)
     * @param x the rows, {@code rows * inputs} values from {@code xOff} (read)
     */
    void forward(double[] p, double[] x, int xOff, int rows);

    /** The logits of the last forward pass, {@code rows * outputs}, row-major. */
    double[] logits();

    /**
     * Forward pass, then the backward pass: adds this block's gradient of {@code sum_r scale_r * loss_r}
     * with respect to every parameter to {@code g}.
     *
     * @param p parameters (read)
     * @param x the rows, {@code rows * inputs} values from {@code xOff} (read)
     * @param target per row from {@code off}: what {@link Loss#evaluate} takes (read)
     * @param scale per row from {@code off}: weight / batch weight (read)
     * @param g gradient accumulator laid out as the parameters (updated)
     * @param dropoutRng draws the dropout masks; null trains without dropout
     * @return {@code sum_r scale_r * loss_r} over the block
     */
    double gradient(double[] p, double[] x, int xOff, int rows, Loss loss, double[] target, double[] scale,
        int off, double[] g, Rng dropoutRng);
  }
}
