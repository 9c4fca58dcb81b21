package dev.boreal.engine.nn;

/**
 * Updates a flat parameter array from its gradient: SGD with (heavy-ball) momentum, Adam (Kingma & Ba
 * 2014), or AdamW (Loshchilov & Hutter 2019), each step one loop over the parameters; plus the learning-rate
 * schedule over epochs.
 *
 * <p>Adam, as in the paper and in scikit-learn: {@code m = β1 m + (1-β1) g}, {@code v = β2 v + (1-β2) g²},
 * {@code p -= lr · sqrt(1-β2^t) / (1-β1^t) · m / (sqrt(v) + ε)}. AdamW first shrinks the decayed parameters,
 * {@code p -= lr · weight_decay · p}, as PyTorch's {@code AdamW} does, then takes the Adam step; the decay
 * is decoupled from the gradient, so it does not pass through the moments. SGD:
 * {@code u = momentum · u - lr · g}, {@code p += u}.
 */
final class Optimizer {
  /** How the learning rate changes with the epoch. */
  enum Schedule {
    /** The same rate every epoch. */
    CONSTANT,
    /** {@code rate / sqrt(1 + epoch)}. */
    INVSCALING,
    /** Half a cosine from the rate at epoch 0 down to 0 after {@code max_epochs}. */
    COSINE;

    /** The rate of {@code epoch} (0-based) out of {@code maxEpochs}. */
    double rate(double base, int epoch, int maxEpochs) {
      switch (this) {
        case INVSCALING: return base / Math.sqrt(1.0 + epoch);
        case COSINE: return base * 0.5 * (1.0 + Math.cos(Math.PI * epoch / maxEpochs));
        default: return base;
      }
    }
  }

  private final boolean adam;
  private final double momentum;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  /** SGD's velocity, or Adam's first moment. */
  private final double[] first;
  /** Adam's second moment; null for SGD. */
  private final double[] second;
  /** AdamW's decoupled weight decay, and which parameters it shrinks; 0 and null otherwise. */
  private final double decoupledDecay;
  private final boolean[] decayed;
  private long steps;

  private Optimizer(boolean adam, int size, double momentum, double beta1, double beta2, double epsilon,
      double decoupledDecay, boolean[] decayed) {
    this.adam = adam;
    this.decoupledDecay = decoupledDecay;
    this.decayed = decayed;
    this.momentum = momentum;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.first = new double[size];
    this.second = adam ? new double[size] : null;
  }

  /** Adam over {@code size} parameters. */
  static Optimizer adam(int size, double beta1, double beta2, double epsilon) {
    return new Optimizer(true, size, 0, beta1, beta2, epsilon, 0, null);
  }

  /**
   * AdamW over {@code decayed.length} parameters.
   *
   * @param weightDecay the decoupled decay rate
   * @param decayed which parameters the decay shrinks (weight matrices; not biases, norms or embeddings)
   */
  static Optimizer adamW(double beta1, double beta2, double epsilon, double weightDecay, boolean[] decayed) {
    return new Optimizer(true, decayed.length, 0, beta1, beta2, epsilon, weightDecay, decayed.clone());
  }

  /** Whether the weight decay is decoupled (AdamW) rather than added to the gradient as an L2 penalty. */
  boolean decouplesDecay() {
    return decayed != null;
  }

  /** SGD with momentum over {@code size} parameters (momentum 0: plain SGD). */
  static Optimizer sgd(int size, double momentum) {
    return new Optimizer(false, size, momentum, 0, 0, 0, 0, null);
  }

  /** One update of {@code p} (updated) from gradient {@code g} (read) at learning rate {@code rate}. */
  void step(double[] p, double[] g, double rate) {
    steps++;
    int n = p.length;
    double[] m = first;
    if (!adam) {
      for (int i = 0; i < n; i++) {
        m[i] = momentum * m[i] - rate * g[i];
        p[i] += m[i];
      }
      return;
    }
    if (decayed != null) {
      double shrink = rate * decoupledDecay;
      for (int i = 0; i < n; i++) {
        p[i] -= decayed[i] ? shrink * p[i] : 0.0;
      }
    }
    double[] v = second;
    double b1 = beta1;
    double b2 = beta2;
    double eps = epsilon;
    // Bias correction folded into the step size, as the paper's efficient form does.
    double stepSize = rate * Math.sqrt(1.0 - Math.pow(b2, steps)) / (1.0 - Math.pow(b1, steps));
    for (int i = 0; i < n; i++) {
      double gi = g[i];
      m[i] = b1 * m[i] + (1.0 - b1) * gi;
      v[i] = b2 * v[i] + (1.0 - b2) * gi * gi;
      p[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + eps);
    }
  }
}
