package dev.boreal.engine.nn;

import dev.boreal.UsageException;
import java.util.Locale;

/**
 * The activation of hidden units, applied in place to a block of pre-activations. The backward pass needs
 * only the activations themselves: every derivative here is a function of f(z), so pre-activations need
 * not be kept.
 */
public enum Activation {
  /** max(0, z); its derivative is 1 where the output is positive. */
  RELU,
  /** tanh(z); derivative 1 - a². */
  TANH,
  /** 1 / (1 + e^-z); derivative a (1 - a). */
  SIGMOID;

  /** The name in parameters and model files: relu, tanh or sigmoid. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The activation named {@code key}.
   *
   * @throws UsageException for an unknown name
   */
  public static Activation of(String key) {
    for (Activation a : values()) {
      if (a.key().equals(key)) {
        return a;
      }
    }
    throw new UsageException("Unknown activation '" + key + "'; expected relu, tanh or sigmoid.");
  }

  /** Replaces {@code z[from .. to)} by its activation. */
  void apply(double[] z, int from, int to) {
    switch (this) {
      case RELU:
        for (int i = from; i < to; i++) {
          // Clears negative values through their sign bit: no branch for the predictor to miss on the
          // half of the units that are off. -0.0 becomes +0.0.
          long bits = Double.doubleToRawLongBits(z[i]);
          z[i] = Double.longBitsToDouble(bits & ~(bits >> 63));
        }
        break;
      case TANH:
        for (int i = from; i < to; i++) {
          z[i] = Math.tanh(z[i]);
        }
        break;
      default:
        for (int i = from; i < to; i++) {
          z[i] = sigmoid(z[i]);
        }
        break;
    }
  }

  /**
   * Multiplies gradients by the derivative at each unit: {@code grad[i] *= f'(z_i)}, with f'(z) computed
   * from the activation {@code a[i] = f(z_i)}.
   */
  void multiplyDerivative(double[] a, double[] grad, int from, int to) {
    switch (this) {
      case RELU:
        for (int i = from; i < to; i++) {
          // a is +0.0 or positive; the mask is all ones exactly when a's bits are not zero. No branch.
          long bits = Double.doubleToRawLongBits(a[i]);
          long keep = (bits | -bits) >> 63;
          grad[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(grad[i]) & keep);
        }
        break;
      case TANH:
        for (int i = from; i < to; i++) {
          grad[i] *= 1.0 - a[i] * a[i];
        }
        break;
      default:
        for (int i = from; i < to; i++) {
          grad[i] *= a[i] * (1.0 - a[i]);
        }
        break;
    }
  }

  /** The logistic function, computed without overflow for large |z|. */
  static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }
}
